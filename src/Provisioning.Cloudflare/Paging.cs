using Provisioning.Cloudflare.Serialization;

namespace Provisioning.Cloudflare;

internal static class Paging
{
    /// <summary>Page size for page-based lists; accepted by both the 2024 spec (max 100) and today's API.</summary>
    public const int PageSize = 100;

    /// <summary>
    /// The last page is the one that is empty or shorter than the page size (the size Cloudflare reports, which may be
    /// lower than we asked), or that reaches <c>total_count</c>.
    /// </summary>
    public static bool IsLastPage(int page, int itemCount, CloudflareResultInfo? info)
    {
        if (itemCount == 0)
        {
            return true;
        }

        var perPage = info?.PerPage is > 0 ? info.PerPage.Value : PageSize;
        if (itemCount < perPage)
        {
            return true;
        }

        return info?.TotalCount is { } total && (long)page * perPage >= total;
    }
}
