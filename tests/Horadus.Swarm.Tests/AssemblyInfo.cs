// The swarm tests own two engines while they run: one at a time.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
