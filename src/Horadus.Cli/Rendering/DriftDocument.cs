using System.Text.Json;
using System.Text.Json.Serialization;
using Horadus.Core.Serialization;
using Horadus.Core.Diagnostics;
using Horadus.Core.Drift;

namespace Horadus.Cli.Rendering;

/// <summary><c>horadus drift --json</c> (schemas/horadus.drift.schema.json): addresses and reasons, never a value.</summary>
public sealed record DriftDocument(
    string Format,
    int FormatVersion,
    DateTimeOffset CreatedAt,
    string SecretsRoot,
    string Release,
    string? Target,
    bool InSync,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<DriftDocument.Item> Items,
    IReadOnlyList<Diagnostic> Errors)
{
    public const string FormatName = "horadus.drift";

    public sealed record Item(string Kind, string Address, string Reason);

    public static DriftDocument From(DriftReport report, DateTimeOffset createdAt) => new(
        FormatName,
        1,
        createdAt,
        report.SecretsRoot,
        report.Desired.ToString(),
        report.Target?.ToString(),
        report.InSync,
        report.CountByKind().ToDictionary(c => KindName(c.Key), c => c.Value),
        report.Items.Select(i => new Item(KindName(i.Kind), i.Address, i.Reason)).ToList(),
        report.Errors);

    /// <summary>The kind as the human output and the JSON both say it: snake_case.</summary>
    public static string KindName(DriftKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    public string ToJson() => JsonSerializer.Serialize(this, PlanDocument.Json.Info<DriftDocument>());
}
