using System.Text.Json.Serialization;
using Horadus.Core.History;

namespace Horadus.Host.State;

/// <summary>The documents the host adapter writes itself: the journal's records and the lock's holder.</summary>
[JsonSerializable(typeof(ApplyRecord))]
[JsonSerializable(typeof(LockHolder))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
