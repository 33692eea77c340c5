using Horadus.Host.Posix;

namespace Horadus.Host.State;

/// <summary><c>&lt;root&gt;/.horadus</c>: lock and history, beside the releases and never inside a mounted one. Private to its owner.</summary>
internal static class StateDirectory
{
    public static string Ensure(string root, bool createRoot)
    {
        if (Libc.Lstat(root) is null)
        {
            if (!createRoot)
            {
                throw new IOException($"the secrets root {root} does not exist");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(root)!);
            Libc.Mkdir(root, 0b111_101_000);
        }

        var path = Path.Combine(root, ".horadus");
        if (Libc.Lstat(path) is null)
        {
            Libc.Mkdir(path, 0b111_000_000);
            Libc.Chmod(path, 0b111_000_000);
        }

        return path;
    }
}
