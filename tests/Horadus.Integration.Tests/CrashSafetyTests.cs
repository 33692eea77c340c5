using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>
/// kill -9 at arbitrary moments of real applies: `current` must always name a complete release,
/// and the next apply must converge.
/// </summary>
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task KilledApplies_AlwaysLeaveCurrentOnACompleteRelease_AndTheNextApplyConverges()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest("20260101T000000Z", keepPrevious: 5);
        var first = await HoradusProcess.RunAsync(sandbox, TimeSpan.FromSeconds(60), "apply", "--auto-approve");
        Assert.True(first.ExitCode == 0, first.ToString());

        var random = new Random(20260215);
        for (var round = 0; round < 8; round++)
        {
            sandbox.WriteValues($"round{round}");
            sandbox.WriteManifest($"2026020{round + 1}T000000Z", keepPrevious: 5);
            using (var process = HoradusProcess.Start(sandbox, "apply", "--auto-approve"))
            {
                process.StandardInput.Close();
                await Task.Delay(random.Next(50, 900), TestContext.Current.CancellationToken);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            AssertCurrentIsComplete(sandbox);
        }

        var converge = await HoradusProcess.RunAsync(sandbox, TimeSpan.FromSeconds(60), "apply", "--auto-approve");
        var plan = await HoradusProcess.RunAsync(sandbox, TimeSpan.FromSeconds(60), "plan", "--detailed-exitcode");

        Assert.True(converge.ExitCode == 0, converge.ToString());
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.EndsWith("20260208T000000Z", new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget, StringComparison.Ordinal);
        Assert.Contains("SECRET-round7", File.ReadAllText(Path.Combine(sandbox.Root, "current", "secret_key")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(sandbox.Root, "releases"), ".staging-*"));
    }

    private static void AssertCurrentIsComplete(Sandbox sandbox)
    {
        var current = new FileInfo(Path.Combine(sandbox.Root, "current"));
        Assert.NotNull(current.LinkTarget);
        var release = Path.GetFullPath(current.LinkTarget!, sandbox.Root);
        Assert.True(Directory.Exists(release), $"current points at {release}, which does not exist");
        foreach (var file in Sandbox.RunbookFiles)
        {
            var path = Path.Combine(release, file);
            Assert.True(File.Exists(path), $"{path} is missing");
            Assert.StartsWith(file == "api_keys" ? "SECRET-" : file.Contains("url", StringComparison.Ordinal) || file == "celery_result_backend" ? "redis://" : "SECRET-", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.EndsWith("\n", File.ReadAllText(path), StringComparison.Ordinal);
        }
    }
}
