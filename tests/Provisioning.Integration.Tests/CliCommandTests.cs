using System.Text.Json;
using Provisioning.Cli;
using Provisioning.Cli.Transport;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>The CLI's arguments -> the command it sends, and outcome -> exit code, with a recording transport.</summary>
public sealed class CliCommandTests
{
    [Fact]
    public async Task Provision_maps_every_option_onto_the_command()
    {
        var module = Path.Combine(Path.GetTempPath(), $"main-{Guid.NewGuid():N}.mjs");
        await File.WriteAllTextAsync(module, "export default {};");
        try
        {
            var transport = new RecordingTransport(succeeded: true);
            var (code, _) = await RunAsync(transport, "provision", "acme", "--namespace", "ns1", "--script-name", "acme-worker",
                "--kv", "CACHE", "--kv", "SESSIONS", "--d1", "DB", "--r2", "FILES", "--var", "MODE=prod=1", "--secret", "API_KEY=s3cr3t",
                "--module", module, "--compat-date", "2025-06-01");

            Assert.Equal(ExitCodes.Success, code);
            var sent = Assert.IsType<ProvisionTenant>(Assert.Single(transport.Sent));
            Assert.Equal("acme", sent.TenantId);
            Assert.NotEqual(Guid.Empty, sent.CommandId);
            Assert.Equal("ns1", sent.DispatchNamespace);
            Assert.Equal("acme-worker", sent.ScriptName);
            Assert.Equal(new[] { "CACHE kv_namespace", "SESSIONS kv_namespace", "DB d1", "FILES r2_bucket" },
                sent.Resources.Select(r => $"{r.BindingName} {r.Type}"));
            Assert.Equal(new[] { "MODE plain_text prod=1", "API_KEY secret_text s3cr3t" }, sent.Bindings.Select(b => $"{b.Name} {b.Type} {b.Text}"));
            var sentModule = Assert.Single(sent.Script.Modules);
            Assert.Equal(Path.GetFileName(module), sent.Script.MainModule);
            Assert.Equal("application/javascript+module", sentModule.ContentType);
            Assert.Equal("export default {};", sentModule.Content);
            Assert.Equal("2025-06-01", sent.Script.CompatibilityDate);
        }
        finally
        {
            File.Delete(module);
        }
    }

    [Fact]
    public async Task Provision_without_a_module_uploads_the_hello_world_module()
    {
        var transport = new RecordingTransport(succeeded: true);

        await RunAsync(transport, "provision", "acme");

        var sent = Assert.IsType<ProvisionTenant>(Assert.Single(transport.Sent));
        Assert.Equal(HelloWorld.ModuleName, sent.Script.MainModule);
        Assert.Contains("export default", Assert.Single(sent.Script.Modules).Content, StringComparison.Ordinal);
        Assert.Null(sent.Script.CompatibilityDate);
    }

    [Fact]
    public async Task Attach_detach_and_deprovision_send_their_commands()
    {
        var transport = new RecordingTransport(succeeded: true);

        await RunAsync(transport, "attach", "acme", "--r2", "UPLOADS");
        await RunAsync(transport, "attach", "acme", "--var", "GREETING=hi");
        await RunAsync(transport, "detach", "acme", "UPLOADS", "--delete-resource");
        await RunAsync(transport, "deprovision", "acme");

        var attachResource = Assert.IsType<AttachBinding>(transport.Sent[0]);
        Assert.Equal(("UPLOADS", "r2_bucket"), (attachResource.Resource!.BindingName, attachResource.Resource.Type));
        Assert.Null(attachResource.Binding);
        var attachBinding = Assert.IsType<AttachBinding>(transport.Sent[1]);
        Assert.Equal(("GREETING", "plain_text", "hi"), (attachBinding.Binding!.Name, attachBinding.Binding.Type, attachBinding.Binding.Text));
        var detach = Assert.IsType<DetachBinding>(transport.Sent[2]);
        Assert.Equal(("acme", "UPLOADS", true), (detach.TenantId, detach.BindingName, detach.DeleteResource));
        Assert.Equal("acme", Assert.IsType<DeprovisionTenant>(transport.Sent[3]).TenantId);
    }

    [Fact]
    public async Task A_failure_exits_1_and_prints_the_step_code_and_compensation()
    {
        var transport = new RecordingTransport(succeeded: false);

        var (code, output) = await RunAsync(transport, "provision", "acme", "--kv", "CACHE");

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("failed at step UploadScript (Cloudflare code 10021): bad script", output, StringComparison.Ordinal);
        Assert.Contains("wfp-acme-cache", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("attach", "acme")]
    [InlineData("attach", "acme", "--kv", "A", "--secret", "B=1")]
    [InlineData("attach", "acme", "--var", "NOVALUE")]
    [InlineData("deploy", "acme")]
    [InlineData("provision", "acme", "--module", "/does/not/exist.js")]
    [InlineData("frobnicate")]
    public async Task Usage_mistakes_exit_2_without_sending_anything(params string[] args)
    {
        var transport = new RecordingTransport(succeeded: true);

        var (code, _) = await RunAsync(transport, args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(transport.Sent);
    }

    static async Task<(int Code, string Output)> RunAsync(RecordingTransport transport, params string[] args)
    {
        using var output = new StringWriter();
        var code = await WfpCli.RunAsync(args, output, output, CancellationToken.None, _ => transport);
        return (code, output.ToString());
    }
}
