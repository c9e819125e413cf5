using Provisioning.Contracts;
using Provisioning.Worker.FrontDoor;

namespace Provisioning.Integration.Tests;

public sealed class CommandOutcomesTests
{
    [Fact]
    public void A_re_published_outcome_of_the_same_command_replaces_the_first_under_a_higher_sequence()
    {
        var outcomes = new CommandOutcomes(TimeProvider.System);
        var commandId = Guid.NewGuid();
        outcomes.Record(new TenantProvisioningFailed { CommandId = commandId, TenantId = "acme", CompensationFailed = true });
        var first = outcomes.Find(commandId)!;

        outcomes.Record(new TenantProvisioningFailed { CommandId = commandId, TenantId = "acme", CompensationFailed = false });

        var latest = outcomes.Find(commandId)!;
        Assert.True(latest.Sequence > first.Sequence);
        Assert.False(latest.Outcome.GetProperty("compensationFailed").GetBoolean());
    }
}
