using System.Net;
using System.Text;
using System.Text.Json;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

public class WorkerScriptsClientTests
{
    private const string ScriptPath = "workers/dispatch/namespaces/production/scripts/tenant-123";

    private static WorkerScriptUpload Upload(params WorkerBinding[] bindings) => new()
    {
        MainModule = "index.js",
        Modules =
        [
            WorkerModule.EsModule("index.js", "import { greet } from './lib.js';\nexport default { fetch() { return new Response(greet()); } };"),
            WorkerModule.EsModule("lib.js", "export const greet = () => 'hi';"),
            new WorkerModule("index.js.map", Encoding.UTF8.GetBytes("{\"version\":3}"), WorkerModule.SourceMapContentType),
        ],
        CompatibilityDate = "2025-01-01",
        CompatibilityFlags = ["nodejs_compat"],
        Bindings = bindings,
        KeepBindings = [WorkerBindingTypes.SecretText, WorkerBindingTypes.SecretKey],
        Tags = ["tenant:123"],
    };

    public class TheUploadAsyncMethod
    {
        [Fact]
        public async Task SendsAMultipartPutWithAMetadataPartAndOnePartPerModule()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "script-uploaded.json");

            await host.Client.Scripts.UploadAsync("production", "tenant-123", Upload(), CancellationToken.None);

