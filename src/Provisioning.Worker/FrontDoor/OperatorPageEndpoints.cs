using System.Reflection;

namespace Provisioning.Worker.FrontDoor;

/// <summary>
/// The operator page (/ui): static HTML, JS and CSS embedded in this assembly, no external resources. It reads the
/// same routes as the CLI (/tenants, /tenants/{id}/timeline) and posts RetryCompensation to /commands.
/// </summary>
public static class OperatorPageEndpoints
{
    public const string Path = "/ui";

    static readonly (string File, string ContentType)[] Files =
    [
        ("index.html", "text/html; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("app.css", "text/css; charset=utf-8"),
    ];

    public static WebApplication MapOperatorPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Results.Redirect($"{Path}/")).ExcludeFromDescription();
        foreach (var (file, contentType) in Files)
        {
            var content = Read(file);
            var route = file == "index.html" ? Path : $"{Path}/{file}";   // routing matches /ui and /ui/ alike
            app.MapGet(route, (HttpContext context) =>
            {
                // Everything the page runs is its own: no inline script, no other origin.
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
                context.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(content, contentType);
            }).ExcludeFromDescription();
        }

        return app;
    }

    static byte[] Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"OperatorPage.{file}")
            ?? throw new InvalidOperationException($"The operator page's {file} is not embedded in the worker.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
