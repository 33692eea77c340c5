using System.Globalization;
using System.Text;
using Horadus.Tests.Shared;

namespace Horadus.Swarm.Tests;

/// <summary>
/// The runbook's api, worker and beat as swarm services of one stack (the worker named by its labels), driven only through the <c>horadus</c> command line
/// as a new user would: plan, apply, a good rotation, a bad key rolled back by the gates to the old secret versions,
/// retention after several rotations, drift made by hand. Tasks run on the manager (the swarm's worker node stays for the
/// cross-node test). Everything is asserted through the docker CLI, not through the code under test.
/// </summary>
public sealed class SwarmCliTests(SwarmPair pair) : IClassFixture<SwarmPair>
{
    private const string MountPath = "/run/secrets/horadus";

    [Fact]
    public async Task Runbook_services_as_swarm_services_rotate_roll_back_prune_and_report_drift_through_the_cli()
    {
        pair.Require();
        using var host = new SwarmHost(pair);
        try
        {
            host.CreateServices();
            host.WriteValues("one", "sk-good-one-key");
            host.WriteManifest("20260301T000000Z");

            var plan = await host.RunAsync("plan", "--detailed-exitcode");
            Assert.True(plan.Code == 2, plan.ToString());
            Assert.Contains("swarm-secret/horadus_openai_api_key_20260301T000000Z", plan.Output, StringComparison.Ordinal);
            Assert.Contains($"swarm-service/api", plan.Output, StringComparison.Ordinal);

            var first = await host.RunAsync("apply", "--auto-approve");
            Assert.True(first.Code == 0, first.ToString());
            foreach (var service in SwarmHost.Services)
            {
                Assert.Equal(["horadus_api_keys_20260301T000000Z", "horadus_openai_api_key_20260301T000000Z"], host.SecretsOf(service));
            }

            Assert.Equal("ok", await host.ApiHealthAsync());
            var status = await host.RunAsync("status");
            Assert.True(status.Code == 0, status.ToString());
            Assert.All(SwarmHost.Services, s => Assert.Matches($@"service/{s}: {host.SwarmName(s)}\.[0-9a-z]{{12}} running, health none, 0 restarts, release 20260301T000000Z", status.Output));
            var again = await host.RunAsync("plan", "--detailed-exitcode");
            Assert.True(again.Code == 0, again.ToString());

            // A good rotation: every task moves to the new versions, behind the gates.
            host.WriteValues("two", "sk-good-two-key");
            host.WriteManifest("20260302T000000Z");
            var good = await host.RunAsync("apply", "--auto-approve");
            Assert.True(good.Code == 0, good.ToString());
            Assert.All(SwarmHost.Services, s => Assert.Equal(["horadus_api_keys_20260302T000000Z", "horadus_openai_api_key_20260302T000000Z"], host.SecretsOf(s)));
            Assert.All(SwarmHost.Services, s => Assert.Contains("20260302T000000Z", host.RunningTaskSecrets(s), StringComparison.Ordinal));

            // A bad key passes the pre-flight (the file is there) but the api refuses it at start: the gates roll everything back.
            host.WriteValues("three", "sk-bad-three-key");
            host.WriteManifest("20260303T000000Z");
            var bad = await host.RunAsync("apply", "--auto-approve");
            Assert.True(bad.Code != 0, bad.ToString());
            Assert.Contains("rolled back to 20260302T000000Z", bad.All, StringComparison.Ordinal);
            Assert.All(SwarmHost.Services, s => Assert.Equal(["horadus_api_keys_20260302T000000Z", "horadus_openai_api_key_20260302T000000Z"], host.SecretsOf(s)));
            Assert.Equal("ok", await host.ApiHealthAsync());
            var history = await host.RunAsync("history");
            Assert.Contains("rolled", history.Output, StringComparison.OrdinalIgnoreCase);

            // The failed release is not tried again by itself, and nothing a rollback needs was removed.
            var after = await host.RunAsync("plan", "--detailed-exitcode");
            Assert.True(after.Code == 0, after.ToString());
            Assert.Contains("failed before", after.All, StringComparison.Ordinal);
            Assert.Contains("horadus_openai_api_key_20260302T000000Z", host.SecretNames());

            // Two more good rotations with keep_previous 1 and no stability window: the oldest versions go, the kept ones stay.
            foreach (var (generation, stamp) in new[] { ("four", "20260304T000000Z"), ("five", "20260305T000000Z") })
            {
                host.WriteValues(generation, $"sk-good-{generation}-key");
                host.WriteManifest(stamp);
                var rotation = await host.RunAsync("apply", "--auto-approve");
                Assert.True(rotation.Code == 0, rotation.ToString());
            }

            var names = host.SecretNames();
            Assert.DoesNotContain("horadus_openai_api_key_20260301T000000Z", names);
            Assert.DoesNotContain("horadus_openai_api_key_20260302T000000Z", names);
            Assert.Contains("horadus_openai_api_key_20260304T000000Z", names);
            Assert.Contains("horadus_openai_api_key_20260305T000000Z", names);
            var clean = await host.RunAsync("drift");
            Assert.True(clean.Code == 0, clean.ToString());

            // Drift by hand: the worker put back on the previous release's key, and a secret made with our labels.
            SwarmPair.Must(pair.ManagerHost, "service", "update", "-d", "--secret-rm", "horadus_openai_api_key_20260305T000000Z",
                "--secret-add", $"source=horadus_openai_api_key_20260304T000000Z,target={MountPath}/openai_api_key,mode=0400", host.SwarmName("worker"));
            host.CreateSecretByHand("horadus_lookalike", "horadus.managed=true", "horadus.release=20260305T000000Z");
            var drift = await host.RunAsync("drift");
            Assert.True(drift.Code == 2, drift.ToString());
            Assert.Contains("swarm-service/worker", drift.Output, StringComparison.Ordinal);
            Assert.Contains("swarm-secret/horadus_lookalike", drift.Output, StringComparison.Ordinal);

            // apply puts the worker back on the manifest's release.
            var repair = await host.RunAsync("apply", "--auto-approve");
            Assert.True(repair.Code == 0, repair.ToString());
            Assert.Equal(["horadus_api_keys_20260305T000000Z", "horadus_openai_api_key_20260305T000000Z"], host.SecretsOf("worker"));
        }
        finally
        {
            await host.RemoveAsync();
        }
    }

