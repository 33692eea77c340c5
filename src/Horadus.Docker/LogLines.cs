using System.Text;
using Docker.DotNet;

namespace Horadus.Docker;

/// <summary>Demultiplexes a log stream into lines, stdout and stderr interleaved in the order the engine sent them.</summary>
internal static class LogLines
{
    public static async Task<List<string>> ReadAsync(MultiplexedStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var partial = new Dictionary<MultiplexedStream.TargetStream, MemoryStream>();
        var lines = new List<string>();
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
            if (read.EOF)
            {
                break;
            }

            if (!partial.TryGetValue(read.Target, out var pending))
            {
                pending = partial[read.Target] = new MemoryStream();
            }

            var start = 0;
            for (var i = 0; i < read.Count; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    pending.Write(buffer, start, i - start);
                    lines.Add(Decode(pending));
                    pending.SetLength(0);
                    start = i + 1;
                }
            }

            pending.Write(buffer, start, read.Count - start);
        }

        lines.AddRange(partial.Values.Where(p => p.Length > 0).Select(Decode));
        foreach (var pending in partial.Values)
        {
            await pending.DisposeAsync();
        }

        return lines;
    }

    private static string Decode(MemoryStream bytes) => Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length).TrimEnd('\r');
}
