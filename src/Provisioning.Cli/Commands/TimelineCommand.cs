using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

/// <summary>`wfp timeline &lt;tenant&gt;`: every command, step, Cloudflare error and compensation the worker recorded, newest first.</summary>
internal static class TimelineCommand
{
    public static Command Create(CliContext context)
    {
        var tenant = Options.Tenant();
        var limit = new Option<int>("--limit") { Description = "At most this many entries (1-500).", DefaultValueFactory = _ => 100 };
        var before = new Option<long?>("--before") { Description = "Only entries older than this id (the previous page's last id)." };
        var command = new Command("timeline", "Show a tenant's timeline: commands, steps, Cloudflare errors and compensation, newest first.")
        {
            tenant, limit, before,
        };
        command.SetAction(parse => context.RunAsync(parse, async (transport, cli) =>
        {
            var tenantId = parse.GetValue(tenant)!;
            if (parse.GetValue(limit) is < 1 or > 500)
            {
                throw new UsageException($"--limit must be between 1 and 500, got {parse.GetValue(limit)}.");
            }

            var query = new GetTenantTimeline { TenantId = tenantId, Limit = parse.GetValue(limit), Before = parse.GetValue(before) };
            var timeline = await transport.GetTimelineAsync(query, CancellationToken.None);
            if (timeline is null)
            {
                cli.Error.WriteLine($"Tenant {tenantId} is not known to the worker.");
                return ExitCodes.NotFound;
            }

            if (cli.Json)
            {
                cli.WriteJson(timeline);
                return ExitCodes.Success;
            }

            Print(timeline, cli.Output);
            return ExitCodes.Success;
        }));
        return command;
    }

    static void Print(TenantTimeline timeline, TextWriter output)
    {
        output.WriteLine($"Tenant {timeline.TenantId}: {timeline.State}");
        foreach (var e in timeline.Entries)
        {
            var step = e.Step is null ? "" : $" {e.Step} #{e.StepIndex}{(e.Undo ? " (undo)" : "")}";
            var what = string.Join(" ", new[] { e.CommandType, e.Status, e.OutcomeType }.Where(x => x is not null));
            var code = e.ErrorCode is { } c ? $" [Cloudflare {c}]" : "";
            var resource = e.Resource is null ? "" : $" {e.Resource}";
            var message = e.Message is null ? "" : $": {e.Message}";
            output.WriteLine($"{e.Id,6} {e.At:u} {e.Kind,-19} {what}{step}{resource}{code}{message}");
        }

        if (timeline.NextBefore is { } next)
        {
            output.WriteLine($"Older entries: wfp timeline {timeline.TenantId} --before {next}");
        }
    }
}
