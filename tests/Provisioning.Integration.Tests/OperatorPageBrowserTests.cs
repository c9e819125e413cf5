using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>The operator page in a real browser: headless Chromium through ops/browser/operator-page.mjs (runs in CI).</summary>
[Collection(IntegrationCollection.Name)]
public sealed class OperatorPageBrowserTests
{
    [BrowserFact]
    public async Task The_operator_page_shows_tenants_by_state_a_budget_wait_a_failed_timeline_with_cloudflare_codes_and_retries_the_compensation()
    {
        Assert.True(OperatorBrowser.Missing() is null, OperatorBrowser.Missing());
        await using var worker = await OperatorWorker.StartAsync();
        await worker.ProvisionAsync("page-ok");
        var failing = await worker.ProvisionAsync("page-undo", failingCompensation: true);
        await worker.Emulator.ClearFaultsAsync();
        var waiting = await worker.ProvisionAsync("page-wait");
        await worker.MarkWaitingForBudgetAsync(waiting, DateTime.UtcNow.AddSeconds(-20));
        var screenshot = Path.Combine(OperatorBrowser.RepositoryRoot, "artifacts", "operator-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        var (exitCode, output) = await OperatorBrowser.RunAsync(worker.Worker.Address, OperatorWorker.Token, screenshot);

        Assert.True(exitCode == 0, $"exit code {exitCode}: {output}");
        Assert.Contains("login: the page asked for the token", output, StringComparison.Ordinal);
        Assert.Contains("CompensationFailed: 1", output, StringComparison.Ordinal);
        Assert.Contains("Active: 1", output, StringComparison.Ordinal);
        Assert.Contains($"budget wait: {waiting} Provisioning (waiting for Cloudflare API budget since ", output, StringComparison.Ordinal);
        Assert.Contains("fleet budget: Cloudflare API budget: 1200 requests per 00:05:00, this replica's (single node); ", output, StringComparison.Ordinal);
        Assert.Contains("; not paused; 1 tenant waiting for budget", output, StringComparison.Ordinal);
        Assert.Contains($"timeline: {failing} step failures with Cloudflare codes ", output, StringComparison.Ordinal);
        Assert.Contains("10021", output, StringComparison.Ordinal);
        Assert.Contains($"retry: Retry compensation of {failing}: the tenant is now Failed.", output, StringComparison.Ordinal);
        Assert.Contains("external requests: none", output, StringComparison.Ordinal);
        Assert.True(new FileInfo(screenshot).Length > 0, "no screenshot");
        await worker.WaitForStateAsync(failing, "Failed");
    }
}
