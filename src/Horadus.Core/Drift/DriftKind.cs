using System.Text.Json.Serialization;

namespace Horadus.Core.Drift;

/// <summary>What differs between the host and the manifest. Housekeeping (retention due) is not drift.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DriftKind>))]
public enum DriftKind
{
    /// <summary>The desired release is not on the host yet (a rotation is pending).</summary>
    ReleaseMissing,

    /// <summary>A file or directory has another owner or mode than the manifest says.</summary>
    Attributes,

    /// <summary>The desired release on the host holds other content than its values.</summary>
    Content,

    /// <summary><c>current</c> names another release than the one that must be live.</summary>
    Current,

    /// <summary>Containers run another release than the live one, or are wired differently (mount, <c>*_FILE</c> variables).</summary>
    StaleContainers,

    /// <summary>The live release was never proven by its gates (a run stopped before its verdict).</summary>
    Unproven,

    /// <summary>A container set aside by a run that did not finish.</summary>
    SetAside,

    /// <summary>A half-written release or deletion left by an interrupted run.</summary>
    StagingLeftover,

    /// <summary>A container passes a secret as a raw environment value.</summary>
    RawSecret,

    /// <summary>Something under the root that Horadus did not write.</summary>
    Foreign,

    /// <summary>A swarm service's spec references another release's secret versions, or was updated by hand.</summary>
    SwarmService,

    /// <summary>A swarm secret carries Horadus's labels but was made or edited by hand.</summary>
    SwarmSecret,
}
