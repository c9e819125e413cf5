using System.Diagnostics;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>
/// ops/trx-failures.pl, which ops/test.sh runs at the end: a CI log that keeps only its tail must say which test
/// failed and why, not only its name.
/// </summary>
public sealed class TestCommandTests : IDisposable
{
    readonly string _trx = Path.Combine(Path.GetTempPath(), $"wfp-trx-{Guid.NewGuid():N}.trx");

    const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult executionId="1" testId="a" testName="Suite.Passes" duration="00:00:01" outcome="Passed" />
            <UnitTestResult executionId="2" outcome="Failed" testId="b" testName="Suite.Fails&lt;T&gt;(kind: &quot;kv&quot;)" duration="00:00:02">
              <Output>
                <ErrorInfo>
                  <Message>Assert.True() Failure&#xD;
        Expected: True&#xD;
        Actual:   False: deploy ended with 100119 &amp; no namespace</Message>
                  <StackTrace>   at Suite.Fails() in /src/Suite.cs:line 42&#xD;
           at Step2()&#xD;
           at Step3()&#xD;
           at Step4()&#xD;
           at Step5()&#xD;
           at Step6()&#xD;
           at Step7()&#xD;
           at Step8()</StackTrace>
                </ErrorInfo>
              </Output>
            </UnitTestResult>
            <UnitTestResult executionId="3" testId="c" testName="Suite.AlsoPasses" duration="00:00:01" outcome="Passed">
              <Output><StdOut>Failed is only a word here</StdOut></Output>
            </UnitTestResult>
          </Results>
        </TestRun>
        """;

    [Fact]
    public async Task Each_failed_test_is_named_with_its_message_and_the_top_of_its_stack()
    {
        await File.WriteAllTextAsync(_trx, Trx);

        var (code, output) = await RunAsync(_trx);

        Assert.True(code == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "FAILED Suite.Fails<T>(kind: \"kv\")",
                "    Assert.True() Failure",
                "    Expected: True",
                "    Actual:   False: deploy ended with 100119 & no namespace",
                "       at Suite.Fails() in /src/Suite.cs:line 42",
                "       at Step2()",
                "       at Step3()",
                "       at Step4()",
                "       at Step5()",
                "       at Step6()",
                "    ... (2 more lines in the .trx)",
            ],
            lines);
    }

    [Fact]
    public async Task A_run_without_failures_prints_nothing()
    {
        await File.WriteAllTextAsync(_trx, Trx.Replace("outcome=\"Failed\"", "outcome=\"Passed\"", StringComparison.Ordinal));

        var (code, output) = await RunAsync(_trx);

        Assert.True(code == 0, output);
        Assert.Equal("", output);
    }

    public void Dispose() => File.Delete(_trx);

    static async Task<(int Code, string Output)> RunAsync(string trx)
    {
        var start = new ProcessStartInfo("perl", [Path.Combine(OperatorBrowser.RepositoryRoot, "ops", "trx-failures.pl"), trx])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
