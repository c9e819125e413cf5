using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

internal static class ResumeCommand
{
    public static Command Create(CliContext context)
    {
        var tenant = Options.Tenant();
        var idleFor = new Option<int?>("--idle-for")
        {
            Description = "Seconds the operation must have been without progress (default: the worker's Provisioning:StalledOperationTimeout).",
        };
        idleFor.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("must be 0 or more seconds.");
            }
        });
        var command = new Command("resume",
            "Operator: send the current step of a stalled operation again (no progress for --idle-for), then wait for that command's outcome.")
        {
            tenant, idleFor,
        };
        command.SetAction(parse => context.RunAsync(parse, async (transport, cli) =>
        {
            var tenantId = parse.GetValue(tenant)!;
            var request = new ResumeTenant { TenantId = tenantId, IdleFor = parse.GetValue(idleFor) is { } s ? TimeSpan.FromSeconds(s) : null };
            var answer = await transport.ResumeAsync(request, CancellationToken.None);
            if (cli.Refusal(answer, tenantId) is { } code)
            {
                return code;
            }

            var resumed = (TenantResumed)answer;
            cli.Note($"Resumed {resumed.Operation} {resumed.CommandId} of tenant {tenantId} (no progress since {resumed.IdleSince:u}); waiting for its outcome");
            return await new CommandRunner(transport, cli, WfpCli.GetTimeout(parse)).WaitAsync(resumed.Operation, resumed.CommandId, tenantId, after: 0,
                outcome => outcome is ICommandSucceeded, CancellationToken.None);
        }));
        return command;
    }
}
