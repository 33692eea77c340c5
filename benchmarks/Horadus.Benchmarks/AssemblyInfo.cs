using System.Runtime.Versioning;

// The benchmarks drive the POSIX host adapter.
[assembly: SupportedOSPlatform("linux")]
