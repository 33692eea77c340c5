using System.Globalization;
using System.Text;

namespace Horadus.Manifest.Yaml;

/// <summary>JSON pointers (RFC 6901) as plain strings, and their dotted form for people ("services.api.after[0]").</summary>
internal static class JsonPointerText
{
    public static string Append(string pointer, string token) =>
        pointer + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> Tokens(string pointer) =>
        pointer.Length == 0
            ? []
            : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    /// <summary>"/services/api/after/0" -> "services.api.after[0]"; null for the document itself.</summary>
    public static string? ToField(string pointer, Func<string, bool> isArray)
    {
        if (pointer.Length == 0)
        {
            return null;
        }

        var field = new StringBuilder();
        var current = "";
        foreach (var token in Tokens(pointer))
        {
            if (isArray(current))
            {
                field.Append('[').Append(token).Append(']');
            }
            else
            {
                if (field.Length > 0)
                {
                    field.Append('.');
                }

                field.Append(token);
            }

            current = Append(current, token);
        }

        return field.ToString();
    }
}
