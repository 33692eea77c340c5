using System.Diagnostics;

namespace Horadus.Cli.Composition;

/// <summary>The git commit the manifest comes from, recorded in the history; absent when there is no git or no repository.</summary>
internal static class Revision
{
    public static string? Of(string manifestPath)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", Path.GetDirectoryName(manifestPath)!, "rev-parse", "--short=12", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            return git.WaitForExit(5000) && git.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
