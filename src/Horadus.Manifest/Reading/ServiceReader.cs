using System.Text.Json;
using System.Text.Json.Nodes;
using Horadus.Core.Services;
using Horadus.Core.Swarm;

namespace Horadus.Manifest.Reading;

/// <summary><c>services</c>: each service's selector, mount, stop timeout, order, pre-flight and health gates, with defaults.</summary>
internal static class ServiceReader
{
    public const string DefaultMountPath = "/run/secrets/horadus";
    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultPreflightTimeout = TimeSpan.FromSeconds(60);
    public const int DefaultHttpStatus = 200;
    public static readonly TimeSpan DefaultHttpTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultHttpInterval = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<ServiceSpec> ReadAll(ObjectReader root)
    {
        var services = root.Map("services");
        if (services is null)
        {
            return [];
        }

        var specs = new List<ServiceSpec>();
        foreach (var (name, _) in services)
        {
            var service = new ObjectReader(root.Context, services[name] as JsonObject, Yaml.JsonPointerText.Append(root.PointerOf("services"), name), ManifestKeys.Service);
            if (service.Exists)
            {
                specs.Add(Read(name, service));
            }
        }

        ServiceOrderCheck.Check(root.Context, root.PointerOf("services"), specs);
        return specs;
    }

    private static ServiceSpec Read(string name, ObjectReader service) => new(
        name,
        ReadSelector(name, service),
        service.String("mount_path") is { } mount && mount.StartsWith('/') ? mount : DefaultMountPath,
        service.Duration("stop_timeout", DefaultStopTimeout),
        service.Strings("after"),
        ReadHealth(service.Child("health", ManifestKeys.Health)),
        ReadPreflight(service.Child("preflight", ManifestKeys.Preflight)))
    {
        Swarm = ReadSwarm(name, service.Child("swarm", ManifestKeys.Swarm)),
        StartFirst = ReadStartFirst(service),
        Reload = ReadReload(service),
    };

    private static ReloadStrategy? ReadReload(ObjectReader service)
    {
        var reload = service.Child("reload", ManifestKeys.Reload);
        if (!reload.Exists)
        {
            return null;
        }

        if (service.Has("swarm"))
        {
            service.Context.Error(service.PointerOf("reload"), "a swarm service cannot reload: its secrets are swarm secrets, fixed in each task",
                "remove reload; Swarm rolls its tasks out on a rotation (swarm.update.order: start-first keeps one running)", atKey: true);
        }

        var signal = reload.String("signal");
        return new ReloadStrategy(signal is null || signal == ReloadStrategy.NoSignal ? null : signal);
    }

    private static bool ReadStartFirst(ObjectReader service)
    {
        var order = service.String("order");
        if (order is not null && service.Has("swarm"))
        {
            service.Context.Error(service.PointerOf("order"), "a swarm service's order is swarm.update.order", "move it there: swarm: { update: { order: " + order + " } }", atKey: true);
        }

        return order == "start-first";
    }

    private static ContainerSelector ReadSelector(string name, ObjectReader service)
    {
        var compose = service.Child("compose", ManifestKeys.Compose);
        var labels = service.Map("labels");
        var hasLabels = service.Has("labels");
        var ways = new[] { "compose", "labels", "swarm" }.Where(service.Has).ToList();
        if (ways.Count > 1)
        {
            service.Context.Error(service.PointerOf(ways[1]), $"give exactly one of 'compose', 'labels' or 'swarm', not {ways[0]} and {ways[1]}",
                "compose and labels find containers on this host, swarm names a swarm service: a service is one of them", atKey: true);
        }
        else if (ways.Count == 0)
        {
            service.Context.Error(service.Pointer, $"service '{name}' needs 'compose', 'labels' or 'swarm'", "say how its containers are found, such as compose: { project: horadus }", atKey: true);
        }

        if (!compose.Exists && !hasLabels)
        {
            // A swarm service (or one already reported): no container of this host is ever selected for it.
            return new ContainerSelector(new Dictionary<string, string>());
        }

        if (compose.Exists)
        {
            return ContainerSelector.Compose(compose.String("project") ?? "", compose.String("service") ?? name);
        }

        return new ContainerSelector(ReadLabels(labels));
    }

