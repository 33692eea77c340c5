using System.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Ports;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using Horadus.Host.State;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;
/// <summary>Runs a real <c>horadus apply</c> process for the kill tests, and checks what they leave.</summary>
internal static class KillHarness
{
    internal static ProcessStartInfo ApplyProcess(RotationHost host, string? point)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "horadus.dll"), "apply", "--auto-approve"])
        {
            WorkingDirectory = host.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in host.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["NO_COLOR"] = "1";
        if (point is not null)
        {
            start.Environment["HORADUS_FAULT_POINT"] = point;
        }

        return start;
    }

    /// <summary>Runs <c>horadus apply</c> as its own process with the fault point armed, and checks it died there.</summary>
    internal static async Task KillAtAsync(RotationHost host, string point)
    {
        using var process = Process.Start(ApplyProcess(host, point))!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        var run = $"exit {process.ExitCode}\n--- stdout\n{await output}\n--- stderr\n{await error}";
        TestContext.Current.TestOutputHelper?.WriteLine($"$ HORADUS_FAULT_POINT={point} horadus apply --auto-approve\n{run}");
        Assert.True(process.ExitCode == 137, $"not killed at {point}: {run}");
        Assert.Contains($"killed at fault point {point}", run, StringComparison.Ordinal);
    }

    internal static ReleaseLedger Ledger(RotationHost host) => new(new JsonlHistoryStore(host.Root).Read());

    /// <summary>Every service runs one container, none is set aside, and each reads the <paramref name="generation"/> values.</summary>
    internal static async Task AssertServicesRunAsync(RotationHost host, string generation)
    {
        var ids = await host.ContainerIdsAsync();
        Assert.Equal(2, ids.Count);
        foreach (var service in new[] { "api", "worker" })
        {
            var name = host.ContainerName(service);
            var inspect = (await InspectAsync(name))!.Value;
            Assert.Equal("running", inspect.GetProperty("State").GetProperty("Status").GetString());
            Assert.Equal(ValueOf(generation, "secret_key"), await ReadInsideAsync(name, "secret_key"));
        }
    }
}
