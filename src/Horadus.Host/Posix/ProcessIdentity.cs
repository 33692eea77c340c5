namespace Horadus.Host.Posix;

/// <summary>Who this process runs as: the default owner of what it writes when the manifest names none.</summary>
public static class ProcessIdentity
{
    public static int Uid => Libc.GetEuid();

    public static int Gid => Libc.GetEgid();
}
