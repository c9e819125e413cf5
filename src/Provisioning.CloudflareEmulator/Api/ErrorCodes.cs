namespace Provisioning.CloudflareEmulator.Api;

/// <summary>Cloudflare error codes; they are product-local, so each constant names its product.</summary>
internal static class ErrorCodes
{
    public const int AuthenticationError = 10000;
    public const int NoRoute = 7000;
    public const int CouldNotRoute = 7003;
    public const int MalformedJson = 6007;
    public const int UnsupportedContentType = 10001;
    public const int RateLimited = 10100;
    // GET /user/tokens/verify with a token that is not valid; wrangler's whoami reads 1000 there as "not a user token".
    public const int InvalidApiToken = 1000;
    // GET /user for a token that may not read user details; wrangler's whoami then shows no email.
    public const int UnauthorizedToAccessResource = 9109;

    public const int WorkersInternal = 10002;
    public const int ScriptNotFound = 10007;
    // GET of a dispatch-namespace script that does not exist; wrangler keys "not deployed yet" on it.
    public const int ScriptEnvironmentNotFound = 10092;
    public const int ScriptValidation = 10021;
    public const int ScriptTooLarge = 10027;
    public const int BindingNameInUse = 10053;
    public const int InheritBindingInvalid = 10057;
    public const int KvBindingTargetMissing = 10041;
    public const int R2BindingTargetMissing = 10085;
    public const int D1BindingTargetMissing = 10181;
    public const int DispatchNamespaceNotFound = 100119;
    // Our choice (UNCONFIRMED): no source shows the code for a taken namespace name.
    public const int DispatchNamespaceExists = 100120;
    // Our choice (UNCONFIRMED): no source shows the code for a missing secret.
    public const int SecretNotFound = 10056;

    public const int KvNamespaceNotFound = 10013;
    public const int KvTitleExists = 10014;
    public const int KvTitleMissing = 10019;

    public const int D1InvalidProperty = 7400;
    public const int D1NotFound = 7404;
    public const int D1NameExists = 7502;

    public const int R2BucketExists = 10004;
    public const int R2InvalidBucketName = 10005;
    public const int R2BucketNotFound = 10006;
    // Our choice (UNCONFIRMED): the R2 REST code for a bad location, storage class or jurisdiction.
    public const int R2InvalidArgument = 10040;
}
