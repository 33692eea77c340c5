using System.Text.Json;
using System.Text.Json.Serialization;

namespace Horadus.Core.Desired;

/// <summary>A mode is written in octal, as people read it.</summary>
public sealed class PermissionModeJsonConverter : JsonConverter<PermissionMode>
{
    public override PermissionMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PermissionMode.TryParseOctal(reader.GetString(), out var mode) ? mode : throw new JsonException("not an octal mode");

    public override void Write(Utf8JsonWriter writer, PermissionMode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
