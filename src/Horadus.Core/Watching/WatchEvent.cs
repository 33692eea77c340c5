using System.Text.Json.Serialization;

namespace Horadus.Core.Watching;

/// <summary>A state transition worth telling a person about: sent once when it happens, never again while the state persists.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WatchEvent>))]
public enum WatchEvent
{
    DriftAppeared,
    DriftResolved,
    ApplySucceeded,
    ApplyFailed,
    RolledBack,
    Suspended,
    Resumed,
    ErrorAppeared,
    ErrorResolved,
}
