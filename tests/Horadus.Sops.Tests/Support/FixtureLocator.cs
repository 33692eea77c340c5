namespace Horadus.Sops.Tests.Support;

/// <summary>
/// Finds the shared, read-only SOPS fixtures: <c>$HORADUS_SOPS_FIXTURES</c>, else
/// <c>&lt;repo root&gt;/../shared/fixtures/sops</c> where the repo root holds Horadus.Reconciler.sln.
/// </summary>
internal static class FixtureLocator
{
    public const string EnvironmentVariable = "HORADUS_SOPS_FIXTURES";

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

    public static string? FixturesDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        var root = RepositoryRoot();
        if (root is null)
        {
            return null;
        }

        var candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "fixtures", "sops"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    /// <summary>The fixtures folder, or skips the calling test with the reason.</summary>
    public static string RequireFixtures()
    {
        var directory = FixturesDirectory();
        if (directory is null || !File.Exists(Path.Combine(directory, "EXPECTED.json")))
        {
            Assert.Skip($"SOPS fixtures not found: set {EnvironmentVariable} or place them at <repo root>/../shared/fixtures/sops.");
        }

        return directory!;
    }

    public static string RequireRepositoryRoot() =>
        RepositoryRoot() ?? throw new InvalidOperationException("Horadus.Reconciler.sln not found above " + AppContext.BaseDirectory);
}
