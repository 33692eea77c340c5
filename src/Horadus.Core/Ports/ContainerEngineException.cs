namespace Horadus.Core.Ports;

/// <summary>The engine is unreachable or refused us; the message says where we looked and what to check.</summary>
public sealed class ContainerEngineException(string message, Exception? inner = null) : Exception(message, inner);
