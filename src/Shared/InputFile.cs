using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Horadus.Shared;

/// <summary>
/// Reads a whole input file (manifest, SOPS file, age key, value file, saved plan) that must be a regular file of at
/// most a given size. <c>/dev/zero</c> as a manifest used to exhaust memory and a FIFO to hang forever: the file is
/// opened non-blocking (so a FIFO never blocks), checked with fstat (statx) on the open descriptor (so what is checked
/// is what is read), refused unless regular, and read up to the limit plus one byte, however large it claims to be.
/// Symlinks are followed, as for any path a person gives. Compiled into each project that reads input (linked source):
/// Horadus.Sops stays standalone and the pure core free of I/O, with one copy of the logic.
/// </summary>
internal static class InputFile
{
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int StatxBufferSize = 256;
    private const int ENoEnt = 2;
    private const int EAcces = 13;
    private const int ENotDir = 20;
    private const int EIsDir = 21;

    /// <summary>
    /// The whole content, or false with <paramref name="problem"/>: what is wrong, worded to follow the path
    /// ("cannot read the manifest /x: it is a character device, not a regular file; ..."). <paramref name="limit"/> is
    /// the largest accepted size in bytes, one of <see cref="InputLimits"/>.
    /// </summary>
    public static bool TryRead(string path, int limit, [NotNullWhen(true)] out byte[]? content, [NotNullWhen(false)] out string? problem)
    {
        content = null;
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            problem = path.Length == 0 ? "no file name given" : "the path contains a NUL character";
            return false;
        }

        var fd = Open(NullTerminated(path), ORdOnly | ONonBlock | OCloExec, 0);
        if (fd < 0)
        {
            problem = Describe(Marshal.GetLastPInvokeError());
            return false;
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var stat = new byte[StatxBufferSize];
        if (Statx(fd, [0], AtEmptyPath, StatxType | StatxSize, stat) != 0)
        {
            problem = Describe(Marshal.GetLastPInvokeError());
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16LittleEndian(stat.AsSpan(28)) & TypeMask;
        if (type != RegularFile)
        {
            problem = $"it is {TypeName(type)}, not a regular file; give the path of a regular file";
            return false;
        }

        var claimed = BinaryPrimitives.ReadInt64LittleEndian(stat.AsSpan(40));
        return ReadAtMost(handle, claimed, limit, out content, out problem);
    }

    /// <summary>Like <see cref="TryRead"/>, decoded as UTF-8 (a byte order mark is honoured, as File.ReadAllText does).</summary>
    public static bool TryReadText(string path, int limit, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? problem)
    {
        text = null;
        if (!TryRead(path, limit, out var bytes, out problem))
        {
            return false;
        }

        using (var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = reader.ReadToEnd();
        }

        // Key files are read as text: leave no copy of their bytes behind.
        CryptographicOperations.ZeroMemory(bytes);
        return true;
    }

    /// <summary>
    /// Reads until end of file or limit + 1 bytes. The size fstat reports is only a first guess (files in /proc claim 0,
    /// a file may grow while read); a buffer outgrown is zeroed, since it may hold secret bytes.
    /// </summary>
    private static bool ReadAtMost(SafeFileHandle handle, long claimed, int limit, [NotNullWhen(true)] out byte[]? content, [NotNullWhen(false)] out string? problem)
    {
        content = null;
        problem = null;
        var buffer = new byte[(int)Math.Clamp(claimed + 1, 1, (long)limit + 1)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    CryptographicOperations.ZeroMemory(buffer);
                    problem = $"it is larger than {InputLimits.Describe(limit)}, the limit for this kind of file";
                    return false;
                }

                var larger = new byte[(int)Math.Min((long)buffer.Length * 2, (long)limit + 1)];
                buffer.CopyTo(larger, 0);
                CryptographicOperations.ZeroMemory(buffer);
                buffer = larger;
            }

            int read;
            try
            {
                read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                CryptographicOperations.ZeroMemory(buffer);
                problem = "it cannot be read: " + e.Message;
                return false;
            }

            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length == buffer.Length)
        {
            content = buffer;
        }
        else
        {
            content = buffer[..length];
            CryptographicOperations.ZeroMemory(buffer);
        }

        return true;
    }

    private static string Describe(int errno) => errno switch
    {
        ENoEnt or ENotDir => "no such file",
        EAcces => "permission denied",
        EIsDir => "it is a directory, not a regular file; give the path of a regular file",
        _ => Marshal.GetPInvokeErrorMessage(errno),
    };

    private static string TypeName(int type) => type switch
    {
        0x1000 => "a named pipe",
        0x2000 => "a character device",
        0x4000 => "a directory",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "a special file",
    };

    private static byte[] NullTerminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    // Plain DllImport with byte arrays: blittable, so the projects that link this file need no unsafe code.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags, uint mode);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);
}
