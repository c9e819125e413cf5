using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Provisioning.Worker.FrontDoor;

/// <summary>
/// Answers 401 to a request without the configured bearer token (FrontDoor:Token). Open: /health/* (probes carry no
/// token) and the operator page's static files, which hold no data and ask for the token themselves.
/// </summary>
public sealed partial class FrontDoorTokenMiddleware(RequestDelegate next, IOptions<FrontDoorOptions> options, ILogger<FrontDoorTokenMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = options.Value.Token;
        if (string.IsNullOrEmpty(token) || IsOpen(context.Request.Path) || Presents(context.Request, token))
        {
            return next(context);
        }

        LogRefused(logger, context.Request.Method, context.Request.Path.Value);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A bearer token is required",
            detail: "Send Authorization: Bearer <token>, the worker's FrontDoor__Token.").ExecuteAsync(context);
    }

    static bool IsOpen(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(OperatorPageEndpoints.Path) || path.Value is "/" or "" or "/favicon.ico";

    static bool Presents(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Front door refused {Method} {Path}: no valid bearer token")]
    static partial void LogRefused(ILogger logger, string method, string? path);
}
