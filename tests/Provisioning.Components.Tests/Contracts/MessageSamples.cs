using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Contracts;

/// <summary>One fully populated instance of every contract type.</summary>
static class MessageSamples
{
    static readonly Guid CommandId = Guid.Parse("0d7c2a53-7b52-4d1c-9d0e-6e2f1b0a9c11");

    static readonly ResourceSpec Kv = new() { BindingName = "CACHE", Type = BindingTypes.KvNamespace };

    static readonly ResourceSpec R2 = new() { BindingName = "FILES", Type = BindingTypes.R2Bucket, LocationHint = "weur", Jurisdiction = "eu" };

    static readonly ScriptSpec Script = new()
    {
        MainModule = "index.js",
        Modules =
        [
            new ScriptModule { Name = "index.js", Content = "import { greet } from './lib.js';\nexport default { fetch() { return new Response(greet()); } };" },
            new ScriptModule { Name = "lib.js", Content = "export const greet = () => \"hi\";", ContentType = "application/javascript+module" },
        ],
        CompatibilityDate = "2025-11-01",
        CompatibilityFlags = ["nodejs_compat"],
    };

    static readonly FleetBudget FleetBudget = new()
    {
        RequestBudget = 1200, RequestBudgetWindow = TimeSpan.FromMinutes(5), Burst = 12, TokensLeft = 0.5, Shared = true,
        PausedUntil = new DateTime(2026, 11, 27, 10, 0, 42, DateTimeKind.Utc), TenantsWaiting = 2,
    };

    static readonly ResourceInfo Resource = new()
    {
        Type = BindingTypes.KvNamespace,
        Name = "wfp-acme-cache",
        CloudflareId = "0f2ac74b498b48028cb68387c421e279",
        BindingName = "CACHE",
        State = "Created",
        Adopted = true,
    };

    static readonly IReadOnlyList<BindingSpec> AllBindingKinds =
    [
        new() { Name = "GREETING", Type = BindingTypes.PlainText, Text = "hello" },
        new() { Name = "API_KEY", Type = BindingTypes.SecretText, Text = "s3cr3t" },
        new() { Name = "SETTINGS", Type = BindingTypes.Json, Json = "{\"tier\":\"gold\",\"limits\":[1,2]}" },
        new() { Name = "AUTH", Type = BindingTypes.Service, Service = "auth-worker", Environment = "production", Entrypoint = "AuthApi" },
        new() { Name = "JOBS", Type = BindingTypes.Queue, QueueName = "acme-jobs" },
        new() { Name = "EVENTS", Type = BindingTypes.AnalyticsEngine, Dataset = "acme_events" },
        new() { Name = "COUNTER", Type = BindingTypes.DurableObjectNamespace, ClassName = "Counter", ScriptName = "acme-do" },
        new() { Name = "DISPATCHER", Type = BindingTypes.DispatchNamespace, Namespace = "customers" },
    ];

