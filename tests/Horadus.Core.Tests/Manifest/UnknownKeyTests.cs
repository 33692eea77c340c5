using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class UnknownKeyTests
{
    [Fact]
    public void Unknown_keys_at_every_depth_are_all_reported_at_their_key_positions()
    {
        var errors = ManifestTestText.Errors("""
            version: 1
            secrets_root: /srv/horadus/secrets
            colour: blue
            release:
              stmap: "20260215T090000Z"
              stamp: "20260215T090000Z"
              source:
                sops: secrets.enc.yaml
            services:
              api:
                compose: { project: horadus }
                health:
                  http: { url: "http://127.0.0.1:8000/health", stauts: 200 }
            """);

        Assert.Equal(3, errors.Count);
        var colour = ManifestTestText.SingleErrorAt(errors, "colour");
        Assert.Equal("unknown key 'colour'", colour.Summary);
        ManifestTestText.AssertAt(colour, 3, 1);

        var stmap = ManifestTestText.SingleErrorAt(errors, "release.stmap");
        Assert.Equal("unknown key 'stmap'", stmap.Summary);
        Assert.Equal("did you mean 'stamp'?", stmap.Detail);
        ManifestTestText.AssertAt(stmap, 5, 3);

        var stauts = ManifestTestText.SingleErrorAt(errors, "services.api.health.http.stauts");
        Assert.Equal("did you mean 'status'?", stauts.Detail);
        ManifestTestText.AssertAt(stauts, 13, 52);
    }

    [Fact]
    public void An_unknown_key_with_no_close_match_lists_the_known_keys()
    {
        var error = Assert.Single(ManifestTestText.Errors(ManifestTestText.Minimal + "\nretention: { forever: true }"));

        Assert.Equal("unknown key 'forever'", error.Summary);
        Assert.Equal("known keys here: keep_previous, stability_window", error.Detail);
    }

    [Fact]
    public void A_missing_required_key_is_named_with_its_full_field()
    {
        var errors = ManifestTestText.Errors("""
            version: 1
            secrets_root: /srv/horadus/secrets
            release:
              source: { sops: secrets.enc.yaml }
            """);

        var error = ManifestTestText.SingleErrorAt(errors, "release.stamp");
        Assert.Equal("missing required key 'stamp'", error.Summary);
        ManifestTestText.AssertAt(error, 4, 3);
    }
}
