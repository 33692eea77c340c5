using Horadus.Core.Services;
using Horadus.Manifest.Schema;
using Horadus.Manifest.Yaml;

namespace Horadus.Manifest.Reading;

/// <summary>
/// <c>after</c> must name declared services other than the service itself, without cycles: otherwise no restart
/// order exists, and we would only find out in the middle of a rotation.
/// </summary>
internal static class ServiceOrderCheck
{
    public static void Check(LoadContext context, string servicesPointer, IReadOnlyList<ServiceSpec> services)
    {
        var names = services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        string AfterPointer(string service, int index) => JsonPointerText.Append(JsonPointerText.Append(JsonPointerText.Append(servicesPointer, service), "after"), index);

        foreach (var service in services)
        {
            for (var i = 0; i < service.After.Count; i++)
            {
                var other = service.After[i];
                if (other == service.Name)
                {
                    context.Error(AfterPointer(service.Name, i), $"service '{service.Name}' cannot wait for itself");
                }
                else if (service.Swarm is null && services.FirstOrDefault(s => s.Name == other) is { Swarm: not null })
                {
                    // Swarm updates run after the containers of this host: the other way round has no order to keep.
                    context.Error(AfterPointer(service.Name, i), $"service '{service.Name}' runs on this host and cannot wait for swarm service '{other}'",
                        "a swarm service may come after a compose or labels service, not the other way round");
                }
                else if (!names.Contains(other))
                {
                    var suggestion = Suggestions.Closest(other, names);
                    var detail = suggestion is null ? "declared services: " + string.Join(", ", names) : $"did you mean '{suggestion}'?";
                    context.Error(AfterPointer(service.Name, i), $"unknown service '{other}' in 'after'", detail);
                }
            }
        }

        ReportCycles(context, services, names, AfterPointer);
    }

    /// <summary>Depth-first search; each cycle is reported once, at the 'after' entry that closes it.</summary>
    private static void ReportCycles(LoadContext context, IReadOnlyList<ServiceSpec> services, HashSet<string> names, Func<string, int, string> afterPointer)
    {
        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        void Visit(ServiceSpec service)
        {
            path.Add(service.Name);
            for (var i = 0; i < service.After.Count; i++)
            {
                var other = service.After[i];
                if (other == service.Name || !names.Contains(other) || done.Contains(other))
                {
                    continue;
                }

                var onPath = path.IndexOf(other);
                if (onPath >= 0)
                {
                    var cycle = string.Join(" -> ", path.Skip(onPath).Append(other));
                    context.Error(afterPointer(service.Name, i), "services wait for each other in a cycle", cycle + "; no restart order can satisfy it");
                    continue;
                }

                Visit(byName[other]);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(service.Name);
        }

        foreach (var service in services.Where(s => !done.Contains(s.Name)))
        {
            Visit(service);
        }
    }
}
