namespace Horadus.Core.Desired;

public sealed record NumericOwner(int Id) : OwnerSpec;
