using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;
using SerilogLogContext = Serilog.Context.LogContext;

namespace Provisioning.Worker.Messaging;

/// <summary>
/// Puts the message's <c>TenantId</c> and <c>CommandId</c> on the log context while it is consumed, so every line a
/// consumer, the saga or the Cloudflare client writes about a tenant can be found by either id.
/// </summary>
public sealed class TenantLogScopeFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    static readonly PropertyInfo? TenantIdProperty = Find("TenantId", typeof(string));
    static readonly PropertyInfo? CommandIdProperty = Find("CommandId", typeof(Guid)) ?? Find("CommandId", typeof(Guid?));

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        using var tenant = TenantIdProperty?.GetValue(context.Message) is string { Length: > 0 } tenantId
            ? SerilogLogContext.PushProperty("TenantId", tenantId)
            : null;
        using var command = CommandIdProperty?.GetValue(context.Message) is Guid commandId && commandId != Guid.Empty
            ? SerilogLogContext.PushProperty("CommandId", commandId)
            : null;
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenantLogScope");

    static PropertyInfo? Find(string name, Type type) =>
        PropertyCache.Get(typeof(T), name) is { } p && p.PropertyType == type ? p : null;
}

static class PropertyCache
{
    static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> Properties = new();

    public static PropertyInfo? Get(Type type, string name) =>
        Properties.GetOrAdd((type, name), key => key.Item1.GetProperty(key.Item2, BindingFlags.Public | BindingFlags.Instance));
}
