using System.Security.Cryptography;
using System.Text;
using Horadus.Core.Desired;

namespace Horadus.Core.Tests.Desired;

public sealed class FingerprintKeyTests
{
    private static readonly byte[] Pin = Encoding.UTF8.GetBytes("4711\n");

    [Fact]
    public void Digest_IsKeyed_NotAPlainHashOfTheValue()
    {
        var digest = FingerprintKey.ForRoot(new byte[FingerprintKey.Length]).Digest(Pin);

        Assert.StartsWith("hmac:", digest.Short, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(SHA256.HashData(Pin))[..12], digest.Short, StringComparison.Ordinal);
        Assert.NotEqual(digest, FingerprintKey.ForRoot(Enumerable.Repeat((byte)1, FingerprintKey.Length).ToArray()).Digest(Pin));
    }

    [Fact]
    public void Provisional_DependsOnEveryValue_NotOnTheirOrder()
    {
        var values = new Dictionary<string, byte[]> { ["pin"] = Pin, ["api_key"] = "sk-long-random"u8.ToArray() };

        var one = FingerprintKey.Provisional(values).Digest(Pin);
        var reordered = FingerprintKey.Provisional(values.Reverse()).Digest(Pin);
        var otherKey = FingerprintKey.Provisional(new Dictionary<string, byte[]> { ["pin"] = Pin, ["api_key"] = "sk-other"u8.ToArray() }).Digest(Pin);

        Assert.Equal(one, reordered);
        Assert.NotEqual(one, otherKey);
    }

    [Fact]
    public void Ephemeral_ComparesButIsNeverShown()
    {
        var key = FingerprintKey.Ephemeral();

        Assert.Equal(key.Digest(Pin), key.Digest(Pin.ToArray()));
        Assert.Equal("hmac:(not shown)", key.Digest(Pin).Short);
    }
}
