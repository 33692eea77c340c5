namespace Horadus.Manifest;

/// <summary>
/// Control characters (NUL, newline, tab, DEL, ...) have no place in a path or a name: a newline in secrets_root made
/// a folder named "root\nx", a NUL crashed path handling. These helpers find them and show them escaped, so that a
/// hostile value can neither break a path nor forge lines of output.
/// </summary>
public static class ControlCharacters
{
    public static bool In(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Any(char.IsControl);
    }

    /// <summary>The text with each control character written as \n, \t, \0 or \xNN.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return !In(text)
            ? text
            : string.Concat(text.Select(c => c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            }));
    }
}
