using System.Diagnostics;

namespace Horadus.Git.Tests.Support;

/// <summary>Whether ssh-keygen can be run: installed here, or installed now with apt when the tests run as root.</summary>
internal static class SshKeygen
{
    private static readonly Lazy<bool> Present = new(() => Found() || (TryInstall() && Found()));

    public static bool Available => Present.Value;

    private static bool Found() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "ssh-keygen")));

    private static bool TryInstall()
    {
        try
        {
            using var apt = Process.Start(new ProcessStartInfo("apt-get", ["install", "-y", "-q", "openssh-client"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (apt is null)
            {
                return false;
            }

            apt.StandardOutput.ReadToEnd();
            apt.StandardError.ReadToEnd();
            apt.WaitForExit();
            return apt.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
