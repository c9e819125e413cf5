using System.Net.Http.Headers;
using System.Text;

namespace Provisioning.CloudflareEmulator.Tests.Support;

/// <summary>Builds multipart bodies byte for byte as the real clients put them on the wire (docs/emulator.md).</summary>
public sealed class RawMultipart
{
    private readonly string _boundary = "----formdata-undici-0" + Guid.NewGuid().ToString("N")[..12];
    private readonly MemoryStream _body = new();

    public RawMultipart Part(string disposition, string? contentType, string content) =>
        Part(disposition, contentType, Encoding.UTF8.GetBytes(content));

    public RawMultipart Part(string disposition, string? contentType, byte[] content)
    {
        var header = new StringBuilder().Append("--").Append(_boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; ").Append(disposition).Append("\r\n");
        if (contentType is not null)
        {
            header.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        header.Append("\r\n");
        _body.Write(Encoding.UTF8.GetBytes(header.ToString()));
        _body.Write(content);
        _body.Write("\r\n"u8);
        return this;
    }

    public HttpContent Build()
    {
        var bytes = _body.ToArray().Concat(Encoding.UTF8.GetBytes($"--{_boundary}--\r\n")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={_boundary}");
        return content;
    }

    /// <summary>wrangler (undici FormData): metadata as a plain text field, each module in a part named after it.</summary>
    public static HttpContent Wrangler(string metadata, params (string Name, string ContentType, string Content)[] modules)
    {
        var form = new RawMultipart().Part("name=\"metadata\"", null, metadata);
        foreach (var (name, type, content) in modules)
        {
            form.Part($"name=\"{name}\"; filename=\"{name}\"", type, content);
        }

        return form.Build();
    }

    /// <summary>cloudflare npm SDK 5.x/6.x: metadata as a JSON file part, every module in a part named "files".</summary>
    public static HttpContent SdkV5(string metadata, params (string Name, string ContentType, string Content)[] modules)
    {
        var form = new RawMultipart().Part("name=\"metadata\"; filename=\"metadata\"", "application/json", metadata);
        foreach (var (name, type, content) in modules)
        {
            form.Part($"name=\"files\"; filename=\"{name}\"", type, content);
        }

        return form.Build();
    }

    /// <summary>cloudflare-go v6: metadata as an application/json part without filename, modules as "files".</summary>
    public static HttpContent CloudflareGo(string metadata, params (string Name, string ContentType, string Content)[] modules)
    {
        var form = new RawMultipart().Part("name=\"metadata\"", "application/json", metadata);
        foreach (var (name, type, content) in modules)
        {
            form.Part($"name=\"files\"; filename=\"{name}\"", type, content);
        }

        return form.Build();
    }
}
