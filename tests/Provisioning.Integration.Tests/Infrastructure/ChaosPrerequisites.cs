namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>
/// What ops/chaos/run.sh needs on the machine: rabbitmq-server and PostgreSQL's binaries (it starts its own broker node
/// and database cluster) and npm (it installs Node and its packages into ops/chaos/node_modules).
/// </summary>
public static class ChaosPrerequisites
{
    /// <summary>What is missing, or an empty list.</summary>
    public static IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
        {
            missing.Add("rabbitmq-server (apt-get install rabbitmq-server)");
        }

        var postgres = Directory.Exists("/usr/lib/postgresql")
            && Directory.EnumerateDirectories("/usr/lib/postgresql").Any(v => File.Exists(Path.Combine(v, "bin", "pg_ctl")));
        if (!postgres)
        {
            missing.Add("PostgreSQL (apt-get install postgresql)");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(':').Any(dir => File.Exists(Path.Combine(dir, "npm"))))
        {
            missing.Add("npm (apt-get install npm)");
        }

        return missing;
    }

    /// <summary>CI must run the chaos test: there a missing prerequisite fails it instead of skipping it.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
