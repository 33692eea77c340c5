using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>
/// A service whose image has its own ENTRYPOINT (one that starts the app and ignores its arguments), rotated with a
/// pre-flight, as the runbook does it with <c>--entrypoint /bin/sh</c>: the pre-flight runs its command, not the app.
/// </summary>
public sealed class EntrypointRotationTests(DockerRequirement docker)
{
    private static readonly ManifestShape Shape = new() { Services = ["worker"] };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task APreflight_OnAnImageWithItsOwnEntrypoint_RunsItsCommandWithTheOverride_AndHangsWithoutIt(bool overrideEntrypoint)
    {
        await using var host = Start(docker);
        host.WriteValues("v1");
        WriteManifest(host, Stamp1, overrideEntrypoint);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);
        await host.StartServiceAsync("worker", customize: b => b.WithImage(StandInImage.AppEntrypointTag));
        host.WriteValues("v2");
        WriteManifest(host, Stamp2, overrideEntrypoint);

        var apply = await host.RunAsync("apply", "--auto-approve");

        if (overrideEntrypoint)
        {
            Assert.True(apply.ExitCode == 0, apply.ToString());
            Assert.Contains("pre-flight passed", apply.Output, StringComparison.Ordinal);
            Assert.Equal(host.ReleaseDirectory(Stamp2), host.CurrentTarget());
        }
        else
        {
            // Through the app's entrypoint the command never runs: the pre-flight times out, nothing is switched.
            Assert.True(apply.ExitCode == 1, apply.ToString());
            Assert.Contains("pre-flight of worker timed out", apply.Error, StringComparison.Ordinal);
            Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        }
    }

    private static void WriteManifest(RotationHost host, string stamp, bool overrideEntrypoint)
    {
        host.WriteManifest(stamp, Shape);
        var preflight = "    preflight:\n" +
                        (overrideEntrypoint ? "      entrypoint: /bin/sh\n" : string.Empty) +
                        "      command: [\"-c\", \"check-secrets && echo secrets-ok\"]\n" +
                        "      expect_output: secrets-ok\n" +
                        "      timeout: 4s\n";
        var text = File.ReadAllText(host.ManifestPath);
        File.WriteAllText(host.ManifestPath, text.Replace("    stop_timeout: 2s\n", "    stop_timeout: 2s\n" + preflight, StringComparison.Ordinal));
    }
}
