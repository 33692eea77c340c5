using System.Text.Json;

namespace Horadus.Cli.Rendering;

/// <summary>An enum value as the JSON documents and the README spell it (snake_case: <c>rolled_back</c>), for human output too.</summary>
internal static class EnumNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
