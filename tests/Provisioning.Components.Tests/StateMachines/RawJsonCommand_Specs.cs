using MassTransit;
using MassTransit.Serialization;
using Provisioning.Components.Consumers;
using Provisioning.Contracts;
using Provisioning.Messaging;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

public sealed class When_a_command_arrives_as_plain_json
{
    [Fact]
    public async Task Should_run_it_like_an_enveloped_one()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var command = Provision(NewTenantId(), Kv("CACHE"));
        var queue = CommandQueues.For<ProvisionTenant>();
        var endpoint = await world.Harness.Bus.GetSendEndpoint(new Uri($"queue:{queue}"));

        // application/json without MassTransit's envelope or message-type header, as a service without MassTransit sends it.
        await endpoint.Send(command, x => x.Serializer = new SystemTextJsonRawMessageSerializer(RawSerializerOptions.CopyHeaders));

        var provisioned = Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(command.CommandId));
        Assert.Equal(["API_KEY", "CACHE", "GREETING"], provisioned.BindingNames);
    }
}
