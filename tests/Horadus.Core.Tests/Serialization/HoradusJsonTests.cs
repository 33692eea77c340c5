using System.Text.Json;
using Horadus.Core.History;
using Horadus.Core.Serialization;

namespace Horadus.Core.Tests.Serialization;

/// <summary>The published binary has no reflection-based serialization: what it writes must come from these lists.</summary>
public sealed class HoradusJsonTests
{
    [Fact]
    public void Every_enum_of_the_core_is_written_snake_case_by_its_own_converter()
    {
        var enums = typeof(HoradusJson).Assembly.GetTypes().Where(t => t is { IsEnum: true, IsPublic: true }).Select(t => t.FullName).Order(StringComparer.Ordinal);
        var converted = HoradusJson.SnakeCaseEnums.Select(c => c.GetType().GetGenericArguments()[0].FullName).Order(StringComparer.Ordinal);

        Assert.Equal(enums, converted);
    }

    [Fact]
    public void An_enum_is_written_with_its_snake_case_name()
    {
        var options = new JsonSerializerOptions();
        foreach (var converter in HoradusJson.SnakeCaseEnums)
        {
            options.Converters.Add(converter);
        }

        Assert.Equal("\"rolled_back\"", JsonSerializer.Serialize(ApplyOutcome.RolledBack, options));
    }
}
