using System.Security.Cryptography;

namespace Horadus.Sops.Crypto;

/// <summary>
/// sops's Shamir secret sharing (HashiCorp Vault's scheme) over GF(2^8) with the AES polynomial
/// x^8+x^4+x^3+x+1. Each share is the y-bytes followed by one x-coordinate byte.
/// </summary>
internal static class Shamir
{
    public static byte[] Combine(IReadOnlyList<byte[]> parts)
    {
        if (parts.Count < 2)
        {
            throw SopsException.Malformed("could not get data key from shamir parts: less than two parts cannot be used to reconstruct the secret");
        }

        var length = parts[0].Length;
        if (length < 2 || parts.Any(part => part.Length != length))
        {
            throw SopsException.Malformed("could not get data key from shamir parts: parts must be at least two bytes and of equal length");
        }

        var xs = parts.Select(part => part[length - 1]).ToArray();
        if (xs.Distinct().Count() != xs.Length)
        {
            throw SopsException.Malformed("could not get data key from shamir parts: duplicate part detected");
        }

        var secret = new byte[length - 1];
        var ys = new byte[parts.Count];
        for (var index = 0; index < secret.Length; index++)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                ys[i] = parts[i][index];
            }

            secret[index] = InterpolateAtZero(xs, ys);
        }

        return secret;
    }

    public static byte[][] Split(ReadOnlySpan<byte> secret, int parts, int threshold)
    {
        if (parts < threshold || parts > 255 || threshold < 2 || threshold > 255 || secret.IsEmpty)
        {
            throw new ArgumentException("invalid Shamir parameters");
        }

        // Distinct non-zero x coordinates in random order.
        var xs = Enumerable.Range(1, 255).Select(x => (byte)x).ToArray();
        RandomNumberGenerator.Shuffle(xs.AsSpan());
        var shares = new byte[parts][];
        for (var i = 0; i < parts; i++)
        {
            shares[i] = new byte[secret.Length + 1];
            shares[i][secret.Length] = xs[i];
        }

        var coefficients = new byte[threshold];
        for (var index = 0; index < secret.Length; index++)
        {
            RandomNumberGenerator.Fill(coefficients.AsSpan(1));
            coefficients[0] = secret[index];
            for (var i = 0; i < parts; i++)
            {
                shares[i][index] = Evaluate(coefficients, xs[i]);
            }
        }

        CryptographicOperations.ZeroMemory(coefficients);
        return shares;
    }

    private static byte Evaluate(byte[] coefficients, byte x)
    {
        byte result = 0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            result = (byte)(Multiply(result, x) ^ coefficients[i]);
        }

        return result;
    }

    private static byte InterpolateAtZero(byte[] xs, byte[] ys)
    {
        byte result = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            byte basis = 1;
            for (var j = 0; j < xs.Length; j++)
            {
                if (i != j)
                {
                    // (0 - x_j) / (x_i - x_j); subtraction is XOR in GF(2^8).
                    basis = Multiply(basis, Divide(xs[j], (byte)(xs[i] ^ xs[j])));
                }
            }

            result ^= Multiply(ys[i], basis);
        }

        return result;
    }

    private static byte Multiply(byte a, byte b)
    {
        var result = 0;
        var left = (int)a;
        for (var bits = b; bits != 0; bits >>= 1)
        {
            if ((bits & 1) != 0)
            {
                result ^= left;
            }

            left <<= 1;
            if ((left & 0x100) != 0)
            {
                left ^= 0x11B;
            }
        }

        return (byte)result;
    }

    private static byte Divide(byte a, byte b) => Multiply(a, Inverse(b));

    /// <summary>b^254 = b^-1 in GF(2^8).</summary>
    private static byte Inverse(byte b)
    {
        byte result = 1;
        var power = b;
        for (var exponent = 254; exponent > 0; exponent >>= 1)
        {
            if ((exponent & 1) != 0)
            {
                result = Multiply(result, power);
            }

            power = Multiply(power, power);
        }

        return result;
    }
}
