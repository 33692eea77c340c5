using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Horadus.Docker.Tests.Support;

/// <summary>Builds <see cref="Tag"/> from the StandInImage folder plus Debian's static busybox, once per run.</summary>
public static class StandInImage
{
    public const string Tag = "horadus-standin:test";
    public const string AppUid = "10001";

    private static readonly string[] BusyboxCandidates = ["/bin/busybox", "/usr/bin/busybox"];

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

        context.Position = 0;
        using var client = new DockerClientBuilder().WithEndpoint(new Uri(endpoint)).WithApiVersion(apiVersion).Build();
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
        await client.Images.BuildImageFromDockerfileAsync(
            new ImageBuildParameters { Tags = [Tag], Remove = true, ForceRemove = true }, context, null, null, progress, cancellationToken);

        // Progress reports arrive on the thread pool: give the last one a moment, then check the image is really there.
        await Task.Delay(100, cancellationToken);
        lock (errors)
        {
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"docker build failed: {string.Join("; ", errors)} (is {busybox} the static build from busybox-static?)");
            }
        }

        await client.Images.InspectImageAsync(Tag, cancellationToken);
    }
}
