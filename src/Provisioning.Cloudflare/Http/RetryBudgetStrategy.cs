using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Provisioning.Cloudflare.Http;

/// <summary>
/// Sits between the retry and the per-attempt strategies: every attempt after the first takes a budget token (the
/// first took its token in <see cref="RequestBudgetHandler"/>), at the head of the queue, since it already waited once.
/// Taking it here rather than with the retry delay means a token is never held through a back-off.
/// </summary>
internal sealed class RetryBudgetStrategy(AccountRequestBudgets budgets) : ResilienceStrategy<HttpResponseMessage>
{
    private static readonly ResiliencePropertyKey<bool> FirstAttemptSent = new("Provisioning.Cloudflare.FirstAttemptSent");

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        if (context.Properties.TryGetValue(FirstAttemptSent, out var sent) && sent)
        {
            try
            {
                await budgets.AcquireAsync(context.GetRequestMessage(), retry: true, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (OperationCanceledException ex)
            {
                return Outcome.FromException<HttpResponseMessage>(ex);
            }
        }
        else
        {
            context.Properties.Set(FirstAttemptSent, true);
        }

        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}
