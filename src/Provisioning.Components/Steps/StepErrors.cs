using Provisioning.Components.Persistence.SagaRepository;

namespace Provisioning.Components.Steps;

public static class StepErrors
{
    /// <summary>Worth another attempt: a 429/5xx or transport failure from Cloudflare, or a database conflict.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        CloudflareApiException cloudflare => cloudflare.IsTransient,
        HttpRequestException or TimeoutException => true,
        _ => DatabaseConflicts.IsRetryable(exception),
    };
}
