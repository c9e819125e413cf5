using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Provisioning.Worker.Messaging;

/// <summary>
/// Closes a receive endpoint's RabbitMQ channel once its publisher confirmations come back as nacks
/// <c>RabbitMq:ChannelNackLimit</c> times in a row. MassTransit sends and publishes on the channel of the endpoint they
/// come from (the bus endpoint's for <c>IBus.Publish</c>) and keeps it after a nack; a closed channel makes it open a
/// new one. Runs in the endpoint's channel pipe, so it watches each channel for as long as the endpoint consumes on it.
/// </summary>
internal sealed class StuckChannelFilter(int nackLimit, Uri endpoint, ILogger logger) : IFilter<ChannelContext>
{
    public async Task Send(ChannelContext context, IPipe<ChannelContext> next)
    {
        var channel = context.Channel;
        var streak = new NackStreak(nackLimit);

        Task OnAck(object sender, BasicAckEventArgs args)
        {
            streak.Acked();
            return Task.CompletedTask;
        }

        Task OnNack(object sender, BasicNackEventArgs args)
        {
            if (streak.Nacked())
            {
                logger.LogWarning("RabbitMQ channel {ChannelNumber} of {Endpoint} had {NackCount} publisher nacks in a row; closing it so the next publish opens a new channel",
                    channel.ChannelNumber, endpoint, streak.Count);
                // Not awaited: the close waits for the broker's close-ok, which this channel delivers after this handler returns.
                _ = Task.Run(() => CloseAsync(channel));
            }

            return Task.CompletedTask;
        }

        channel.BasicAcksAsync += OnAck;
        channel.BasicNacksAsync += OnNack;
        try
        {
            await next.Send(context);
        }
        finally
        {
            channel.BasicAcksAsync -= OnAck;
            channel.BasicNacksAsync -= OnNack;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("closeChannelAfterNacks");

    async Task CloseAsync(IChannel channel)
    {
        try
        {
            await channel.CloseAsync(Constants.ReplySuccess, "publisher nacks in a row", abort: false);
        }
        catch (Exception ex)
        {
            // Already closed, or the connection went: either way MassTransit opens a new channel.
            logger.LogDebug(ex, "Closing RabbitMQ channel {ChannelNumber} of {Endpoint} failed", channel.ChannelNumber, endpoint);
        }
    }
}
