using System.Runtime.Versioning;

// The host adapters speak POSIX (statx, flock, rename, symlink); Horadus runs on Linux Docker hosts.
[assembly: SupportedOSPlatform("linux")]
