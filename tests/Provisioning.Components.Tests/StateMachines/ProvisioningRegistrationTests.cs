using Provisioning.Components.Reconciliation;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioning.Components.Consumers;
using Provisioning.Components.Queries;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Steps;
using Provisioning.Components.Steps.UploadScript;
using Provisioning.Contracts;
using Provisioning.Messaging;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

public sealed class ProvisioningRegistrationTests
{
    [Fact]
    public void Options_are_validated()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Provisioning:DefaultDispatchNamespace"] = "not a name!",
            ["Provisioning:StepRetryLimit"] = "50",
            ["Provisioning:BudgetWaitHeartbeatInterval"] = "00:00:00",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddProvisioningServices(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ProvisioningOptions>>().Value);

        Assert.Contains(error.Failures, x => x.Contains("DefaultDispatchNamespace", StringComparison.Ordinal));
        Assert.Contains(error.Failures, x => x.Contains("StepRetryLimit", StringComparison.Ordinal));
        Assert.Contains(error.Failures, x => x.Contains("BudgetWaitHeartbeatInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Queues_have_the_agreed_names()
    {
        var formatter = KebabCaseEndpointNameFormatter.Instance;
        var options = Options.Create(new ProvisioningOptions());

        Assert.Equal("provision-tenant", ((IConsumerDefinition)new CommandConsumerDefinition<ProvisionTenant>()).GetEndpointName(formatter));
        Assert.Equal("deploy-script", ((IConsumerDefinition)new CommandConsumerDefinition<DeployScript>()).GetEndpointName(formatter));
        Assert.Equal(["attach-binding", "deploy-script", "deprovision-tenant", "detach-binding", "provision-tenant", "restore-bindings", "retry-compensation"],
            CommandQueues.Names.Order(StringComparer.Ordinal));
        Assert.Equal("tenant-state", ((ISagaDefinition)new TenantStateMachineDefinition()).GetEndpointName(formatter));
        Assert.Equal("tenant-step", ((IConsumerDefinition)new StepConsumerDefinition<UploadScriptConsumer>(options)).GetEndpointName(formatter));
        Assert.Equal("get-tenant-status", ((IConsumerDefinition)new GetTenantStatusConsumerDefinition()).GetEndpointName(formatter));
        Assert.Equal("list-tenants", ((IConsumerDefinition)new ListTenantsConsumerDefinition()).GetEndpointName(formatter));
        Assert.Equal("reconcile", ((IConsumerDefinition)new ReconcileConsumerDefinition()).GetEndpointName(formatter));
    }

    [Fact]
    public async Task Commands_and_step_durations_are_measured()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var meter = world.Services.GetRequiredService<ProvisioningMetrics>().Meter;
        var commands = new List<string>();
        var steps = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => { lock (commands) { commands.Add(Describe(tags)); } });
        var outboxDispatches = 0;
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            lock (steps)
            {
                if (instrument.Name == "provisioning.outbox.dispatch.latency")
                {
                    outboxDispatches++;
                }
                else
                {
                    steps.Add(Describe(tags));
                }
            }
        });
        listener.Start();

        await world.RunAsync<TenantProvisioned>(Provision(NewTenantId(), Kv("CACHE")));

        Assert.Equal(["command=ProvisionTenant,outcome=Succeeded"], commands);
        Assert.Equal(
            ["step=CreateResources,outcome=completed", "step=UploadScript,outcome=completed"],
            steps.Order(StringComparer.Ordinal));
        Assert.True(outboxDispatches >= 3, $"{outboxDispatches} outbox dispatches measured (two steps, then the outcome)");
    }

    static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(",", parts);
    }
}
