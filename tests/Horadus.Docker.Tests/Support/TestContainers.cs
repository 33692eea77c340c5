using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace Horadus.Docker.Tests.Support;

/// <summary>
/// The containers one test starts itself (stand-in services, leftovers of a killed horadus), made through Testcontainers,
/// each labelled <c>horadus.test=&lt;id&gt;</c>. Disposing disposes what Testcontainers started, then removes every
/// container that still carries the label: the product's replacements and one-offs copy it, and with Ryuk disabled
/// (its image cannot be pulled here) the label is the only inventory.
/// <para>
/// A service container must have the shape compose gives it, since that is what the product meets in production. What
/// Testcontainers offers no builder method for, or would make in another shape, is written by a create-parameter
/// modifier, and checked against a <c>docker run</c> twin by <c>StandInImageTests</c>:
/// </para>
/// <list type="bullet">
/// <item>host network: <c>WithNetwork("host")</c> only adds the endpoint to <c>NetworkingConfig</c> and leaves
/// <c>HostConfig.NetworkMode</c> empty (the engine's default network); compose and <c>docker run --network host</c>
/// send both, and the product copies <c>NetworkMode</c> into replacements and one-offs. Both are sent here.</item>
/// <item>the read-only bind of <c>current</c>: <c>WithBindMount</c> writes <c>HostConfig.Mounts</c> (type bind), while
/// compose's short volume syntax writes <c>HostConfig.Binds</c> (<c>src:dst:ro</c>), and the product's replacement
/// treats the two lists differently. The bind is written to <c>Binds</c>.</item>
/// <item>restart policy, healthcheck, user, stop signal and timeout, memory: no builder method. The restart policy is
/// <c>no</c> unless a test says otherwise, as <c>docker run</c> sends it.</item>
/// <item>extra hosts: Testcontainers sends an empty list where <c>docker run</c> sends none; the empty list is dropped.</item>
/// </list>
/// Testcontainers adds its own <c>org.testcontainers*</c> labels: the product copies labels and reads none of those.
/// </summary>
public sealed class TestContainers(string testId) : IAsyncDisposable
{
    public const string TestLabel = "horadus.test";

    private readonly List<IContainer> _started = [];

    public string LabelFilter => $"label={TestLabel}={testId}";

    /// <summary>A container of <paramref name="image"/> with this test's label on the host network.</summary>
    public ContainerBuilder Container(string image) =>
        new ContainerBuilder(image)
            .WithLabel(TestLabel, testId)
            .WithNetwork("host")
            .WithCreateParameterModifier(p =>
            {
                p.HostConfig!.NetworkMode = "host";
                p.HostConfig.RestartPolicy ??= new RestartPolicy { Name = RestartPolicyKind.No };
                // Testcontainers sends an empty list where docker run sends none.
                if (p.HostConfig.ExtraHosts is { Count: 0 })
                {
                    p.HostConfig.ExtraHosts = null!;
                }
            });

    /// <summary>
    /// A service container as compose makes it: its name, <paramref name="source"/> (<c>current</c>, or the whole root for a
    /// service that reloads) bound read-only at <see cref="SecretsRoot.MountPath"/>, the <c>*_FILE</c> variables (in <paramref name="environment"/>).
    /// </summary>
    public ContainerBuilder Service(string image, string name, string source, IReadOnlyDictionary<string, string> environment) =>
        Container(image)
            .WithName(name)
            .WithEnvironment(environment)
            .WithCreateParameterModifier(p => p.HostConfig!.Binds = [$"{source}:{SecretsRoot.MountPath}:ro"]);

    /// <summary>Starts the container (Testcontainers waits until it has run) and returns its full id.</summary>
    public async Task<string> StartAsync(ContainerBuilder builder)
    {
        var container = builder.Build();
        lock (_started)
        {
            _started.Add(container);
        }

        await container.StartAsync(TestContext.Current.CancellationToken);
        return container.Id;
    }

    /// <summary>As <c>--restart</c>.</summary>
    public static Action<CreateContainerParameters> Restart(RestartPolicyKind kind, long maximumRetries = 0) =>
        p => p.HostConfig!.RestartPolicy = new RestartPolicy { Name = kind, MaximumRetryCount = maximumRetries };

    /// <summary>As <c>--health-cmd /usr/local/bin/healthcheck --health-interval I [--health-retries N]</c>: the stand-in's own check.</summary>
    public static Action<CreateContainerParameters> Healthcheck(TimeSpan interval, long retries = 0) =>
        p => p.Healthcheck = new HealthcheckConfig { Test = ["CMD-SHELL", "/usr/local/bin/healthcheck"], Interval = interval, Retries = retries };

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _started)
        {
            try
            {
                // Removes it if it is still there (the product may have replaced and removed it).
                await container.DisposeAsync();
            }
            catch (DockerApiException)
            {
                // Gone between the check and the removal: the sweep below removes anything left.
            }
        }

        var ids = await DockerCli.DockerAsync("ps", "-aq", "--filter", LabelFilter);
        var toRemove = ids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (toRemove.Length > 0)
        {
            await DockerCli.DockerAsync(["rm", "-f", "-v", .. toRemove]);
        }
    }
}
