using System.Text.Json;

namespace Provisioning.Cloudflare.Serialization;

/// <summary>The v4 envelope <c>{ success, errors, messages, result, result_info }</c>; never leaves the connection.</summary>
internal sealed class CloudflareEnvelope
{
    public bool Success { get; set; }

    // Items are objects {code, message} except R2's messages, which are plain strings.
    public List<JsonElement>? Errors { get; set; }

    public List<JsonElement>? Messages { get; set; }

    public JsonElement Result { get; set; }

    public CloudflareResultInfo? ResultInfo { get; set; }
}

/// <summary><c>result_info</c>: page-based (KV, D1) or cursor-based (R2).</summary>
internal sealed class CloudflareResultInfo
{
    public int? Page { get; set; }

    public int? PerPage { get; set; }

    public int? Count { get; set; }

    public int? TotalCount { get; set; }

    public string? Cursor { get; set; }
}