    /// <summary>A label mapping's string values (others were reported by the schema).</summary>
    private static Dictionary<string, string> ReadLabels(JsonObject? labels)
    {
        var selected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? [])
        {
            if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
            {
                selected[key] = text.GetValue<string>();
            }
        }

        return selected;
    }

    private static SwarmTarget? ReadSwarm(string name, ObjectReader swarm)
    {
        if (!swarm.Exists)
        {
            return null;
        }

        var ways = new[] { "service", "stack", "labels" }.Where(swarm.Has).ToList();
        if (ways.Count != 1)
        {
            swarm.Context.Error(ways.Count > 1 ? swarm.PointerOf(ways[1]) : swarm.Pointer,
                ways.Count > 1 ? $"give exactly one of 'service', 'stack' or 'labels', not {ways[0]} and {ways[1]}" : $"swarm service '{name}' needs 'service', 'stack' or 'labels'",
                "service is the full name (`docker service ls`), stack names it <stack>_<service key>, labels find the one service that has them", atKey: true);
        }

        var update = swarm.Child("update", ManifestKeys.SwarmUpdate);
        var defaults = SwarmUpdateSettings.Default;
        var settings = new SwarmUpdateSettings(
            update.Integer("parallelism") is { } parallelism and >= 1 and <= 1000 ? parallelism : defaults.Parallelism,
            update.Duration("delay", defaults.Delay),
            update.String("order") == "start-first" ? SwarmUpdateOrder.StartFirst : SwarmUpdateOrder.StopFirst,
            update.Duration("monitor", defaults.Monitor));
        var service = swarm.String("service") ?? (swarm.String("stack") is { } stack ? $"{stack}_{name}" : string.Empty);
        return new SwarmTarget(service, settings) { Labels = swarm.Has("labels") ? ReadLabels(swarm.Map("labels")) : null };
    }

    private static PreflightCommand? ReadPreflight(ObjectReader preflight) => preflight.Exists
        ? new PreflightCommand(
            preflight.Strings("command"),
            preflight.String("expect_output"),
            preflight.Duration("timeout", DefaultPreflightTimeout),
            ReadEntrypoint(preflight))
        : null;

    /// <summary>
    /// Compose's two spellings: a string is one program, never split (the schema refuses spaces in it), a list is a program
    /// and its arguments; "" and [] reset the entrypoint. Absent (or of the wrong type, already reported) keeps the service's.
    /// </summary>
    private static IReadOnlyList<string>? ReadEntrypoint(ObjectReader preflight) => preflight.String("entrypoint") switch
    {
        { Length: 0 } => [],
        { } program => [program],
        null => preflight.List("entrypoint") is null ? null : preflight.Strings("entrypoint"),
    };

    private static HealthGates ReadHealth(ObjectReader health)
    {
        var defaults = HealthGates.Default;
        var http = ReadHttp(health.Child("http", ManifestKeys.Http));
        return new HealthGates(
            http,
            health.Boolean("container_healthcheck") ?? defaults.ContainerHealthcheck,
            health.Duration("stable_for", defaults.StableFor),
            health.List("log_failure_patterns") is null ? defaults.LogFailurePatterns : health.Strings("log_failure_patterns"),
            health.Duration("deadline", defaults.Deadline));
    }

    private static HttpGate? ReadHttp(ObjectReader http)
    {
        var status = http.Integer("status") is { } code and >= 100 and <= 599 ? code : DefaultHttpStatus;
        var body = http.String("body");
        var timeout = http.Duration("timeout", DefaultHttpTimeout);
        var interval = http.Duration("interval", DefaultHttpInterval);
        var text = http.String("url");
        if (!http.Exists || text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            // Only report what the schema's pattern let through; a second message for the same mistake is noise.
            if (text.StartsWith("http://", StringComparison.Ordinal) || text.StartsWith("https://", StringComparison.Ordinal))
            {
                http.Context.Error(http.PointerOf("url"), "the URL is not valid", $"found \"{text}\"");
            }

            return null;
        }

        return new HttpGate(url, status, body, timeout, interval);
    }
}
