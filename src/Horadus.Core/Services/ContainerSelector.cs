namespace Horadus.Core.Services;

/// <summary>How a service's containers are found: compose labels, or an explicit label selector.</summary>
public sealed record ContainerSelector(IReadOnlyDictionary<string, string> Labels)
{
    public const string ComposeProjectLabel = "com.docker.compose.project";
    public const string ComposeServiceLabel = "com.docker.compose.service";

    public static ContainerSelector Compose(string project, string service) => new(new Dictionary<string, string>
    {
        [ComposeProjectLabel] = project,
        [ComposeServiceLabel] = service,
    });

    public override string ToString() => string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
