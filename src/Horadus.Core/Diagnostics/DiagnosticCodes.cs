namespace Horadus.Core.Diagnostics;

/// <summary>The findings a program acts on (drift detection): each is a difference between the host and the manifest.</summary>
public static class DiagnosticCodes
{
    /// <summary>A container passes a secret as a raw environment value.</summary>
    public const string RawSecret = "raw-secret";

    /// <summary>A file in a release Horadus did not write: not mapped, of another type, or hard-linked.</summary>
    public const string ForeignFile = "foreign-file";

    /// <summary>The desired release exists on the host with other content, a missing file or an extra one.</summary>
    public const string ContentDrift = "content";
}
