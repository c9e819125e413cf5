namespace Provisioning.Benchmarks.Tests;

public class WorkerEnvironmentTests
{
    static readonly Dictionary<string, string?> Settings = new()
    {
        ["Cloudflare:ApiToken"] = "secret-token-value",
        ["Cloudflare:BaseAddress"] = "http://127.0.0.1:5000/client/v4/",
        ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        ["RabbitMq:Uri"] = null,
    };

    [Fact]
    public void Settings_become_environment_variables_with_double_underscores()
    {
        var environment = WorkerEnvironment.From(Settings);

        Assert.Equal("secret-token-value", environment["Cloudflare__ApiToken"]);
        Assert.Equal("http://127.0.0.1:5000/client/v4/", environment["Cloudflare__BaseAddress"]);
        Assert.Equal("Warning", environment["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"]);
    }

    [Fact]
    public void Unset_settings_are_left_out() =>
        Assert.DoesNotContain("RabbitMq__Uri", WorkerEnvironment.From(Settings).Keys);

    [Fact]
    public void The_description_names_the_variables_without_their_values()
    {
        var description = WorkerEnvironment.Describe(WorkerEnvironment.From(Settings));

        Assert.Contains("Cloudflare__ApiToken", description, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-value", description, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", description, StringComparison.Ordinal);
    }
}
