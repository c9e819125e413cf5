// The non-.NET sender (Node amqplib): publishes each tenant's commands as raw JSON to the exchange of their queue,
// hears every outcome on a durable queue bound to Provisioning.Contracts:ICommandOutcome, moves a tenant to its next
// command when one succeeds, and re-publishes a command with the same commandId when its outcome is late, as a real
// sender would. It reconnects after the broker goes away.
import amqp from 'amqplib';
import { nextCommand } from './plan.mjs';
import { sleep } from './proc.mjs';

const outcomeExchange = 'Provisioning.Contracts:ICommandOutcome';
const outcomeQueue = 'chaos-outcomes';

export class Sender {
  constructor(uris, tenants, { resendAfterMs, arrivalMs, log }) {
    this.arrivalMs = arrivalMs;
    this.uris = uris;   // the nodes of the broker, tried in turn
    this.attempt = 0;
    this.tenants = tenants;
    this.resendAfterMs = resendAfterMs;
    this.log = log;
    this.commands = new Map();   // commandId → { tenantId, queue, body, firstSentAt, lastSentAt, sends, outcomes: [{ type, at }] }
    this.done = new Map(tenants.map(t => [t.tenantId, []]));  // tenantId → first outcome type of each command, in order
    this.resends = 0;
    this.reconnects = 0;
    this.stopped = false;
  }

  get pending() {
    return [...this.commands.values()].filter(c => c.outcomes.length === 0).length;
  }

  get finished() {
    return this.arrived === this.tenants.length && this.tenants.every(t => this.current(t.tenantId) === null);
  }

  current(tenantId) {
    return [...this.commands.values()].findLast(c => c.tenantId === tenantId && c.outcomes.length === 0) ?? null;
  }

  /** Connects, then lets the tenants arrive one by one, evenly spread over `arrivalMs`. */
  async start() {
    await this.connect();
    this.timer = setInterval(() => this.resendLate().catch(() => {}), 1000);
    this.arrived = 0;
    for (const tenant of this.tenants) {
      this.enqueue(tenant);
      this.arrived++;
      await sleep(this.arrivalMs / this.tenants.length);
    }
  }

  enqueue(tenant) {
    const command = nextCommand(tenant, this.done.get(tenant.tenantId));
    if (!command) return;
    const entry = { tenantId: tenant.tenantId, queue: command.queue, body: command.body, firstSentAt: null, lastSentAt: null, sends: 0, outcomes: [] };
    this.commands.set(command.body.commandId, entry);
    this.publish(entry).catch(() => {});
  }

  async connect() {
    while (!this.stopped) {
      try {
        const connection = await amqp.connect(this.uris[this.attempt++ % this.uris.length], { timeout: 5000 });
        connection.on('error', () => {});
        connection.on('close', () => this.onClose());
        const channel = await connection.createConfirmChannel();
        channel.on('error', () => {});
        // On a cluster the outcome queue is a quorum queue too, so that a node restart does not take it away.
        const queueType = this.uris.length > 1 ? { 'x-queue-type': 'quorum' } : {};
        await channel.assertQueue(outcomeQueue, { durable: true, arguments: queueType });
        await channel.bindQueue(outcomeQueue, outcomeExchange, '');
        await channel.consume(outcomeQueue, message => this.onOutcome(channel, message));
        this.connection = connection;
        this.channel = channel;
        return;
      } catch {
        await sleep(1000);
      }
    }
  }

  onClose() {
    this.channel = null;
    if (this.stopped) return;
    this.reconnects++;
    this.log(`sender: connection closed, reconnecting`);
    this.connect().catch(() => {});
  }

  async publish(entry) {
    const channel = this.channel;
    if (!channel) return;
    const now = Date.now();
    entry.firstSentAt ??= now;
    entry.lastSentAt = now;
    entry.sends++;
    await new Promise((resolve, reject) => channel.publish(entry.queue, '', Buffer.from(JSON.stringify(entry.body)),
      { contentType: 'application/json', messageId: entry.body.commandId, persistent: true },
      error => (error ? reject(error) : resolve())));
  }

  async resendLate() {
    const now = Date.now();
    for (const entry of this.commands.values()) {
      if (entry.outcomes.length > 0 || !this.channel) continue;
      if (entry.lastSentAt === null || now - entry.lastSentAt > this.resendAfterMs) {
        if (entry.lastSentAt !== null) this.resends++;
        await this.publish(entry).catch(() => {});
      }
    }
  }

  onOutcome(channel, message) {
    if (!message) return;
    try {
      const envelope = JSON.parse(message.content.toString('utf8'));
      const type = (envelope.messageType ?? []).map(u => u.slice(u.lastIndexOf(':') + 1)).find(n => !/^I[A-Z]/.test(n));
      const commandId = envelope.message?.commandId;
      const entry = this.commands.get(commandId);
      if (entry) {
        entry.outcomes.push({ type, at: Date.now() });
        if (entry.outcomes.length === 1) {
          this.done.get(entry.tenantId).push(type);
          this.enqueue(this.tenants.find(t => t.tenantId === entry.tenantId));
        }
      }
    } finally {
      channel.ack(message);
    }
  }

  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    await this.connection?.close().catch(() => {});
  }
}
