using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Horadus.Host.Posix;

/// <summary>
/// The handful of POSIX calls .NET does not expose: owner ids (statx), chown, fsync of directories, O_EXCL|O_NOFOLLOW
/// creation with a mode, rename(2) and flock(2). statx is used because its struct layout is the same on every architecture.
/// </summary>
internal static partial class Libc
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    public const int ORdOnly = 0;
    public const int OWrOnly = 1;
    public const int ORdWr = 2;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;
    public const int OAppend = 0x400;
    public const int ONonBlock = 0x800;
    public const int ODirectory = 0x10000;
    public const int AtEmptyPath = 0x1000;
    public const int ONoFollow = 0x20000;
    public const int OCloExec = 0x80000;

    public const int LockEx = 2;
    public const int LockNb = 4;
    public const int LockUn = 8;

    public const int ENoEnt = 2;
    public const int EExist = 17;
    public const int EWouldBlock = 11;
    public const int ENotDir = 20;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(int dirfd, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxFdNative(int dirfd, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LchownNative(string path, int uid, int gid);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int FchownNative(int fd, int uid, int gid);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static partial int FchmodNative(int fd, uint mode);

    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChmodNative(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirNative(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncNative(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int fd);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string from, string to);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Renameat2Native(int oldDirFd, string from, int newDirFd, string to, uint flags);

    [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SymlinkNative(string target, string linkPath);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockNative(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FtruncateNative(int fd, long length);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial int GetEuid();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial int GetEgid();

    /// <summary>lstat-like facts of a path, or null when it does not exist.</summary>
    public static StatInfo? Lstat(string path) => StatPath(path, AtSymlinkNoFollow);

    /// <summary>stat-like facts of a path, links followed, or null when it does not exist.</summary>
    public static StatInfo? Stat(string path) => StatPath(path, 0);

    /// <summary>The facts of an open descriptor: what it names, whatever the path names now.</summary>
    public static StatInfo Fstat(int fd, string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        Check(StatxFdNative(fd, string.Empty, AtEmptyPath, StatxBasicStats, buffer), "stat", path);
        return StatInfo.Parse(buffer);
    }

    private static StatInfo? StatPath(string path, int flags)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (StatxNative(AtFdCwd, path, flags, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENoEnt or ENotDir)
            {
                return null;
            }

            throw Error(errno, "stat", path);
        }

        return StatInfo.Parse(buffer);
    }

    public static void Lchown(string path, int uid, int gid) => Check(LchownNative(path, uid, gid), "chown", path);

    public static void Chmod(string path, int mode) => Check(ChmodNative(path, (uint)mode), "chmod", path);

    public static void Mkdir(string path, int mode) => Check(MkdirNative(path, (uint)mode), "mkdir", path);

    /// <summary>mkdir(2) that accepts losing the race to another process making the same name; true when this call made it.</summary>
    public static bool MkdirUnlessPresent(string path, int mode)
    {
        if (MkdirNative(path, (uint)mode) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == EExist ? false : throw Error(errno, "mkdir", path);
    }

    public static void Rename(string from, string to) => Check(RenameNative(from, to), "rename", $"{from} -> {to}");

    /// <summary>rename(2) that fails instead of replacing whatever appeared under the target name (RENAME_NOREPLACE).</summary>
    public static void RenameNoReplace(string from, string to) =>
        Check(Renameat2Native(AtFdCwd, from, AtFdCwd, to, 1), "rename", $"{from} -> {to}");

    /// <summary>
    /// Opens an existing entry without following a link (and without blocking on a FIFO), for the f* calls:
    /// whatever replaces the path after this, the descriptor still names what was opened.
    /// </summary>
    public static int OpenNoFollow(string path, bool directory = false)
    {
        var fd = OpenNative(path, ORdOnly | ONoFollow | OCloExec | ONonBlock | (directory ? ODirectory : 0), 0);
        return fd >= 0 ? fd : throw Error(Marshal.GetLastPInvokeError(), "open", path);
    }

    /// <summary>The permission bits of an open descriptor.</summary>
    public static int PermissionsOf(int fd, string path) => Fstat(fd, path).Permissions;

    public static void Symlink(string target, string linkPath) => Check(SymlinkNative(target, linkPath), "symlink", linkPath);

    /// <summary>Creates a new file (never follows a link, never reuses one) and returns its descriptor.</summary>
    public static int CreateExclusive(string path, int mode)
    {
        var fd = OpenNative(path, OWrOnly | OCreat | OExcl | ONoFollow | OCloExec, (uint)mode);
        return fd >= 0 ? fd : throw Error(Marshal.GetLastPInvokeError(), "create", path);
    }

    /// <summary>Opens a file for appending, created with <paramref name="mode"/> if missing; never through a link.</summary>
    public static int OpenForAppend(string path, int mode)
    {
        var fd = OpenNative(path, OWrOnly | OAppend | OCreat | ONoFollow | OCloExec, (uint)mode);
        return fd >= 0 ? fd : throw Error(Marshal.GetLastPInvokeError(), "open", path);
    }

    /// <summary>
    /// Opens (or creates) the lock file, never through a link and never blocking: a FIFO put there would hang a blocking
    /// open for ever, so the open does not wait and anything but a regular file is refused on the descriptor.
    /// </summary>
    public static int OpenForLock(string path, int mode)
    {
        var fd = OpenNative(path, ORdWr | OCreat | ONoFollow | OCloExec | ONonBlock, (uint)mode);
        if (fd < 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), "open", path);
        }

        var stat = Fstat(fd, path);
        if (!stat.IsRegularFile)
        {
            CloseNative(fd);
            throw new IOException($"{path} is a {(stat.IsDirectory ? "directory" : "special file")}, not the lock file Horadus keeps; move it away by hand (Horadus recreates it)");
        }

        return fd;
    }

    public static void Fchown(int fd, int uid, int gid, string path) => Check(FchownNative(fd, uid, gid), "chown", path);

    public static void Fchmod(int fd, int mode, string path) => Check(FchmodNative(fd, (uint)mode), "chmod", path);

    public static void Fsync(int fd, string path) => Check(FsyncNative(fd), "fsync", path);

    public static void Close(int fd) => CloseNative(fd);

    /// <summary>Flushes a directory so that renames and creations inside it survive a crash.</summary>
    public static void FsyncDirectory(string path)
    {
        var fd = OpenNative(path, ORdOnly | ODirectory | OCloExec, 0);
        if (fd < 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), "open", path);
        }

        try
        {
            Fsync(fd, path);
        }
        finally
        {
            CloseNative(fd);
        }
    }

    /// <summary>Tries to take an exclusive flock; false when another process holds it.</summary>
    public static bool TryLockExclusive(int fd, string path)
    {
        if (FlockNative(fd, LockEx | LockNb) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == EWouldBlock ? false : throw Error(errno, "flock", path);
    }

    public static void Unlock(int fd) => FlockNative(fd, LockUn);

    /// <summary>Replaces a file's content through a descriptor (no .NET FileStream: it would take its own flock).</summary>
    public static void Overwrite(int fd, ReadOnlySpan<byte> content, string path)
    {
        Check(FtruncateNative(fd, 0), "truncate", path);
        using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false);
        RandomAccess.Write(handle, content, 0);
    }

    /// <summary>Reads a small file through a plain descriptor, ignoring flocks held on it.</summary>
    public static byte[] ReadSmallFile(string path)
    {
        var fd = OpenNative(path, ORdOnly | ONoFollow | OCloExec, 0);
        if (fd < 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), "open", path);
        }

        try
        {
            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false);
            var buffer = new byte[64 * 1024];
            var read = RandomAccess.Read(handle, buffer, 0);
            return buffer[..read];
        }
        finally
        {
            CloseNative(fd);
        }
    }

    private static void Check(int result, string operation, string path)
    {
        if (result != 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), operation, path);
        }
    }

    private static IOException Error(int errno, string operation, string path) =>
        new($"{operation} {path}: {new Win32Exception(errno).Message}", errno);
}

