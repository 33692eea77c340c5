namespace Horadus.Core.Ports;

/// <summary>One HTTP answer, or why there was none. The body is cut short: it is shown in failure reports.</summary>
public sealed record HttpProbeResult(int? Status, string BodyExcerpt, string? Error);
