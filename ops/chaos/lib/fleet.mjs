// The standalone Cloudflare emulator and N worker processes from the Release build (dotnet <dll>), Cloudflare__Mode=Api.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLogged, waitFor, httpOk, sleep } from './proc.mjs';

export const accountId = '023e105f4ecef8ad9ca31a8372d0c353';
export const apiToken = 'wfp-emulator-dev-token';

export function buildOutputs(root, configuration) {
  const worker = join(root, `src/Provisioning.Worker/bin/${configuration}/net10.0/Provisioning.Worker.dll`);
  const emulator = join(root, `src/Provisioning.CloudflareEmulator/bin/${configuration}/net10.0/Provisioning.CloudflareEmulator.dll`);
  for (const dll of [worker, emulator]) {
    if (!existsSync(dll)) throw new Error(`${dll} is missing: dotnet build src/${dll.split('/').at(-1).replace('.dll', '')} -c ${configuration}`);
  }
  return { worker, emulator };
}

export class Emulator {
  constructor(dll, port, logDir, requestBudget) {
    this.dll = dll;
    this.requestBudget = requestBudget;
    this.url = `http://127.0.0.1:${port}`;
    this.log = join(logDir, 'emulator.log');
  }

  async start() {
    this.process = startLogged('dotnet', [this.dll, '--urls', this.url, `--Emulator:RateLimit:Requests=${this.requestBudget}`], this.log);
    await waitFor('the emulator', () => httpOk(`${this.url}/__emulator/state`), 120000);
  }

  async addFault(fault) {
    const response = await fetch(`${this.url}/__emulator/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault),
    });
    if (!response.ok) throw new Error(`emulator refused fault ${JSON.stringify(fault)}: ${response.status}`);
    return (await response.json()).id;
  }

  async removeFault(id) {
    await fetch(`${this.url}/__emulator/faults/${id}`, { method: 'DELETE' });
  }

  async get(path) {
    const response = await fetch(`${this.url}/__emulator/${path}`, { signal: AbortSignal.timeout(60000) });
    if (!response.ok) throw new Error(`emulator ${path}: ${response.status}`);
    return response.json();
  }

  stop() {
    this.process?.kill('SIGTERM');
  }
}

export class Workers {
  constructor(dll, { count, firstPort, logDir, brokerUri, brokerSettings, connectionString, emulatorUrl, stalledTimeout, requestBudget }) {
    this.dll = dll;
    this.logDir = logDir;
    this.ports = Array.from({ length: count }, (_, i) => firstPort + i);
    this.processes = new Map();
    this.starts = 0;
    this.env = {
      RabbitMq__Uri: brokerUri,
      ...brokerSettings,
      Database__Provider: 'Postgres',
      Database__ConnectionString: connectionString,
      Cloudflare__Mode: 'Api',
      Cloudflare__BaseAddress: `${emulatorUrl}/client/v4/`,
      Cloudflare__AccountId: accountId,
      Cloudflare__ApiToken: apiToken,
      Cloudflare__RequestBudget: String(requestBudget),
      // Until the transactional outbox lands, a replica killed between its commit and its publish leaves the
      // operation stalled until this timeout (default 5 min); the run shortens it to keep its tail short.
      Provisioning__StalledOperationTimeout: stalledTimeout,
    };
  }

  logPath(port) {
    return join(this.logDir, `worker-${port}.log`);
  }

  start(port) {
    this.starts++;
    this.processes.set(port, startLogged('dotnet', [this.dll, '--urls', `http://127.0.0.1:${port}`], this.logPath(port), this.env));
  }

  /** The first replica migrates the empty database alone (two migrating at once collide), then the others start. */
  async startAll() {
    const [first, ...others] = this.ports;
    this.start(first);
    await this.ready(first);
    for (const port of others) this.start(port);
    for (const port of others) await this.ready(port);
  }

  ready(port) {
    return waitFor(`worker on ${port}`, () => {
      const child = this.processes.get(port);
      if (child.exitCode !== null) throw Object.assign(new Error(`worker on ${port} exited ${child.exitCode}: see ${this.logPath(port)}`), { fatal: true });
      return httpOk(`http://127.0.0.1:${port}/health/ready`);
    }, 180000);
  }

  /** SIGKILL one replica, then start it again after `downMs`. */
  async killAndRestart(port, downMs) {
    const child = this.processes.get(port);
    child.kill('SIGKILL');
    await new Promise(resolve => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));
    await sleep(downMs);
    this.start(port);
  }

  stopAll() {
    for (const child of this.processes.values()) child.kill('SIGTERM');
  }

  logs() {
    return this.ports.map(port => this.logPath(port));
  }
}
