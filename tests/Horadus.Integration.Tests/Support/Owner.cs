using System.Diagnostics;

namespace Horadus.Integration.Tests.Support;

/// <summary>Owner facts read through coreutils, a channel independent of the code under test.</summary>
internal static class Owner
{
    public static string Of(string path) => Run("stat", "-c", "%u:%g", "--", path).Trim();

    public static string ModeOf(string path) => Run("stat", "-c", "%a", "--", path).Trim();

    public static bool IsRoot => Run("id", "-u").Trim() == "0";

    public static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {process.StandardError.ReadToEnd()}");
    }
}
