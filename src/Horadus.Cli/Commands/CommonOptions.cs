using System.CommandLine;
using System.CommandLine.Parsing;
using Horadus.Cli.Composition;
using Horadus.Manifest.Reading;

namespace Horadus.Cli.Commands;

/// <summary>Options shared by the commands that read the manifest.</summary>
internal sealed class CommonOptions
{
    public const string DefaultManifest = "horadus.desired.yaml";

    public Option<string?> Manifest { get; } = new("--manifest", "-f")
    {
        Description = $"The manifest to read [default: ./{DefaultManifest}]",
        HelpName = "FILE",
    };

    public Option<string?> Root { get; } = new("--root")
    {
        Description = "Use this secrets root instead of the manifest's secrets_root",
        HelpName = "DIR",
    };

    public Option<string?> AgeKeyFile { get; } = new("--age-key-file")
    {
        Description = "age identity file for the SOPS values (overrides SOPS_AGE_KEY* and the manifest's age_key_file)",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Manifest);
        command.Options.Add(Root);
        command.Options.Add(AgeKeyFile);
    }

    public ManifestOptions Read(ParseResult result, string? manifestFallback = null) => new(
        result.GetValue(Manifest) ?? manifestFallback ?? DefaultManifest,
        result.GetValue(Root),
        result.GetValue(AgeKeyFile));

    /// <summary>
    /// --lock-timeout: how long to wait for another apply to finish (0s = do not wait). Absent, it reads as TimeSpan.Zero;
    /// no DefaultValueFactory, since help would print its default a second time, as 00:00:00.
    /// </summary>
    public static Option<TimeSpan> LockTimeout() => new("--lock-timeout")
    {
        Description = "How long to wait for the lock held by another apply, e.g. 30s or 2m [default: 0s]",
        HelpName = "DURATION",
        CustomParser = ParseDuration,
    };

    public static Option<bool> AutoApprove() => new("--auto-approve")
    {
        Description = "Do not ask for confirmation (needed when there is no terminal)",
    };

    public static Option<bool> RetryFailed() => new("--retry-failed")
    {
        Description = "Make the desired release live even though it failed before (by default a failed release is never applied again by itself)",
    };

    public static Option<bool> Bootstrap() => new("--bootstrap")
    {
        Description = "First deployment: a declared service with no container yet is not an error; the release goes live for the services to read when first started",
    };

    private static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "0s";
        if (Durations.TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration; write it like 30s, 2m or 1h30m");
        return TimeSpan.Zero;
    }
}
