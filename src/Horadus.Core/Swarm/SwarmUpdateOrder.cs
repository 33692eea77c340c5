using System.Text.Json.Serialization;

namespace Horadus.Core.Swarm;

/// <summary>Swarm's update order: start the new task before stopping the old one, or the other way round.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SwarmUpdateOrder>))]
public enum SwarmUpdateOrder
{
    StopFirst,
    StartFirst,
}
