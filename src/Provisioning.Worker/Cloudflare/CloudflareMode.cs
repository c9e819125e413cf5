namespace Provisioning.Worker.Cloudflare;

/// <summary>Where the worker's Cloudflare calls go (<c>Cloudflare:Mode</c>).</summary>
public enum CloudflareMode
{
    /// <summary>The Cloudflare emulator, started inside the worker: for trying the worker out and for development.</summary>
    Emulator,

    /// <summary>The API at <c>Cloudflare:BaseAddress</c> (api.cloudflare.com by default), with <c>Cloudflare:ApiToken</c> and <c>Cloudflare:AccountId</c>.</summary>
    Api,
}
