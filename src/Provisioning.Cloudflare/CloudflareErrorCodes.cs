namespace Provisioning.Cloudflare;

/// <summary>
/// Cloudflare error codes the worker reacts to. Codes are per product: 10004 is "R2 bucket exists" for R2 but
/// "malformed URL parameter" for Workers, so always key on the call you made as well as the code.
/// Each code's summary says where it was seen.
/// </summary>
public static class CloudflareErrorCodes
{
    /// <summary>Bad or insufficient token (403; older reports 400/401). Seen in wrangler issue logs as "Authentication error [code: 10000]".</summary>
    public const int AuthenticationError = 10000;

    /// <summary>Workers internal error (500), <c>workers.api.error.internal_server</c>; in the 2024 OpenAPI spec and workers-sdk#2893.</summary>
    public const int WorkersInternalError = 10002;

    /// <summary>R2 create: "The bucket you tried to create already exists, and you own it." (409). Captured from the live API by alchemy-run/distilled.</summary>
    public const int R2BucketExists = 10004;

    /// <summary>R2: "The specified bucket does not exist." (404). R2 error-code docs; wrangler provision-bindings.</summary>
    public const int R2BucketNotFound = 10006;

    /// <summary>Script in a dispatch namespace not found (404), <c>workers.api.error.script_not_found</c>. wrangler worker-not-found-error.ts.</summary>
    public const int ScriptNotFound = 10007;

    /// <summary>
    /// GET of a script in a dispatch namespace that does not exist (404), <c>workers.api.error.environment_not_found</c>:
    /// wrangler 4.x treats only this code as "not deployed yet" on that GET (ops/real-clients/FINDINGS.md F1); the
    /// other script routes answer <see cref="ScriptNotFound"/>.
    /// </summary>
    public const int ScriptEnvironmentNotFound = 10092;

    /// <summary>KV namespace not found (404). alchemy-run/distilled capture of getNamespace.</summary>
    public const int KvNamespaceNotFound = 10013;

    /// <summary>KV create or rename: "a namespace with this account ID and title already exists" (400). OpenAPI description, wrangler kv/index.ts, workers-sdk#13242.</summary>
    public const int KvNamespaceTitleExists = 10014;

    /// <summary>Script validation or startup failure, bad module or bad binding (400); one <c>errors</c> item per finding. OpenAPI x-cfLinkErrors, wrangler friendly-validator-errors.ts.</summary>
    public const int ValidationError = 10021;

    /// <summary>Script larger than the plan allows (<c>workers.api.error.script_too_large</c>). wrangler comment, OpenAPI x-cfLinkErrors.</summary>
    public const int ScriptTooLarge = 10027;

    /// <summary>Upload binds a KV namespace that does not exist. alchemy-run/distilled PR #365 (live probe uploads).</summary>
    public const int KvNamespaceBindingTargetNotFound = 10041;

    /// <summary>With <c>bindings_inherit=strict</c>: "inherit binding '&lt;name&gt;' is invalid", one error per binding. wrangler error-codes.ts.</summary>
    public const int UnresolvedInheritBinding = 10057;

    /// <summary>Upload binds an R2 bucket that does not exist. alchemy-run/distilled PR #365.</summary>
    public const int R2BucketBindingTargetNotFound = 10085;

    /// <summary>
    /// Global API rate limit (HTTP 429): "More than 1200 requests per 300 seconds reached". The code itself is
    /// unconfirmed (octoDNS test fixture); the HTTP status is what matters.
    /// </summary>
    public const int RateLimited = 10100;

    /// <summary>Upload binds a D1 database that does not exist. alchemy-run/distilled PR #365.</summary>
    public const int D1DatabaseBindingTargetNotFound = 10181;

    /// <summary>Upload binds a dispatch namespace that does not exist. alchemy-run/distilled PR #365.</summary>
    public const int DispatchNamespaceBindingTargetNotFound = 100119;

    /// <summary>D1 "Not Found" (404). wrangler tests (<c>{ code: 7404, message: "Not Found" }</c>).</summary>
    public const int D1DatabaseNotFound = 7404;

    /// <summary>D1 create: a database with that name already exists. wrangler d1/create.ts.</summary>
    public const int D1DatabaseNameExists = 7502;
}
