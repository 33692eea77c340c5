using System.Runtime.Versioning;

// The CLI driven by the end-to-end tests is Linux-only (POSIX filesystem, flock, /proc); so are these tests.
[assembly: SupportedOSPlatform("linux")]
