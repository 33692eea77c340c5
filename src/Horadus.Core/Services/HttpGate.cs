namespace Horadus.Core.Services;

/// <summary>An HTTP probe: the service is healthy when the URL answers the expected status (and body text).</summary>
public sealed record HttpGate(Uri Url, int ExpectStatus, string? ExpectBody, TimeSpan Timeout, TimeSpan Interval);
