using Horadus.Sops.Age;

namespace Horadus.Sops.Tests.Support;

/// <summary>Key rings made from fixture key files.</summary>
internal static class Keys
{
    public static SopsKeyRing FromFile(string path) =>
        new(AgeIdentity.ParseFile(File.ReadAllText(path)), [$"test key file {Path.GetFileName(path)}"]);
}
