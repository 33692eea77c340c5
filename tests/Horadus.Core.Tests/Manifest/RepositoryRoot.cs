namespace Horadus.Core.Tests.Manifest;

/// <summary>The checkout's root, found by walking up from the test binaries to Horadus.Reconciler.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Horadus.Reconciler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Horadus.Reconciler.sln above {AppContext.BaseDirectory}");
    }
}
