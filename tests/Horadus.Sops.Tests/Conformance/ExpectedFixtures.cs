using System.Text.Json;
using Horadus.Sops.Tests.Support;

namespace Horadus.Sops.Tests.Conformance;

/// <summary>Reads EXPECTED.json (written by an independent verifier) from the vendored fixtures folder.</summary>
internal static class ExpectedFixtures
{
    private static readonly Lazy<JsonDocument?> Document = new(() =>
    {
        var path = Path.Combine(FixtureLocator.FixturesDirectory(), "EXPECTED.json");
        return File.Exists(path) ? JsonDocument.Parse(File.ReadAllBytes(path)) : null;
    });

    /// <summary>Fixture ids; a placeholder id when the folder is missing, so the theory runs once and fails saying why.</summary>
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        if (Document.Value is null)
        {
            data.Add(MissingId);
            return data;
        }

        foreach (var fixture in Document.Value.RootElement.GetProperty("fixtures").EnumerateObject())
        {
            data.Add(fixture.Name);
        }

        return data;
    }

    public const string MissingId = "(fixtures folder missing)";

    public static JsonElement Get(string id)
    {
        FixtureLocator.RequireFixtures();
        return Document.Value!.RootElement.GetProperty("fixtures").GetProperty(id);
    }
}
