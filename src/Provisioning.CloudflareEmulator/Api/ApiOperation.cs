namespace Provisioning.CloudflareEmulator.Api;

/// <summary>Endpoint metadata: the operation name used by counters and fault injection (docs/emulator.md, admin API).</summary>
internal sealed record ApiOperation(string Name);

internal static class ApiOperationExtensions
{
    public static RouteHandlerBuilder Operation(this RouteHandlerBuilder builder, string name) =>
        builder.WithMetadata(new ApiOperation(name));
}
