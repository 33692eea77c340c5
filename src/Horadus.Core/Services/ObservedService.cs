namespace Horadus.Core.Services;

/// <summary>
/// The containers found for one service of the manifest, those set aside by an unfinished apply included
/// (<see cref="ObservedContainer.SetAside"/>); <see cref="Own"/> are the service's own.
/// </summary>
public sealed record ObservedService(string Name, IReadOnlyList<ObservedContainer> Containers)
{
    /// <summary>The service's containers: every one found but those set aside.</summary>
    public IReadOnlyList<ObservedContainer> Own => Containers.Where(c => !c.SetAside).ToList();

    /// <summary>Old containers set aside by an apply that did not finish.</summary>
    public IReadOnlyList<ObservedContainer> SetAside => Containers.Where(c => c.SetAside).ToList();
}
