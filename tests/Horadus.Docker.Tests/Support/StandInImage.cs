using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Horadus.Docker.Tests.Support;

/// <summary>
/// Builds <see cref="Tag"/> from the StandInImage folder plus Debian's static busybox, once per run, and on top of it
/// <see cref="AppEntrypointTag"/>, the variant whose entrypoint is an app that must not run.
/// </summary>
public static class StandInImage
{
    public const string Tag = "horadus-standin:test";
    public const string AppUid = "10001";

    /// <summary>What the variant's entrypoint prints first: the sign that it ran.</summary>
    public const string AppEntrypointStarted = "app entrypoint started";

    /// <summary>The image is labelled with this run's id, so it is this run's to remove.</summary>
    public const string RunLabel = "horadus.test.run";

    private static readonly string[] BusyboxCandidates = ["/bin/busybox", "/usr/bin/busybox"];

    private static readonly string RunId = Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// <see cref="Tag"/> with an ENTRYPOINT that ignores its arguments and serves until stopped (StandInImage/Dockerfile.app-entrypoint).
    /// Tagged per run, so runs in other worktrees sharing the engine neither see nor remove it.
    /// </summary>
    public static string AppEntrypointTag { get; } = $"horadus-standin-appentry:{RunId}";

    public static async Task BuildAsync(string endpoint, System.Version apiVersion, CancellationToken cancellationToken)
    {
        var busybox = BusyboxCandidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("busybox not found: install Debian's busybox-static (apt-get install -y busybox-static).");
        var folder = Path.Combine(AppContext.BaseDirectory, "StandInImage");
        using var context = new MemoryStream();
        await using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            await tar.WriteEntryAsync(busybox, "busybox", cancellationToken);
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                await tar.WriteEntryAsync(file, Path.GetRelativePath(folder, file).Replace('\\', '/'), cancellationToken);
            }
        }

        using var client = Client(endpoint, apiVersion);
        var bytes = context.ToArray();
        await BuildOneAsync(client, bytes, new ImageBuildParameters { Tags = [Tag], Remove = true, ForceRemove = true }, busybox, cancellationToken);
        await BuildOneAsync(
            client,
            bytes,
            new ImageBuildParameters
            {
                Tags = [AppEntrypointTag],
                Dockerfile = "Dockerfile.app-entrypoint",
                BuildArgs = new Dictionary<string, string> { ["BASE"] = Tag },
                Labels = new Dictionary<string, string> { [RunLabel] = RunId },
                Remove = true,
                ForceRemove = true,
            },
            busybox,
            cancellationToken);
    }

    /// <summary>Removes this run's variant; the shared <see cref="Tag"/> stays for the next run's build cache.</summary>
    public static async Task RemoveRunImagesAsync(string endpoint, System.Version apiVersion)
    {
        using var client = Client(endpoint, apiVersion);
        try
        {
            await client.Images.DeleteImageAsync(AppEntrypointTag, new ImageDeleteParameters { Force = true });
        }
        catch (DockerApiException)
        {
            // Not built (the build failed) or already gone.
        }
    }

    private static DockerClient Client(string endpoint, System.Version apiVersion) =>
        new DockerClientBuilder().WithEndpoint(new Uri(endpoint)).WithApiVersion(apiVersion).Build();

    private static async Task BuildOneAsync(DockerClient client, byte[] context, ImageBuildParameters parameters, string busybox, CancellationToken cancellationToken)
    {
        var tag = parameters.Tags?.Single() ?? throw new ArgumentException("a build needs one tag", nameof(parameters));
        var errors = new List<string>();
        var progress = new Progress<JSONMessage>(m =>
        {
            if (!string.IsNullOrEmpty(m.Error?.Message))
            {
                lock (errors)
                {
                    errors.Add(m.Error!.Message);
                }
            }
        });
        using var stream = new MemoryStream(context, writable: false);
        await client.Images.BuildImageFromDockerfileAsync(parameters, stream, null, null, progress, cancellationToken);

        // Progress reports arrive on the thread pool: give the last one a moment, then check the image is really there.
        await Task.Delay(100, cancellationToken);
        lock (errors)
        {
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"docker build of {tag} failed: {string.Join("; ", errors)} (is {busybox} the static build from busybox-static?)");
            }
        }

        await client.Images.InspectImageAsync(tag, cancellationToken);
    }
}
