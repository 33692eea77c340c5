namespace Horadus.Core.Services;

/// <summary>Every <c>horadus.*</c> label Horadus puts on a container, in one place: what it owns is found by these.</summary>
public static class HoradusLabels
{
    /// <summary>On every container Horadus created (replacements, one-offs).</summary>
    public const string Managed = "horadus.managed";

    /// <summary>The release a replacement was created for.</summary>
    public const string Release = "horadus.release";

    /// <summary>On a replacement: the id of the old container it replaces (which is set aside until the release is proven).</summary>
    public const string Replaces = "horadus.replaces";

    /// <summary>Honoured on containers made by other tools: this one is set aside.</summary>
    public const string Aside = "horadus.aside";

    /// <summary>A one-off container (pre-flight, image-user lookup), and when it may be removed by the next horadus.</summary>
    public const string OneOff = "horadus.oneoff";

    public const string OneOffExpires = "horadus.oneoff.expires";
}
