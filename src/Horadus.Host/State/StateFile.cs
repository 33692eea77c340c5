using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Horadus.Host.Tree;

namespace Horadus.Host.State;

/// <summary>
/// A small JSON document in <c>.horadus</c> (the daemon's suspension, its last cycle): written whole under a private name
/// and renamed into place, 0600 from its creation, so a reader sees the old one or the new one, never half.
/// </summary>
/// <param name="json">How <typeparamref name="T"/> is written: the metadata of a source-generated context (no reflection).</param>
public sealed class StateFile<T>(string root, string name, JsonTypeInfo<T> json) where T : class
{
    private const int MaxBytes = 64 * 1024;

    public string PathName => Path.Combine(root, SecretsTreeLayout.StateDirectory, name);

    /// <summary>The document, or null when there is none (or it cannot be read as one: a torn or foreign file is not trusted).</summary>
    public T? Read()
    {
        try
        {
            var info = new FileInfo(PathName);
            if (!info.Exists || info.LinkTarget is not null || info.Length > MaxBytes)
            {
                return null;
            }

            return JsonSerializer.Deserialize(File.ReadAllBytes(PathName), json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public void Write(T document)
    {
        var directory = StateDirectory.Ensure(root, createRoot: false);
        var temporary = Path.Combine(directory, $".{name}.{Environment.ProcessId}.tmp");
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(document, json));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, PathName, overwrite: true);
    }

    public void Delete()
    {
        if (File.Exists(PathName))
        {
            File.Delete(PathName);
        }
    }
}
