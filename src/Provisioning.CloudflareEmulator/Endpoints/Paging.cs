using System.Globalization;
using System.Text.Json.Nodes;

namespace Provisioning.CloudflareEmulator.Endpoints;

/// <summary>page/per_page paging of KV and D1: a page past the end is an empty 200, which is how the SDK's
/// V4PagePaginationArray learns it is done (docs/emulator.md).</summary>
internal static class Paging
{
    public static (JsonArray Items, JsonObject ResultInfo) Page<T>(
        IReadOnlyList<T> all, HttpRequest request, int defaultPerPage, int maxPerPage, Func<T, JsonNode> map, int minPerPage = 1)
    {
        // Out-of-range values are clamped (our choice; the limits changed between spec versions).
        var page = Math.Max(1, IntQuery(request, "page") ?? 1);
        var perPage = Math.Clamp(IntQuery(request, "per_page") ?? defaultPerPage, minPerPage, maxPerPage);
        var items = all.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * perPage)).Take(perPage).Select(map).ToArray();
        var info = new JsonObject
        {
            ["page"] = page,
            ["per_page"] = perPage,
            ["count"] = items.Length,
            ["total_count"] = all.Count,
            ["total_pages"] = (all.Count + perPage - 1) / perPage,
        };
        return (new JsonArray(items), info);
    }

    public static int? IntQuery(HttpRequest request, string key) =>
        int.TryParse(request.Query[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool Descending(HttpRequest request) =>
        string.Equals(request.Query["direction"], "desc", StringComparison.OrdinalIgnoreCase);
}
