using System.Globalization;
using Horadus.Core.Desired;

namespace Horadus.Benchmarks;

/// <summary>Release stamps for points in time (the product only parses stamps, it never makes them from a clock).</summary>
public static class Stamps
{
    public static ReleaseStamp At(DateTimeOffset time) =>
        ReleaseStamp.Parse(time.UtcDateTime.ToString(ReleaseStamp.Format, CultureInfo.InvariantCulture));
}
