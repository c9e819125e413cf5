using System.Text.Json;

namespace Provisioning.Cloudflare.Tests.Infrastructure;

public static class TestData
{
    public static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file));

    /// <summary>The <c>result</c> of a recorded envelope.</summary>
    public static JsonElement Result(string file)
    {
        using var document = JsonDocument.Parse(Read(file));
        return document.RootElement.GetProperty("result").Clone();
    }
}
