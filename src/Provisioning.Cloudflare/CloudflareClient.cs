namespace Provisioning.Cloudflare;

internal sealed class CloudflareClient(
    IDispatchNamespacesClient dispatchNamespaces,
    IWorkerScriptsClient scripts,
    IKvNamespacesClient kvNamespaces,
    ID1DatabasesClient d1Databases,
    IR2BucketsClient r2Buckets) : ICloudflareClient
{
    public IDispatchNamespacesClient DispatchNamespaces { get; } = dispatchNamespaces;

    public IWorkerScriptsClient Scripts { get; } = scripts;

    public IKvNamespacesClient KvNamespaces { get; } = kvNamespaces;

    public ID1DatabasesClient D1Databases { get; } = d1Databases;

    public IR2BucketsClient R2Buckets { get; } = r2Buckets;
}
