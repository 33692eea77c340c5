using System.Diagnostics;

namespace Horadus.Swarm.Tests;

/// <summary>
/// A manager and a worker for the tests. The manager is HORADUS_SWARM_MANAGER_HOST (default: the local engine); the worker
/// is HORADUS_SWARM_WORKER_HOST when set, else a second dockerd this fixture starts with its state in a temp dir. Both are
/// put into one swarm, get the test image, and are left out of swarm mode at the end, also when a test failed.
/// Without root or an engine the tests are skipped with the reason; HORADUS_REQUIRE_DOCKER=1 makes that a failure.
/// </summary>
public sealed class SwarmPair : IAsyncLifetime
{
    public const string Image = "horadus-swarm-test:busybox";

    private string? _workerDir;
    private Process? _workerDaemon;

    public string ManagerHost { get; } = Environment.GetEnvironmentVariable("HORADUS_SWARM_MANAGER_HOST") ?? "unix:///var/run/docker.sock";

    public string WorkerHost { get; private set; } = Environment.GetEnvironmentVariable("HORADUS_SWARM_WORKER_HOST") ?? "";

    public string? Unavailable { get; private set; }

    public string WorkerNodeId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (Environment.UserName != "root" || !File.Exists("/bin/busybox") || Run(ManagerHost, "info").Code != 0)
        {
            Unavailable = "the swarm tests need root, /bin/busybox (busybox-static) and a Docker engine";
            return;
        }

        var managerAddress = Environment.GetEnvironmentVariable("HORADUS_SWARM_MANAGER_ADDRESS") ?? "127.0.0.1";
        var workerAddress = Environment.GetEnvironmentVariable("HORADUS_SWARM_WORKER_ADDRESS") ?? "127.0.0.2";
        if (WorkerHost.Length == 0)
        {
            _workerDir = Directory.CreateTempSubdirectory("horadus-swarm-").FullName;
            WorkerHost = $"unix://{_workerDir}/docker.sock";
            _workerDaemon = Process.Start(new ProcessStartInfo("dockerd",
                [$"--data-root={_workerDir}/data", $"--exec-root={_workerDir}/exec", $"--host={WorkerHost}", $"--pidfile={_workerDir}/docker.pid",
                 "--bridge=none", "--iptables=false", "--ip6tables=false"]) { RedirectStandardOutput = true, RedirectStandardError = true });
            for (var i = 0; i < 100 && Run(WorkerHost, "info").Code != 0; i++)
            {
                await Task.Delay(100);
            }
        }

        Must(ManagerHost, "swarm", "init", "--advertise-addr", $"{managerAddress}:2377", "--listen-addr", $"{managerAddress}:2377");
        var token = Must(ManagerHost, "swarm", "join-token", "-q", "worker").Trim();
        Must(WorkerHost, "swarm", "join", "--token", token, "--advertise-addr", $"{workerAddress}:2377", "--listen-addr", $"{workerAddress}:2377", $"{managerAddress}:2377");
        WorkerNodeId = Must(WorkerHost, "info", "--format", "{{.Swarm.NodeID}}").Trim();
        BuildImage();
    }

    public async ValueTask DisposeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        foreach (var host in new[] { WorkerHost, ManagerHost })
        {
            Run(host, "swarm", "leave", "--force");
            Run(host, "network", "rm", "docker_gwbridge");
        }

        if (_workerDaemon is { } daemon)
        {
            // SIGTERM, so that dockerd unmounts its roots itself; what it leaves is unmounted lazily before the delete.
            Process.Start("kill", ["-TERM", daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await daemon.WaitForExitAsync();
            foreach (var mount in File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')[1]).Where(m => m.StartsWith(_workerDir!, StringComparison.Ordinal)).OrderDescending())
            {
                Process.Start("umount", ["-l", mount])!.WaitForExit();
            }

            Directory.Delete(_workerDir!, recursive: true);
        }
    }

    /// <summary>A FROM scratch image with busybox, built on the manager and loaded on the worker (no registry).</summary>
    private void BuildImage()
    {
        var context = Directory.CreateTempSubdirectory("horadus-swarm-image-").FullName;
        try
        {
            File.Copy("/bin/busybox", Path.Combine(context, "busybox"));
            File.WriteAllText(Path.Combine(context, "Dockerfile"),
                "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
            Must(ManagerHost, "build", "-q", "-t", Image, context);
            var tar = Path.Combine(context, "image.tar");
            Must(ManagerHost, "save", "-o", tar, Image);
            Must(WorkerHost, "load", "-i", tar);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    public static string Must(string host, params string[] args)
    {
        var (code, output) = Run(host, args);
        return code == 0 ? output : throw new InvalidOperationException($"docker {string.Join(' ', args)} on {host} exited {code}: {output}");
    }

    public static (int Code, string Output) Run(string host, params string[] args)
    {
        var start = new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOCKER_HOST"] = host;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    /// <summary>Skips (or fails, in CI) a test that cannot run here.</summary>
    public void Require()
    {
        if (Unavailable is null)
        {
            return;
        }

        Assert.False(Environment.GetEnvironmentVariable("HORADUS_REQUIRE_DOCKER") == "1", Unavailable);
        Assert.Skip(Unavailable);
    }
}
