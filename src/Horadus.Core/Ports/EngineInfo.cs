namespace Horadus.Core.Ports;

/// <summary>The engine's identity once connected: versions, and the API version both sides agreed on.</summary>
public sealed record EngineInfo(string Endpoint, string ServerVersion, string ApiVersion, string OperatingSystem);