            var request = host.Stub.SingleRequest;
            Assert.Equal(HttpMethod.Put, request.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath), request.PathAndQuery);
            Assert.Equal("multipart/form-data", request.ContentType);
            Assert.Equal(["metadata", "index.js", "lib.js", "index.js.map"], request.Parts.Select(p => p.Name));

            var metadata = request.Part("metadata");
            Assert.Null(metadata.FileName);
            Assert.Equal("application/json", metadata.ContentType);

            var index = request.Part("index.js");
            Assert.Equal("index.js", index.FileName);
            Assert.Equal("application/javascript+module", index.ContentType);
            Assert.StartsWith("import { greet }", index.BodyText, StringComparison.Ordinal);
            Assert.Equal("lib.js", request.Part("lib.js").FileName);
            Assert.Equal("application/source-map", request.Part("index.js.map").ContentType);

            // The wire form, as Cloudflare parses it: quoted names, no RFC 5987 filename* variant.
            Assert.Contains("Content-Disposition: form-data; name=\"index.js\"; filename=\"index.js\"\r\n", request.BodyText, StringComparison.Ordinal);
            Assert.DoesNotContain("filename*", request.BodyText, StringComparison.Ordinal);
        }

        [Fact]
        public async Task WritesTheMetadataFields()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "script-uploaded.json");

            await host.Client.Scripts.UploadAsync(
                "production",
                "tenant-123",
                Upload(new KvNamespaceBinding("TENANT_KV", "0f2ac74b498b48028cb68387c421e279"), new D1DatabaseBinding("DB", "6f8e3c1a-2b4d-4e5f-8a9b-0c1d2e3f4a5b")),
                CancellationToken.None);

            JsonAssert.Equivalent(
                """
                {
                  "main_module": "index.js",
                  "compatibility_date": "2025-01-01",
                  "compatibility_flags": ["nodejs_compat"],
                  "bindings": [
                    {"name": "TENANT_KV", "type": "kv_namespace", "namespace_id": "0f2ac74b498b48028cb68387c421e279"},
                    {"name": "DB", "type": "d1", "database_id": "6f8e3c1a-2b4d-4e5f-8a9b-0c1d2e3f4a5b"}
                  ],
                  "keep_bindings": ["secret_text", "secret_key"],
                  "tags": ["tenant:123"]
                }
                """,
                host.Stub.SingleRequest.Part("metadata").BodyText);
        }

        [Fact]
        public async Task AddsBindingsInheritStrictWhenAsked()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "script-uploaded.json");

            await host.Client.Scripts.UploadAsync(
                "production", "tenant-123", Upload(new InheritBinding("TENANT_KV")) with { StrictBindingInheritance = true }, CancellationToken.None);

            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath + "?bindings_inherit=strict"), host.Stub.SingleRequest.PathAndQuery);
            using var metadata = JsonDocument.Parse(host.Stub.SingleRequest.Part("metadata").BodyText);
            JsonAssert.Equivalent("""[{"name":"TENANT_KV","type":"inherit"}]""", metadata.RootElement.GetProperty("bindings").GetRawText());
        }

        [Fact]
        public async Task ParsesTheUploadResult()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "script-uploaded.json");

            var script = await host.Client.Scripts.UploadAsync("production", "tenant-123", Upload(), CancellationToken.None);

            Assert.Equal("tenant-123", script.Id);
            Assert.Equal("a1b2c3d4e5f60718293a4b5c6d7e8f90", script.Tag);
            Assert.StartsWith("13a3240e", script.Etag, StringComparison.Ordinal);
            Assert.Equal(["fetch"], script.Handlers);
            Assert.Equal(7, script.StartupTimeMs);
            Assert.Equal("6f1e2a3b4c5d4e6f8a9b0c1d2e3f4a5b", script.DeploymentId);
            Assert.True(script.HasModules);
        }

        [Theory]
        [InlineData("error-validation.json", CloudflareErrorCodes.ValidationError)]
        [InlineData("error-unresolved-inherit.json", CloudflareErrorCodes.UnresolvedInheritBinding)]
        [InlineData("error-kv-binding-target.json", CloudflareErrorCodes.KvNamespaceBindingTargetNotFound)]
        [InlineData("error-r2-binding-target.json", CloudflareErrorCodes.R2BucketBindingTargetNotFound)]
        [InlineData("error-d1-binding-target.json", CloudflareErrorCodes.D1DatabaseBindingTargetNotFound)]
        [InlineData("error-dispatch-namespace-binding-target.json", CloudflareErrorCodes.DispatchNamespaceBindingTargetNotFound)]
        public async Task ThrowsEveryValidationError(string envelope, int code)
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.BadRequest, envelope, ("cf-ray", "9a8b7c6d5e4f3a2b-FRA"));

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(
                () => host.Client.Scripts.UploadAsync("production", "tenant-123", Upload(), CancellationToken.None));

            Assert.True(ex.HasErrorCode(code));
            Assert.All(ex.Errors, e => Assert.Equal(code, e.Code));
            Assert.Equal(JsonDocument.Parse(TestData.Read(envelope)).RootElement.GetProperty("errors").GetArrayLength(), ex.Errors.Count);
            Assert.Equal("9a8b7c6d5e4f3a2b-FRA", ex.RayId);
            Assert.False(ex.IsTransient);
        }
    }

    public class TheGetAsyncMethod
    {
        [Fact]
        public async Task GetsTheScript()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "script.json");

            var script = await host.Client.Scripts.GetAsync("production", "tenant-123", CancellationToken.None);

            Assert.Equal(HttpMethod.Get, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath), host.Stub.SingleRequest.PathAndQuery);
            Assert.Equal("production", script.DispatchNamespace);
            Assert.Equal("tenant-123", script.Script?.Id);
        }

        [Fact]
        public async Task ThrowsScriptNotFound()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.NotFound, "error-script-not-found.json");

            var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => host.Client.Scripts.GetAsync("production", "tenant-123", CancellationToken.None));

            Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
            Assert.True(ex.HasErrorCode(CloudflareErrorCodes.ScriptNotFound));
        }
    }

    public class TheDeleteAsyncMethod
    {
        [Theory]
        [InlineData(false, "")]
        [InlineData(true, "?force=true")]
        public async Task SendsDeleteWithForceOnlyWhenAsked(bool force, string query)
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "null-result.json");

            await host.Client.Scripts.DeleteAsync("production", "tenant-123", force, CancellationToken.None);

            Assert.Equal(HttpMethod.Delete, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath + query), host.Stub.SingleRequest.PathAndQuery);
            Assert.Empty(host.Stub.SingleRequest.Body);
        }
    }

    public class TheGetBindingsAsyncMethod
    {
        [Fact]
        public async Task ReadsEveryBindingType()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "script-bindings.json");

            var bindings = await host.Client.Scripts.GetBindingsAsync("production", "tenant-123", CancellationToken.None);

            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath + "/bindings"), host.Stub.SingleRequest.PathAndQuery);
            Assert.Collection(
                bindings,
                b => Assert.Equal(new KvNamespaceBinding("TENANT_KV", "0f2ac74b498b48028cb68387c421e279"), b),
                b => Assert.Equal(new D1DatabaseBinding("DB", "6f8e3c1a-2b4d-4e5f-8a9b-0c1d2e3f4a5b"), b),
                b => Assert.Equal(new D1DatabaseBinding("DB2", "7f8e3c1a-2b4d-4e5f-8a9b-0c1d2e3f4a5b"), b),
                b => Assert.Equal(new R2BucketBinding("FILES", "tenant-123", "eu"), b),
                b => Assert.Equal(new PlainTextBinding("GREETING", "hello"), b),
                b => Assert.Equal(new SecretTextBinding("API_KEY", null), b),
                b => Assert.Equal("pro", Assert.IsType<JsonBinding>(b).Json.GetProperty("plan").GetString()),
                b =>
                {
                    var service = Assert.IsType<ServiceBinding>(b);
                    Assert.Equal(("auth-worker", "production", "Auth"), (service.Service, service.Environment, service.Entrypoint));
                    Assert.Equal("123", service.AdditionalProperties!["props"].GetProperty("tenant").GetString());
                },
                b => Assert.Equal(new QueueBinding("JOBS", "tenant-jobs"), b),
                b => Assert.Equal(new DurableObjectNamespaceBinding("COUNTER", "Counter", "counter-worker"), b),
                b => Assert.Equal(new AnalyticsEngineBinding("EVENTS", "tenant_events"), b),
                b => Assert.Equal("production", Assert.IsType<DispatchNamespaceBinding>(b).Namespace),
                b => Assert.Equal(("LIMITER", "ratelimit"), (Assert.IsType<UnknownBinding>(b).Name, b.Type)),
                b => Assert.Equal(("SIGNING_KEY", "secret_key"), (Assert.IsType<UnknownBinding>(b).Name, b.Type)),
                b => Assert.Equal(("AI", "ai"), (Assert.IsType<UnknownBinding>(b).Name, b.Type)));
        }

        [Fact]
        public async Task SendsEveryBindingBackUnchangedOnUpload()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "script-bindings.json")
                .Respond(HttpStatusCode.OK, "script-uploaded.json");

            var bindings = await host.Client.Scripts.GetBindingsAsync("production", "tenant-123", CancellationToken.None);
            await host.Client.Scripts.UploadAsync("production", "tenant-123", Upload([.. bindings]), CancellationToken.None);

            using var metadata = JsonDocument.Parse(host.Stub.Requests[1].Part("metadata").BodyText);
            var sent = metadata.RootElement.GetProperty("bindings").EnumerateArray().ToList();
            var received = TestData.Result("script-bindings.json").EnumerateArray().ToList();
            Assert.Equal(received.Count, sent.Count);
            for (var i = 0; i < received.Count; i++)
            {
                var type = received[i].GetProperty("type").GetString();
                if (type is "d1" && received[i].TryGetProperty("id", out var id))
                {
                    // The deprecated "id" goes back as database_id, the field Cloudflare documents.
                    JsonAssert.Equivalent(
                        $$"""{"name":"{{received[i].GetProperty("name").GetString()}}","type":"d1","database_id":"{{id.GetString()}}"}""",
                        sent[i].GetRawText());
                    continue;
                }

                Assert.True(JsonElement.DeepEquals(received[i], sent[i]), $"Binding {i} ({type}) changed:\n{received[i]}\n{sent[i]}");
                Assert.Equal(
                    received[i].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
                    sent[i].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            }
        }

        [Fact]
        public async Task WritesUnknownBindingsByteForByte()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "script-bindings.json")
                .Respond(HttpStatusCode.OK, "script-uploaded.json");

            var bindings = await host.Client.Scripts.GetBindingsAsync("production", "tenant-123", CancellationToken.None);
            await host.Client.Scripts.UploadAsync("production", "tenant-123", Upload([.. bindings.OfType<UnknownBinding>()]), CancellationToken.None);

            using var metadata = JsonDocument.Parse(host.Stub.Requests[1].Part("metadata").BodyText);
            var sent = metadata.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.GetRawText());
            var received = TestData.Result("script-bindings.json").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() is "ratelimit" or "secret_key" or "ai")
                .Select(b => JsonSerializer.Serialize(b));
            Assert.Equal(received, sent);
        }
    }

    public class TheGetSettingsAsyncMethod
    {
        [Fact]
        public async Task ReadsTheSettings()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "script-settings.json");

            var settings = await host.Client.Scripts.GetSettingsAsync("production", "tenant-123", CancellationToken.None);

            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath + "/settings"), host.Stub.SingleRequest.PathAndQuery);
            Assert.Equal(new KvNamespaceBinding("TENANT_KV", "0f2ac74b498b48028cb68387c421e279"), Assert.Single(settings.Bindings!));
            Assert.Equal("2025-01-01", settings.CompatibilityDate);
            Assert.Equal(["tenant:123"], settings.Tags);
            Assert.Equal(50, settings.AdditionalProperties!["limits"].GetProperty("cpu_ms").GetInt32());
        }
    }

    public class TheUpdateSettingsAsyncMethod
    {
        [Fact]
        public async Task SendsAMultipartPatchWithOnlyTheGivenSettings()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "script-settings.json");

            await host.Client.Scripts.UpdateSettingsAsync(
                "production",
                "tenant-123",
                new WorkerScriptSettings { Bindings = [new InheritBinding("TENANT_KV"), new PlainTextBinding("PLAN", "pro")] },
                CancellationToken.None);

            var request = host.Stub.SingleRequest;
            Assert.Equal(HttpMethod.Patch, request.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath + "/settings"), request.PathAndQuery);
            Assert.Equal("multipart/form-data", request.ContentType);
            var part = Assert.Single(request.Parts);
            Assert.Equal("settings", part.Name);
            Assert.Equal("application/json", part.ContentType);
            JsonAssert.Equivalent(
                """{"bindings":[{"name":"TENANT_KV","type":"inherit"},{"name":"PLAN","type":"plain_text","text":"pro"}]}""",
                part.BodyText);
        }
    }

    public class TheSetSecretAsyncMethod
    {
        [Fact]
        public async Task PutsASecretTextSecret()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "secret.json");

            var secret = await host.Client.Scripts.SetSecretAsync("production", "tenant-123", "API_KEY", "s3cr3t-value", CancellationToken.None);

            var request = host.Stub.SingleRequest;
            Assert.Equal(HttpMethod.Put, request.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath + "/secrets"), request.PathAndQuery);
            JsonAssert.Equivalent("""{"name":"API_KEY","type":"secret_text","text":"s3cr3t-value"}""", request.BodyText);
            Assert.Equal(new WorkerSecret("API_KEY", "secret_text"), secret);
        }
    }

    public class TheListSecretsAsyncMethod
    {
        [Fact]
        public async Task ReturnsNamesAndTypes()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "secrets.json");

            var secrets = await host.Client.Scripts.ListSecretsAsync("production", "tenant-123", CancellationToken.None);

            Assert.Equal(HttpMethod.Get, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath + "/secrets"), host.Stub.SingleRequest.PathAndQuery);
            Assert.Equal([new WorkerSecret("API_KEY", "secret_text"), new WorkerSecret("SIGNING_KEY", "secret_key")], secrets);
        }
    }

    public class TheDeleteSecretAsyncMethod
    {
        [Fact]
        public async Task DeletesTheSecretByName()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "null-result.json");

            await host.Client.Scripts.DeleteSecretAsync("production", "tenant-123", "API_KEY", CancellationToken.None);

            Assert.Equal(HttpMethod.Delete, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath + "/secrets/API_KEY"), host.Stub.SingleRequest.PathAndQuery);
        }
    }

    public class TheGetTagsAsyncMethod
    {
        [Fact]
        public async Task ReturnsTheTags()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "tags.json");

            var tags = await host.Client.Scripts.GetTagsAsync("production", "tenant-123", CancellationToken.None);

            Assert.Equal(HttpMethod.Get, host.Stub.SingleRequest.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath + "/tags"), host.Stub.SingleRequest.PathAndQuery);
            Assert.Equal(["tenant:123", "plan:pro"], tags);
        }
    }

    public class TheReplaceTagsAsyncMethod
    {
        [Fact]
        public async Task PutsTheTagsAsAJsonArray()
        {
            using var host = CloudflareTestHost.Create();
            host.Stub.Respond(HttpStatusCode.OK, "tags.json");

            var tags = await host.Client.Scripts.ReplaceTagsAsync("production", "tenant-123", ["tenant:123", "plan:pro"], CancellationToken.None);

            var request = host.Stub.SingleRequest;
            Assert.Equal(HttpMethod.Put, request.Method);
            Assert.Equal(CloudflareTestHost.AccountPath(ScriptPath + "/tags"), request.PathAndQuery);
            JsonAssert.Equivalent("""["tenant:123","plan:pro"]""", request.BodyText);
            Assert.Equal(["tenant:123", "plan:pro"], tags);
        }
    }
}
