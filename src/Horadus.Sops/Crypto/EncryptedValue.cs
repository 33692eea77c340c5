using System.Text.RegularExpressions;

namespace Horadus.Sops.Crypto;

/// <summary>The parts of an <c>ENC[AES256_GCM,data:...,iv:...,tag:...,type:...]</c> string.</summary>
internal sealed partial record EncryptedValue(byte[] Data, byte[] Iv, byte[] Tag, string Type)
{
    /// <summary>Parses like sops: the same (unanchored at the end, greedy) pattern and standard padded base64.</summary>
    public static bool TryParse(string text, out EncryptedValue? value, out string? error)
    {
        value = null;
        error = null;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            error = "Input string does not match sops' data format";
            return false;
        }

        if (!TryBase64(match.Groups[1].Value, out var data))
        {
            error = "Error base64-decoding data";
            return false;
        }

        if (!TryBase64(match.Groups[2].Value, out var iv))
        {
            error = "Error base64-decoding iv";
            return false;
        }

        if (!TryBase64(match.Groups[3].Value, out var tag))
        {
            error = "Error base64-decoding tag";
            return false;
        }

        value = new EncryptedValue(data, iv, tag, match.Groups[4].Value);
        return true;
    }

    public string Format() =>
        $"ENC[AES256_GCM,data:{Convert.ToBase64String(Data)},iv:{Convert.ToBase64String(Iv)},tag:{Convert.ToBase64String(Tag)},type:{Type}]";

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = [];
        // Go's StdEncoding skips only CR and LF; .NET also skips spaces and tabs, so reject those first.
        if (text.Contains(' ', StringComparison.Ordinal) || text.Contains('\t', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Pattern();
}
