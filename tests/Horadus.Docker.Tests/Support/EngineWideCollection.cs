namespace Horadus.Docker.Tests.Support;

/// <summary>
/// Tests that watch what acts on every container of a kind on the engine (the sweep of expired one-offs that any new
/// engine's first one-off runs): they run alone, or a parallel test's engine could sweep their leftovers first.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EngineWideCollection
{
    public const string Name = "engine-wide";
}
