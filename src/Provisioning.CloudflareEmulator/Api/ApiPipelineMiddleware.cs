using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Provisioning.CloudflareEmulator.Api;

/// <summary>
/// Everything every /client/v4 call goes through, in this order: cf-ray, rate limit (per presented token),
/// authentication, account check, injected faults, the endpoint; errors thrown anywhere become envelopes and
/// every call is counted under its operation name with its final status.
/// </summary>
internal sealed partial class ApiPipelineMiddleware(
    RequestDelegate next,
    AccountDirectory accounts,
    RateLimiter rateLimiter,
    FaultInjector faults,
    OperationCounters counters,
    TimeProvider time,
    ILogger<ApiPipelineMiddleware> logger)
{
    public const string AccountItemKey = "emulator.account";

    // Since 2026-08 Cloudflare's 403s carry a documentation_url (docs/emulator.md).
    private const string AuthDocumentationUrl = "https://developers.cloudflare.com/fundamentals/api/reference/permissions/";

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var operation = endpoint?.Metadata.GetMetadata<ApiOperation>()?.Name;
        context.Response.Headers["cf-ray"] = $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-EMU";
        var dropped = false;
        // Counted when the answer starts, not after it is sent: a client that reads the counters right after its
        // call must already see that call.
        var counted = 0;
        void Count(int status)
        {
            if (operation is not null && Interlocked.Exchange(ref counted, 1) == 0)
            {
                counters.Record(operation, status);
            }
        }

        context.Response.OnStarting(() =>
        {
            Count(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            var token = BearerToken(context.Request);
            var decision = rateLimiter.Consume(token ?? "");
            if (decision is not null)
            {
                WriteRateLimitHeaders(context.Response, decision);
                if (!decision.Allowed)
                {
                    context.Response.Headers.RetryAfter = decision.SecondsToReset.ToString(CultureInfo.InvariantCulture);
                    throw new ApiException(
                        429,
                        ErrorCodes.RateLimited,
                        $"More than {decision.Policy.Requests} requests per {decision.Policy.WindowSeconds} seconds reached. Please wait and consider throttling your request speed");
                }
            }

            if (operation is null)
            {
                throw new ApiException(404, ErrorCodes.NoRoute, "No route for that URI");
            }

            var account = accounts.AccountFor(token) ?? throw InvalidToken(endpoint);
            var pathAccount = context.GetRouteValue("accountId") as string;
            if (pathAccount is not null)
            {
                if (!AccountIdPattern().IsMatch(pathAccount))
                {
                    throw new ApiException(404, [
                        new ApiErrorItem(ErrorCodes.CouldNotRoute, $"Could not route to {context.Request.Path}, perhaps your object identifier is invalid?"),
                        new ApiErrorItem(ErrorCodes.NoRoute, "No route for that URI"),
                    ]);
                }

                // Our choice: a valid token naming another (or an unknown) account is refused like a token
                // without permission on it, so no account can probe another's resources.
                if (!string.Equals(pathAccount, account, StringComparison.Ordinal))
                {
                    throw Forbidden();
                }
            }

            context.Items[AccountItemKey] = account;

            var fault = faults.Match(operation, context.Request.Path + context.Request.QueryString);
            if (fault is not null)
            {
                if (fault.LatencyMs > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs), time, context.RequestAborted);
                }

                if (fault.DropConnection)
                {
                    dropped = true;
                    Count(0);
                    context.Abort();
                    return;
                }

                if (fault.Status is { } status)
                {
                    if (fault.RetryAfterSeconds is { } retryAfter)
                    {
                        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                    }

                    throw new ApiException(status, fault.Code, fault.Message);
                }
            }

            await next(context);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await Envelope.WriteAsync(context, ex.Status, Envelope.Failure(ex.Errors));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            dropped = true;
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals (body too large, truncated body) still get an envelope.
            await Envelope.WriteAsync(context, ex.StatusCode, Envelope.Failure([new ApiErrorItem(ErrorCodes.UnsupportedContentType, ex.Message)]));
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            LogUnexpected(logger, ex, context.Request.Method, context.Request.Path);
            await Envelope.WriteAsync(context, 500, Envelope.Failure([new ApiErrorItem(ErrorCodes.WorkersInternal, "workers.api.error.internal_server")]));
        }
        finally
        {
            Count(dropped ? 0 : context.Response.StatusCode);
            LogCall(logger, context.Request.Method, context.Request.Path, dropped ? 0 : context.Response.StatusCode, operation);
        }
    }

    public static string AccountOf(HttpContext context) => (string)context.Items[AccountItemKey]!;

    /// <summary>The presented bearer token; only ever compared or hashed, never logged or returned.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    private static ApiException Forbidden() =>
        new(403, [new ApiErrorItem(ErrorCodes.AuthenticationError, "Forbidden", AuthDocumentationUrl)]);

    private static ApiException InvalidToken(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<InvalidTokenAnswer>() is { } answer
            ? new ApiException(answer.Status, answer.Code, answer.Message)
            : Forbidden();

    private static void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision)
    {
        var remaining = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        var reset = decision.SecondsToReset.ToString(CultureInfo.InvariantCulture);
        var quota = decision.Policy.Requests.ToString(CultureInfo.InvariantCulture);
        // Both header families, since which one the live API sends today is UNCONFIRMED (docs/emulator.md).
        response.Headers["Ratelimit"] = $"\"default\";r={remaining};t={reset}";
        response.Headers["Ratelimit-Policy"] = $"\"default\";q={quota};w={decision.Policy.WindowSeconds.ToString(CultureInfo.InvariantCulture)}";
        response.Headers["x-ratelimit-limit"] = quota;
        response.Headers["x-ratelimit-remaining"] = remaining;
        response.Headers["x-ratelimit-reset"] = decision.ResetAt.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex AccountIdPattern();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} -> {Status} ({Operation})")]
    private static partial void LogCall(ILogger logger, string method, string path, int status, string? operation);
}