    [Fact]
    public async Task A_swarm_secret_name_taken_by_a_foreign_secret_is_refused_and_nothing_is_created()
    {
        pair.Require();
        using var host = new SwarmHost(pair);
        try
        {
            host.CreateServices();
            host.WriteValues("one", "sk-good-one-key");
            host.WriteManifest("20260401T000000Z");
            host.CreateSecretByHand("horadus_openai_api_key_20260401T000000Z");

            var apply = await host.RunAsync("apply", "--auto-approve");

            Assert.Equal(1, apply.Code);
            Assert.Contains("a swarm secret named 'horadus_openai_api_key_20260401T000000Z' exists and was not made by Horadus", apply.All, StringComparison.Ordinal);
            Assert.DoesNotContain("horadus_api_keys_20260401T000000Z", host.SecretNames());
            Assert.All(SwarmHost.Services, s => Assert.Empty(host.SecretsOf(s)));
            Assert.False(Directory.Exists(Path.Combine(host.Directory, "secrets", "releases", "20260401T000000Z")));
        }
        finally
        {
            await host.RemoveAsync();
        }
    }

    /// <summary>
    /// <c>horadus apply</c> killed (SIGKILL, its own process) at each swarm fault point of a good rotation, then run again:
    /// the next apply finishes the rotation, never a half-updated swarm. A bad key killed right after its first update is
    /// rolled back by the next apply, with the old versions kept.
    /// </summary>
    [Fact]
    public async Task An_apply_killed_at_any_swarm_fault_point_is_finished_or_rolled_back_by_the_next()
    {
        pair.Require();
        using var host = new SwarmHost(pair);
        try
        {
            host.CreateServices();
            host.WriteValues("zero", "sk-good-zero-key");
            host.WriteManifest("20260501T000000Z");
            Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve")).Code);

            var points = new[] { "swarm-secret-created", "swarm-service-updated", "verdict-proven-journaled", "swarm-secret-removed" };
            for (var i = 0; i < points.Length; i++)
            {
                var stamp = string.Create(CultureInfo.InvariantCulture, $"2026050{i + 2}T000000Z");
                host.WriteValues($"gen{i}", $"sk-good-gen{i}-key");
                host.WriteManifest(stamp);
                await host.KillAtAsync(points[i]);

                var resumed = await host.RunAsync("apply", "--auto-approve");

                Assert.True(resumed.Code == 0, $"after a kill at {points[i]}: {resumed}");
                Assert.All(SwarmHost.Services, s => Assert.Equal([$"horadus_api_keys_{stamp}", $"horadus_openai_api_key_{stamp}"], host.SecretsOf(s)));
                // A resumed run had no go-live time to start the stability window from: the next one prunes what is due.
                var settled = await host.RunAsync("plan");
                Assert.DoesNotContain("swarm-service/", settled.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("+ swarm-secret/", settled.Output, StringComparison.Ordinal);
                Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve")).Code);
            }

            host.WriteValues("bad", "sk-bad-killed-key");
            host.WriteManifest("20260509T000000Z");
            await host.KillAtAsync("swarm-service-updated");

            var next = await host.RunAsync("apply", "--auto-approve");

            Assert.True(next.Code == 1, next.ToString());
            Assert.Contains("rolled back to 20260505T000000Z", next.All, StringComparison.Ordinal);
            Assert.All(SwarmHost.Services, s => Assert.Equal(["horadus_api_keys_20260505T000000Z", "horadus_openai_api_key_20260505T000000Z"], host.SecretsOf(s)));
            Assert.Contains("horadus_openai_api_key_20260505T000000Z", host.SecretNames());
        }
        finally
        {
            await host.RemoveAsync();
        }
    }

    /// <summary>
    /// The engine goes away right after it took the api's service update (horadus never hears back): the apply fails and
    /// says so, and the next one, with the engine back, finishes the rotation; nothing is left half-updated.
    /// </summary>
    [Fact]
    public async Task The_engine_going_away_mid_update_fails_the_apply_clearly_and_the_next_apply_converges()
    {
        pair.Require();
        using var host = new SwarmHost(pair);
        try
        {
            host.CreateServices();
            host.WriteValues("one", "sk-good-one-key");
            host.WriteManifest("20260701T000000Z");
            Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve")).Code);
            host.WriteValues("two", "sk-good-two-key");
            host.WriteManifest("20260702T000000Z");
            await using var proxy = Horadus.Docker.Tests.EndToEnd.CuttableEngineSocket.Start(Path.Combine(host.Directory, "engine.sock"), pair.ManagerHost);
            proxy.CutAfterRequestHolding("/update?version=");

            var cut = await host.RunAgainstAsync(proxy.Endpoint, "apply", "--auto-approve");
            var wasCut = proxy.IsCut;
            proxy.Restore();

            Assert.True(wasCut, $"the proxy was never cut: {cut}");
            Assert.True(cut.Code == 1, cut.ToString());
            Assert.Contains("Cannot reach the Docker engine at " + proxy.Endpoint, cut.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", cut.All, StringComparison.Ordinal);

            var next = await host.RunAsync("apply", "--auto-approve");

            Assert.True(next.Code == 0, next.ToString());
            Assert.All(SwarmHost.Services, s => Assert.Equal(["horadus_api_keys_20260702T000000Z", "horadus_openai_api_key_20260702T000000Z"], host.SecretsOf(s)));
            Assert.Equal("ok", await host.ApiHealthAsync());
            var settled = await host.RunAsync("plan");
            Assert.DoesNotContain("swarm-service/", settled.Output, StringComparison.Ordinal);
        }
        finally
        {
            await host.RemoveAsync();
        }
    }

    /// <summary>A temp folder with a manifest and values, and the three swarm services of one stack on the manager.</summary>
    private sealed class SwarmHost(SwarmPair pair) : IDisposable
    {
        public static readonly string[] Services = ["api", "worker", "beat"];

        private readonly List<string> _handMade = [];

        public string Stack { get; } = "hrs" + Guid.NewGuid().ToString("N")[..8];

        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("horadus-swarm-cli-").FullName;

        public int ApiPort { get; } = Horadus.Docker.Tests.Support.FreePort.Next();

        public string SwarmName(string service) => $"{Stack}_{service}";

        /// <summary>
        /// The runbook's services, stand-ins on busybox: each reads its key at start and exits with "invalid_api_key" when it
        /// is bad; the api serves /health on loopback. Host network, one replica, on the manager.
        /// </summary>
        public void CreateServices()
        {
            foreach (var service in Services)
            {
                var check = "k=$(cat \"$OPENAI_API_KEY_FILE\" 2>/dev/null); case \"$k\" in *bad*) echo invalid_api_key; exit 3;; esac; ";
                var run = service == "api"
                    ? string.Create(CultureInfo.InvariantCulture, $"mkdir -p /www && echo ok > /www/health && exec httpd -f -p 127.0.0.1:{ApiPort} -h /www")
                    : "exec sleep 3600";
                SwarmPair.Must(pair.ManagerHost, "service", "create", "-d", "--name", SwarmName(service), "--network", "host",
                    "--constraint", "node.role==manager", "--stop-grace-period", "1s", "--restart-condition", "on-failure",
                    "--env", $"OPENAI_API_KEY_FILE={MountPath}/openai_api_key", "--env", $"API_KEYS_FILE={MountPath}/api_keys",
                    "--label", $"horadus.test={Stack}", "--label", $"role={service}", SwarmPair.Image, "sh", "-c", check + run);
            }
        }

        public void WriteValues(string generation, string openAiKey)
        {
            var values = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "values")).FullName;
            File.WriteAllText(Path.Combine(values, "openai_api_key"), openAiKey + "\n");
            File.WriteAllText(Path.Combine(values, "api_keys"), $"SECRET-{generation}-k1\n");
        }

        public void WriteManifest(string stamp)
        {
            var yaml = new StringBuilder()
                .Append("version: 1\nenvironment: development\nsecrets_root: secrets\n")
                .Append(CultureInfo.InvariantCulture, $"release:\n  stamp: \"{stamp}\"\n  source: {{ directory: values }}\n")
                .Append("mapping:\n  defaults: none\n  files: { openai_api_key: OPENAI_API_KEY_FILE, api_keys: API_KEYS_FILE }\n")
                .Append("ownership: { uid: 0, gid: 0 }\n")
                .Append("retention: { keep_previous: 1, stability_window: 0s }\n")
                .Append("services:\n");
            foreach (var service in Services)
            {
                // The worker is found by its labels, the others by their stack.
                var target = service == "worker" ? $"labels: {{ horadus.test: {Stack}, role: worker }}" : $"stack: {Stack}";
                yaml.Append(CultureInfo.InvariantCulture, $"  {service}:\n    swarm: {{ {target}, update: {{ monitor: 1s }} }}\n");
                if (service == "api")
                {
                    yaml.Append("    preflight:\n      command: [\"sh\", \"-c\", \"test -s \\\"$OPENAI_API_KEY_FILE\\\" && test -s \\\"$API_KEYS_FILE\\\" && echo secrets-ok\"]\n")
                        .Append("      expect_output: secrets-ok\n      timeout: 20s\n")
                        .Append(CultureInfo.InvariantCulture, $"    health:\n      http: {{ url: \"http://127.0.0.1:{ApiPort}/health\", interval: 200ms }}\n");
                }
                else
                {
                    yaml.Append("    after: [api]\n    health:\n");
                }

                yaml.Append("      stable_for: 1s\n      deadline: 30s\n      log_failure_patterns: [invalid_api_key]\n");
            }

            File.WriteAllText(Path.Combine(Directory, "horadus.desired.yaml"), yaml.ToString());
        }

        public Task<Run> RunAsync(params string[] args) => RunAgainstAsync(pair.ManagerHost, args);

        /// <summary>Runs horadus in-process against the engine at <paramref name="dockerHost"/>.</summary>
        public async Task<Run> RunAgainstAsync(string dockerHost, params string[] args)
        {
            var captured = await InProcessHoradus.RunAsync(args, Directory,
                name => name == "DOCKER_HOST" ? dockerHost : Environment.GetEnvironmentVariable(name), TestContext.Current.CancellationToken);
            var run = new Run(captured.ExitCode, captured.Output, captured.Error);
            TestContext.Current.TestOutputHelper?.WriteLine($"$ horadus {string.Join(' ', args)}\n{run}");
            return run;
        }

        /// <summary>Runs <c>horadus apply</c> as its own process with the fault point armed, and checks it died there.</summary>
        public Task KillAtAsync(string point) =>
            KilledApply.KillAtAsync(KilledApply.Start(Directory, [KeyValuePair.Create("DOCKER_HOST", (string?)pair.ManagerHost)], point), point);

        /// <summary>The secret names the service's current spec references, sorted.</summary>
        public List<string> SecretsOf(string service) =>
            SwarmPair.Must(pair.ManagerHost, "service", "inspect", SwarmName(service), "--format", "{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}} {{end}}")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();

        public string RunningTaskSecrets(string service)
        {
            var task = SwarmPair.Must(pair.ManagerHost, "service", "ps", SwarmName(service), "--filter", "desired-state=running", "-q").Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
            return SwarmPair.Must(pair.ManagerHost, "inspect", task.Trim(), "--format", "{{range .Spec.ContainerSpec.Secrets}}{{.SecretName}} {{end}}");
        }

        public List<string> SecretNames() =>
            SwarmPair.Must(pair.ManagerHost, "secret", "ls", "--format", "{{.Name}}").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

        public void CreateSecretByHand(string name, params string[] labels)
        {
            var file = Path.Combine(Directory, "hand-made");
            File.WriteAllText(file, "SECRET-hand-made-value\n");
            SwarmPair.Must(pair.ManagerHost, ["secret", "create", .. labels.SelectMany(l => new[] { "--label", l }), name, file]);
            _handMade.Add(name);
        }

        public async Task<string> ApiHealthAsync()
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            return (await client.GetStringAsync(new Uri($"http://127.0.0.1:{ApiPort}/health"))).Trim();
        }

        /// <summary>The services, then every version of them (labelled by Horadus or made here by hand).</summary>
        public async Task RemoveAsync()
        {
            foreach (var service in Services)
            {
                SwarmPair.Run(pair.ManagerHost, "service", "rm", SwarmName(service));
            }

            // A secret in use by a task that is still stopping cannot go yet.
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var left = SwarmPair.Run(pair.ManagerHost, "secret", "ls", "-q", "--filter", "label=horadus.managed=true").Output
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Concat(_handMade).ToList();
                if (left.Count == 0 || left.All(s => SwarmPair.Run(pair.ManagerHost, "secret", "rm", s).Code == 0 || !SecretNames().Contains(s)))
                {
                    break;
                }

                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }

    private sealed record Run(int Code, string Output, string Error)
    {
        public string All => Output + Error;

        public override string ToString() => $"exit {Code}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }
}
