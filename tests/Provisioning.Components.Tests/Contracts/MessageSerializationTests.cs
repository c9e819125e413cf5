using System.Reflection;
using System.Text.Json;
using MassTransit.Serialization;
using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Contracts;

public class MessageSerializationTests
{
    // The options MassTransit's default (System.Text.Json) serializer uses for the "message" of the envelope.
    static readonly JsonSerializerOptions MassTransitJson = SystemTextJsonMessageSerializer.Options;

    public static TheoryData<string> SampleTypes()
    {
        var data = new TheoryData<string>();
        foreach (var name in MessageSamples.All.Select(x => x.GetType().Name).Distinct())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_contract_type_has_a_sample()
    {
        var contractTypes = typeof(TenantIds).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Provisioning.Contracts" && !t.IsInterface && !t.IsAbstract)
            .Select(t => t.Name)
            .Order();
        var sampled = MessageSamples.All.Select(x => x.GetType().Name).Distinct().Order();

        Assert.Equal(contractTypes, sampled);
    }

    [Theory]
    [MemberData(nameof(SampleTypes))]
    public void Round_trips_with_the_masstransit_serializer(string typeName)
    {
        foreach (var sample in MessageSamples.All.Where(x => x.GetType().Name == typeName))
        {
            var type = sample.GetType();
            var json = JsonSerializer.Serialize(sample, type, MassTransitJson);

            var back = JsonSerializer.Deserialize(json, type, MassTransitJson);

            Assert.NotNull(back);
            Assert.Equal(json, JsonSerializer.Serialize(back, type, MassTransitJson));
            AssertEveryPropertyIsCamelCase(type, json);
        }
    }

    [Fact]
    public void A_plain_json_publisher_can_write_a_provision_tenant_by_hand()
    {
        const string json = """
            {
              "commandId": "6f1c3e0a-34a4-4ae4-9a49-0b7a0b5d1f0e",
              "tenantId": "acme",
              "resources": [ { "bindingName": "CACHE", "type": "kv_namespace" } ],
              "bindings": [
                { "name": "SETTINGS", "type": "json", "json": "{\"tier\":\"gold\"}" },
                { "name": "JOBS", "type": "queue", "queueName": "acme-jobs" }
              ],
              "script": {
                "mainModule": "index.js",
                "modules": [ { "name": "index.js", "content": "export default {}" } ],
                "compatibilityDate": "2025-11-01"
              }
            }
            """;

        var message = JsonSerializer.Deserialize<ProvisionTenant>(json, MassTransitJson)!;

        Assert.Equal(Guid.Parse("6f1c3e0a-34a4-4ae4-9a49-0b7a0b5d1f0e"), message.CommandId);
        Assert.Equal("acme", message.TenantId);
        Assert.Equal(BindingTypes.KvNamespace, Assert.Single(message.Resources).Type);
        Assert.Equal("{\"tier\":\"gold\"}", message.Bindings[0].Json);
        Assert.Equal("acme-jobs", message.Bindings[1].QueueName);
        Assert.Equal("application/javascript+module", Assert.Single(message.Script.Modules).ContentType);
        Assert.Empty(message.Tags);
        Assert.Null(message.DispatchNamespace);
    }

    [Fact]
    public void Attach_binding_sets_only_the_kind_it_carries()
    {
        var json = JsonSerializer.Serialize(new AttachBinding { CommandId = Guid.NewGuid(), TenantId = "acme", Binding = new BindingSpec { Name = "A", Type = "plain_text", Text = "x" } }, MassTransitJson);
        var back = JsonSerializer.Deserialize<AttachBinding>(json, MassTransitJson)!;

        Assert.Null(back.Resource);
        Assert.Equal("x", back.Binding!.Text);
    }

    static void AssertEveryPropertyIsCamelCase(Type type, string json)
    {
        using var document = JsonDocument.Parse(json);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var camel = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            Assert.True(names.Contains(camel), $"{type.Name}.{property.Name} should be written as '{camel}' in {json}");
        }

        var firstTwo = type.GetProperties().Take(2).Select(p => p.Name).ToArray();
        if (firstTwo.Contains("CommandId") && type.Name != nameof(CommandInfo))
        {
            // Every command and outcome starts with CommandId, TenantId.
            Assert.Equal(["CommandId", "TenantId"], firstTwo);
        }
    }
}
