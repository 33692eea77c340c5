namespace Horadus.Core.Planning;

/// <summary>
/// One change: an action on an address, what it looks like before and after (fingerprints, never values),
/// and the reason, which exists only to explain the change to a person.
/// </summary>
public sealed record Change(
    ChangeAction Action,
    string Address,
    string? Before,
    string? After,
    string Reason,
    Operation Operation,
    IReadOnlyList<Change>? Details = null);
