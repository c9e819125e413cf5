using System.Diagnostics;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>
/// The 3-node cluster of ops/rabbitmq/cluster.sh, named by <c>WFP_TEST_RABBITMQ_CLUSTER</c> (the script's last line: the
/// nodes' AMQP URIs, comma-separated). Nodes are stopped and started through the same script.
/// </summary>
public sealed class RabbitMqCluster
{
    public const string Variable = "WFP_TEST_RABBITMQ_CLUSTER";

    RabbitMqCluster(IReadOnlyList<Uri> nodes) => Nodes = nodes;

    /// <summary>amqp://user:password@host:port/ of node 1, 2, 3.</summary>
    public IReadOnlyList<Uri> Nodes { get; }

    public static RabbitMqCluster? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? new RabbitMqCluster(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u)).ToList())
            : null;

    /// <summary>Node <paramref name="node"/>'s management API; the script puts it 10000 above the AMQP port (5681 → 15681).</summary>
    public Uri ManagementOf(int node) => new($"http://{Nodes[node - 1].Host}:{Nodes[node - 1].Port + 10000}/");

    /// <summary>The worker's RabbitMq:ClusterNodes for a worker whose RabbitMq:Uri is node 1.</summary>
    public string OtherNodesThanTheFirst => string.Join(",", Nodes.Skip(1).Select(n => $"{n.Host}:{n.Port}"));

    public Task StopNodeAsync(int node) => RunScriptAsync("stop-node", node);

    public Task StartNodeAsync(int node) => RunScriptAsync("start-node", node);

    static async Task RunScriptAsync(string command, int node)
    {
        var start = new ProcessStartInfo(FindScript()) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(node.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cluster.sh {command} {node} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    static string FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, "ops", "rabbitmq", "cluster.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new FileNotFoundException("ops/rabbitmq/cluster.sh not found above " + AppContext.BaseDirectory);
    }
}
