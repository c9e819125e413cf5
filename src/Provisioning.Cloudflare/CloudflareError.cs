namespace Provisioning.Cloudflare;

/// <summary>One item of the <c>errors</c> (or <c>messages</c>) array of a Cloudflare API v4 envelope.</summary>
/// <param name="Code">Cloudflare's error code; codes are per product (see <see cref="CloudflareErrorCodes"/>). 0 when the item had none.</param>
/// <param name="Message">The message as Cloudflare wrote it.</param>
/// <param name="DocumentationUrl">A documentation link, sent with most 403s since 2026-08.</param>
public sealed record CloudflareError(int Code, string Message, string? DocumentationUrl = null)
{
    /// <inheritdoc />
    public override string ToString() => Code == 0 ? Message : $"[{Code}] {Message}";
}
