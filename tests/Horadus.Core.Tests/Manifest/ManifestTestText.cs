using Horadus.Core.Diagnostics;
using Horadus.Manifest;
using Xunit;

namespace Horadus.Core.Tests.Manifest;

/// <summary>Loads manifest text as if it were /srv/manifests/horadus.desired.yaml, and finds diagnostics in the result.</summary>
internal static class ManifestTestText
{
    public const string DisplayPath = "horadus.desired.yaml";
    public const string BaseDirectory = "/srv/manifests";

    /// <summary>The smallest valid manifest; tests append or replace lines of it.</summary>
    public const string Minimal = """
        version: 1
        secrets_root: /srv/horadus/secrets
        release:
          stamp: "20260215T090000Z"
          source:
            sops: secrets.enc.yaml
        """;

    public static ManifestLoadResult Load(string yaml) => ManifestLoader.LoadText(yaml, DisplayPath, BaseDirectory);

    public static ManifestDocument LoadValid(string yaml)
    {
        var result = Load(yaml);
        Assert.True(result.Document is not null, "expected no errors, got:\n" + string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return result.Document;
    }

    /// <summary>Asserts the load failed and returns its errors.</summary>
    public static IReadOnlyList<Diagnostic> Errors(string yaml)
    {
        var result = Load(yaml);
        Assert.Null(result.Document);
        var errors = result.Diagnostics.Where(d => d.IsError).ToArray();
        Assert.NotEmpty(errors);
        return errors;
    }

    /// <summary>The single error about <paramref name="field"/>; fails listing all errors when there is not exactly one.</summary>
    public static Diagnostic SingleErrorAt(IReadOnlyList<Diagnostic> errors, string field)
    {
        var matching = errors.Where(e => e.Field == field).ToArray();
        Assert.True(matching.Length == 1, $"expected one error at '{field}', got:\n" + string.Join("\n", errors));
        return matching[0];
    }

    public static void AssertAt(Diagnostic diagnostic, int line, int column)
    {
        Assert.NotNull(diagnostic.Location);
        Assert.Equal((DisplayPath, line, column), (diagnostic.Location.File, diagnostic.Location.Line, diagnostic.Location.Column));
    }

    public static string Show(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics);
}
