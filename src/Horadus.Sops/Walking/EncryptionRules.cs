using System.Text.RegularExpressions;

namespace Horadus.Sops.Walking;

/// <summary>
/// Which leaves sops encrypts: at most one of the suffix/regex/comment-regex rules, defaulting to
/// <c>unencrypted_suffix: _unencrypted</c>. Mirrors sops's <c>shouldBeEncrypted</c>.
/// </summary>
internal sealed record EncryptionRules
{
    public const string DefaultUnencryptedSuffix = "_unencrypted";
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    public string? UnencryptedSuffix { get; init; }

    public string? EncryptedSuffix { get; init; }

    public string? UnencryptedRegex { get; init; }

    public string? EncryptedRegex { get; init; }

    public string? UnencryptedCommentRegex { get; init; }

    public string? EncryptedCommentRegex { get; init; }

    public bool MacOnlyEncrypted { get; init; }

    /// <summary>How many of the six selection rules are set (sops allows at most one).</summary>
    public int SelectionRuleCount => new[]
    {
        UnencryptedSuffix, EncryptedSuffix, UnencryptedRegex, EncryptedRegex, UnencryptedCommentRegex, EncryptedCommentRegex,
    }.Count(rule => !string.IsNullOrEmpty(rule));

    public bool ShouldBeEncrypted(IReadOnlyList<string> path, IReadOnlyList<IReadOnlyList<string>> commentsStack, bool isComment)
    {
        var encrypted = true;
        if (!string.IsNullOrEmpty(UnencryptedSuffix) && path.Any(key => key.EndsWith(UnencryptedSuffix, StringComparison.Ordinal)))
        {
            encrypted = false;
        }

        if (!string.IsNullOrEmpty(EncryptedSuffix))
        {
            encrypted = path.Any(key => key.EndsWith(EncryptedSuffix, StringComparison.Ordinal));
        }

        if (!string.IsNullOrEmpty(UnencryptedRegex) && path.Any(key => Matches(UnencryptedRegex, key)))
        {
            encrypted = false;
        }

        if (!string.IsNullOrEmpty(EncryptedRegex))
        {
            encrypted = path.Any(key => Matches(EncryptedRegex, key));
        }

        if (!string.IsNullOrEmpty(UnencryptedCommentRegex)
            && commentsStack.Any(level => level.Any(comment => Matches(UnencryptedCommentRegex, comment))))
        {
            encrypted = false;
        }

        if (!string.IsNullOrEmpty(EncryptedCommentRegex))
        {
            encrypted = false;
            for (var i = 0; i < commentsStack.Count && !encrypted; i++)
            {
                for (var j = 0; j < commentsStack[i].Count; j++)
                {
                    // The comment line that carries the marker itself stays readable.
                    if (isComment && i == commentsStack.Count - 1 && j == commentsStack[i].Count - 1)
                    {
                        continue;
                    }

                    if (Matches(EncryptedCommentRegex, commentsStack[i][j]))
                    {
                        encrypted = true;
                        break;
                    }
                }
            }
        }

        return encrypted;
    }

    public bool MatchesUnencryptedCommentRegex(string text) =>
        !string.IsNullOrEmpty(UnencryptedCommentRegex) && Matches(UnencryptedCommentRegex, text);

    // Go's regexp.Match finds a match anywhere (unanchored), as Regex.IsMatch does.
    private static bool Matches(string pattern, string input) =>
        Regex.IsMatch(input, pattern, RegexOptions.CultureInvariant, RegexTimeout);
}
