using Horadus.Core.Desired;

namespace Horadus.Core.Observed;

/// <summary>The <c>current</c> link: where it points, and the release that is, if the target is one.</summary>
public sealed record CurrentLink(EntryType Type, string? Target, ReleaseStamp? Release);
