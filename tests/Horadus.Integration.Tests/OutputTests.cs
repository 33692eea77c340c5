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
