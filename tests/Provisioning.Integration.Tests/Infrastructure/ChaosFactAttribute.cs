namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>The chaos run: skipped, naming what is missing, on a machine without its prerequisites, except in CI.</summary>
public sealed class ChaosFactAttribute : FactAttribute
{
    public ChaosFactAttribute()
    {
        var missing = ChaosPrerequisites.Missing();
        if (missing.Count > 0 && !ChaosPrerequisites.Required)
        {
            Skip = $"The chaos run needs {string.Join(", ", missing)}; CI (CI=true) fails instead of skipping.";
        }
    }
}
