using System.Diagnostics;
using System.Text;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>
/// The built worker (Provisioning.Worker.dll, copied next to the tests) run as its own process in an empty folder: no
/// appsettings.json, the embedded defaults, what a newcomer's <c>dotnet run</c> from another directory gets.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    readonly Process _process;
    readonly StringBuilder _output = new();
    readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    readonly bool _ownsFolder;

    WorkerProcess(Process process, string folder, bool ownsFolder)
    {
        _process = process;
        Folder = folder;
        _ownsFolder = ownsFolder;
    }

    /// <summary>The working directory: empty at start (the SQLite file lands here).</summary>
    public string Folder { get; }

    /// <summary>Everything written to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static WorkerProcess Start(params string[] args) => Start(Directory.CreateTempSubdirectory("wfp-worker-").FullName, ownsFolder: true, args);

    /// <summary>A worker in <paramref name="folder"/>, which it leaves in place: a second one there is the first one restarted.</summary>
    public static WorkerProcess StartIn(string folder, params string[] args) => Start(folder, ownsFolder: false, args);

    static WorkerProcess Start(string folder, bool ownsFolder, string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Provisioning.Worker.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The defaults under test, not whatever the shell running the tests has configured.
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "RabbitMq__Uri" })
        {
            start.Environment.Remove(name);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, folder, ownsFolder);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.Exited += (_, _) => worker._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for the process to end on its own; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        await _exited.Task.WaitAsync(limit);
        await _process.WaitForExitAsync();   // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output so far when it does not come.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_exited.Task.IsCompleted || cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"The worker did not write '{text}' (exited: {_exited.Task.IsCompleted}). Output:\n{Output}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        if (!_ownsFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment; the temp folder is cleaned up by the system.
        }
    }

    void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
