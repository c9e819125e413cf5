using MassTransit;

namespace Provisioning.Worker.Memory;

public static class MemoryReleaseExtensions
{
    /// <summary>
    /// The release of free memory after a burst of work (section "Memory"; <see cref="IdleMemoryRelease"/>): the consume
    /// observer that tells work from idleness, and the background service that releases.
    /// </summary>
    public static IHostApplicationBuilder AddIdleMemoryRelease(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MemoryReleaseOptions>()
            .BindConfiguration(MemoryReleaseOptions.SectionName)
            .Validate(o => o.ReleaseAfterIdle >= TimeSpan.Zero, "Memory:ReleaseAfterIdle must be zero (off) or positive, e.g. 00:00:30.")
            .Validate(o => o.MinimumAllocatedBytes >= 0, "Memory:MinimumAllocatedBytes must be zero or positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WorkActivity>();
        builder.Services.AddConsumeObserver(provider => provider.GetRequiredService<WorkActivity>());
        builder.Services.AddHostedService<IdleMemoryRelease>();
        return builder;
    }
}
