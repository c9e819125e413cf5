using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Provisioning.Benchmarks;

/// <summary>
/// One replica as a container runs it: the worker's Release build (<c>dotnet Provisioning.Worker.dll</c>) as a process of
/// its own, in a CPU cgroup of its own, configured by environment variables, ready once <c>/health/ready</c> answers.
/// Stopped with SIGTERM (the host's graceful shutdown), killed if that takes too long; its cgroup goes with it.
/// </summary>
internal sealed class ReplicaProcess : IReplica
{
    static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    readonly Process _process;
    readonly CpuCgroup _cgroup;
    readonly string _logPath;
    readonly StreamWriter _log;
    bool _stopped;
    bool _logClosed;

    ReplicaProcess(Process process, CpuCgroup cgroup, string logPath)
    {
        _process = process;
        _cgroup = cgroup;
        _logPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    public int ProcessId => _process.Id;

    public CpuCgroup Cgroup => _cgroup;

    /// <summary>The worker's Release build in this repository; a clear error when it has not been built.</summary>
    public static string LocateWorker()
    {
        const string relative = "src/Provisioning.Worker/bin/Release/net10.0/Provisioning.Worker.dll";
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Worker.sln")))
                {
                    var dll = Path.Combine(dir.FullName, relative);
                    return File.Exists(dll)
                        ? dll
                        : throw new InvalidOperationException($"--replica-cpus runs the worker's Release build, and {dll} is missing: dotnet build src/Provisioning.Worker -c Release");
                }
            }
        }

        throw new InvalidOperationException($"Worker.sln not found above {Directory.GetCurrentDirectory()}: run the benchmark from the repository.");
    }

    /// <summary>
    /// Starts the worker in <paramref name="cgroup"/>: a shell moves itself into the cgroup, then execs dotnet, so the
    /// runtime starts under the limit and sizes its thread pool and GC heaps from it (as in a container).
    /// </summary>
    public static async Task<ReplicaProcess> StartAsync(string workerDll, IReadOnlyDictionary<string, string> environment, CpuCgroup cgroup, string logDirectory)
    {
        var port = FreePort();
        var logPath = Path.Combine(logDirectory, $"replica-{port}.log");
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(workerDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", "echo $$ > \"$0\" && exec dotnet \"$@\"", cgroup.ProcsFile, workerDll, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        // The benchmark's settings, not whatever the shell running it has configured.
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start");
        var replica = new ReplicaProcess(process, cgroup, logPath);
        process.OutputDataReceived += (_, e) => replica.Write(e.Data);
        process.ErrorDataReceived += (_, e) => replica.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await replica.WaitUntilReadyAsync(port);
        }
        catch
        {
            await replica.DisposeAsync();
            throw;
        }

        return replica;
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine($"  replica {_process.Id} still running {StopTimeout.TotalSeconds:F0} s after SIGTERM: killed");
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _logClosed = true;
            _log.Dispose();
        }

        _cgroup.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    async Task WaitUntilReadyAsync(int port)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Replica process exited with {_process.ExitCode} before it was ready; its output: {_logPath}\n{Tail()}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Replica process {_process.Id} not ready within {ReadyTimeout.TotalSeconds:F0} s; its output: {_logPath}\n{Tail()}");
    }

    string Tail()
    {
        using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(20));
    }

    void Write(string? line)
    {
        lock (_log)
        {
            if (line is not null && !_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
