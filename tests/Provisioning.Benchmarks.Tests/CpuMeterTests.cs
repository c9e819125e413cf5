namespace Provisioning.Benchmarks.Tests;

public class CpuMeterTests
{
    [Fact]
    public void Busy_machine_time_leaves_out_idle_and_iowait_and_counts_guest_once()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        var (busy, total) = CpuMeter.ParseMachine("cpu  100 5 50 800 20 3 2 0 40 0");

        Assert.Equal(160, busy);
        Assert.Equal(980, total);
    }

    [Fact]
    public void A_line_other_than_the_cpu_total_is_refused() =>
        Assert.Throws<FormatException>(() => CpuMeter.ParseMachine("cpu0 100 5 50 800 20 3 2 0 40 0"));

    [Fact]
    public void Process_time_is_utime_plus_stime_even_with_spaces_in_the_name()
    {
        const string stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 9000 0 12 0 345 67 0 0 20 0 30 0 1000 300000000 20000 18446744073709551615";

        Assert.Equal(412, CpuMeter.ParseProcessTicks(stat));
    }
}
