using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Provisioning.Cli;
using Provisioning.Integration.Tests.Infrastructure;
using Provisioning.Worker.FrontDoor;

namespace Provisioning.Integration.Tests;

/// <summary>FrontDoor:Token: a bearer token for everything but /health and the operator page's files; without one, loopback only.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class FrontDoorSecurityTests : IAsyncLifetime
{
    OperatorWorker _operator = null!;

    public async Task InitializeAsync() => _operator = await OperatorWorker.StartAsync();

    public async Task DisposeAsync() => await _operator.DisposeAsync();

    [Theory]
    [InlineData("tenants")]
    [InlineData("tenants/acme")]
    [InlineData("tenants/acme/timeline")]
    [InlineData("commands/00000000-0000-0000-0000-000000000001")]
    public async Task A_request_without_the_token_or_with_a_wrong_one_gets_401(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = _operator.Worker.Address };
        using var none = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");
        using var wrong = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task With_the_token_the_front_door_answers_and_without_it_a_command_creates_nothing()
    {
        using var anonymous = new HttpClient { BaseAddress = _operator.Worker.Address };
        using var body = new StringContent("""{"tenantId":"sneaky","resources":[]}""", Encoding.UTF8, "application/json");
        using var refused = await anonymous.PostAsync(new Uri("commands/provision-tenant", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var list = await _operator.Http.GetAsync(new Uri("tenants", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain("sneaky", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("health/live", "")]
    [InlineData("health/ready", "")]
    [InlineData("ui/", "<h1>wfp-provisioner</h1>")]
    [InlineData("ui/app.js", "sessionStorage")]
    public async Task Health_and_the_operator_page_files_need_no_token(string path, string content)
    {
        using var anonymous = new HttpClient { BaseAddress = _operator.Worker.Address };
        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_without_the_token_says_which_setting_to_pass()
    {
        var (code, output) = await BrokerTests.RunCliAsync("tenants", "--worker", _operator.Worker.Address.ToString(), "--token", "");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("requires its front door token: pass --token or set WFP_TOKEN", output, StringComparison.Ordinal);

        (code, output) = await BrokerTests.RunCliAsync("tenants", "--worker", _operator.Worker.Address.ToString(), "--token", OperatorWorker.Token);
        Assert.True(code == ExitCodes.Success, output);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", null, null)]
    [InlineData("http://localhost:8080;http://[::1]:8080", null, null)]
    [InlineData("http://0.0.0.0:8080", null, "http://0.0.0.0:8080")]
    [InlineData("http://127.0.0.1:8080;http://*:8081", null, "http://*:8081")]
    [InlineData(null, "8080", "port 8080 of every interface")]
    public void Without_a_token_only_loopback_addresses_are_accepted(string? urls, string? httpPorts, string? exposed)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["http_ports"] = httpPorts })
            .Build();

        Assert.Equal(exposed, FrontDoorExposure.ExposedAddress(configuration));
    }
}
