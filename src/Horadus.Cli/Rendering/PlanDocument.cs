using System.Text.Json;
using Horadus.Core.Serialization;
using System.Text.Json.Serialization;
using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Planning;
using Horadus.Shared;

namespace Horadus.Cli.Rendering;

/// <summary>
/// The plan as a file and as <c>plan --json</c> output (schemas/horadus.plan.schema.json). It holds fingerprints,
/// modes, owners and addresses, never a secret value, so it can be reviewed, stored and attached to a ticket.
/// </summary>
public sealed record PlanDocument(
    string Format,
    int FormatVersion,
    DateTimeOffset CreatedAt,
    string Manifest,
    string SecretsRoot,
    string Release,
    PlanSummary Summary,
    IReadOnlyList<Change> Changes,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> Observed,
    IReadOnlyList<string> Desired,
    string? Target = null,
    PlanKind Kind = PlanKind.Apply,
    bool ByOperator = false,
    string? Revision = null)
{
    public const string FormatName = "horadus.plan";
    public const int CurrentVersion = 1;

    /// <summary>Documents as the user reads them: snake_case, indented, nulls left out; from <see cref="CliJsonContext"/>, no reflection.</summary>
    public static JsonSerializerOptions Json { get; } = HoradusJson.Options(CliJsonContext.Default, o =>
    {
        o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        o.WriteIndented = true;
    });

    /// <param name="revision">The manifest's git commit, when it is in a repository: the plan says what it was made from.</param>
    public static PlanDocument From(Plan plan, string manifest, DateTimeOffset createdAt, string? revision = null) => new(
        FormatName,
        CurrentVersion,
        createdAt,
        manifest,
        plan.SecretsRoot,
        plan.Stamp.ToString(),
        PlanSummary.Of(plan),
        plan.Changes,
        plan.Diagnostics,
        plan.ObservedFacts,
        plan.DesiredFacts,
        plan.Target?.ToString(),
        plan.Kind,
        plan.ByOperator,
        revision);

    public Plan ToPlan() => new(SecretsRoot, ReleaseStamp.Parse(Release), Changes, Diagnostics, Observed, Desired,
        Target is null ? null : ReleaseStamp.Parse(Target), Kind, ByOperator);

    public string ToJson() => JsonSerializer.Serialize(this, Json.Info<PlanDocument>());

    /// <summary>
    /// Reads a saved plan file: a regular file of at most <see cref="InputLimits.PlanFile"/> bytes (a FIFO or a device is
    /// refused, never read), then <see cref="Parse"/>. Throws <see cref="IOException"/> or <see cref="InvalidDataException"/>
    /// with a message that names the file and what is wrong.
    /// </summary>
    public static PlanDocument Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return InputFile.TryReadText(path, InputLimits.PlanFile, out var json, out var problem)
            ? Parse(json, path)
            : throw new IOException($"{path}: {problem}");
    }

    /// <summary>Reads a saved plan; a file that is not one gets a message that says so.</summary>
    public static PlanDocument Parse(string json, string path)
    {
        PlanDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, Json.Info<PlanDocument>());
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not a horadus plan file: {e.Message}", e);
        }

        if (document is null || document.Format != FormatName)
        {
            throw new InvalidDataException($"{path} is not a horadus plan file (expected \"format\": \"{FormatName}\")");
        }

        if (document.FormatVersion != CurrentVersion)
        {
            throw new InvalidDataException($"{path} is a plan of format version {document.FormatVersion}; this horadus reads version {CurrentVersion}");
        }

        if (!ReleaseStamp.TryParse(document.Release, out _) || (document.Target is not null && !ReleaseStamp.TryParse(document.Target, out _)) || document.Changes is null || document.Changes.Any(c => c?.Operation is null) ||
            document.Diagnostics is null || document.Observed is null || document.Desired is null || document.SecretsRoot is null || document.Manifest is null)
        {
            throw new InvalidDataException($"{path} is not a complete horadus plan file (a field is missing or malformed)");
        }

        return document;
    }
}

public sealed record PlanSummary(int Create, int Update, int Delete, int Replace, int Check, int Errors, int Warnings)
{
    public static PlanSummary Of(Plan plan) => new(
        plan.Count(ChangeAction.Create),
        plan.Count(ChangeAction.Update),
        plan.Count(ChangeAction.Delete),
        plan.Count(ChangeAction.Replace),
        plan.Count(ChangeAction.Check),
        plan.Diagnostics.Count(d => d.Severity == Severity.Error),
        plan.Diagnostics.Count(d => d.Severity == Severity.Warning));
}
