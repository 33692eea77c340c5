using System.Runtime.Versioning;

// horadus runs on Linux Docker hosts; its host adapters speak POSIX.
[assembly: SupportedOSPlatform("linux")]
