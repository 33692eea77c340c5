using System.Text.Json;
using System.Text.Json.Serialization;

namespace Horadus.Core.Desired;

/// <summary>A stamp is written as its text in plans and history.</summary>
public sealed class ReleaseStampJsonConverter : JsonConverter<ReleaseStamp>
{
    public override ReleaseStamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReleaseStamp.TryParse(reader.GetString(), out var stamp) ? stamp : throw new JsonException("not a release stamp");

    public override void Write(Utf8JsonWriter writer, ReleaseStamp value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
