using System.Net;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

public sealed class DispatchNamespacesAgainstEmulatorTests
{
    [Fact]
    public async Task Create_list_get_and_delete_reach_the_emulator()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var namespaces = emulator.Client.DispatchNamespaces;

        var created = await namespaces.CreateAsync("wfp-tenants", CancellationToken.None);
        await namespaces.CreateAsync("wfp-staging", CancellationToken.None);

        Assert.Equal("wfp-tenants", created.NamespaceName);
        Assert.False(string.IsNullOrEmpty(created.NamespaceId));
        Assert.Equal(0, created.ScriptCount);
        var stored = Assert.Single((await emulator.AccountAsync()).DispatchNamespaces, n => n.Name == "wfp-tenants");
        Assert.Equal(created.NamespaceId, stored.Id);

        var listed = await namespaces.ListAsync(CancellationToken.None);
        Assert.Equal(["wfp-tenants", "wfp-staging"], listed.Select(n => n.NamespaceName));

        var fetched = await namespaces.GetAsync("wfp-tenants", CancellationToken.None);
        Assert.Equal(created.NamespaceId, fetched.NamespaceId);
        Assert.False(fetched.TrustedWorkers);

        await namespaces.DeleteAsync("wfp-tenants", CancellationToken.None);

        Assert.Equal(["wfp-staging"], (await emulator.AccountAsync()).DispatchNamespaces.Select(n => n.Name));
        var gone = await Assert.ThrowsAsync<CloudflareApiException>(() => namespaces.GetAsync("wfp-tenants", CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.True(gone.HasErrorCode(CloudflareErrorCodes.DispatchNamespaceBindingTargetNotFound));
    }

    [Fact]
    public async Task Script_count_follows_the_scripts_in_the_namespace()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.Client.DispatchNamespaces.CreateAsync("wfp-tenants", CancellationToken.None);
        await emulator.Client.Scripts.UploadAsync("wfp-tenants", "tenant-1", Modules.Minimal(), CancellationToken.None);

        var fetched = await emulator.Client.DispatchNamespaces.GetAsync("wfp-tenants", CancellationToken.None);

        Assert.Equal(1, fetched.ScriptCount);
        Assert.Equal(1, Assert.Single((await emulator.AccountAsync()).DispatchNamespaces).ScriptCount);
    }
}
