using System.Text.RegularExpressions;

namespace Horadus.Host.Git;

/// <summary>
/// Removes the user-info part of URLs (<c>https://user:token@host/...</c> becomes <c>https://host/...</c>) from any text
/// shown to people: settings echoed back and git's own messages, which may repeat the URL as it was given.
/// </summary>
internal static partial class CredentialRedactor
{
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#@\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    public static string Redact(string text) => UserInfo().Replace(text, "${scheme}");
}
