using System.Text.Json;
using Provisioning.Cloudflare.Serialization;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

public class WorkerBindingJsonTests
{
    private static WorkerBinding Read(string json) =>
        JsonSerializer.Deserialize(json, CloudflareJsonContext.Default.WorkerBinding)!;

    private static string Write(WorkerBinding binding) =>
        JsonSerializer.Serialize(binding, CloudflareJsonContext.Default.WorkerBinding);

    [Fact]
    public void KeepsAKnownTypeInAnUnexpectedShapeRaw()
    {
        const string json = """{"name":"TENANT_KV","type":"kv_namespace","namespace_id":12345}""";

        var binding = Assert.IsType<UnknownBinding>(Read(json));

        Assert.Equal(json, Write(binding));
    }

    [Fact]
    public void WritesNameAndTypeFirstAndOmitsNulls()
    {
        Assert.Equal(
            """{"name":"FILES","type":"r2_bucket","bucket_name":"tenant-123"}""",
            Write(new R2BucketBinding("FILES", "tenant-123")));
    }

    [Fact]
    public void PrefersDatabaseIdOverTheDeprecatedId()
    {
        var binding = Read("""{"name":"DB","type":"d1","id":"old","database_id":"new"}""");

        Assert.Equal(new D1DatabaseBinding("DB", "new"), binding);
        JsonAssert.Equivalent("""{"name":"DB","type":"d1","database_id":"new"}""", Write(binding));
    }

    [Fact]
    public void RejectsABindingWithoutNameOrType()
    {
        Assert.Throws<JsonException>(() => Read("""{"type":"ai"}"""));
        Assert.Throws<JsonException>(() => Read("""{"name":"AI"}"""));
        Assert.Throws<JsonException>(() => Read("""["not","an","object"]"""));
    }

    [Fact]
    public void WritesEveryModelledTypeWithItsDiscriminator()
    {
        WorkerBinding[] bindings =
        [
            new KvNamespaceBinding("A", "ns"),
            new D1DatabaseBinding("B", "db"),
            new R2BucketBinding("C", "bucket", "eu"),
            new PlainTextBinding("D", "text"),
            new SecretTextBinding("E", "secret"),
            new JsonBinding("F", JsonDocument.Parse("""{"a":1}""").RootElement),
            new ServiceBinding("G", "svc", "production", "Entry"),
            new QueueBinding("H", "queue"),
            new DurableObjectNamespaceBinding("I", "Counter"),
            new AnalyticsEngineBinding("J", "dataset"),
            new DispatchNamespaceBinding("K", "production"),
            new InheritBinding("L", OldName: "OLD_L"),
        ];

        var written = JsonSerializer.Serialize(bindings.ToList(), CloudflareJsonContext.Default.ListWorkerBinding);

        JsonAssert.Equivalent(
            """
            [
              {"name":"A","type":"kv_namespace","namespace_id":"ns"},
              {"name":"B","type":"d1","database_id":"db"},
              {"name":"C","type":"r2_bucket","bucket_name":"bucket","jurisdiction":"eu"},
              {"name":"D","type":"plain_text","text":"text"},
              {"name":"E","type":"secret_text","text":"secret"},
              {"name":"F","type":"json","json":{"a":1}},
              {"name":"G","type":"service","service":"svc","environment":"production","entrypoint":"Entry"},
              {"name":"H","type":"queue","queue_name":"queue"},
              {"name":"I","type":"durable_object_namespace","class_name":"Counter"},
              {"name":"J","type":"analytics_engine","dataset":"dataset"},
              {"name":"K","type":"dispatch_namespace","namespace":"production"},
              {"name":"L","type":"inherit","old_name":"OLD_L"}
            ]
            """,
            written);
        var read = JsonSerializer.Deserialize(written, CloudflareJsonContext.Default.ListWorkerBinding)!;
        Assert.Equal(bindings.Length, read.Count);
        for (var k = 0; k < bindings.Length; k++)
        {
            if (bindings[k] is JsonBinding json)
            {
                Assert.True(JsonElement.DeepEquals(json.Json, Assert.IsType<JsonBinding>(read[k]).Json));
                continue;
            }

            Assert.Equal(bindings[k], read[k]);
        }
    }
}