/// <summary>
/// What statx tells about an entry. <see cref="Mode"/> includes the file type bits; <see cref="Links"/> is st_nlink;
/// <see cref="Device"/> and <see cref="Inode"/> say which inode it is, whatever path led to it.
/// </summary>
internal readonly record struct StatInfo(int Uid, int Gid, int Mode, long Size, int Links = 1, long Device = 0, long Inode = 0)
{
    private const int TypeMask = 0xF000;

    /// <summary>Reads the fields of a struct statx (the same layout on every architecture).</summary>
    public static StatInfo Parse(ReadOnlySpan<byte> statx) => new(
        Uid: BinaryPrimitives.ReadInt32LittleEndian(statx[20..]),
        Gid: BinaryPrimitives.ReadInt32LittleEndian(statx[24..]),
        Mode: BinaryPrimitives.ReadUInt16LittleEndian(statx[28..]),
        Size: BinaryPrimitives.ReadInt64LittleEndian(statx[40..]),
        Links: (int)BinaryPrimitives.ReadUInt32LittleEndian(statx[16..]),
        Device: ((long)BinaryPrimitives.ReadUInt32LittleEndian(statx[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(statx[140..]),
        Inode: BinaryPrimitives.ReadInt64LittleEndian(statx[32..]));

    /// <summary>The same inode as <paramref name="other"/> (same device, same inode number).</summary>
    public bool SameInodeAs(StatInfo other) => Device == other.Device && Inode == other.Inode;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    public bool IsSymlink => (Mode & TypeMask) == 0xA000;

    public int Permissions => Mode & 0xFFF;
}
