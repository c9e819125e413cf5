// The faults of a run: emulator faults on every call for the whole run (latency, 5xx, 429 + Retry-After, dropped
// connections), and a seeded schedule of SIGKILLed replicas, broker restarts, database restarts and one Cloudflare
// outage window, spread over the first part of the run.
import { sleep } from './proc.mjs';

/** Seconds over which tenants arrive and chaos strikes; it grows with the run's size. */
export function windowSeconds(options) {
  return 20 + options.tenants * 0.4 + (options.kills + options.brokerRestarts + options.dbRestarts + options.nodeRestarts) * 3 + options.outage;
}

export function schedule(options, random) {
  const events = [];
  for (let i = 0; i < options.kills; i++) events.push({ kind: 'kill' });
  for (let i = 0; i < options.brokerRestarts; i++) events.push({ kind: 'broker-restart' });
  for (let i = 0; i < options.dbRestarts; i++) events.push({ kind: 'db-restart' });
  for (let i = 0; i < options.nodeRestarts; i++) events.push({ kind: 'node-restart' });
  if (options.outage > 0) events.push({ kind: 'outage' });
  // Spread over the window in which tenants arrive; the outage starts early enough to end inside it.
  const window = windowSeconds(options);
  for (const event of events) event.at = random.between(3, event.kind === 'outage' ? Math.max(4, window - options.outage) : window);
  return events.sort((a, b) => a.at - b.at);
}

export class Chaos {
  constructor({ options, random, emulator, workers, broker, database, log }) {
    Object.assign(this, { options, random, emulator, workers, broker, database, log });
    this.injected = { kills: 0, brokerRestarts: 0, dbRestarts: 0, nodeRestarts: 0, outageSeconds: 0 };
    /** When each SIGKILL struck (epoch ms): the report measures how long commands in flight then took to end. */
    this.killedAt = [];
  }

  async background() {
    const { latency, faultRate } = this.options;
    if (faultRate > 0) {
      await this.emulator.addFault({ status: 503, probability: faultRate, latencyMs: latency, message: 'chaos 503' });
      await this.emulator.addFault({ status: 429, probability: faultRate / 2, retryAfterSeconds: 2, latencyMs: latency });
      await this.emulator.addFault({ dropConnection: true, probability: faultRate / 2, latencyMs: latency });
    }
    await this.addLatency();
  }

  async addLatency() {
    // The emulator applies the first matching fault only: this catch-all comes last.
    this.latencyFault = this.options.latency > 0 ? await this.emulator.addFault({ latencyMs: this.options.latency }) : null;
  }

  async run(events, startedAt) {
    for (const event of events) {
      const wait = startedAt + event.at * 1000 - Date.now();
      if (wait > 0) await sleep(wait);
      const t = ((Date.now() - startedAt) / 1000).toFixed(1);
      try {
        await this.apply(event, t);
      } catch (error) {
        this.log(`chaos: ${event.kind} at ${t} s failed: ${error.message}`);
        throw error;
      }
    }
  }

  async apply(event, t) {
    switch (event.kind) {
      case 'kill': {
        const port = this.random.pick(this.workers.ports);
        this.log(`chaos: SIGKILL worker ${port} at ${t} s`);
        this.killedAt.push(Date.now());
        await this.workers.killAndRestart(port, this.random.between(500, 3000));
        this.injected.kills++;
        break;
      }
      case 'broker-restart':
        this.log(`chaos: RabbitMQ stop_app at ${t} s`);
        await this.broker.restart(this.random.between(2000, 5000));
        this.log('chaos: RabbitMQ start_app done');
        this.injected.brokerRestarts++;
        break;
      case 'node-restart': {
        const index = this.random.pick([1, 2]);
        this.log(`chaos: RabbitMQ cluster node ${index + 1} stop_app at ${t} s`);
        await this.broker.restartNode(index, this.random.between(2000, 5000));
        this.injected.nodeRestarts++;
        break;
      }
      case 'db-restart':
        this.log(`chaos: PostgreSQL restart at ${t} s`);
        await this.database.restart();
        this.injected.dbRestarts++;
        break;
      case 'outage': {
        this.log(`chaos: Cloudflare outage (every call 503) for ${this.options.outage} s from ${t} s`);
        if (this.latencyFault) await this.emulator.removeFault(this.latencyFault);
        const outage = await this.emulator.addFault({ status: 503, latencyMs: this.options.latency, message: 'chaos outage' });
        await sleep(this.options.outage * 1000);
        await this.emulator.removeFault(outage);
        await this.addLatency();
        this.injected.outageSeconds += this.options.outage;
        this.log('chaos: outage over');
        break;
      }
      default:
        throw new Error(`unknown chaos event ${event.kind}`);
    }
  }
}
