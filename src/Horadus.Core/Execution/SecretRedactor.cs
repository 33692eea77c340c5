using System.Text;
using Horadus.Core.Desired;
using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

/// <summary>
/// Removes the desired secret values from text that comes out of the containers (log lines, HTTP answers) before it
/// reaches a report, the history or the terminal: apps do log connection strings, and echo the key they were refused.
/// Each occurrence of a value becomes <c>[redacted sha256:…]</c>, the short fingerprint the plan shows for its file.
/// Built once per apply from the <see cref="DesiredState"/>; pure, no I/O.
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>Shorter values are not looked for: redacting every "1" or "abc" in a log would make it unreadable.</summary>
    public const int MinimumLength = 4;

    private readonly IReadOnlyList<(string Secret, string Marker)> _secrets;

    /// <param name="secrets">Each value to hide and the marker that replaces it.</param>
    public SecretRedactor(IEnumerable<(string Secret, string Marker)> secrets)
    {
        // Longest first: a whole value is hidden as one, before any shorter value found inside it.
        _secrets = secrets
            .Where(s => s.Secret.Length >= MinimumLength)
            .DistinctBy(s => s.Secret, StringComparer.Ordinal)
            .OrderByDescending(s => s.Secret.Length)
            .ToList();
    }

    /// <summary>Hides nothing (no values known).</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>
    /// The values of <paramref name="desired"/>: each file's UTF-8 text without its trailing newlines (and trimmed), each of
    /// its lines, and for <c>api_keys</c> each key (newline- or comma-separated, as <see cref="ValuePreflight.ApiKeys"/> reads them).
    /// </summary>
    public static SecretRedactor For(DesiredState desired)
    {
        var secrets = new List<(string, string)>();
        foreach (var file in desired.Files)
        {
            var marker = $"[redacted {file.Value.Digest.Short}]";
            var text = Encoding.UTF8.GetString(file.Value.Reveal());
            secrets.Add((text.TrimEnd('\r', '\n'), marker));
            secrets.Add((text.Trim(), marker));
            foreach (var line in text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                secrets.Add((line, marker));
            }

            if (file.Name == "api_keys")
            {
                foreach (var key in ValuePreflight.ApiKeys(text))
                {
                    secrets.Add((key, marker));
                }
            }
        }

        return new SecretRedactor(secrets);
    }

    /// <summary>The text with every occurrence of every value replaced by its marker; overlapping occurrences become one marker.</summary>
    public string Redact(string text)
    {
        if (_secrets.Count == 0 || string.IsNullOrEmpty(text))
        {
            return text;
        }

        // Mark every character covered by an occurrence (of the longest value first), then write each covered run once.
        string?[]? markers = null;
        foreach (var (secret, marker) in _secrets)
        {
            for (var at = text.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = text.IndexOf(secret, at + 1, StringComparison.Ordinal))
            {
                markers ??= new string?[text.Length];
                for (var i = at; i < at + secret.Length; i++)
                {
                    markers[i] ??= marker;
                }
            }
        }

        if (markers is null)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (markers[i] is not { } marker)
            {
                result.Append(text[i]);
                continue;
            }

            result.Append(marker);
            while (i + 1 < text.Length && markers[i + 1] is not null)
            {
                i++;
            }
        }

        return result.ToString();
    }

    public IReadOnlyList<string> Redact(IReadOnlyList<string> lines) =>
        _secrets.Count == 0 ? lines : lines.Select(Redact).ToList();

    /// <summary>The failure with its last answer and every log line redacted.</summary>
    public GateFailure Redact(GateFailure failure) =>
        _secrets.Count == 0 ? failure : failure with { LastAnswer = Redact(failure.LastAnswer), LogTail = Redact(failure.LogTail) };
}
