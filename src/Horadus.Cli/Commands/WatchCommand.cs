using System.CommandLine;
using System.Net;
using Horadus.Cli.Composition;
using Horadus.Cli.Watching;
using Horadus.Core.Watching;
using Horadus.Manifest.Reading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Horadus.Cli.Commands;

/// <summary>
/// <c>horadus watch</c>: the long-running mode. Each interval: read the manifest and its values again, observe, plan, and
/// report the drift or correct it. Runs under systemd (Type=notify) or in a terminal; SIGTERM lets an apply roll back.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var interval = Duration("--interval", "How often to check", TimeSpan.FromMinutes(5));
        var policy = new Option<DriftPolicy>("--policy") { Description = "report: detect and say so; correct: apply (auto-approved) when the host drifted or the manifest changed", DefaultValueFactory = _ => DriftPolicy.Report };
        var debounce = Duration("--debounce", "After a new release is seen, wait this long and read the manifest again, so a burst of changes gives one rotation", TimeSpan.FromSeconds(10));
        var webhook = new Option<Uri?>("--webhook")
        {
            Description = "POST a JSON notification here on each state transition (drift appeared or resolved, apply succeeded, failed or rolled back, suspended)",
            HelpName = "URL",
            CustomParser = argument =>
            {
                var text = argument.Tokens.Count > 0 ? argument.Tokens[0].Value : string.Empty;
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
                {
                    return url;
                }

                argument.AddError($"--webhook: '{text}' is not an http(s) URL");
                return null;
            },
        };
        var metrics = new Option<string?>("--metrics") { Description = "Serve Prometheus metrics on this loopback address, e.g. 127.0.0.1:9464 (at /metrics)", HelpName = "HOST:PORT" };
        var gitRepository = new Option<string?>("--git-repository") { Description = "Fetch the manifest from this git repository (path or URL) each cycle, instead of reading it from disk", HelpName = "URL" };
        var gitRef = new Option<string>("--git-ref") { Description = "The branch, tag or full commit SHA to follow", HelpName = "REF", DefaultValueFactory = _ => "main" };
        var gitPath = new Option<string>("--git-path") { Description = "The manifest's path inside the repository", HelpName = "PATH", DefaultValueFactory = _ => Horadus.Host.Git.GitSourceOptions.DefaultManifestPath };
        var gitCache = new Option<string?>("--git-cache") { Description = "Where the repository is kept between cycles [default: /var/cache/horadus/git as root, else ~/.cache/horadus/git]", HelpName = "DIR" };
        var gitSigners = new Option<string?>("--git-allowed-signers") { Description = "Apply only commits signed (git SSH signatures) by a key in this allowed-signers file", HelpName = "FILE" };
        var once = new Option<bool>("--once") { Description = "Run one cycle and exit: 0 in sync or corrected, 2 drifted, 1 failed" };
        var lockTimeout = CommonOptions.LockTimeout();
        var command = new Command("watch", "Keep the host on the manifest: check it every interval, report drift or correct it");
        common.AddTo(command);
        foreach (var option in new Option[] { interval, policy, debounce, webhook, metrics, once, lockTimeout, gitRepository, gitRef, gitPath, gitCache, gitSigners })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            context.StopsOnSignal = true;
            (string Host, int Port)? endpoint = null;
            if (result.GetValue(metrics) is { } address)
            {
                endpoint = LoopbackEndpoint(address);
                if (endpoint is null)
                {
                    context.Error.WriteLine($"error: --metrics: '{address}' is not a loopback HOST:PORT (127.0.0.1:9464, [::1]:9464, localhost:9464); metrics are never served beyond this host");
                    return ExitCodes.Error;
                }
            }

            Horadus.Host.Git.GitSourceOptions? git = null;
            if (result.GetValue(gitRepository) is { } repository)
            {
                git = new Horadus.Host.Git.GitSourceOptions
                {
                    Repository = repository,
                    Ref = result.GetValue(gitRef)!,
                    ManifestPath = result.GetValue(gitPath)!,
                    CacheDirectory = Path.GetFullPath(result.GetValue(gitCache) ?? DefaultGitCache(context), context.WorkingDirectory),
                    AllowedSignersFile = result.GetValue(gitSigners) is { } signers ? Path.GetFullPath(signers, context.WorkingDirectory) : null,
                };
                var invalid = git.Validate();
                if (invalid.Count > 0)
                {
                    foreach (var problem in invalid)
                    {
                        context.Error.WriteLine($"error: {problem}");
                    }

                    return ExitCodes.Error;
                }
            }

            var options = new WatchOptions(common.Read(result), result.GetValue(interval), result.GetValue(policy), result.GetValue(debounce),
                result.GetValue(webhook), endpoint, result.GetValue(lockTimeout), result.GetValue(once), git);
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSystemd();
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
                o.UseUtcTimestamp = true;
            });
            // An apply interrupted by SIGTERM must have the time to roll back before the host gives up on it.
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(5));
            using var watchMetrics = new WatchMetrics();
            builder.Services.AddSingleton(context);
            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(watchMetrics);
            builder.Services.AddSingleton<WatchService>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<WatchService>());
            var host = builder.Build();
            if (endpoint is { } served)
            {
                watchMetrics.Serve(served.Host, served.Port);
                WatchLog.Metrics(host.Services.GetRequiredService<ILogger<WatchService>>(), served.Host, served.Port);
            }

            // RunAsync disposes the host when it ends: what the exit code needs is taken before.
            var service = host.Services.GetRequiredService<WatchService>();
            await host.RunAsync(cancellationToken);
            return service.Last?.State switch
            {
                null when !options.Once => ExitCodes.Success,
                CycleState.InSync or CycleState.Applied => ExitCodes.Success,
                CycleState.Drifted => ExitCodes.ChangesPresent,
                _ => ExitCodes.Error,
            };
        });
        return command;
    }

    private static Option<TimeSpan> Duration(string name, string description, TimeSpan fallback) => new(name)
    {
        Description = $"{description}, e.g. 30s, 5m, 1h",
        HelpName = "DURATION",
        DefaultValueFactory = _ => fallback,
        CustomParser = argument =>
        {
            var text = argument.Tokens.Count > 0 ? argument.Tokens[0].Value : string.Empty;
            if (Durations.TryParse(text, out var duration) && duration > TimeSpan.Zero || (name == "--debounce" && text == "0s"))
            {
                return duration;
            }

            argument.AddError($"{name}: '{text}' is not a duration like 30s, 5m or 1h30m");
            return fallback;
        },
    };

    private static string DefaultGitCache(CliContext context) =>
        Environment.UserName == "root" || context.Environment("HOME") is not { Length: > 0 } home
            ? "/var/cache/horadus/git"
            : Path.Combine(home, ".cache", "horadus", "git");

    private static (string Host, int Port)? LoopbackEndpoint(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        var host = address[..colon].Trim('[', ']');
        if (host == "localhost")
        {
            return ("localhost", port);
        }

        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip) ? (host, port) : null;
    }
}
