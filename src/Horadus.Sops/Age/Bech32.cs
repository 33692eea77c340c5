using System.Text;

namespace Horadus.Sops.Age;

/// <summary>
/// BIP-173 bech32 (not bech32m), as age uses it for keys: no 90-character limit,
/// either all lower case or all upper case, data converted from 5-bit groups without padding bits.
/// </summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        var lowerHrp = hrp.ToLowerInvariant();
        var values = ConvertBits(data, 8, 5, pad: true)
            ?? throw new InvalidOperationException("bech32: cannot convert data");
        var checksum = CreateChecksum(lowerHrp, values);
        var builder = new StringBuilder(lowerHrp.Length + 1 + values.Length + checksum.Length);
        builder.Append(lowerHrp).Append('1');
        foreach (var value in values.Concat(checksum))
        {
            builder.Append(Charset[value]);
        }

        // age prints upper-case identities: the case of the HRP decides the case of the whole string.
        var encoded = builder.ToString();
        return hrp == hrp.ToUpperInvariant() && hrp != lowerHrp ? encoded.ToUpperInvariant() : encoded;
    }

    /// <summary>Decodes a bech32 string; returns false (never throws) on any defect.</summary>
    public static bool TryDecode(string text, out string hrp, out byte[] data)
    {
        hrp = string.Empty;
        data = [];
        if (text.Length < 8)
        {
            return false;
        }

        var hasLower = text.Any(char.IsAsciiLetterLower);
        var hasUpper = text.Any(char.IsAsciiLetterUpper);
        if (hasLower && hasUpper)
        {
            return false;
        }

        if (text.Any(c => c < 33 || c > 126))
        {
            return false;
        }

        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.Length)
        {
            return false;
        }

        var values = new byte[lower.Length - separator - 1];
        for (var i = 0; i < values.Length; i++)
        {
            var index = Charset.IndexOf(lower[separator + 1 + i], StringComparison.Ordinal);
            if (index < 0)
            {
                return false;
            }

            values[i] = (byte)index;
        }

        var humanPart = lower[..separator];
        if (Polymod(ExpandHrp(humanPart).Concat(values)) != 1)
        {
            return false;
        }

        var converted = ConvertBits(values.AsSpan(0, values.Length - 6), 5, 8, pad: false);
        if (converted is null)
        {
            return false;
        }

        hrp = hasUpper ? humanPart.ToUpperInvariant() : humanPart;
        data = converted;
        return true;
    }

    private static byte[] CreateChecksum(string hrp, byte[] values)
    {
        var polymod = Polymod(ExpandHrp(hrp).Concat(values).Concat(new byte[6])) ^ 1;
        var checksum = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            checksum[i] = (byte)((polymod >> (5 * (5 - i))) & 31);
        }

        return checksum;
    }

    private static uint Polymod(IEnumerable<byte> values)
    {
        uint checksum = 1;
        foreach (var value in values)
        {
            var top = checksum >> 25;
            checksum = ((checksum & 0x1ffffff) << 5) ^ value;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    checksum ^= Generator[i];
                }
            }
        }

        return checksum;
    }

    private static byte[] ExpandHrp(string hrp)
    {
        var result = new byte[(hrp.Length * 2) + 1];
        for (var i = 0; i < hrp.Length; i++)
        {
            result[i] = (byte)(hrp[i] >> 5);
            result[i + hrp.Length + 1] = (byte)(hrp[i] & 31);
        }

        return result;
    }

    private static byte[]? ConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad)
    {
        var accumulator = 0;
        var bits = 0;
        var maxValue = (1 << toBits) - 1;
        var result = new List<byte>((data.Length * fromBits / toBits) + 1);
        foreach (var value in data)
        {
            if (value >> fromBits != 0)
            {
                return null;
            }

            accumulator = (accumulator << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((accumulator >> bits) & maxValue));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((accumulator << (toBits - bits)) & maxValue));
            }
        }
        else if (bits >= fromBits || ((accumulator << (toBits - bits)) & maxValue) != 0)
        {
            return null;
        }

        return [.. result];
    }
}
