using System.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Ports;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using Horadus.Host.State;
using Horadus.Tests.Shared;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;
/// <summary>Runs a real <c>horadus apply</c> process for the kill tests, and checks what they leave.</summary>
internal static class KillHarness
{
    internal static ProcessStartInfo ApplyProcess(RotationHost host, string? point) => KilledApply.Start(host.Directory, host.Environment, point);

    /// <summary>Runs <c>horadus apply</c> as its own process with the fault point armed, and checks it died there.</summary>
    internal static Task KillAtAsync(RotationHost host, string point) => KilledApply.KillAtAsync(ApplyProcess(host, point), point);

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
