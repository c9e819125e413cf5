namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

internal static class Async
{
    public static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source)
    {
        var items = new List<T>();
        await foreach (var item in source)
        {
            items.Add(item);
        }

        return items;
    }
}
