using Xunit;

namespace Horadus.Tests.Shared;

/// <summary>
/// Finds the SOPS conformance fixtures vendored in the repository, <c>tests/fixtures/sops</c>, so a fresh clone
/// runs every conformance test. A missing set fails the test (never skips it): a skipped conformance test reads
/// as green while nothing was checked.
/// </summary>
internal static class FixtureLocator
{
    public static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Horadus.Reconciler.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary><c>&lt;repo root&gt;/tests/fixtures/sops</c>, whether or not it exists.</summary>
    public static string FixturesDirectory() => Path.Combine(RequireRepositoryRoot(), "tests", "fixtures", "sops");

    /// <summary>A file of the fixture set by its path inside it, such as <c>getsops-sops/age/keys.txt</c>; fails the test when absent.</summary>
    public static string RequireFile(string relativePath)
    {
        var path = Path.Combine(RequireFixtures(), relativePath);
        if (!File.Exists(path))
        {
            Assert.Fail($"SOPS fixture missing: {path}; it is part of the repository (restore tests/fixtures/sops from git).");
        }

        return path;
    }

    /// <summary>The fixtures folder, or fails the calling test saying what is missing.</summary>
    public static string RequireFixtures()
    {
        var directory = FixturesDirectory();
        if (!File.Exists(Path.Combine(directory, "EXPECTED.json")))
        {
            Assert.Fail($"SOPS conformance fixtures missing: {directory}/EXPECTED.json not found; they are part of the repository (restore tests/fixtures/sops from git).");
        }

        return directory;
    }

    public static string RequireRepositoryRoot() =>
        RepositoryRoot() ?? throw new InvalidOperationException("Horadus.Reconciler.sln not found above " + AppContext.BaseDirectory);
}
