using System.Text.Json.Serialization;

namespace Horadus.Core.Planning;

/// <summary>Terraform's markers: + create, ~ update in place, - delete, -/+ replace.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeAction>))]
public enum ChangeAction
{
    Create,
    Update,
    Delete,
    Replace,

    /// <summary>Changes nothing on the host, but the run depends on it: a pre-flight, a health gate, a verdict to record.</summary>
    Check,
}
