using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Horadus.Core.History;
using Horadus.Core.Ports;
using Horadus.Core.Serialization;
using Horadus.Host.Posix;
using Horadus.Host.Tree;

namespace Horadus.Host.State;

/// <summary>
/// The apply history as JSON lines in <c>.horadus/history.jsonl</c>: one line when an apply starts, one when it ends
/// (same id). An apply whose end is missing was interrupted. Append-only, flushed per line.
/// </summary>
public sealed class JsonlHistoryStore(string root) : IHistoryStore
{
    private static readonly JsonTypeInfo<ApplyRecord> Json =
        HoradusJson.Options(HostJsonContext.Default, o => o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull).Info<ApplyRecord>();

    public string HistoryPath => Path.Combine(root, SecretsTreeLayout.StateDirectory, "history.jsonl");

    public IReadOnlyList<ApplyRecord> Read()
    {
        // A root or a state directory that is not a real one is reported by the snapshot; nothing is read through it
        // (a root that is a link to itself would fail the next lstat with ELOOP).
        if (Libc.Lstat(root) is not { IsDirectory: true }
            || Libc.Lstat(Path.Combine(root, SecretsTreeLayout.StateDirectory)) is not { IsDirectory: true }
            || Libc.Lstat(HistoryPath) is not { } stat)
        {
            return [];
        }

        RefuseNonFile(stat);
        var byId = new Dictionary<string, ApplyRecord>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var line in File.ReadLines(HistoryPath, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ApplyRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(line, Json);
            }
            catch (JsonException)
            {
                // A line torn by a crash mid-write is skipped; the records around it still count.
                continue;
            }

            if (record is null)
            {
                continue;
            }

            if (!byId.ContainsKey(record.Id))
            {
                order.Add(record.Id);
            }

            byId[record.Id] = record;
        }

        return order.Select(id => byId[id]).ToList();
    }

    public void Append(ApplyRecord record)
    {
        StateDirectory.Ensure(root, createRoot: false);
        if (Libc.Lstat(HistoryPath) is { } stat)
        {
            RefuseNonFile(stat);
        }

        var line = JsonSerializer.Serialize(record, Json) + "\n";
        var fd = Libc.OpenForAppend(HistoryPath, 0b110_000_000);
        try
        {
            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false);
            RandomAccess.Write(handle, Encoding.UTF8.GetBytes(line), RandomAccess.GetLength(handle));
            Libc.Fsync(fd, HistoryPath);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private void RefuseNonFile(StatInfo stat)
    {
        if (!stat.IsRegularFile)
        {
            throw new IOException($"{HistoryPath} is a {RootGuard.Kind(stat)}, not the history file; Horadus never reads or writes through it: move it away by hand");
        }
    }
}
