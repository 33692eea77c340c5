using System.Security.Cryptography;
using Horadus.Sops.Crypto;

namespace Horadus.Sops.Tests.Sops;

public sealed class ShamirTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(5, 3)]
    public void Combine_OfAnyThresholdSubset_RecoversTheSecret(int parts, int threshold)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var shares = Shamir.Split(secret, parts, threshold);

        Assert.Equal(secret, Shamir.Combine(shares.Take(threshold).ToList()));
        Assert.Equal(secret, Shamir.Combine(shares.Reverse().Take(threshold).ToList()));
        Assert.All(shares, share => Assert.Equal(33, share.Length));
    }

    [Fact]
    public void Combine_WithTooFewShares_DoesNotRecoverTheSecret()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var shares = Shamir.Split(secret, 3, 3);

        Assert.NotEqual(secret, Shamir.Combine(shares.Take(2).ToList()));
    }

    [Fact]
    public void Combine_OfAKnownVector_MatchesHashiCorpsScheme()
    {
        // Degree-1 polynomial f(x) = 0x2A + 0x03·x over GF(2^8): f(1) = 0x29, f(2) = 0x2C.
        var secret = Shamir.Combine([[0x29, 0x01], [0x2C, 0x02]]);

        Assert.Equal([0x2A], secret);
    }

    [Fact]
    public void Combine_WithDuplicateShares_IsRejected()
    {
        Assert.Throws<SopsException>(() => Shamir.Combine([[0x29, 0x01], [0x29, 0x01]]));
    }
}
