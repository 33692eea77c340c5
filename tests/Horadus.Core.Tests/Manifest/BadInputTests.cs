using Horadus.Manifest;
using Xunit;

namespace Horadus.Core.Tests.Manifest;

/// <summary>Whatever the text, the loader answers with diagnostics, never an exception.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("~")]
    [InlineData("just text")]
    [InlineData("[1, 2, 3]")]
    [InlineData("release: now\nservices: [api]\n")]
    [InlineData("{a: 1, a: 2}")]
    [InlineData("version: 1\n---\nversion: 2\n")]
    [InlineData("version: 1\n\tsecrets_root: /s\n")]
    [InlineData("key: \"unterminated\n")]
    [InlineData("a:\n  - b\n  c: d\n")]
    [InlineData("? [complex, key]\n: value\n")]
    [InlineData("x: *undefined\n")]
    [InlineData("version: 1\nsecrets_root: /s\nrelease: {stamp: \"20260215T090000Z\", source: {sops: a}}\nmapping: {files: {x: ~}}\nservices:\n  api: ~\n")]
    [InlineData("version: 1\nsecrets_root: /s\nrelease: {stamp: \"20260215T090000Z\", source: []}\nownership: {uid: 99999999999999999999, gid: 1.5}\nservices: {api: {compose: 3, health: {http: []}}}\n")]
    public void Bad_input_gives_located_errors_and_never_throws(string yaml)
    {
        var result = ManifestTestText.Load(yaml);

        Assert.Null(result.Document);
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.NotNull(d.Location));
    }

    [Fact]
    public void Deep_nesting_is_refused_instead_of_exhausting_the_stack()
    {
        var yaml = "a: " + new string('[', 5000) + new string(']', 5000);

        var error = Assert.Single(ManifestTestText.Errors(yaml));

        Assert.Equal("the manifest is too deeply nested or expands to too many values", error.Summary);
    }

    [Fact]
    public void An_alias_bomb_is_refused_instead_of_expanding()
    {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 9).Select(i =>
            $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n"));

        var error = Assert.Single(ManifestTestText.Errors(yaml));

        Assert.Equal("the manifest is too deeply nested or expands to too many values", error.Summary);
    }

    [Fact]
    public void Anchors_and_aliases_inside_the_manifest_are_expanded()
    {
        var document = ManifestTestText.LoadValid(ManifestTestText.Minimal + """

            services:
              api:
                compose: { project: horadus }
                health: &gates
                  stable_for: 7s
              worker:
                compose: { project: horadus }
                health: *gates
            """);

        Assert.All(document.Services, s => Assert.Equal(TimeSpan.FromSeconds(7), s.Health.StableFor));
    }

    [Fact]
    public void An_unreadable_path_is_an_error_naming_the_path()
    {
        var folder = Directory.CreateTempSubdirectory("horadus-manifest-");
        try
        {
            // A directory where a file is expected cannot be read as text.
            var result = ManifestLoader.Load(folder.FullName);

            var error = Assert.Single(result.Diagnostics);
            Assert.Contains(folder.FullName, error.Summary, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(error.Detail));
        }
        finally
        {
            folder.Delete();
        }
    }
}
