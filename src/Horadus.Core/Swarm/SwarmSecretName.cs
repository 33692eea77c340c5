using System.Security.Cryptography;
using System.Text;
using Horadus.Core.Desired;

namespace Horadus.Core.Swarm;

/// <summary>
/// The name of one secret version: <c>horadus_&lt;file&gt;_&lt;stamp&gt;</c>. Swarm limits names to 64 characters;
/// a longer file name is cut and given 8 hex characters of its SHA-256, so two long names never meet.
/// </summary>
public static class SwarmSecretName
{
    public const int MaxLength = 64;
    private const string Prefix = "horadus_";

    public static string For(string file, ReleaseStamp stamp)
    {
        var name = $"{Prefix}{file}_{stamp}";
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file)))[..8];
        var room = MaxLength - Prefix.Length - stamp.Value.Length - hash.Length - 2;
        return $"{Prefix}{file[..room]}_{hash}_{stamp}";
    }
}
