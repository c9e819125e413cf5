// Publisher confirms on a connection to node 2 of ops/rabbitmq/cluster.sh while node 1 (the quorum queue's leader) stops.
// See README.md in this folder. Usage: dotnet run -c Release -- <label> [cold=N] [offset=ms] [stagger=ms] [e2e=0|1] [mandatory=0|1] [after=s]
using System.Collections.Concurrent;
using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

var opts = args.Skip(1).Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);
string label = args.Length > 0 ? args[0] : "run";
int cold = int.Parse(opts.GetValueOrDefault("cold", "60"));
int stagger = int.Parse(opts.GetValueOrDefault("stagger", "15"));
bool e2e = opts.GetValueOrDefault("e2e", "1") == "1";
bool mandatory = opts.GetValueOrDefault("mandatory", "0") == "1";
int offset = int.Parse(opts.GetValueOrDefault("offset", "4700"));
int after = int.Parse(opts.GetValueOrDefault("after", "15"));
// The repository: cluster.sh is run from there.
string wt = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../.."));

var sw = Stopwatch.StartNew();
string T() => $"{sw.Elapsed.TotalSeconds,7:F3}";
var id = DateTime.UtcNow.ToString("HHmmss");
string queue = $"repro-q-{id}", exchange = $"repro-x-{id}", inner = $"repro-xi-{id}";

// 1. Declare on node 1 so node 1 leads the queue.
{
    var f1 = new ConnectionFactory { Uri = new Uri("amqp://guest:guest@127.0.0.1:5681/") };
    await using var c1 = await f1.CreateConnectionAsync();
    await using var ch = await c1.CreateChannelAsync();
    await ch.QueueDeclareAsync(queue, true, false, false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
    await ch.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, true);
    if (e2e)
    {
        await ch.ExchangeDeclareAsync(inner, ExchangeType.Fanout, true);
        await ch.ExchangeBindAsync(inner, exchange, "");
        await ch.QueueBindAsync(queue, inner, "");
    }
    else
    {
        await ch.QueueBindAsync(queue, exchange, "");
    }
}
Console.WriteLine($"{T()} declared {queue} on node 1 (e2e={e2e}, mandatory={mandatory}, cold={cold}, stagger={stagger})");

var f2 = new ConnectionFactory { Uri = new Uri("amqp://guest:guest@127.0.0.1:5682/") };
await using var conn = await f2.CreateConnectionAsync();
var confirmOpts = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
var events = new ConcurrentQueue<string>();
var stats = new ConcurrentDictionary<string, (int ok, int nack, int exc, int timeout, double firstBad, double lastBad, double lastOk, string lastOutcome)>();
using var stop = new CancellationTokenSource();
var body = new byte[200];

async Task<string> PublishOnce(IChannel ch)
{
    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
    try
    {
        await ch.BasicPublishAsync(exchange, "", mandatory, new BasicProperties { Persistent = true }, body, cts.Token);
        return "ok";
    }
    catch (PublishException p) { return p.IsReturn ? "return" : "nack"; }
    catch (OperationCanceledException) { return "timeout"; }
    catch (Exception e) { return "exc:" + e.GetType().Name; }
}

async Task Loop(string name, IChannel ch, TimeSpan startAt)
{
    var wait = startAt - sw.Elapsed;
    if (wait > TimeSpan.Zero) await Task.Delay(wait);
    int n = 0;
    while (!stop.IsCancellationRequested)
    {
        var at = sw.Elapsed.TotalSeconds;
        var r = await PublishOnce(ch);
        n++;
        events.Enqueue($"{at:F3} {name} #{n} {r} {(sw.Elapsed.TotalSeconds - at) * 1000:F0}ms");
        stats.AddOrUpdate(name, _ => Add(default, r, at), (_, s) => Add(s, r, at));
        await Task.Delay(50);
    }
}

