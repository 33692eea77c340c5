using System.Security.Cryptography;
using Horadus.Core.Desired;
using Horadus.Host.Posix;
using Horadus.Host.Tree;

namespace Horadus.Host.State;

/// <summary>
/// <c>&lt;root&gt;/.horadus/fingerprint.key</c>: the root's 32 random bytes that key every fingerprint shown for it.
/// Created once, under the apply lock, with its final mode 0600 (never widened); read without following a link,
/// and refused when it is anything but a private regular file of exactly 32 bytes.
/// </summary>
public static class FingerprintKeyFile
{
    public const string Name = "fingerprint.key";

    private const int PrivateMode = 0b110_000_000;

    public static string PathOf(string root) => Path.Combine(root, SecretsTreeLayout.StateDirectory, Name);

    /// <summary>The root's key, or null when it has none yet (or no state directory to hold one).</summary>
    /// <exception cref="IOException">The key file is there but is not one Horadus wrote: says what is wrong and what to do.</exception>
    public static FingerprintKey? Read(string root)
    {
        var path = PathOf(root);
        try
        {
            // The state directory is checked without following it: a link there is reported by the snapshot, never read
            // through; so is a root that cannot be read at all.
            if (Libc.Lstat(Path.Combine(root, SecretsTreeLayout.StateDirectory)) is not { IsDirectory: true } || Libc.Lstat(path) is null)
            {
                return null;
            }
        }
        catch (IOException)
        {
            return null;
        }

        var fd = Libc.OpenNoFollow(path);
        try
        {
            var stat = Libc.Fstat(fd, path);
            if (!stat.IsRegularFile || stat.Links != 1 || stat.Size != FingerprintKey.Length)
            {
                throw new IOException($"the fingerprint key {path} is not a regular file of {FingerprintKey.Length} bytes with a single link; move it away (the next apply makes a new key, and every fingerprint of this root changes)");
            }

            if ((stat.Permissions & 0b000_111_111) != 0)
            {
                throw new IOException($"the fingerprint key {path} is readable by others than its owner (mode {new PermissionMode(stat.Permissions)}); restrict it: chmod 600 {path}");
            }

            var key = new byte[FingerprintKey.Length + 1];
            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false);
            var read = RandomAccess.Read(handle, key, 0);
            try
            {
                return read == FingerprintKey.Length
                    ? FingerprintKey.ForRoot(key.AsSpan(0, read))
                    : throw new IOException($"the fingerprint key {path} changed while it was read; run the command again");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>Creates the root's key if it has none. Called under the apply lock, so two applies never race for it.</summary>
    public static void Ensure(string root)
    {
        var path = PathOf(root);
        if (Libc.Lstat(path) is not null)
        {
            return;
        }

        // Written whole under a private name, then renamed into place: a plan reading meanwhile sees no key or all of it.
        var temporary = Path.Combine(root, SecretsTreeLayout.StateDirectory, $".{Name}.{Environment.ProcessId}");
        var fd = Libc.CreateExclusive(temporary, PrivateMode);
        var key = RandomNumberGenerator.GetBytes(FingerprintKey.Length);
        try
        {
            Libc.Fchmod(fd, PrivateMode, temporary);
            using (var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false))
            {
                RandomAccess.Write(handle, key, 0);
            }

            Libc.Fsync(fd, temporary);
            Libc.Close(fd);
            fd = -1;
            Libc.RenameNoReplace(temporary, path);
            Libc.FsyncDirectory(Path.Combine(root, SecretsTreeLayout.StateDirectory));
        }
        catch
        {
            if (fd >= 0)
            {
                Libc.Close(fd);
            }

            File.Delete(temporary);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
