namespace Horadus.Sops.Age;

/// <summary>
/// The base64 age uses inside headers: standard alphabet, no padding, canonical (unused bits zero).
/// </summary>
internal static class AgeBase64
{
    public static string Encode(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=');

    public static bool TryDecode(string text, out byte[] data)
    {
        data = [];
        if (text.Length % 4 == 1 || text.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/'))
            {
                return false;
            }
        }

        var padded = text + new string('=', (4 - (text.Length % 4)) % 4);
        try
        {
            data = Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return false;
        }

        // Reject non-canonical encodings (stray low bits), as Go's Strict() decoder does.
        return Encode(data) == text;
    }
}
