namespace Provisioning.Cloudflare;

/// <summary>The Cloudflare API v4 for one account, one property per area.</summary>
public interface ICloudflareClient
{
    /// <summary>Workers for Platforms dispatch namespaces.</summary>
    IDispatchNamespacesClient DispatchNamespaces { get; }

    /// <summary>User Worker scripts in a dispatch namespace.</summary>
    IWorkerScriptsClient Scripts { get; }

    /// <summary>Workers KV namespaces.</summary>
    IKvNamespacesClient KvNamespaces { get; }

    /// <summary>D1 databases.</summary>
    ID1DatabasesClient D1Databases { get; }

    /// <summary>R2 buckets.</summary>
    IR2BucketsClient R2Buckets { get; }
}
