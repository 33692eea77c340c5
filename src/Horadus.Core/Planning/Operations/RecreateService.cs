namespace Horadus.Core.Planning;

/// <summary>Replace a service's containers with new ones on the release <c>current</c> names, then gate on health.</summary>
public sealed record RecreateService(string Service, IReadOnlyList<string> ContainerIds, int Wave) : Operation;
