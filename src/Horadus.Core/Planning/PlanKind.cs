using System.Text.Json.Serialization;

namespace Horadus.Core.Planning;

/// <summary>What a plan is for: converging on the manifest, or going back to an earlier release.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanKind>))]
public enum PlanKind
{
    Apply,
    Rollback,
}
