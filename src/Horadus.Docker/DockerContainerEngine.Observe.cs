using Docker.DotNet;
using Docker.DotNet.Models;
using Horadus.Core.Services;

namespace Horadus.Docker;

public sealed partial class DockerContainerEngine
{
    public async Task<IReadOnlyList<ObservedContainer>> FindAsync(
        ContainerSelector selector, IReadOnlyCollection<string> secretVariables, CancellationToken cancellationToken)
    {
        var listed = await ListAsync(selector.Labels.Select(l => $"{l.Key}={l.Value}"), $"list containers labelled {selector}", cancellationToken);
        var replacedIds = await ReplacedIdsAsync(cancellationToken);
        var found = new List<ObservedContainer>();
        foreach (var summary in listed)
        {
            var name = summary.Names?.FirstOrDefault()?.TrimStart('/') ?? string.Empty;
            if (AsideContainers.IsAside(summary.ID, name, summary.Labels, replacedIds))
            {
                continue;
            }

            var observed = await InspectIfStillThereAsync(summary.ID, secretVariables, cancellationToken);
            if (observed is not null)
            {
                found.Add(observed);
            }
        }

        return found.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<ObservedContainer> InspectAsync(string containerId, IReadOnlyCollection<string> secretVariables, CancellationToken cancellationToken)
    {
        var inspect = await InspectRawAsync(containerId, cancellationToken);
        return ContainerMapper.ToObserved(inspect, secretVariables, _bindSources);
    }

    private Task<ContainerInspectResponse> InspectRawAsync(string containerId, CancellationToken cancellationToken) =>
        CallAsync($"inspect container {containerId}", (c, ct) => c.Containers.InspectContainerAsync(containerId, ct), cancellationToken);

    /// <summary>A container removed between list and inspect is simply not there any more.</summary>
    private async Task<ObservedContainer?> InspectIfStillThereAsync(string containerId, IReadOnlyCollection<string> secretVariables, CancellationToken cancellationToken)
    {
        var inspect = await CallAsync(
            $"inspect container {containerId}",
            async (c, ct) =>
            {
                try
                {
                    return await c.Containers.InspectContainerAsync(containerId, ct);
                }
                catch (DockerContainerNotFoundException)
                {
                    return null;
                }
            },
            cancellationToken);
        return inspect is null ? null : ContainerMapper.ToObserved(inspect, secretVariables, _bindSources);
    }

    /// <summary>Old containers named by a replacement's <c>horadus.replaces</c> label are aside, whatever their name now.</summary>
    private async Task<IReadOnlySet<string>> ReplacedIdsAsync(CancellationToken cancellationToken)
    {
        var replacements = await ListAsync([AsideContainers.ReplacesLabel], "list replacement containers", cancellationToken);
        return replacements
            .Select(r => r.Labels is not null && r.Labels.TryGetValue(AsideContainers.ReplacesLabel, out var oldId) ? oldId : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    private Task<IList<ContainerListResponse>> ListAsync(IEnumerable<string> labelFilters, string action, CancellationToken cancellationToken)
    {
        var parameters = new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = labelFilters.ToDictionary(f => f, _ => true, StringComparer.Ordinal),
            },
        };
        return CallAsync(action, (c, ct) => c.Containers.ListContainersAsync(parameters, ct), cancellationToken);
    }
}