static (int ok, int nack, int exc, int timeout, double firstBad, double lastBad, double lastOk, string lastOutcome) Add(
    (int ok, int nack, int exc, int timeout, double firstBad, double lastBad, double lastOk, string lastOutcome) s, string r, double at)
{
    if (r == "ok") return (s.ok + 1, s.nack, s.exc, s.timeout, s.firstBad, s.lastBad, at, r);
    var first = s.firstBad == 0 ? at : s.firstBad;
    return r switch
    {
        "nack" => (s.ok, s.nack + 1, s.exc, s.timeout, first, at, s.lastOk, r),
        "timeout" => (s.ok, s.nack, s.exc, s.timeout + 1, first, at, s.lastOk, r),
        _ => (s.ok, s.nack, s.exc + 1, s.timeout, first, at, s.lastOk, r),
    };
}

// A warm channel publishes throughout; cold channels are opened now and publish first later (below).
var warm = await conn.CreateChannelAsync(confirmOpts);
var colds = new List<IChannel>();
for (var k = 0; k < cold; k++) colds.Add(await conn.CreateChannelAsync(confirmOpts));
var loops = new List<Task> { Loop("warm", warm, TimeSpan.Zero) };
await Task.Delay(2000);

Console.WriteLine($"{T()} stopping node 1");
var stopAt = sw.Elapsed;
var p = Process.Start(new ProcessStartInfo($"{wt}/ops/rabbitmq/cluster.sh", "stop-node 1") { WorkingDirectory = wt })!;
// Cold channels start when node 1's AMQP port refuses connections (the node is shutting down), plus offset + k*stagger.
while (true)
{
    try { using var tcp = new System.Net.Sockets.TcpClient(); await tcp.ConnectAsync("127.0.0.1", 5681); }
    catch { break; }
    await Task.Delay(20);
}
var portClosed = sw.Elapsed;
Console.WriteLine($"{T()} node 1 port closed");
for (var k = 0; k < cold; k++) loops.Add(Loop($"cold{k:D2}", colds[k], portClosed + TimeSpan.FromMilliseconds(offset + k * stagger)));
await p.WaitForExitAsync();
Console.WriteLine($"{T()} stop-node 1 returned {p.ExitCode}");

await Task.Delay(TimeSpan.FromSeconds(after));
// A new channel on the same connection, while the others still run.
var fresh = await conn.CreateChannelAsync(confirmOpts);
var freshResults = new List<string>();
for (var i = 0; i < 10; i++) { freshResults.Add(await PublishOnce(fresh)); await Task.Delay(50); }
Console.WriteLine($"{T()} fresh channel after {after}s: {string.Join(",", freshResults.GroupBy(x => x).Select(g => $"{g.Key}={g.Count()}"))}");
await Task.Delay(1000);
stop.Cancel();
await Task.WhenAll(loops);

foreach (var (name, s) in stats.OrderBy(x => x.Key))
{
    Console.WriteLine($"{name}: ok={s.ok} nack={s.nack} exc={s.exc} timeout={s.timeout} firstBad={s.firstBad:F3} lastBad={s.lastBad:F3} lastOk={s.lastOk:F3} last={s.lastOutcome}");
}
var stuck = stats.Where(x => x.Value.lastOutcome != "ok").Select(x => x.Key).ToList();
Console.WriteLine($"SUMMARY {label}: stopAt={stopAt.TotalSeconds:F3} channels={stats.Count} stuck(last outcome not ok)={stuck.Count} [{string.Join(",", stuck)}] fresh={string.Join(",", freshResults.GroupBy(x => x).Select(g => $"{g.Key}={g.Count()}"))}");
Directory.CreateDirectory($"{wt}/tmp/nack-repro");
File.WriteAllLines($"{wt}/tmp/nack-repro/events-{label}.log", events.OrderBy(x => double.Parse(x.Split(' ')[0])));

// Put node 1 back, drop the queue.
var s1 = Process.Start(new ProcessStartInfo($"{wt}/ops/rabbitmq/cluster.sh", "start-node 1") { WorkingDirectory = wt })!;
await s1.WaitForExitAsync();
await using (var ch = await conn.CreateChannelAsync())
{
    await ch.QueueDeleteAsync(queue);
}
Console.WriteLine($"{T()} node 1 back, queue deleted");
