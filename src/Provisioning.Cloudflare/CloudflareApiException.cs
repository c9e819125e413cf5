using System.Net;

namespace Provisioning.Cloudflare;

/// <summary>
/// A Cloudflare API call failed: Cloudflare answered with an error envelope or an error status, or no answer
/// arrived (connection dropped, timed out, circuit open), in which case <see cref="StatusCode"/> is 0.
/// </summary>
public sealed class CloudflareApiException : Exception
{
    /// <summary>Creates the exception; the message is built from the status, the errors and the ray id.</summary>
    /// <param name="statusCode">The HTTP status, or 0 when no response arrived.</param>
    /// <param name="errors">Every item of the envelope's <c>errors</c> array.</param>
    /// <param name="rayId">The <c>cf-ray</c> response header.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> of a 429 or 503, or the rest of an open circuit's break.</param>
    /// <param name="detail">What was called, and for non-JSON bodies a short excerpt of the body.</param>
    /// <param name="innerException">The transport or timeout exception when no response arrived.</param>
    public CloudflareApiException(
        HttpStatusCode statusCode,
        IEnumerable<CloudflareError> errors,
        string? rayId = null,
        TimeSpan? retryAfter = null,
        string? detail = null,
        Exception? innerException = null)
        : this(statusCode, errors.ToArray(), rayId, retryAfter, detail, innerException)
    {
    }

    private CloudflareApiException(
        HttpStatusCode statusCode,
        CloudflareError[] errors,
        string? rayId,
        TimeSpan? retryAfter,
        string? detail,
        Exception? innerException)
        : base(BuildMessage(statusCode, errors, rayId, detail, innerException), innerException)
    {
        StatusCode = statusCode;
        Errors = errors;
        RayId = rayId;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status of the answer, or 0 when no answer arrived.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Code and message of every error in the envelope (empty for non-JSON bodies).</summary>
    public IReadOnlyList<CloudflareError> Errors { get; }

    /// <summary>The <c>cf-ray</c> id of the response; quote it to Cloudflare support.</summary>
    public string? RayId { get; }

    /// <summary>How long Cloudflare asked us to wait (<c>Retry-After</c>), when it said; for an open circuit, the rest of its break.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when the envelope carries an error with this code.</summary>
    /// <param name="code">A code from <see cref="CloudflareErrorCodes"/>.</param>
    public bool HasErrorCode(int code) => Errors.Any(e => e.Code == code);

    /// <summary>True when the call was not sent because the client's circuit breaker is open (<see cref="RetryAfter"/> = until it closes).</summary>
    public bool IsCircuitOpen => InnerException is Polly.CircuitBreaker.BrokenCircuitException;

    /// <summary>True for failures worth retrying later: no answer, 429 and 5xx.</summary>
    public bool IsTransient => (int)StatusCode is 0 or 429 or >= 500;

    private static string BuildMessage(
        HttpStatusCode statusCode,
        CloudflareError[] errors,
        string? rayId,
        string? detail,
        Exception? innerException)
    {
        var status = (int)statusCode == 0
            ? $"no response ({innerException?.GetType().Name ?? "unknown"})"
            : $"{(int)statusCode} {statusCode}";
        var message = $"Cloudflare API {detail ?? "call"} failed: {status}";
        if (errors.Length > 0)
        {
            message += ": " + string.Join("; ", errors.Select(e => e.ToString()));
        }

        if (rayId is not null)
        {
            message += $" (cf-ray {rayId})";
        }

        return message;
    }
}
