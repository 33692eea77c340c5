namespace Horadus.Docker.Tests.Support;

/// <summary>Polls until a condition holds or a bounded time passes (containers start asynchronously).</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var last = await probe();
        while (!done(last))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; last seen: {last}");
            await Task.Delay(150, TestContext.Current.CancellationToken);
            last = await probe();
        }

        return last;
    }

    /// <summary>GET http://127.0.0.1:port/path as (status, body); (0, error) while nothing listens.</summary>
    public static async Task<(int Status, string Body)> GetLoopbackAsync(int port, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"), TestContext.Current.CancellationToken);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        catch (HttpRequestException ex)
        {
            return (0, ex.Message);
        }
    }
}
