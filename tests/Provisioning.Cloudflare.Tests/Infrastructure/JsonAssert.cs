using System.Text.Json;

namespace Provisioning.Cloudflare.Tests.Infrastructure;

public static class JsonAssert
{
    /// <summary>Asserts two JSON texts are the same document (property order and number spelling included).</summary>
    public static void Equivalent(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(e.RootElement, a.RootElement), $"Expected JSON\n{expected}\nbut got\n{actual}");
    }
}
