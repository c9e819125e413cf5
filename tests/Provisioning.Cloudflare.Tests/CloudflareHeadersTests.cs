using System.Globalization;
using System.Net;
using Provisioning.Cloudflare.Http;

namespace Provisioning.Cloudflare.Tests;

public class CloudflareHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private static HttpResponseMessage Response(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    [Fact]
    public void TakesTheStrictestRatelimitItem()
    {
        using var response = Response(("Ratelimit", "\"default\";r=50;t=30, \"burst\";r=4;t=1"));

        Assert.Equal((4, TimeSpan.FromSeconds(1)), CloudflareHeaders.RateLimit(response, Now));
    }

    [Theory]
    [InlineData("45", 45)]
    [InlineData("1795824060", 60)]
    [InlineData("Sat, 28 Nov 2026 00:01:30 GMT", 90)]
    public void ReadsXRateLimitResetAsSecondsEpochOrDate(string reset, int seconds)
    {
        using var response = Response(("x-ratelimit-remaining", "7"), ("x-ratelimit-reset", reset));

        Assert.Equal((7, TimeSpan.FromSeconds(seconds)), CloudflareHeaders.RateLimit(response, Now));
    }

    [Fact]
    public void ReadsTheStrictestPolicy()
    {
        using var response = Response(("Ratelimit-Policy", "\"default\";q=1200;w=300, \"burst\";q=100;w=60"));

        Assert.Equal((100, TimeSpan.FromSeconds(60)), CloudflareHeaders.RateLimitPolicy(response));
    }

    [Fact]
    public void ReadsRetryAfterAsDateRelativeToNow()
    {
        using var response = Response(("Retry-After", Now.AddSeconds(33).ToString("R", CultureInfo.InvariantCulture)));

        Assert.Equal(TimeSpan.FromSeconds(33), CloudflareHeaders.RetryAfter(response, Now));
    }

    [Fact]
    public void IgnoresMissingAndMalformedHeaders()
    {
        using var response = Response(("Ratelimit", "garbage"), ("x-ratelimit-remaining", "many"));

        Assert.Null(CloudflareHeaders.RateLimit(response, Now));
        Assert.Null(CloudflareHeaders.RateLimitPolicy(response));
        Assert.Null(CloudflareHeaders.RetryAfter(response, Now));
    }
}
