using System.Globalization;
using System.Text.Json;
using Provisioning.Cli;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>What the CLI writes (text, --json, progress) and how retry-compensation waits, with a recording transport.</summary>
public sealed class CliOutputTests
{
    static readonly Guid FailedCommand = Guid.Parse("0a000000-0000-0000-0000-000000000001");

    [Fact]
    public async Task Json_writes_one_outcome_document_on_stdout_and_the_rest_on_stderr()
    {
        var transport = new RecordingTransport(succeeded: false);

        var (code, stdout, stderr) = await RunAsync(transport, "provision", "acme", "--kv", "CACHE", "--json");

        Assert.Equal(ExitCodes.Failed, code);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal("TenantProvisioningFailed", document.RootElement.GetProperty("outcomeType").GetString());
        Assert.False(document.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal("UploadScript", document.RootElement.GetProperty("outcome").GetProperty("failedStep").GetString());
        Assert.Contains("Sent ProvisionTenant", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_status_and_tenants_parse_and_an_unknown_tenant_exits_4()
    {
        var transport = new RecordingTransport(succeeded: true)
        {
            Status = new TenantStatus { TenantId = "acme", State = "Active" },
            Tenants = new TenantList { Tenants = [new TenantSummary { TenantId = "acme", State = "Active" }] },
        };

        var (code, stdout, _) = await RunAsync(transport, "status", "acme", "--json");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("Active", JsonDocument.Parse(stdout).RootElement.GetProperty("state").GetString());

        (code, stdout, _) = await RunAsync(transport, "tenants", "--json");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("acme", JsonDocument.Parse(stdout).RootElement.GetProperty("tenants")[0].GetProperty("tenantId").GetString());

        transport.Status = null;
        (code, stdout, var stderr) = await RunAsync(transport, "status", "ghost", "--json");
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Empty(stdout);
        Assert.Contains("ghost is not known", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_and_tenants_show_a_step_waiting_for_the_Cloudflare_API_budget()
    {
        var since = DateTime.UtcNow.AddSeconds(-14);
        var at = since.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var transport = new RecordingTransport(succeeded: true)
        {
            Status = new TenantStatus
            {
                TenantId = "acme", State = "Provisioning", CurrentOperation = "ProvisionTenant", CurrentCommandId = FailedCommand,
                BudgetWaitSince = since, BudgetWaitPriority = "Background",
            },
            Tenants = new TenantList
            {
                Tenants = [new TenantSummary { TenantId = "acme", State = "Provisioning", BudgetWaitSince = since }, new TenantSummary { TenantId = "zeta", State = "Active" }],
            },
        };

        var (code, stdout, _) = await RunAsync(transport, "status", "acme");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Matches($@"  running: ProvisionTenant \({FailedCommand}\)\r?\n  waiting for Cloudflare API budget since {at} UTC \(1[45] s; priority background\)", stdout);

        (code, stdout, _) = await RunAsync(transport, "status", "acme", "--json");
        Assert.Equal(ExitCodes.Success, code);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(since, json.GetProperty("budgetWaitSince").GetDateTime());
        Assert.Equal("Background", json.GetProperty("budgetWaitPriority").GetString());

        (code, stdout, _) = await RunAsync(transport, "tenants");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains($"1 waiting for Cloudflare API budget: acme (since {at} UTC)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenants_shows_the_fleet_budget_in_text_and_json()
    {
        var until = DateTime.UtcNow.AddSeconds(42);
        var transport = new RecordingTransport(succeeded: true)
        {
            Tenants = new TenantList
            {
                Tenants = [new TenantSummary { TenantId = "acme", State = "Active" }],
                Budget = new FleetBudget
                {
                    RequestBudget = 1200, RequestBudgetWindow = TimeSpan.FromMinutes(5), Burst = 12, TokensLeft = 0.5, Shared = true,
                    PausedUntil = until, TenantsWaiting = 2,
                },
            },
        };

        var (code, stdout, _) = await RunAsync(transport, "tenants");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Matches(
            $@"Cloudflare API budget: 1200 requests per 5 min, shared by the fleet; 0\.5 of 12 tokens left; paused by a 429 until {until:HH:mm:ss} UTC \(4[12] s\); 2 tenants waiting for budget",
            stdout);

        (code, stdout, _) = await RunAsync(transport, "tenants", "--json");
        Assert.Equal(ExitCodes.Success, code);
        var budget = JsonDocument.Parse(stdout).RootElement.GetProperty("budget");
        Assert.Equal(1200, budget.GetProperty("requestBudget").GetInt32());
        Assert.Equal(0.5, budget.GetProperty("tokensLeft").GetDouble());
        Assert.Equal(until, budget.GetProperty("pausedUntil").GetDateTime());
        Assert.Equal(2, budget.GetProperty("tenantsWaiting").GetInt32());
        Assert.True(budget.GetProperty("shared").GetBoolean());
    }

    [Fact]
    public void The_fleet_budget_line_says_when_it_is_one_nodes_and_not_paused()
    {
        var budget = new FleetBudget { RequestBudget = 3, RequestBudgetWindow = TimeSpan.FromSeconds(4), Burst = 1, TokensLeft = 1, TenantsWaiting = 1 };

        Assert.Equal("Cloudflare API budget: 3 requests per 4 s, this replica's (single node); 1 of 1 tokens left; not paused; 1 tenant waiting for budget",
            FleetBudgetPrinter.Describe(budget, DateTime.UtcNow));
    }

    [Fact]
    public void The_budget_wait_line_says_since_when_how_long_and_at_which_priority_and_is_absent_without_a_wait()
    {
        var since = new DateTime(2026, 11, 29, 5, 12, 3, DateTimeKind.Utc);
        var status = new TenantStatus { TenantId = "acme", State = "Provisioning", CurrentOperation = "ProvisionTenant", BudgetWaitSince = since, BudgetWaitPriority = "Foreground" };

        Assert.Equal("waiting for Cloudflare API budget since 05:12:03 UTC (14 s; priority foreground)", StatusPrinter.BudgetWait(status, since.AddSeconds(14.2)));
        using var output = new StringWriter();
        StatusPrinter.Print(status with { BudgetWaitSince = null }, output, since);
        Assert.DoesNotContain("waiting for", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_to_a_non_terminal_is_plain_lines_without_carriage_returns()
    {
        var transport = new RecordingTransport(succeeded: true)
        {
            PollsBeforeOutcome = 2,
            Status = new TenantStatus { TenantId = "acme", State = "Provisioning", CurrentOperation = "ProvisionTenant" },
        };

        var (code, _, stderr) = await RunAsync(transport, "provision", "acme");

        Assert.Equal(ExitCodes.Success, code);
        Assert.DoesNotContain('\r', stderr);
        Assert.Contains("tenant acme: Provisioning (ProvisionTenant)" + Environment.NewLine, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, ExitCodes.Success)]
    [InlineData(true, ExitCodes.Failed)]
    public async Task Retry_compensation_waits_for_the_re_published_outcome_and_exits_by_it(bool stillFailing, int expected)
    {
        var transport = new RecordingTransport(succeeded: true)
        {
            Status = CompensationFailedStatus(),
            PollsBeforeOutcome = 1,
            Answer = (_, _) => Failure(compensationFailed: stillFailing, "second attempt"),
        };
        transport.Seen(Failure(compensationFailed: true, "first attempt"));

        var (code, stdout, _) = await RunAsync(transport, "retry-compensation", "acme");

        Assert.Equal(expected, code);
        Assert.IsType<RetryCompensation>(Assert.Single(transport.Sent));
        Assert.Contains($"retrying the undo of ProvisionTenant {FailedCommand}", stdout, StringComparison.Ordinal);
        Assert.Contains("second attempt", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("first attempt", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_tenant_in_compensation_failed_says_what_failed_and_how_to_retry()
    {
        var transport = new RecordingTransport(succeeded: true) { Status = CompensationFailedStatus() };

        var (code, stdout, _) = await RunAsync(transport, "status", "acme");

        Assert.Equal(ExitCodes.Success, code);
        Assert.DoesNotContain("running:", stdout, StringComparison.Ordinal);
        Assert.Contains($"failed: ProvisionTenant {FailedCommand}", stdout, StringComparison.Ordinal);
        Assert.Contains("wfp retry-compensation acme", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_texts_say_what_was_kept_deleted_or_already_gone_and_never_null()
    {
        var kv = new ResourceInfo { Type = "kv_namespace", Name = "wfp-acme-cache", BindingName = "CACHE", CloudflareId = "k1" };
        var d1 = new ResourceInfo { Type = "d1", Name = "wfp-acme-db", BindingName = "DB" };

        Assert.Contains("resource kept (detach --delete-resource deletes it):", Print(new BindingDetached { TenantId = "acme", BindingName = "CACHE", KeptResource = kv }), StringComparison.Ordinal);
        Assert.Contains("resource deleted:", Print(new BindingDetached { TenantId = "acme", BindingName = "CACHE", DeletedResource = kv }), StringComparison.Ordinal);
        Assert.Contains("no resource behind the binding", Print(new BindingDetached { TenantId = "acme", BindingName = "MODE" }), StringComparison.Ordinal);

        var deprovisioned = Print(new TenantDeprovisioned { TenantId = "acme", DeletedResources = [kv], AlreadyGoneResources = [d1] });
        Assert.Contains("already gone:", deprovisioned, StringComparison.Ordinal);
        Assert.True(deprovisioned.IndexOf("wfp-acme-db", StringComparison.Ordinal) > deprovisioned.IndexOf("already gone:", StringComparison.Ordinal), deprovisioned);

        var failed = Print(new TenantDeprovisioningFailed { TenantId = "acme", FailedStep = "DeleteResource" });
        Assert.Contains("failed at step DeleteResource: no error message", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("null", failed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--json-var", "LIMITS={not json", "--json-var LIMITS")]
    [InlineData("--service", "NOEQUALS", "--service")]
    [InlineData("--jurisdiction", "mars", "--jurisdiction")]
    public async Task A_bad_option_value_is_one_line_naming_the_option(string option, string value, string named)
    {
        var transport = new RecordingTransport(succeeded: true);
        var args = option == "--jurisdiction" ? new[] { "attach", "acme", "--r2", "FILES", option, value } : ["attach", "acme", option, value];

        var (code, stdout, stderr) = await RunAsync(transport, args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(transport.Sent);
        Assert.Contains(named, stderr.Split(Environment.NewLine)[0], StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Location_hint_without_a_d1_or_r2_resource_is_a_usage_error()
    {
        var transport = new RecordingTransport(succeeded: true);

        var (code, _, stderr) = await RunAsync(transport, "attach", "acme", "--kv", "CACHE", "--location-hint", "weur");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("--location-hint applies to --d1 and --r2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_prints_the_refusal_on_one_line_and_exits_1_or_writes_the_answer_as_json()
    {
        var transport = new RecordingTransport(succeeded: true)
        {
            OperatorAnswer = new OperatorCommandRefused { TenantId = "acme", Reason = "Tenant 'acme' is Active; deprovision it instead." },
        };

        var (code, stdout, stderr) = await RunAsync(transport, "forget", "acme");
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal("Refused: Tenant 'acme' is Active; deprovision it instead.", stderr.Trim());
        Assert.Equal("acme", Assert.IsType<ForgetTenant>(Assert.Single(transport.Sent)).TenantId);

        transport.OperatorAnswer = new TenantForgotten { TenantId = "acme", CommandsRemoved = 2 };
        (code, stdout, _) = await RunAsync(transport, "forget", "acme", "--json");
        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal("TenantForgotten", document.RootElement.GetProperty("answerType").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("answer").GetProperty("commandsRemoved").GetInt32());
    }

    [Fact]
    public async Task Resume_sends_the_idle_time_prints_the_command_and_exits_by_its_outcome()
    {
        var transport = new RecordingTransport(succeeded: true)
        {
            OperatorAnswer = new TenantResumed { TenantId = "acme", CommandId = FailedCommand, Operation = "ProvisionTenant" },
            PollsBeforeOutcome = 1,
        };

        var (code, stdout, _) = await RunAsync(transport, "resume", "acme", "--idle-for", "30");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<ResumeTenant>(Assert.Single(transport.Sent)).IdleFor);
        Assert.Contains($"Resumed ProvisionTenant {FailedCommand}", stdout, StringComparison.Ordinal);
        Assert.Contains("TenantProvisioned", stdout, StringComparison.Ordinal);

        (code, _, var stderr) = await RunAsync(transport, "resume", "acme", "--idle-for", "-5");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("--idle-for", stderr, StringComparison.Ordinal);
    }

    static TenantStatus CompensationFailedStatus() => new()
    {
        TenantId = "acme", State = "CompensationFailed", CurrentCommandId = FailedCommand, CurrentOperation = "ProvisionTenant",
        FailureReason = "UploadScript failed: bad script Compensation failed: DeleteResource failed: forbidden",
    };

    static TenantProvisioningFailed Failure(bool compensationFailed, string message) => new()
    {
        CommandId = FailedCommand, TenantId = "acme", FailedStep = "UploadScript", ErrorMessage = message, CompensationFailed = compensationFailed,
    };

    static string Print(ICommandOutcome outcome)
    {
        using var output = new StringWriter();
        OutcomePrinter.Print(outcome, output);
        return output.ToString();
    }

    static async Task<(int Code, string Stdout, string Stderr)> RunAsync(RecordingTransport transport, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await WfpCli.RunAsync(args, stdout, stderr, CancellationToken.None, _ => transport);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