    public static IReadOnlyList<object> All { get; } =
    [
        new ProvisionTenant
        {
            CommandId = CommandId,
            TenantId = "acme",
            DispatchNamespace = "customers",
            ScriptName = "acme",
            Resources = [Kv, R2],
            Bindings = AllBindingKinds,
            Script = Script,
            Tags = ["plan:gold"],
        },
        new AttachBinding { CommandId = CommandId, TenantId = "acme", Resource = R2 },
        new AttachBinding { CommandId = CommandId, TenantId = "acme", Binding = AllBindingKinds[2] },
        new DetachBinding { CommandId = CommandId, TenantId = "acme", BindingName = "CACHE", DeleteResource = true },
        new DeployScript { CommandId = CommandId, TenantId = "acme", Script = Script },
        new DeprovisionTenant { CommandId = CommandId, TenantId = "acme" },
        new GetTenantStatus { TenantId = "acme" },
        new TenantNotFound { TenantId = "acme" },
        new TenantStatus
        {
            TenantId = "acme",
            State = "Active",
            DispatchNamespace = "customers",
            ScriptName = "acme",
            CurrentCommandId = CommandId,
            CurrentOperation = "DeployScript",
            FailureReason = "previous failure",
            Bindings = [new TenantBindingInfo { Name = "CACHE", Type = BindingTypes.KvNamespace, ResourceName = "wfp-acme-cache" }],
            Resources = [Resource],
            RecentCommands =
            [
                new CommandInfo
                {
                    CommandId = CommandId,
                    CommandType = "DeployScript",
                    Status = "Succeeded",
                    OutcomeType = "ScriptDeployed",
                    ReceivedAt = new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc),
                    EndedAt = new DateTime(2026, 11, 27, 10, 0, 5, DateTimeKind.Utc),
                },
            ],
            CreatedAt = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 11, 27, 10, 0, 5, DateTimeKind.Utc),
        },
        new ListTenants { State = "Active" },
        new RetryCompensation { TenantId = "acme" },
        new RestoreBindings { CommandId = CommandId, TenantId = "acme" },
        new BindingsRestored { CommandId = CommandId, TenantId = "acme", Bindings = ["CACHE", "GREETING"] },
        new BindingsRestoreFailed
        {
            CommandId = CommandId, TenantId = "acme", FailedStep = "UploadScript", ErrorCode = null,
            ErrorMessage = "'API_KEY' (secret_text) is missing", Compensated = [], CompensationFailed = false,
        },
        new Reconcile { Fix = true },
        new ReconciliationFinding
        {
            Kind = ReconciliationKinds.Drift, TenantId = "acme", ResourceType = "script", Name = "acme", Detail = "'GREETING' (plain_text) is missing",
        },
        new ReconciliationReport
        {
            StartedAt = new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 11, 29, 3, 0, 4, TimeSpan.Zero),
            Fix = true,
            Tenants = 2,
            CloudflareResources = 7,
            Findings =
            [
                new ReconciliationFinding
                {
                    Kind = ReconciliationKinds.Orphan, TenantId = "gone", ResourceType = BindingTypes.KvNamespace, Name = "wfp-gone-cache",
                    CloudflareId = "0f2ac74b498b48028cb68387c421e279", Detail = "the ledger gives it to tenant 'gone', which is no longer live", Action = "deleted",
                },
            ],
        },
        new ForgetTenant { TenantId = "acme" },
        new TenantForgotten { TenantId = "acme", CommandsRemoved = 3 },
        new ResumeTenant { TenantId = "acme", IdleFor = TimeSpan.FromSeconds(30) },
        new TenantResumed { TenantId = "acme", CommandId = CommandId, Operation = "ProvisionTenant", IdleSince = new DateTime(2026, 11, 28, 0, 55, 13, DateTimeKind.Utc) },
        new OperatorCommandRefused { TenantId = "acme", Reason = "Tenant 'acme' is Active; deprovision it instead." },
        new TenantList
        {
            Tenants =
            [
                new TenantSummary
                {
                    TenantId = "acme",
                    State = "Active",
                    DispatchNamespace = "customers",
                    ScriptName = "acme",
                    UpdatedAt = new DateTime(2026, 11, 27, 10, 0, 5, DateTimeKind.Utc),
                },
            ],
            Budget = FleetBudget,
        },
        FleetBudget,
        new TenantProvisioned
        {
            CommandId = CommandId,
            TenantId = "acme",
            DispatchNamespace = "customers",
            ScriptName = "acme",
            Resources = [Resource],
            BindingNames = ["CACHE", "GREETING"],
        },
        new BindingAttached { CommandId = CommandId, TenantId = "acme", BindingName = "CACHE", BindingType = BindingTypes.KvNamespace, Resource = Resource },
        new BindingDetached { CommandId = CommandId, TenantId = "acme", BindingName = "CACHE", DeletedResource = Resource },
        new BindingDetached { CommandId = CommandId, TenantId = "acme", BindingName = "CACHE", KeptResource = Resource },
        new ScriptDeployed { CommandId = CommandId, TenantId = "acme", ScriptName = "acme", Etag = "33f0a9e8" },
        new TenantDeprovisioned { CommandId = CommandId, TenantId = "acme", DeletedResources = [Resource], AlreadyGoneResources = [Resource with { CloudflareId = null }] },
        new TenantProvisioningFailed
        {
            CommandId = CommandId, TenantId = "acme", FailedStep = "UploadScript", ErrorCode = 10021,
            ErrorMessage = "Uncaught SyntaxError", Compensated = [Resource], CompensationFailed = false,
        },
        new BindingAttachFailed
        {
            CommandId = CommandId, TenantId = "acme", FailedStep = "CreateResources", ErrorCode = 10014,
            ErrorMessage = "title exists", Compensated = [], CompensationFailed = false,
        },
        new BindingDetachFailed
        {
            CommandId = CommandId, TenantId = "acme", FailedStep = "UpdateBindings", ErrorCode = 10007,
            ErrorMessage = "script not found", Compensated = [], CompensationFailed = false,
        },
        new ScriptDeployFailed
        {
            CommandId = CommandId, TenantId = "acme", FailedStep = "UploadScript", ErrorCode = null,
            ErrorMessage = "binding CACHE is missing after upload", Compensated = [], CompensationFailed = false,
        },
        new TenantDeprovisioningFailed
        {
            CommandId = CommandId, TenantId = "acme", FailedStep = "DeleteResource", ErrorCode = 10000,
            ErrorMessage = "authentication error", Compensated = [Resource], CompensationFailed = true,
        },
        new CommandRejected { CommandId = CommandId, TenantId = "Acme", CommandType = "ProvisionTenant", Reason = "Tenant id 'Acme' contains 'A'." },
        Kv,
        AllBindingKinds[0],
        Script,
        Script.Modules[0],
        Resource,
        new TenantBindingInfo { Name = "CACHE", Type = BindingTypes.KvNamespace, ResourceName = "wfp-acme-cache" },
        new CommandInfo { CommandId = CommandId, CommandType = "DeployScript", Status = "Queued", ReceivedAt = new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc) },
        new TenantSummary { TenantId = "acme", State = "Active" },
        new TenantSummary { TenantId = "acme", State = "CompensationFailed", FailureCode = 10021, FailureReason = "UploadScript failed: bad script" },
        new GetTenantTimeline { TenantId = "acme", Limit = 50, Before = 1234 },
        new TenantTimeline
        {
            TenantId = "acme",
            State = "CompensationFailed",
            NextBefore = 41,
            Entries =
            [
                new TenantTimelineEntry
                {
                    Id = 42, At = new DateTime(2026, 11, 27, 10, 0, 5, DateTimeKind.Utc), Kind = "StepFailed", CommandId = CommandId,
                    CommandType = "ProvisionTenant", Step = "DeleteResource", StepIndex = 0, Undo = true, Resource = "kv_namespace wfp-acme-cache",
                    ErrorCode = 10000, Message = "Authentication error",
                },
            ],
        },
        new TenantTimelineEntry { Id = 1, Kind = "CommandQueued", CommandType = "ProvisionTenant" },
    ];
}
