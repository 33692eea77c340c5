namespace Horadus.Benchmarks;

/// <summary>Files of the repository the benchmarks read (the examples), found upwards from the benchmark's binary.</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Horadus.Reconciler.sln")))
            {
                return System.IO.Path.Combine([directory.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("run the benchmarks from inside the repository (benchmarks/run)");
    }
}
