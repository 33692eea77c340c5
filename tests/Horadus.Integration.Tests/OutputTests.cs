using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

public sealed class OutputTests
{
    [Fact]
    public async Task Output_WhenPiped_HasNoColourCodes()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();

        var plan = await HoradusProcess.RunAsync(sandbox, TimeSpan.FromSeconds(60), "plan");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("+ release/20260215T090000Z", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', plan.Output);
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        using var sandbox = new Sandbox();

        var help = await sandbox.RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "validate", "plan", "apply", "status", "history", "rollback", "secrets" })
        {
            Assert.Contains(command, help.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("apply")]
    [InlineData("rollback")]
    public async Task Help_ShowsTheLockTimeoutDefaultOnce_AsADuration(string command)
    {
        using var sandbox = new Sandbox();

        var help = await sandbox.RunAsync(command, "--help");

        var line = Assert.Single(help.Output.Split('\n'), l => l.Contains("--lock-timeout", StringComparison.Ordinal));
        Assert.EndsWith("e.g. 30s or 2m [default: 0s]", line.TrimEnd(), StringComparison.Ordinal);
        Assert.Single(line.Split("[default:").Skip(1));
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("plan")]
    [InlineData("apply")]
    [InlineData("status")]
    [InlineData("history")]
    [InlineData("rollback")]
    [InlineData("secrets", "check")]
    [InlineData("secrets", "encrypt")]
    public async Task Help_ShowsAtMostOneDefaultPerOption(params string[] command)
    {
        using var sandbox = new Sandbox();

        var help = await sandbox.RunAsync([.. command, "--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.All(help.Output.Split('\n'), line => Assert.True(line.Split("[default:").Length <= 2, line));
    }

    [Fact]
    public async Task UnknownOption_IsAnErrorWithExitCode1()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("plan", "--no-such-option");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--no-such-option", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_OfAGoodManifest_SaysWhatItChecked_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var before = sandbox.TreeFingerprint();

        var validate = await sandbox.RunAsync("validate");

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("is valid: release 20260215T090000Z, 10 files, 0 services", validate.Output, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }
}
