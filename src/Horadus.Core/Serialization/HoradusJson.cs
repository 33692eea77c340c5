using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Drift;
using Horadus.Core.Execution;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Core.Swarm;
using Horadus.Core.Watching;

namespace Horadus.Core.Serialization;

/// <summary>
/// What every JSON document of Horadus shares, without reflection (the published binary is compiled ahead of time, where
/// reflection-based serialization finds no properties and writes <c>{}</c>): types come from source-generated contexts,
/// and enums are written snake_case by one generic converter per enum, listed here.
/// </summary>
public static class HoradusJson
{
    /// <summary>Every enum a document, the journal or a state file can hold (a test holds this list to the assembly's enums).</summary>
    public static IReadOnlyList<JsonConverter> SnakeCaseEnums { get; } =
    [
        Snake<ApplyKind>(), Snake<ApplyOutcome>(), Snake<ApplyStatus>(), Snake<ApprovalVerdict>(), Snake<ChangeAction>(),
        Snake<ContainerHealth>(), Snake<ContainerState>(), Snake<CycleState>(), Snake<DeploymentEnvironment>(), Snake<DriftKind>(),
        Snake<DriftPolicy>(), Snake<EntryType>(), Snake<FingerprintKeySource>(), Snake<GateKind>(), Snake<ManifestSourceFailure>(),
        Snake<ManifestSourceProblem>(), Snake<PlanKind>(), Snake<ReleaseState>(), Snake<ReleaseVerdict>(), Snake<Severity>(),
        Snake<SwarmTaskState>(), Snake<SwarmUpdateOrder>(), Snake<SwarmUpdateStatus>(), Snake<WatchEvent>(),
    ];

    /// <summary>Options for <paramref name="resolver"/>'s types: snake_case names and enums, plus what <paramref name="configure"/> adds.</summary>
    public static JsonSerializerOptions Options(IJsonTypeInfoResolver resolver, Action<JsonSerializerOptions>? configure = null)
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = resolver, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        foreach (var converter in SnakeCaseEnums)
        {
            options.Converters.Add(converter);
        }

        configure?.Invoke(options);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The metadata of <typeparamref name="T"/> in <paramref name="options"/>: the overloads that need no reflection take it.</summary>
    public static JsonTypeInfo<T> Info<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    private static JsonStringEnumConverter<T> Snake<T>()
        where T : struct, Enum => new(JsonNamingPolicy.SnakeCaseLower);
}

/// <summary>The core's own serialized type: a plan step, compared whole between a saved plan and a fresh one.</summary>
[JsonSerializable(typeof(Change))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
