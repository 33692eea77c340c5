using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Horadus.Core.History;
using Horadus.Core.Ports;
using Horadus.Host.Posix;

namespace Horadus.Host.State;

/// <summary>
/// The apply history as JSON lines in <c>.horadus/history.jsonl</c>: one line when an apply starts, one when it ends
/// (same id). An apply whose end is missing was interrupted. Append-only, flushed per line.
/// </summary>
public sealed class JsonlHistoryStore(string root) : IHistoryStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string HistoryPath => Path.Combine(root, ".horadus", "history.jsonl");

    public IReadOnlyList<ApplyRecord> Read()
    {
        if (Libc.Lstat(HistoryPath) is null)
        {
            return [];
        }

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
                record = JsonSerializer.Deserialize<ApplyRecord>(line, Json);
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
        var line = JsonSerializer.Serialize(record, Json) + "\n";
        using var stream = new FileStream(HistoryPath, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        stream.Write(Encoding.UTF8.GetBytes(line));
        stream.Flush(flushToDisk: true);
    }
}
