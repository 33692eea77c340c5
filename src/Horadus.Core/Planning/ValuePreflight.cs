using System.Text;
using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;

namespace Horadus.Core.Planning;

/// <summary>
/// The built-in pre-flight checks of a release's values, before <c>current</c> moves: present, non-empty,
/// readable by the configured owner, <c>api_keys</c> holds at least one key, URL-shaped values parse.
/// Findings name the file and the rule, never the value.
/// </summary>
public static class ValuePreflight
{
    public static IReadOnlyList<Diagnostic> Check(DesiredState desired)
    {
        var problems = new List<Diagnostic>();
        foreach (var file in desired.Files)
        {
            var address = Addresses.File(desired.Stamp, file.Name);
            var text = Encoding.UTF8.GetString(file.Value.Reveal());
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add(Diagnostic.Error($"'{file.Name}' is empty", address: address));
                continue;
            }

            if (file.Name == "api_keys" && ApiKeys(text).Count == 0)
            {
                problems.Add(Diagnostic.Error("'api_keys' holds no key", "write keys separated by newlines and/or commas", address: address));
            }

            if (LooksLikeUrl(file.Name) && !Uri.TryCreate(text.Trim(), UriKind.Absolute, out _))
            {
                problems.Add(Diagnostic.Error($"'{file.Name}' is not a valid URL", "expected scheme://host/...", address: address));
            }
        }

        problems.AddRange(CheckModes(desired));
        return problems;
    }

    /// <summary>Modes that would lock the app out of its own secrets: refused before any release, the live one included, is touched.</summary>
    public static IReadOnlyList<Diagnostic> CheckModes(DesiredState desired)
    {
        var problems = new List<Diagnostic>();
        if ((desired.Modes.File.Bits & 0b100_000_000) == 0)
        {
            problems.Add(Diagnostic.Error($"file mode {desired.Modes.File} does not let the owner {desired.Ownership.Uid} read the secrets"));
        }

        if ((desired.Modes.ReleaseDirectory.Bits & 0b101_000_000) != 0b101_000_000)
        {
            problems.Add(Diagnostic.Error($"release directory mode {desired.Modes.ReleaseDirectory} does not let the owner {desired.Ownership.Uid} list and enter it"));
        }

        return problems;
    }

    /// <summary>api_keys may hold newline- and/or comma-separated values.</summary>
    public static IReadOnlyList<string> ApiKeys(string text) =>
        text.Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool LooksLikeUrl(string name) =>
        name.EndsWith("_url", StringComparison.Ordinal) || name.EndsWith("_url_sync", StringComparison.Ordinal) || name.EndsWith("_backend", StringComparison.Ordinal);
}
