namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>
/// A test that drives headless Chromium: skipped, naming what to install, when Node/playwright-core or chromium are
/// missing, except in CI (CI=true), where .ci/run installs them and their absence fails the test.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) && OperatorBrowser.Missing() is { } missing)
        {
            Skip = missing;
        }
    }
}
