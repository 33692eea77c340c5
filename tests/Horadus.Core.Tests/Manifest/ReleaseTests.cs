using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class ReleaseTests
{
    private const string Head = "version: 1\nsecrets_root: /srv/horadus/secrets\n";

    [Theory]
    [InlineData("2026-02-15T09:00:00Z")]
    [InlineData("20260215T0900Z")]
    public void A_stamp_of_the_wrong_shape_shows_an_example(string stamp)
    {
        var errors = ManifestTestText.Errors(Head + $"release:\n  stamp: \"{stamp}\"\n  source: {{ sops: s.yaml }}\n");

        var error = ManifestTestText.SingleErrorAt(errors, "release.stamp");
        Assert.StartsWith("must be a UTC release stamp such as \"20260215T090000Z\"", error.Summary, StringComparison.Ordinal);
        ManifestTestText.AssertAt(error, 4, 10);
    }

    [Theory]
    [InlineData("20260230T090000Z")]
    [InlineData("20261301T000000Z")]
    [InlineData("20260215T250000Z")]
    public void A_stamp_that_is_not_a_real_date_is_refused(string stamp)
    {
        var errors = ManifestTestText.Errors(Head + $"release:\n  stamp: \"{stamp}\"\n  source: {{ sops: s.yaml }}\n");

        var error = Assert.Single(errors);
        Assert.Equal("the release stamp is not a real UTC date and time", error.Summary);
        ManifestTestText.AssertAt(error, 4, 10);
    }

    [Fact]
    public void An_unquoted_numeric_looking_stamp_is_still_checked_as_text()
    {
        var error = Assert.Single(ManifestTestText.Errors(Head + "release:\n  stamp: 20260215\n  source: { sops: s.yaml }\n"));

        Assert.StartsWith("expected a string like \"20260215T090000Z\"", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_manifest_refuses_a_plain_directory_source()
    {
        var errors = ManifestTestText.Errors(Head + "release:\n  stamp: \"20260215T090000Z\"\n  source:\n    directory: values/\n");

        var error = Assert.Single(errors);
        Assert.Equal("a plain directory source is for development only", error.Summary);
        Assert.Equal("release.source.directory", error.Field);
        ManifestTestText.AssertAt(error, 6, 5);
    }

    [Fact]
    public void A_source_with_both_directory_and_sops_is_refused()
    {
        var errors = ManifestTestText.Errors("environment: development\n" + Head + "release:\n  stamp: \"20260215T090000Z\"\n  source: { directory: v/, sops: s.yaml }\n");

        var error = Assert.Single(errors);
        Assert.Equal("give exactly one of 'directory' or 'sops', not both", error.Summary);
    }

    [Fact]
    public void A_source_with_neither_directory_nor_sops_is_refused()
    {
        var errors = ManifestTestText.Errors(Head + "release:\n  stamp: \"20260215T090000Z\"\n  source: {}\n");

        var error = Assert.Single(errors);
        Assert.Equal("missing 'directory' or 'sops'", error.Summary);
        Assert.Equal("release.source", error.Field);
    }

    [Fact]
    public void An_age_key_file_needs_a_sops_source()
    {
        var errors = ManifestTestText.Errors("environment: development\n" + Head + "release:\n  stamp: \"20260215T090000Z\"\n  source: { directory: v/, age_key_file: k.txt }\n");

        Assert.Equal("'age_key_file' is only allowed together with 'sops'", Assert.Single(errors).Summary);
    }

    [Fact]
    public void Only_version_1_is_understood()
    {
        var error = Assert.Single(ManifestTestText.Errors(ManifestTestText.Minimal.Replace("version: 1", "version: 2", StringComparison.Ordinal)));

        Assert.Equal("must be 1, the only manifest version this horadus understands", error.Summary);
        Assert.Equal("found integer 2", error.Detail);
    }
}
