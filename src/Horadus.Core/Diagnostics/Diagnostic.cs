using System.Text.Json.Serialization;

namespace Horadus.Core.Diagnostics;

/// <summary>
/// One problem, reported with everything needed to fix it: what, where (file position or resource address) and why.
/// Problems are collected, never thrown one by one, so a user sees all of them at once.
/// </summary>
/// <param name="Code">What kind of finding it is, for the few a program acts on (<see cref="DiagnosticCodes"/>); null for the rest.</param>
public sealed record Diagnostic(Severity Severity, string Summary, string? Detail = null, SourceLocation? Location = null, string? Field = null, string? Address = null, string? Code = null)
{
    public static Diagnostic Error(string summary, string? detail = null, SourceLocation? location = null, string? field = null, string? address = null) =>
        new(Severity.Error, summary, detail, location, field, address);

    public static Diagnostic Warning(string summary, string? detail = null, string? address = null) =>
        new(Severity.Warning, summary, detail, Address: address);

    public static Diagnostic Info(string summary, string? detail = null, string? address = null) =>
        new(Severity.Info, summary, detail, Address: address);

    [JsonIgnore]
    public bool IsError => Severity == Severity.Error;

    public Diagnostic WithCode(string code) => this with { Code = code };

    /// <summary>One line: "file:line:col: error: field: summary (detail)".</summary>
    public override string ToString()
    {
        var where = Location is null ? (Address is null ? "" : $"{Address}: ") : $"{Location}: ";
        var field = Field is null ? "" : $"{Field}: ";
        var detail = Detail is null ? "" : $" ({Detail})";
        return $"{where}{Severity.ToString().ToLowerInvariant()}: {field}{Summary}{detail}";
    }
}
