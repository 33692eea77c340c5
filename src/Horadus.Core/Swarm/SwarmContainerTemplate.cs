namespace Horadus.Core.Swarm;

/// <summary>
/// What a swarm service's tasks are made from, as far as a one-off container needs it (the pre-flight): the image, the
/// user, the environment (<c>KEY=value</c>, never shown) and the entrypoint override (the spec's <c>Command</c>), if any.
/// </summary>
public sealed record SwarmContainerTemplate(string Image, string? User, IReadOnlyList<string> Environment, IReadOnlyList<string>? Entrypoint);
