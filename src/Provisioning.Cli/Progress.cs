namespace Provisioning.Cli;

/// <summary>
/// The "waiting" line on stderr: rewritten in place (<c>\r</c>) on a terminal; elsewhere (a pipe, a log file) one plain
/// line each time the tenant's state changes, so logs hold no carriage returns.
/// </summary>
internal sealed class Progress(CliOutput cli, string tenantId)
{
    string? _lastState;
    bool _inPlace;

    public void Report(TimeSpan elapsed, string? state)
    {
        var text = $"  waiting {elapsed.TotalSeconds,4:0}s  tenant {tenantId}: {state ?? "(not known yet)"}";
        if (cli.Interactive)
        {
            cli.Error.Write($"\r{text}   ");
            _inPlace = true;
        }
        else if (state is not null && state != _lastState)
        {
            cli.Error.WriteLine(text);
        }

        _lastState = state ?? _lastState;
    }

    /// <summary>Ends the in-place line, if there is one.</summary>
    public void Done()
    {
        if (_inPlace)
        {
            cli.Error.WriteLine();
            _inPlace = false;
        }
    }
}
