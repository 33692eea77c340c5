using System.Globalization;
using System.Text.RegularExpressions;

namespace Horadus.Manifest.Reading;

/// <summary>Manifest durations: digits and a unit, repeated ("1h30m", "500ms", "2d"). Units: ms, s, m, h, d.</summary>
public static partial class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text is null || !Shape().IsMatch(text))
        {
            return false;
        }

        try
        {
            var total = TimeSpan.Zero;
            foreach (Match part in Part().Matches(text))
            {
                var amount = long.Parse(part.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                total = checked(total + part.Groups[2].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "h" => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                });
            }

            duration = total;
            return true;
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            // Syntactically fine but longer than TimeSpan can hold.
            return false;
        }
    }

    /// <summary>The same shape the schema's duration pattern accepts.</summary>
    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^([0-9]+(ms|s|m|h|d))+\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex Shape();

    [GeneratedRegex("([0-9]+)(ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
