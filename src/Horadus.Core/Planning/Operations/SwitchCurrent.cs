using Horadus.Core.Desired;

namespace Horadus.Core.Planning;

public sealed record SwitchCurrent(ReleaseStamp? From, ReleaseStamp To) : Operation;
