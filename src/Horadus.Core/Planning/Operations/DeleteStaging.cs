namespace Horadus.Core.Planning;

public sealed record DeleteStaging(string Name) : Operation;
