using System.Net;
using System.Net.Sockets;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Should_listen_on_the_port_it_is_given()
    {
        var port = FreePort();

        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions(), TimeProvider.System, port);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/client/v4/"), emulator.ApiBaseAddress);
        Assert.Equal(new Uri($"http://127.0.0.1:{port}/__emulator/"), emulator.AdminBaseAddress);
        using var http = new HttpClient();
        var answer = await http.GetAsync(new Uri(emulator.AdminBaseAddress, "counters"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task Should_fail_with_an_io_error_when_the_port_is_taken_and_start_again_elsewhere()
    {
        await using var first = await EmulatorServer.StartAsync(new EmulatorOptions());
        var taken = first.ApiBaseAddress.Port;

        // The worker's embedded mode relies on this to fall back to a free port.
        await Assert.ThrowsAnyAsync<IOException>(() => EmulatorServer.StartAsync(new EmulatorOptions(), TimeProvider.System, taken));

        await using var second = await EmulatorServer.StartAsync(new EmulatorOptions(), TimeProvider.System, 0);
        Assert.NotEqual(taken, second.ApiBaseAddress.Port);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
