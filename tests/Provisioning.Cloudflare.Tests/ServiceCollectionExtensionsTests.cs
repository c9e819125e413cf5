using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Provisioning.Cloudflare.Tests.Infrastructure;

namespace Provisioning.Cloudflare.Tests;

public class ServiceCollectionExtensionsTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cloudflare:AccountId"] = CloudflareTestHost.AccountId,
                ["Cloudflare:ApiToken"] = CloudflareTestHost.ApiToken,
            }.Concat(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).GroupBy(p => p.Key).Select(g => g.Last()))
            .Build();

    private static ServiceProvider Build(IConfiguration configuration, HttpMessageHandler? primary = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var http = services.AddCloudflareClient(configuration.GetSection(CloudflareOptions.SectionName));
        if (primary is not null)
        {
            http.ConfigurePrimaryHttpMessageHandler(() => primary);
        }

        return services.BuildServiceProvider();
    }

    public class TheAddCloudflareClientMethod
    {
        [Fact]
        public void RegistersTheClientAndEveryAreaClient()
        {
            using var provider = Build(Configuration());

            var client = provider.GetRequiredService<ICloudflareClient>();
            Assert.NotNull(client.DispatchNamespaces);
            Assert.NotNull(client.Scripts);
            Assert.NotNull(client.KvNamespaces);
            Assert.NotNull(client.D1Databases);
            Assert.NotNull(client.R2Buckets);
            Assert.NotNull(provider.GetRequiredService<IDispatchNamespacesClient>());
            Assert.NotNull(provider.GetRequiredService<IWorkerScriptsClient>());
            Assert.NotNull(provider.GetRequiredService<IKvNamespacesClient>());
            Assert.NotNull(provider.GetRequiredService<ID1DatabasesClient>());
            Assert.NotNull(provider.GetRequiredService<IR2BucketsClient>());
        }

        [Fact]
        public async Task BindsOptionsAndAppendsTheMissingTrailingSlash()
        {
            var stub = new StubHttpMessageHandler(TimeProvider.System)
                .Respond(HttpStatusCode.OK, "dispatch-namespaces.json");
            using var provider = Build(
                Configuration(("Cloudflare:BaseAddress", "http://127.0.0.1:5999/client/v4"), ("Cloudflare:RequestBudget", "50")),
                stub);

            var options = provider.GetRequiredService<IOptions<CloudflareOptions>>().Value;
            await provider.GetRequiredService<ICloudflareClient>().DispatchNamespaces.ListAsync(CancellationToken.None);

            Assert.Equal(new Uri("http://127.0.0.1:5999/client/v4/"), options.BaseAddress);
            Assert.Equal(50, options.RequestBudget);
            Assert.Equal(
                new Uri($"http://127.0.0.1:5999/client/v4/accounts/{CloudflareTestHost.AccountId}/workers/dispatch/namespaces"),
                stub.SingleRequest.Uri);
        }

        [Fact]
        public async Task CanBeCalledTwiceWithoutStackingHandlers()
        {
            var stub = new StubHttpMessageHandler(TimeProvider.System).Respond(HttpStatusCode.OK, "dispatch-namespaces.json");
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddCloudflareClient(Configuration().GetSection(CloudflareOptions.SectionName));
            services.AddCloudflareClient(o => o.ApiToken = "second-token").ConfigurePrimaryHttpMessageHandler(() => stub);
            using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<ICloudflareClient>().DispatchNamespaces.ListAsync(CancellationToken.None);

            Assert.Equal("Bearer second-token", stub.SingleRequest.Headers["Authorization"]);
        }

        [Fact]
        public void UsesTheDocumentedDefaults()
        {
            using var provider = Build(Configuration());

            var options = provider.GetRequiredService<IOptions<CloudflareOptions>>().Value;

            Assert.Equal(new Uri("https://api.cloudflare.com/client/v4/"), options.BaseAddress);
            Assert.Equal(1200, options.RequestBudget);
            Assert.Equal(TimeSpan.FromMinutes(5), options.RequestBudgetWindow);
        }

        [Fact]
        public async Task FailsHostStartOnAnInvalidAccountId()
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cloudflare:AccountId"] = "not-an-account",
                ["Cloudflare:ApiToken"] = CloudflareTestHost.ApiToken,
            });
            builder.AddCloudflareClient();
            using var host = builder.Build();

            var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

            Assert.Contains("AccountId", ex.Message, StringComparison.Ordinal);
        }
    }

    public class TheOptionsValidation
    {
        [Theory]
        [InlineData("Cloudflare:AccountId", "023e105f4ecef8ad9ca31a8372d0c35", "AccountId")]
        [InlineData("Cloudflare:AccountId", "023e105f4ecef8ad9ca31a8372d0c35z", "AccountId")]
        [InlineData("Cloudflare:ApiToken", "", "ApiToken")]
        [InlineData("Cloudflare:BaseAddress", "ftp://api.cloudflare.com/client/v4/", "BaseAddress")]
        [InlineData("Cloudflare:RequestBudget", "0", "RequestBudget")]
        [InlineData("Cloudflare:RequestBudgetBurst", "1200", "RequestBudgetBurst")]
        [InlineData("Cloudflare:RequestBudgetWindow", "00:00:00", "RequestBudgetWindow")]
        [InlineData("Cloudflare:Retry:MaxRetryAttempts", "-1", "Retry")]
        [InlineData("Cloudflare:CircuitBreaker:FailureRatio", "0", "CircuitBreaker")]
        [InlineData("Cloudflare:OutagePatience", "-00:00:01", "OutagePatience")]
        [InlineData("Cloudflare:OutagePatience", "00:27:00", "consumer_timeout")]
        public void RejectsAnInvalidSetting(string key, string value, string named)
        {
            using var provider = Build(Configuration((key, value)));

            var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CloudflareOptions>>().Value);

            Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void RejectsARelativeBaseAddress()
        {
            var services = new ServiceCollection();
            services.AddCloudflareClient(o =>
            {
                o.AccountId = CloudflareTestHost.AccountId;
                o.ApiToken = CloudflareTestHost.ApiToken;
                o.BaseAddress = new Uri("client/v4/", UriKind.Relative);
            });
            using var provider = services.BuildServiceProvider();

            var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CloudflareOptions>>().Value);

            Assert.Contains("BaseAddress", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AcceptsUpperCaseHexAccountIds()
        {
            using var provider = Build(Configuration(("Cloudflare:AccountId", CloudflareTestHost.AccountId.ToUpperInvariant())));

            Assert.NotNull(provider.GetRequiredService<IOptions<CloudflareOptions>>().Value);
        }
    }
}
