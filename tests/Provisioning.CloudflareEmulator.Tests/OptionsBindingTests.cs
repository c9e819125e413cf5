using Microsoft.Extensions.Configuration;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class OptionsBindingTests
{
    [Fact]
    public void Should_bind_accounts_and_limits_from_the_emulator_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Emulator:Accounts:0:AccountId"] = "1111111111111111111111111111111a",
            ["Emulator:Accounts:0:Tokens:0"] = "token-a",
            ["Emulator:Accounts:0:Tokens:1"] = "token-b",
            ["Emulator:RateLimit:Requests"] = "10",
            ["Emulator:MaxScriptSizeBytes"] = "2048",
            ["Emulator:SecretsRetainedImplicitly"] = "false",
            ["Emulator:StatePath"] = "/tmp/state.db",
        }).Build();

        var options = configuration.GetSection(EmulatorOptions.SectionName).Get<EmulatorOptions>()!;

        var account = Assert.Single(options.Accounts);
        Assert.Equal("1111111111111111111111111111111a", account.AccountId);
        Assert.Equal(["token-a", "token-b"], account.Tokens);
        Assert.Equal(10, options.RateLimit.Requests);
        Assert.Equal(300, options.RateLimit.WindowSeconds);
        Assert.Equal(2048, options.MaxScriptSizeBytes);
        Assert.False(options.SecretsRetainedImplicitly);
        Assert.True(options.AllowMetadataOnlyUpload);
        Assert.Equal("/tmp/state.db", options.StatePath);
    }

    [Fact]
    public async Task Should_serve_the_development_account_when_none_is_configured()
    {
        await using var emulator = await Support.TestEmulator.StartAsync();

        var state = await emulator.StateAsync();

        Assert.Equal(EmulatorDefaults.AccountId, Assert.Single(state.Accounts).AccountId);
        Assert.Equal(new Uri(emulator.Server.ApiBaseAddress, "/__emulator/"), emulator.Server.AdminBaseAddress);
        Assert.EndsWith("/client/v4/", emulator.Server.ApiBaseAddress.AbsoluteUri);
        Assert.Equal("127.0.0.1", emulator.Server.ApiBaseAddress.Host);
    }
}
