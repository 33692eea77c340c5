using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class RetentionAndOwnershipTests
{
    [Fact]
    public void A_negative_keep_previous_is_refused()
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + "\nretention:\n  keep_previous: -1\n");

        var error = ManifestTestText.SingleErrorAt(errors, "retention.keep_previous");
        Assert.StartsWith("must be a whole number of previous releases to keep, 0 or more", error.Summary, StringComparison.Ordinal);
        Assert.Equal("found integer -1", error.Detail);
        ManifestTestText.AssertAt(error, 8, 18);
    }

    [Theory]
    [InlineData("24")]
    [InlineData("1 h")]
    [InlineData("1w")]
    [InlineData("h1")]
    public void A_duration_without_a_unit_or_with_an_unknown_one_is_refused(string written)
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + $"\nretention:\n  stability_window: \"{written}\"\n");

        var error = ManifestTestText.SingleErrorAt(errors, "retention.stability_window");
        Assert.StartsWith("must be a duration such as 10s, 500ms, 1h30m", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duration_too_long_to_represent_is_refused()
    {
        var error = Assert.Single(ManifestTestText.Errors(ManifestTestText.Minimal + "\nretention:\n  stability_window: 99999999999999d\n"));

        Assert.Equal("the duration is too long", error.Summary);
    }

    [Fact]
    public void A_uid_given_as_a_user_name_explains_both_forms()
    {
        var error = Assert.Single(ManifestTestText.Errors(ManifestTestText.Minimal + "\nownership:\n  uid: app\n"));

        Assert.Equal("expected an integer or a mapping like 10001", error.Summary);
        Assert.Contains("{ image: <image>, user: <user> }", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_user_needs_both_image_and_user()
    {
        var error = Assert.Single(ManifestTestText.Errors(ManifestTestText.Minimal + "\nownership:\n  gid: { image: \"horadus-api:latest\" }\n"));

        Assert.Equal("missing required key 'user'", error.Summary);
        Assert.Equal("ownership.gid.user", error.Field);
    }

    [Fact]
    public void An_image_reference_with_spaces_or_upper_case_is_refused()
    {
        var error = Assert.Single(ManifestTestText.Errors(ManifestTestText.Minimal + "\nownership:\n  uid: { image: \"Horadus API\", user: app }\n"));

        Assert.StartsWith("must be an image reference", error.Summary, StringComparison.Ordinal);
    }
}
