using Microsoft.Extensions.DependencyInjection;
using Provisioning.Components.Maintenance;
using Provisioning.Components.Persistence;
using Provisioning.Components.Secrets;
using Provisioning.Components.Steps;
using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Secrets;

public sealed class SecretProtector_Specs : IDisposable
{
    readonly string _keys = Path.Combine(Path.GetTempPath(), $"wfp-keys-{Guid.NewGuid():N}");
    readonly string _otherKeys = Path.Combine(Path.GetTempPath(), $"wfp-keys-{Guid.NewGuid():N}");

    [Fact]
    public void Should_protect_every_secret_of_a_command_with_a_marker_and_leave_other_values()
    {
        var json = """{"tenantId":"acme","bindings":[{"name":"API_KEY","type":"secret_text","text":"hunter2"},{"name":"MODE","type":"plain_text","text":"prod"}],"binding":{"Name":"T","Type":"secret_text","Text":"tiger"}}""";

        var protectedJson = Protector(_keys).ProtectCommand(json);

        Assert.DoesNotContain("hunter2", protectedJson, StringComparison.Ordinal);
        Assert.DoesNotContain("tiger", protectedJson, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"prod\"", protectedJson, StringComparison.Ordinal);
        Assert.Equal(2, protectedJson.Split(SecretProtector.Marker).Length - 1);
        Assert.Equal(protectedJson, Protector(_keys).ProtectCommand(protectedJson));
    }

    [Fact]
    public void Should_reveal_a_secret_with_the_same_key_ring_even_from_another_process()
    {
        var stored = Protector(_keys).Protect("hunter2");

        var revealed = Protector(_keys).Reveal(NewBinding.For(Secret(stored)));

        Assert.Equal("hunter2", revealed.Value!.Text);
    }

    [Fact]
    public void Should_fail_clearly_without_the_key_it_was_protected_with()
    {
        var stored = Protector(_keys).Protect("hunter2");

        var error = Assert.Throws<StepFailedException>(() => Protector(_otherKeys).Reveal(NewBinding.For(Secret(stored))));

        Assert.Contains("Secret 'API_KEY' cannot be decrypted", error.Message, StringComparison.Ordinal);
        Assert.Contains("DataProtection:KeysPath", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_a_secret_that_reached_a_step_unprotected()
    {
        var error = Assert.Throws<StepFailedException>(() => Protector(_keys).Reveal(NewBinding.For(Secret("hunter2"))));

        Assert.Contains("reached the step unprotected", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_let_the_scrubber_remove_the_ciphertext()
    {
        var json = Protector(_keys).ProtectCommand("""{"bindings":[{"name":"API_KEY","type":"secret_text","text":"hunter2"}]}""");

        var scrubbed = CommandScrubber.WithoutSecrets(json);

        Assert.DoesNotContain(SecretProtector.Marker, scrubbed, StringComparison.Ordinal);
        Assert.Contains("\"text\":null", scrubbed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Postgres", null, true)]
    [InlineData("/srv/keys", "Postgres", "/srv/keys", false)]
    [InlineData(null, "Sqlite", "/var/lib/wfp/tenants.keys", false)]
    [InlineData(null, "Sqlite:memory", null, false)]
    public void Should_keep_the_key_ring_next_to_the_database_unless_configured(string? keysPath, string provider, string? directory, bool inDatabase)
    {
        var database = provider switch
        {
            "Postgres" => new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=db" },
            "Sqlite:memory" => new DatabaseOptions { ConnectionString = "Data Source=:memory:" },
            _ => new DatabaseOptions { ConnectionString = "Data Source=/var/lib/wfp/tenants.db" },
        };

        var location = KeyRingLocation.From(new SecretProtectionOptions { KeysPath = keysPath }, database);

        Assert.Equal(new KeyRingLocation(directory, inDatabase), location);
    }

    public void Dispose()
    {
        foreach (var directory in new[] { _keys, _otherKeys }.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    static SecretProtector Protector(string keys) =>
        new ServiceCollection().AddProvisioningSecrets(new KeyRingLocation(keys, InDatabase: false)).BuildServiceProvider().GetRequiredService<SecretProtector>();

    static BindingSpec Secret(string text) => new() { Name = "API_KEY", Type = BindingTypes.SecretText, Text = text };
}
