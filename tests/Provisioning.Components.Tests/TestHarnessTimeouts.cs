using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Provisioning.Components.Tests;

static class TestHarnessTimeouts
{
    /// <summary>
    /// The harness answers "was X published/consumed?" once the bus has been idle for the inactivity timeout. Its
    /// 1.2 s default ended waits early on a loaded CI machine (a retried message not yet redelivered looked idle),
    /// so the specs allow 5 s of idleness and 30 s overall.
    /// </summary>
    public static IServiceCollection ConfigureTestHarnessTimeouts(this IServiceCollection services) =>
        services.Configure<TestHarnessOptions>(o =>
        {
            o.TestTimeout = TimeSpan.FromSeconds(30);
            o.TestInactivityTimeout = TimeSpan.FromSeconds(5);
        });
}
