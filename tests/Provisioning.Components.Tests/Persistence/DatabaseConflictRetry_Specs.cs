using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Components.Persistence.SagaRepository;

namespace Provisioning.Components.Tests.Persistence;

public class DatabaseConflictRetry_Specs
{
    [Fact]
    public async Task Should_retry_a_concurrency_conflict_up_to_the_limit_then_fault()
    {
        var attempts = new Attempts();
        await using var provider = ConfigureHarness(attempts);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = Guid.NewGuid();

        await harness.Bus.Publish(new Conflicting { Id = id, Failure = "concurrency" });

        Assert.True(await harness.Published.Any<Fault<Conflicting>>(x => x.Context.Message.Message.Id == id));
        Assert.Equal(1 + 3, attempts.For(id));
    }

    [Fact]
    public async Task Should_not_retry_an_error_a_retry_cannot_fix()
    {
        var attempts = new Attempts();
        await using var provider = ConfigureHarness(attempts);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = Guid.NewGuid();

        await harness.Bus.Publish(new Conflicting { Id = id, Failure = "bug" });

        Assert.True(await harness.Published.Any<Fault<Conflicting>>(x => x.Context.Message.Message.Id == id));
        Assert.Equal(1, attempts.For(id));
    }

    [Fact]
    public async Task Should_succeed_when_a_later_attempt_does()
    {
        var attempts = new Attempts();
        await using var provider = ConfigureHarness(attempts);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = Guid.NewGuid();

        await harness.Bus.Publish(new Conflicting { Id = id, Failure = "concurrency", SucceedOnAttempt = 3 });

        Assert.True(await harness.Consumed.Any<Conflicting>(x => x.Context.Message.Id == id && x.Exception is null));
        Assert.Equal(3, attempts.For(id));
        Assert.False(await harness.Published.Any<Fault<Conflicting>>(x => x.Context.Message.Message.Id == id));
    }

    static ServiceProvider ConfigureHarness(Attempts attempts) =>
        new ServiceCollection()
            .AddSingleton(attempts)
            .AddMassTransitTestHarness(x => x.AddConsumer<ConflictingConsumer, ConflictingConsumerDefinition>())
            .ConfigureTestHarnessTimeouts()
            .BuildServiceProvider(true);

    public sealed record Conflicting
    {
        public Guid Id { get; init; }

        public string Failure { get; init; } = "";

        public int SucceedOnAttempt { get; init; } = int.MaxValue;
    }

    sealed class Attempts
    {
        readonly Dictionary<Guid, int> _counts = [];

        public int Next(Guid id)
        {
            lock (_counts)
            {
                _counts[id] = _counts.GetValueOrDefault(id) + 1;
                return _counts[id];
            }
        }

        public int For(Guid id)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(id);
            }
        }
    }

    sealed class ConflictingConsumer(Attempts attempts) : IConsumer<Conflicting>
    {
        public Task Consume(ConsumeContext<Conflicting> context)
        {
            var attempt = attempts.Next(context.Message.Id);
            if (attempt >= context.Message.SucceedOnAttempt)
            {
                return Task.CompletedTask;
            }

            throw context.Message.Failure == "concurrency"
                ? new DbUpdateConcurrencyException("row changed")
                : new InvalidOperationException("a bug");
        }
    }

    sealed class ConflictingConsumerDefinition : ConsumerDefinition<ConflictingConsumer>
    {
        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
            IConsumerConfigurator<ConflictingConsumer> consumerConfigurator, IRegistrationContext context)
        {
            endpointConfigurator.UseDatabaseConflictRetry(retryLimit: 3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
        }
    }

    sealed class AnyExceptionFilter : IExceptionFilter
    {
        public void Probe(ProbeContext context)
        {
        }

        public bool Match(Exception exception) => true;
    }
}
