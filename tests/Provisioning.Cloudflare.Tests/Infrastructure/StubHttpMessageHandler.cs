using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Provisioning.Cloudflare.Tests.Infrastructure;

/// <summary>The primary handler of the client under test: records each request as sent and replays queued responses.</summary>
public sealed class StubHttpMessageHandler(TimeProvider clock) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _responses = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public RecordedRequest SingleRequest => Assert.Single(Requests);

    /// <summary>Answers every request nobody queued a response for.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage>? Fallback { get; set; }

    public StubHttpMessageHandler Respond(HttpStatusCode status, string testDataFile, params (string Name, string Value)[] headers) =>
        Respond(_ => Envelope(status, testDataFile, headers));

    public StubHttpMessageHandler Respond(Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        RespondAsync((request, _) => Task.FromResult(respond(request)));

    public StubHttpMessageHandler RespondAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        _responses.Enqueue(respond);
        return this;
    }

    public StubHttpMessageHandler Throw(Exception exception) => RespondAsync((_, _) => Task.FromException<HttpResponseMessage>(exception));

    public static HttpResponseMessage Envelope(HttpStatusCode status, string testDataFile, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(TestData.Read(testDataFile), Encoding.UTF8,
                testDataFile.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>Completes once at least <paramref name="count"/> requests have arrived.</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_requests)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = await RecordedRequest.FromAsync(request, clock.GetUtcNow(), cancellationToken);
        lock (_requests)
        {
            _requests.Add(recorded);
            foreach (var waiter in _waiters.Where(w => w.Count <= _requests.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }

        if (_responses.TryDequeue(out var respond))
        {
            var response = await respond(request, cancellationToken);
            response.RequestMessage ??= request;
            return response;
        }

        if (Fallback is { } fallback)
        {
            var response = fallback(request);
            response.RequestMessage ??= request;
            return response;
        }

        throw new InvalidOperationException($"No response queued for {request.Method} {request.RequestUri}.");
    }
}

/// <summary>A request as it reached the wire: headers, body bytes and multipart parts.</summary>
public sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[] Body,
    IReadOnlyList<RecordedPart> Parts,
    DateTimeOffset SentAt)
{
    public string PathAndQuery => Uri.PathAndQuery;

    public string Path => Uri.AbsolutePath;

    public string BodyText => Encoding.UTF8.GetString(Body);

    public RecordedPart Part(string name) => Assert.Single(Parts, p => p.Name == name);

    public static async Task<RecordedRequest> FromAsync(HttpRequestMessage request, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values);
        }

        var parts = new List<RecordedPart>();
        byte[] body = [];
        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers)
            {
                headers[name] = string.Join(", ", values);
            }

            body = await content.ReadAsByteArrayAsync(cancellationToken);
            if (content is MultipartContent multipart)
            {
                foreach (var part in multipart)
                {
                    parts.Add(new RecordedPart(
                        Unquote(part.Headers.ContentDisposition?.Name),
                        Unquote(part.Headers.ContentDisposition?.FileName),
                        part.Headers.ContentDisposition,
                        part.Headers.ContentType?.ToString(),
                        await part.ReadAsByteArrayAsync(cancellationToken)));
                }
            }
        }

        return new RecordedRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.MediaType, body, parts, sentAt);
    }

    private static string? Unquote(string? value) => value?.Trim('"');
}

/// <summary>One part of a multipart body.</summary>
public sealed record RecordedPart(string? Name, string? FileName, ContentDispositionHeaderValue? Disposition, string? ContentType, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
