using System.Globalization;
using System.Text;

namespace Provisioning.Benchmarks;

/// <summary>
/// The provision phase next to the SDK script's figures of the same run, and issue 6's throughput targets: with latency
/// one replica at least as fast as the script 8 tenants at a time, N replicas at least 2.5x one replica; without latency
/// one replica at least half the script one tenant at a time.
/// </summary>
internal sealed class ThroughputTargets(BenchmarkOptions options, double workerPerSecond, SdkRun sequential, SdkRun concurrent)
{
    const double ReplicaFactor = 2.5;

    /// <param name="oneReplica">With replicas: the provision phase one replica ran first in this run, on other tenants.</param>
    public string ToMarkdown(PhaseResult? oneReplica)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"Official SDK baseline, same emulator and latency, before the worker's phases ({Path()}: `cloudflare` {sequential.Sdk.Cloudflare7} for KV/D1/R2, {sequential.Sdk.Cloudflare6} for the multipart upload and the bindings read-back, Node {sequential.Sdk.Node}; per tenant KV + D1 + R2 create, upload with those bindings + a variable + a secret, bindings read back and checked; a tenant's calls one after another):");
        md.AppendLine();
        md.AppendLine("| Provisioning by | Tenants | Wall time | Tenants/s | Calls |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        Line($"| SDK script, one tenant at a time | {sequential.Tenants} | {sequential.Seconds:F1} s | {sequential.TenantsPerSecond:F2} | {sequential.Calls} |");
        Line($"| SDK script, {concurrent.Concurrency} tenants at a time | {concurrent.Tenants} | {concurrent.Seconds:F1} s | {concurrent.TenantsPerSecond:F2} | {concurrent.Calls} |");
        Line($"| worker, provision phase, {options.Replicas} replica{(options.Replicas > 1 ? "s" : "")} | {options.Tenants} | {options.Tenants / workerPerSecond:F1} s | {workerPerSecond:F2} | |");
        if (oneReplica is not null)
        {
            Line($"| worker, provision phase, 1 replica (first, on {oneReplica.Commands} other tenants) | {oneReplica.Commands} | {oneReplica.WallTime.TotalSeconds:F1} s | {oneReplica.Succeeded / oneReplica.WallTime.TotalSeconds:F2} | |");
        }

        md.AppendLine();
        md.AppendLine(Target(oneReplica));
        return md.ToString();
    }

    string Target(PhaseResult? oneReplica)
    {
        FormattableString text;
        if (options.LatencyMs == 0)
        {
            var ratio = workerPerSecond / sequential.TenantsPerSecond;
            text = $"Target without latency, one replica at least half the script one tenant at a time: {workerPerSecond:F2} / {sequential.TenantsPerSecond:F2} = {ratio:F2}x, **{Verdict(ratio >= 0.5)}**.";
        }
        else if (options.Replicas == 1)
        {
            var ratio = workerPerSecond / concurrent.TenantsPerSecond;
            text = $"Target with latency, one replica at least as fast as the script {concurrent.Concurrency} tenants at a time: {workerPerSecond:F2} / {concurrent.TenantsPerSecond:F2} = {ratio:F2}x, **{Verdict(ratio >= 1)}**.";
        }
        else
        {
            var reference = oneReplica!.Succeeded / oneReplica.WallTime.TotalSeconds;
            var ratio = workerPerSecond / reference;
            text = $"Target with latency, {options.Replicas} replicas at least {ReplicaFactor}x one replica: {workerPerSecond:F2} / {reference:F2} (the provision phase of {oneReplica.Commands} other tenants with one replica, measured first in this run: {oneReplica.WallTime.TotalSeconds:F1} s, {oneReplica.CallsByOperation.Values.Sum()} calls) = {ratio:F2}x, **{Verdict(ratio >= ReplicaFactor)}**; against this run's script {concurrent.Concurrency} at a time: {workerPerSecond / concurrent.TenantsPerSecond:F2}x.";
        }

        return text.ToString(CultureInfo.InvariantCulture);
    }

    static string Verdict(bool met) => met ? "met" : "not met";

    static string Path() => "`ops/benchmarks/sdk-baseline/provision.mjs`";
}
