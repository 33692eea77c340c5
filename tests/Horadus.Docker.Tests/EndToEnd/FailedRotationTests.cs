using System.Text.Json;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>Bad secrets: caught before the switch by the pre-flight, or after it by a gate, and then rolled back with no human step.</summary>
public sealed class FailedRotationTests(DockerRequirement docker)
{
    private static readonly string[] Services = ["api", "worker", "beat"];

    [Fact]
    public async Task Apply_WhenThePreflightRejectsTheNewValues_SwitchesNothingAndLeavesTheContainersAlone_UntilGoodValuesPassIt()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Preflight = true };
        var before = await RotationTests.ThreeServicesOnFirstReleaseAsync(host, shape);
        var inspectBefore = await StartTimesAsync(before);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, shape);

        var apply = await host.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("pre-flight of api failed (exit code 1, expected output 'secrets-ok')", apply.Error, StringComparison.Ordinal);
        Assert.Contains("its output is not shown because it may contain secrets", apply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(BadOpenAiKey, apply.All, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-", apply.All, StringComparison.Ordinal);
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal(before.Values.Order(StringComparer.Ordinal), await host.ContainerIdsAsync());
        Assert.Equal(inspectBefore, await StartTimesAsync(before));
        foreach (var service in Services)
        {
            Assert.Equal(ValueOf("v1", "openai_api_key"), await ReadInsideAsync(host.ContainerName(service), "openai_api_key"));
        }

        // Good values under a new stamp pass the same pre-flight (run like the api: its ROLE, the new release) and go live.
        host.WriteValues("v3");
        host.WriteManifest(Stamp3, shape);
        var good = await host.RunAsync("apply", "--auto-approve");

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains("service/api: pre-flight passed", good.Output, StringComparison.Ordinal);
        Assert.Equal(host.ReleaseDirectory(Stamp3), host.CurrentTarget());
        Assert.Equal(ValueOf("v3", "openai_api_key"), await ReadInsideAsync(host.ContainerName("api"), "openai_api_key"));
    }

    [Fact]
    public async Task Apply_WhenTheHttpGateFailsOnTheNewValues_RollsBackByItself_AndReportsTheGateItsLastAnswerAndTheLogTail()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Deadline = "4s" };
        var before = await RotationTests.ThreeServicesOnFirstReleaseAsync(host, shape);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, shape);

        var apply = await host.RunAsync("apply", "--auto-approve");
        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        var history = await host.RunAsync("history", "--json");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("the new release failed its health gates and was rolled back", apply.Error, StringComparison.Ordinal);
        Assert.Contains("service:     api", apply.Error, StringComparison.Ordinal);
        Assert.Contains($"gate:        http {host.HealthUrl}", apply.Error, StringComparison.Ordinal);
        Assert.Contains("last answer: not healthy within 4s; last answer: HTTP 500: OPENAI_API_KEY_FILE", apply.Error, StringComparison.Ordinal);
        Assert.Contains($"| api listening on 127.0.0.1:{host.ApiPort}", apply.Error, StringComparison.Ordinal);
        Assert.Contains($"Live release: {Stamp1}.", apply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(BadOpenAiKey, apply.All, StringComparison.Ordinal);

        // current is back, the very containers of before run again and answer.
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal(before.Values.Order(StringComparer.Ordinal), await host.ContainerIdsAsync());
        foreach (var service in Services)
        {
            var inspect = (await InspectAsync(host.ContainerName(service)))!.Value;
            Assert.Equal(before[service], inspect.GetProperty("Id").GetString());
            Assert.Equal("running", inspect.GetProperty("State").GetProperty("Status").GetString());
            Assert.Equal(ValueOf("v1", "openai_api_key"), await ReadInsideAsync(host.ContainerName(service), "openai_api_key"));
        }

        Assert.Equal(200, (await Eventually.GetLoopbackAsync(host.ApiPort, "/cgi-bin/health")).Status);

        // The history says rolled back; the failed release is not tried again by itself, and nothing else is left to do.
        using var records = JsonDocument.Parse(history.Output);
        var last = records.RootElement[0];
        Assert.Equal("rolled_back", last.GetProperty("outcome").GetString());
        Assert.Equal(Stamp2, last.GetProperty("stamp").GetString());
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"release {Stamp2} failed before and is not applied again by itself", plan.Output, StringComparison.Ordinal);
        Assert.Contains("No changes proposed", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_WhenANewContainerExitsAtOnce_FailsFastWithoutWaitingForTheDeadline_AndRollsBackEveryService()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = ["api", "worker"], ApiHttpGate = false, Deadline = "20s" };
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, shape);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);

        // The api ignores the key; the worker refuses to start without a good one, as a real worker does.
        var api = await host.StartServiceAsync("api");
        var worker = await host.StartServiceAsync(
            "worker",
            command: ["sh", "-c", "check-secrets >/dev/null || { echo 'fatal: credentials rejected at startup' >&2; exit 3; }; exec standin"]);
        await host.WaitForApiAsync();
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, shape);

        var apply = await host.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("the new release failed its health gates and was rolled back", apply.Error, StringComparison.Ordinal);
        Assert.Contains("service:     worker", apply.Error, StringComparison.Ordinal);
        Assert.Contains("gate:        running", apply.Error, StringComparison.Ordinal);
        Assert.Matches(@"last answer: container \S+_worker_1 exited( \(exit code 3\))?( and was restarted by its restart policy \(\d+ restarts?\))?\n", apply.Error);
        Assert.DoesNotContain("not healthy within", apply.Error, StringComparison.Ordinal);
        Assert.Contains("| fatal: credentials rejected at startup", apply.Error, StringComparison.Ordinal);
        Assert.True(apply.Took < TimeSpan.FromSeconds(20), $"took {apply.Took}");

        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal(new[] { api, worker }.Order(StringComparer.Ordinal), await host.ContainerIdsAsync());
        foreach (var (service, id) in new[] { ("api", api), ("worker", worker) })
        {
            var inspect = (await InspectAsync(host.ContainerName(service)))!.Value;
            Assert.Equal(id, inspect.GetProperty("Id").GetString());
            Assert.Equal("running", inspect.GetProperty("State").GetProperty("Status").GetString());
            Assert.Equal("unless-stopped", inspect.GetProperty("HostConfig").GetProperty("RestartPolicy").GetProperty("Name").GetString());
        }
    }

    [Fact]
    public async Task Apply_WhenTheNewWorkerLogsAFailurePattern_FailsOnTheLogGateAndRestoresTheOldWorker()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = ["worker"] };
        var before = await RotationTests.ThreeServicesOnFirstReleaseAsync(host, shape);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, shape);

        var apply = await host.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("service:     worker", apply.Error, StringComparison.Ordinal);
        Assert.Contains("gate:        log", apply.Error, StringComparison.Ordinal);
        Assert.Contains("last answer: failure pattern 'invalid_api_key' in the log: ERROR 401 invalid_api_key (OPENAI_API_KEY_FILE", apply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(BadOpenAiKey, apply.All, StringComparison.Ordinal);
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal([before["worker"]], await host.ContainerIdsAsync());
        Assert.Equal("running", await DockerCli.DockerOkAsync("inspect", "-f", "{{.State.Status}}", host.ContainerName("worker")));
        Assert.Equal(ValueOf("v1", "openai_api_key"), await ReadInsideAsync(host.ContainerName("worker"), "openai_api_key"));
    }

    [Fact]
    public async Task Apply_WhenInterruptedWhileWaitingForAGate_PutsTheOldContainersBackInsteadOfLeavingTheServicesDown()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = ["api", "worker"], Deadline = "30s" };
        var before = await RotationTests.ThreeServicesOnFirstReleaseAsync(host, shape);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, shape);

        // Ctrl-C once the new api is up and failing its HTTP gate: the old api is stopped and set aside at that moment.
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var apply = host.RunAsync(interrupt.Token, "apply", "--auto-approve");
        await Eventually.UntilAsync(
            () => DockerCli.DockerAsync("ps", "-aq", "--filter", $"label={DockerTestScope.TestLabel}={host.Id}", "--filter", "label=horadus.release"),
            r => r.Trimmed.Length > 0,
            "the replacement of api");
        await Eventually.UntilAsync(() => Eventually.GetLoopbackAsync(host.ApiPort, "/cgi-bin/health"), r => r.Status == 500, "the new api failing its gate");
        await interrupt.CancelAsync();
        var run = await apply;

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("the apply was interrupted while the services were being recreated, and was rolled back", run.Error, StringComparison.Ordinal);
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal(before.Values.Order(StringComparer.Ordinal), await host.ContainerIdsAsync());
        Assert.Equal("running", await DockerCli.DockerOkAsync("inspect", "-f", "{{.State.Status}}", host.ContainerName("api")));
        Assert.Equal(200, (await Eventually.GetLoopbackAsync(host.ApiPort, "/cgi-bin/health")).Status);
        Assert.True(run.Took < TimeSpan.FromSeconds(25), $"took {run.Took}: the interruption did not wait for the 30s deadline");

        // An interruption says nothing about the release: it is recorded as errored, and the next apply may try it again.
        var history = await host.RunAsync("history", "--json");
        using var records = JsonDocument.Parse(history.Output);
        Assert.Equal("errored", records.RootElement[0].GetProperty("outcome").GetString());
        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.DoesNotContain("failed before", plan.Output, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> StartTimesAsync(Dictionary<string, string> ids)
    {
        var times = new List<string>();
        foreach (var id in ids.Values.Order(StringComparer.Ordinal))
        {
            times.Add(await DockerCli.DockerOkAsync("inspect", "-f", "{{.State.StartedAt}} {{.State.Status}} {{.Name}}", id));
        }

        return times;
    }
}
