using Docker.DotNet;
using Docker.DotNet.Models;
using Horadus.Core.Services;

namespace Horadus.Docker;

public sealed partial class DockerContainerEngine
{
    /// <summary>
    /// The selector's containers, those set aside by a replacement included, flagged <see cref="ObservedContainer.SetAside"/>
    /// (with the name they had, when it can be told) and listed after the others: see <see cref="AsideContainers"/>.
    /// </summary>
    public async Task<IReadOnlyList<ObservedContainer>> FindAsync(
        ContainerSelector selector, IReadOnlyCollection<string> secretVariables, CancellationToken cancellationToken)
    {
        var listed = await ListAsync(selector.Labels.Select(l => $"{l.Key}={l.Value}"), $"list containers labelled {selector}", cancellationToken);
        var replacements = await ReplacementsAsync(cancellationToken);
        var replacedIds = replacements.Keys.ToHashSet(StringComparer.Ordinal);
        var found = new List<ObservedContainer>();
        foreach (var summary in listed)
        {
            var name = summary.Names?.FirstOrDefault()?.TrimStart('/') ?? string.Empty;
            var observed = await InspectIfStillThereAsync(summary.ID, secretVariables, cancellationToken);
            if (observed is null)
            {
                continue;
            }

            if (AsideContainers.IsAside(summary.ID, name, summary.Labels, replacedIds))
            {
                observed = observed with
                {
                    SetAside = true,
                    OriginalName = AsideContainers.OriginalName(observed.Name, replacements.GetValueOrDefault(summary.ID)),
                };
            }

            found.Add(observed);
        }

        return found.OrderBy(c => c.SetAside).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
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
        var inspect = await TryInspectAsync(containerId, cancellationToken);
        return inspect is null ? null : ContainerMapper.ToObserved(inspect, secretVariables, _bindSources);
    }

    /// <summary>
    /// Old containers named by a replacement's <c>horadus.replaces</c> label are aside, whatever their name now;
    /// the replacement carries the name the old one had.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> ReplacementsAsync(CancellationToken cancellationToken)
    {
        var replacements = await ListAsync([AsideContainers.ReplacesLabel], "list replacement containers", cancellationToken);
        var byOldId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var replacement in replacements)
        {
            if (replacement.Labels is not null && replacement.Labels.TryGetValue(AsideContainers.ReplacesLabel, out var oldId))
            {
                byOldId[oldId] = replacement.Names?.FirstOrDefault()?.TrimStart('/') ?? string.Empty;
            }
        }

        return byOldId;
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
