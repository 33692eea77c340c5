using Horadus.Core.Ports;

namespace Horadus.Git.Tests.Support;

internal static class Refusals
{
    /// <summary>Fetches, expecting a refusal of <paramref name="problem"/>; returns it for the message's checks.</summary>
    public static async Task<ManifestSourceException> RefusedAsync(this IManifestSource source, ManifestSourceProblem problem)
    {
        var error = await Assert.ThrowsAsync<ManifestSourceException>(() => source.FetchAsync(TestContext.Current.CancellationToken));
        Assert.Equal(problem, error.Problem);
        return error;
    }
}
