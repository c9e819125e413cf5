using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Provisioning.Cloudflare.Http;
using Provisioning.Cloudflare.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>
/// Sends requests, unwraps the v4 envelope and turns every failure into a <see cref="CloudflareApiException"/>.
/// The envelope never leaves this class.
/// </summary>
internal sealed class CloudflareConnection
{
    private const int BodyExcerptLength = 300;

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;

    public CloudflareConnection(HttpClient httpClient, IOptions<CloudflareOptions> options, TimeProvider timeProvider)
    {
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        AccountId = options.Value.AccountId;
    }

    public string AccountId { get; }

    /// <summary>Sends the request and returns its <c>result</c>; a missing result is an error.</summary>
    public async Task<T> SendAsync<T>(CloudflareRequest request, JsonTypeInfo<T> resultType, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, cancellationToken);
        return ReadResult(response, resultType, request)
            ?? throw Malformed(request, response, "the response has no result");
    }

    /// <summary>Sends the request and returns its <c>result</c>, or the default when Cloudflare returned none.</summary>
    public async Task<T?> SendForOptionalResultAsync<T>(CloudflareRequest request, JsonTypeInfo<T> resultType, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, cancellationToken);
        return ReadResult(response, resultType, request);
    }

    /// <summary>Sends a list request and returns one page: the items and <c>result_info</c>.</summary>
    public async Task<(T Result, CloudflareResultInfo? Info)> SendForPageAsync<T>(
        CloudflareRequest request, JsonTypeInfo<T> resultType, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, cancellationToken);
        var result = ReadResult(response, resultType, request)
            ?? throw Malformed(request, response, "the response has no result");
        return (result, response.Envelope?.ResultInfo);
    }

    /// <summary>Sends the request and checks the envelope; the result is ignored.</summary>
    public async Task<CloudflareResponse> SendAsync(CloudflareRequest request, CancellationToken cancellationToken)
    {
        using var message = request.ToHttpRequestMessage();
        HttpResponseMessage httpResponse;
        try
        {
            httpResponse = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException or OperationCanceledException)
        {
            // No answer: dropped connection, attempt/total timeout, open circuit. Transient by definition; an open circuit
            // says when it closes again, which is when a caller that waits should try again.
            var retryAfter = (ex as BrokenCircuitException)?.RetryAfter;
            throw new CloudflareApiException(0, [], retryAfter: retryAfter, detail: request.Describe(), innerException: ex);
        }

        using (httpResponse)
        {
            var body = await httpResponse.Content.ReadAsByteArrayAsync(cancellationToken);
            var response = new CloudflareResponse(
                httpResponse.StatusCode,
                CloudflareHeaders.RayId(httpResponse),
                CloudflareHeaders.RetryAfter(httpResponse, _timeProvider.GetUtcNow()),
                Parse(body),
                body);

            if (!httpResponse.IsSuccessStatusCode || (response.Envelope is { Success: false }))
            {
                throw ToException(request, response, httpResponse.Content.Headers.ContentType?.MediaType);
            }

            if (response.Envelope is null && body.Length > 0)
            {
                throw Malformed(request, response, "the body is not a Cloudflare envelope");
            }

            return response;
        }
    }

    private static CloudflareEnvelope? Parse(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, CloudflareJsonContext.Default.CloudflareEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T? ReadResult<T>(CloudflareResponse response, JsonTypeInfo<T> resultType, CloudflareRequest request)
    {
        var result = response.Envelope?.Result ?? default;
        if (result.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return default;
        }

        try
        {
            return result.Deserialize(resultType);
        }
        catch (JsonException ex)
        {
            throw Malformed(request, response, $"the result does not match {typeof(T).Name}: {ex.Message}");
        }
    }

    private static CloudflareApiException ToException(CloudflareRequest request, CloudflareResponse response, string? mediaType)
    {
        var errors = (response.Envelope?.Errors ?? []).Select(ToError).ToList();
        var detail = request.Describe();
        if (response.Envelope is null && response.Body.Length > 0)
        {
            // An HTML error page from the edge, a proxy's text/plain: keep enough to recognise it.
            detail += $" (non-JSON {mediaType ?? "body"}: {Excerpt(response.Body)})";
        }

        return new CloudflareApiException(response.StatusCode, errors, response.RayId, response.RetryAfter, detail);
    }

    private static CloudflareApiException Malformed(CloudflareRequest request, CloudflareResponse response, string problem) =>
        new(response.StatusCode, [], response.RayId, detail: $"{request.Describe()} (malformed response: {problem})");

    private static CloudflareError ToError(JsonElement item)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            return new CloudflareError(0, item.GetString()!);
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            return new CloudflareError(0, item.GetRawText());
        }

        var code = item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : 0;
        var message = item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var url = item.TryGetProperty("documentation_url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        return new CloudflareError(code, message, url);
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, BodyExcerptLength * 4));
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= BodyExcerptLength ? collapsed : collapsed[..BodyExcerptLength] + "…";
    }
}

/// <summary>One answer as the connection saw it.</summary>
internal sealed record CloudflareResponse(
    HttpStatusCode StatusCode,
    string? RayId,
    TimeSpan? RetryAfter,
    CloudflareEnvelope? Envelope,
    byte[] Body);
