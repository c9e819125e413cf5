namespace Provisioning.Cloudflare.Budget;

/// <summary>The rules every <see cref="IRequestBudgetStore"/> applies, in one place so the stores cannot drift apart.</summary>
public static class RequestBudgetRules
{
    /// <summary>
    /// How long past its next attempt a foreground caller that was not served keeps background work out of the reserve.
    /// Its replica asks again by then, renewing the mark, so the mark lapses about this long after foreground work stops waiting.
    /// </summary>
    public static readonly TimeSpan ForegroundHold = TimeSpan.FromSeconds(1);

    /// <summary>Refill arithmetic in doubles leaves 0.9999999 where 1 was meant; a millionth of a token is not worth a wait.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Whole tokens that may go when <paramref name="available"/> are there and <paramref name="floor"/> must stay, at most <paramref name="wanted"/>.</summary>
    /// <param name="available">Tokens in the bucket.</param>
    /// <param name="floor">Tokens that must remain (the reserve, for background work while foreground work waits).</param>
    /// <param name="wanted">Tokens asked for.</param>
    /// <returns>Between 0 and <paramref name="wanted"/>.</returns>
    public static int Grantable(double available, double floor, int wanted) =>
        (int)Math.Clamp(Math.Floor(available - floor + Tolerance), 0, wanted);
}
