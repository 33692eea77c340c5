namespace Horadus.Sops.Age;

/// <summary>One recipient stanza of an age header: <c>-&gt; type args...</c> and its body.</summary>
internal sealed record AgeStanza(string Type, IReadOnlyList<string> Args, byte[] Body);
