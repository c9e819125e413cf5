using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Provisioning.CloudflareEmulator.Api;

namespace Provisioning.CloudflareEmulator.Scripts;

internal sealed record UploadPart(string PartName, string? FileName, string ContentType, byte[] Content)
{
    /// <summary>The module's name: its filename when it has one (SDK parts are all named "files"), else its part name.</summary>
    public string ModuleName => string.IsNullOrEmpty(FileName) ? PartName : FileName;
}

internal sealed record ParsedUpload(JsonObject Metadata, IReadOnlyList<UploadPart> Parts);

/// <summary>
/// Reads a script PUT as the real API accepts it (docs/emulator.md): multipart with a `metadata` part found by part
/// name only (text field, file part or JSON part) plus module parts, or a raw service-worker script.
/// </summary>
internal static class ScriptUpload
{
    public const string RawScriptName = "worker.js";

    private static readonly HashSet<string> ModuleContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/javascript+module", "text/javascript+module", "application/javascript", "text/javascript",
        "text/x-python", "text/x-python-requirement", "application/wasm", "text/plain", "application/octet-stream",
        "application/source-map",
    };

    public static async Task<ParsedUpload> ReadAsync(HttpRequest request, long maxBytes, string metadataPartName = "metadata")
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            throw UnsupportedContentType();
        }

        var mediaType = contentType.MediaType.Value ?? "";
        if (mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return await ReadMultipartAsync(request, contentType, maxBytes, metadataPartName);
            }
            catch (InvalidDataException)
            {
                throw new ApiException(400, ErrorCodes.ScriptValidation, "could not parse the multipart body");
            }
            catch (IOException) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
            {
                throw new ApiException(400, ErrorCodes.ScriptValidation, "could not parse the multipart body");
            }
        }

        if (mediaType.Equals("application/javascript", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/javascript", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadRawScriptAsync(request, maxBytes);
        }

        throw UnsupportedContentType();
    }

    private static async Task<ParsedUpload> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue contentType, long maxBytes, string metadataPartName)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw UnsupportedContentType();
        }

        var reader = new MultipartReader(boundary, request.Body);
        JsonObject? metadata = null;
        var parts = new List<UploadPart>();
        long total = 0;
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value
                ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            var content = buffer.ToArray();

            if (name == metadataPartName)
            {
                metadata = Json.ParseObject(Encoding.UTF8.GetString(content), metadataPartName);
                continue;
            }

            total += content.Length;
            if (total > maxBytes)
            {
                throw new ApiException(400, ErrorCodes.ScriptTooLarge, "workers.api.error.script_too_large");
            }

            var partType = section.ContentType is { } ct && MediaTypeHeaderValue.TryParse(ct, out var parsed)
                ? parsed.MediaType.Value ?? ct
                : "application/octet-stream";
            parts.Add(new UploadPart(name, fileName, partType, content));
        }

        if (metadata is null)
        {
            throw new ApiException(400, ErrorCodes.ScriptValidation, $"could not read content for part {metadataPartName}");
        }

        var unsupported = parts.Where(p => !ModuleContentTypes.Contains(p.ContentType))
            .Select(p => new ApiErrorItem(ErrorCodes.ScriptValidation, $"module {p.PartName} has unsupported Content-Type {p.ContentType}"))
            .ToList();
        if (unsupported.Count > 0)
        {
            throw new ApiException(400, unsupported);
        }

        return new ParsedUpload(metadata, parts);
    }

    private static async Task<ParsedUpload> ReadRawScriptAsync(HttpRequest request, long maxBytes)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length > maxBytes)
        {
            throw new ApiException(400, ErrorCodes.ScriptTooLarge, "workers.api.error.script_too_large");
        }

        var content = buffer.ToArray();
        var text = Encoding.UTF8.GetString(content).TrimStart();
        // The body is run as a script, so what is not JavaScript fails at startup. Two client bugs land here and
        // the real answers are known: SDK 7.x sends a multipart body under Content-Type application/javascript
        // (cloudflare-typescript#2799), and SDK 5/6 without files sends JSON {"metadata":...} (docs/emulator.md).
        if (text.StartsWith("--", StringComparison.Ordinal) && text.Contains("Content-Disposition", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(400, ErrorCodes.ScriptValidation, "Uncaught SyntaxError: Invalid left-hand side expression in prefix operation\n  at worker.js:1:4");
        }

        if (text.StartsWith('{') && text.Contains("\":", StringComparison.Ordinal))
        {
            throw new ApiException(400, ErrorCodes.ScriptValidation, "Uncaught SyntaxError: Unexpected token ':'\n  at worker.js:1:12");
        }

        var metadata = new JsonObject { ["body_part"] = RawScriptName };
        return new ParsedUpload(metadata, [new UploadPart(RawScriptName, RawScriptName, "application/javascript", content)]);
    }

    private static ApiException UnsupportedContentType() =>
        new(400, ErrorCodes.UnsupportedContentType, "Unsupported or unexpected Content Type");
}
