using MassTransit.Monitoring;
using Provisioning.Cloudflare;
using Provisioning.Components;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Provisioning.Worker.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>The meters of the provisioning components and of the Cloudflare client.</summary>
    public static readonly string[] ProvisioningMeters = [ProvisioningMetrics.MeterName, CloudflareMetrics.MeterName];

    /// <summary>
    /// OpenTelemetry metrics: MassTransit, provisioning (commands by outcome, step durations), Cloudflare calls by
    /// status, runtime and HTTP. Exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static IHostApplicationBuilder AddProvisioningTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("wfp-provisioner-worker"))
            .WithMetrics(metrics => metrics
                .AddMeter(InstrumentationOptions.MeterName)
                .AddMeter(ProvisioningMeters)
                .AddRuntimeInstrumentation()
                .AddHttpClientInstrumentation()
                .AddAspNetCoreInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
            StartupLog.Write("Metrics: OTLP exporter to {OtlpEndpoint}", builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        }

        return builder;
    }
}
