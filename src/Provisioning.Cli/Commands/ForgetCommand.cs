using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli.Commands;

internal static class ForgetCommand
{
    public static Command Create(CliContext context)
    {
        var tenant = Options.Tenant();
        var command = new Command("forget",
            "Operator: remove a Failed tenant that was never Active and owns nothing from the worker's store, so its id starts afresh; refused otherwise, saying why.")
        {
            tenant,
        };
        command.SetAction(parse => context.RunAsync(parse, async (transport, cli) =>
        {
            var tenantId = parse.GetValue(tenant)!;
            var answer = await transport.ForgetAsync(new ForgetTenant { TenantId = tenantId }, CancellationToken.None);
            if (cli.Refusal(answer, tenantId) is { } code)
            {
                return code;
            }

            var forgotten = (TenantForgotten)answer;
            if (cli.Json)
            {
                cli.WriteAnswer(forgotten);
            }

            cli.Note($"Forgot tenant {tenantId}: its record and {forgotten.CommandsRemoved} stored commands are gone; the id can be provisioned afresh.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
