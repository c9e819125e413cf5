using System.ComponentModel.DataAnnotations;
using Provisioning.Cloudflare.Budget;

namespace Provisioning.Cloudflare;

/// <summary>
/// Settings of the Cloudflare API client, bound from the <c>Cloudflare</c> configuration section.
/// </summary>
public sealed class CloudflareOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Cloudflare";

    /// <summary>The public Cloudflare API v4 base address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.cloudflare.com/client/v4/");

    /// <summary>The Cloudflare account id: 32 hexadecimal characters.</summary>
    [Required]
    public string AccountId { get; set; } = "";

    /// <summary>An API token with Workers, KV, D1 and R2 edit rights. Sent as a Bearer token; never logged.</summary>
    [Required]
    public string ApiToken { get; set; } = "";

    /// <summary>
    /// The dispatch namespace the worker uploads tenant scripts into. The client itself takes the namespace
    /// on every call; this is configuration for its callers.
    /// </summary>
    public string? DispatchNamespace { get; set; }

    /// <summary>The API base address; a trailing slash is added when missing. Point it at the emulator in tests.</summary>
    [Required]
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>Timeout of one HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one call including every retry and the waits between them (not the wait for the request budget).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Requests the account may send per <see cref="RequestBudgetWindow"/> (Cloudflare allows 1,200 per 5 minutes per user).
    /// The account's figure, not a replica's: replicas sharing a PostgreSQL database share one budget.
    /// </summary>
    [Range(2, int.MaxValue)]
    public int RequestBudget { get; set; } = 1200;

    /// <summary>The window <see cref="RequestBudget"/> applies to.</summary>
    public TimeSpan RequestBudgetWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Time added to <see cref="RequestBudgetWindow"/> when pacing: a request reaches Cloudflare some time after its
    /// token was granted, and that delay varies (a cold connection, a busy replica). Pacing the budget over the window
    /// plus this padding keeps a window on Cloudflare's side within the budget as long as the delays differ by less
    /// than it. Default 1 s: 0.3% of the budget at 1,200 per 5 minutes.
    /// </summary>
    public TimeSpan RequestBudgetWindowPadding { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The window the bucket paces over: <see cref="RequestBudgetWindow"/> plus <see cref="RequestBudgetWindowPadding"/>.</summary>
    internal TimeSpan PacedRequestBudgetWindow => RequestBudgetWindow + RequestBudgetWindowPadding;

    /// <summary>
    /// Requests that may go out at once after a quiet period; default 1% of <see cref="RequestBudget"/> (12 of 1,200).
    /// The bucket refills at (<see cref="RequestBudget"/> - burst) per window, so no window ever sees more than <see cref="RequestBudget"/>.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? RequestBudgetBurst { get; set; }

    // Every token of burst is one less of refill per window, so the burst costs sustained throughput one for one:
    // 5% held a busy fleet at 95% of the budget. 1% still lets two tenants' worth of calls go at once at 1,200 per 5 minutes.
    internal int EffectiveRequestBudgetBurst => RequestBudgetBurst ?? Math.Max(1, RequestBudget / 100);

    /// <summary>The token bucket these settings describe: what the budget takes from and what status views read.</summary>
    internal RequestBudgetLimits RequestBudgetLimits => RequestBudgetLimits.For(RequestBudget, PacedRequestBudgetWindow, EffectiveRequestBudgetBurst);

    /// <summary>
    /// Share of the burst that background work (<see cref="CloudflareRequestPriority.Background"/>) leaves in the bucket
    /// while foreground work waits anywhere in the fleet. With no foreground work waiting, background work may use it all.
    /// </summary>
    [Range(0.0, 1.0)]
    public double RequestBudgetBackgroundReserve { get; set; } = 0.2;

    /// <summary>
    /// How long a caller that retries whole operations (the worker's steps) keeps waiting out an outage: an open circuit,
    /// 5xx, dropped connections, timeouts, 429 lockouts. Counted from the operation's first transient failure; once spent,
    /// the failure is final. At most 25 minutes, so with the last try (up to <see cref="TotalTimeout"/>) it stays under
    /// RabbitMQ's 30-minute consumer timeout, since the wait holds the delivery. Zero = do not wait.
    /// </summary>
    public TimeSpan OutagePatience { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Retry settings for 429, 5xx, timeouts and dropped connections.</summary>
    public CloudflareRetryOptions Retry { get; set; } = new();

    /// <summary>Circuit breaker settings.</summary>
    public CloudflareCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}
