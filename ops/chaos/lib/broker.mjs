// A RabbitMQ node of the run's own (like ops/rabbitmq/cluster.sh does it: its own node name, ports, data and Erlang
// cookie), so restarting it never disturbs a broker someone else uses.
import { mkdirSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { run, waitFor } from './proc.mjs';

const sbin = '/usr/lib/rabbitmq/bin';

export class Broker {
  /** One node: `dir` holds its data, `home` the Erlang cookie (shared by the nodes of a cluster). */
  constructor(dir, port, { home = dir, name = `wfp-chaos-${port}` } = {}) {
    this.dir = dir;
    this.home = home;
    this.port = port;
    this.managementPort = port + 10000;
    this.node = `${name}@localhost`;
    this.uri = `amqp://guest:guest@127.0.0.1:${this.port}/`;
    this.management = `http://127.0.0.1:${this.managementPort}/api`;
    this.uris = [this.uri];
    this.workerSettings = {};
    this.env = {
      HOME: home, ERL_CRASH_DUMP: join(dir, 'erl_crash.dump'), RABBITMQ_NODENAME: this.node, RABBITMQ_USE_LONGNAME: 'false',
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1', RABBITMQ_NODE_PORT: String(this.port), RABBITMQ_DIST_PORT: String(port + 20000),
      RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'), RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'),
      RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'), RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
      RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'), RABBITMQ_LOG_BASE: join(dir, 'log'), RABBITMQ_PID_FILE: join(dir, 'rabbit.pid'),
    };
  }

  static installed() {
    return existsSync(join(sbin, 'rabbitmq-server'));
  }

  ctl(...args) {
    return run(join(sbin, 'rabbitmqctl'), ['-n', this.node, ...args], { env: this.env, timeoutMs: 180000 });
  }

  async start() {
    mkdirSync(join(this.dir, 'mnesia'), { recursive: true });
    mkdirSync(join(this.dir, 'log'), { recursive: true });
    const cookie = join(this.home, '.erlang.cookie');
    if (!existsSync(cookie)) {
      writeFileSync(cookie, randomBytes(16).toString('hex').toUpperCase());
      chmodSync(cookie, 0o400);
    }
    writeFileSync(join(this.dir, 'enabled_plugins'), '[rabbitmq_management].');
    writeFileSync(join(this.dir, 'rabbitmq.conf'),
      `management.tcp.port = ${this.managementPort}\nmanagement.tcp.ip = 127.0.0.1\ndisk_free_limit.absolute = 50MB\n`);
    writeFileSync(join(this.dir, 'advanced.config'), '[].');
    writeFileSync(join(this.dir, 'rabbitmq-env.conf'), '');
    await run(join(sbin, 'rabbitmq-server'), ['-detached'], { env: this.env });
    await this.ctl('-q', 'wait', '--timeout', '120', join(this.dir, 'rabbit.pid'));
    await waitFor('RabbitMQ management', () => this.api('overview').then(() => true), 60000);
  }

  /** A broker restart as an operator does it: the application stops (every connection drops) and starts again. */
  async restart(downMs) {
    await this.ctl('-q', 'stop_app');
    await new Promise(resolve => setTimeout(resolve, downMs));
    await this.ctl('-q', 'start_app');
  }

  async stop() {
    await this.ctl('-q', 'stop').catch(() => {});
  }

  async api(path, init) {
    const response = await fetch(`${this.management}/${path}`, {
      ...init,
      headers: { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(30000),
    });
    if (!response.ok) throw new Error(`RabbitMQ management ${path}: ${response.status}`);
    return response.json();
  }
}

/**
 * Three nodes clustered (like ops/rabbitmq/cluster.sh): the workers use quorum queues and fail over between nodes.
 * The first node serves the management API; a node restart stops and starts one of the others.
 */
export class BrokerCluster {
  constructor(dir, portBase) {
    this.nodes = [0, 1, 2].map(i => new Broker(join(dir, `node-${i + 1}`), portBase + i, { home: dir, name: `wfp-chaos-${portBase}-${i + 1}` }));
    this.first = this.nodes[0];
    this.uri = this.first.uri;
    this.uris = this.nodes.map(n => n.uri);
    this.workerSettings = {
      RabbitMq__ClusterNodes: this.nodes.slice(1).map(n => `127.0.0.1:${n.port}`).join(','),
      RabbitMq__QueueType: 'quorum',
    };
  }

  async start() {
    mkdirSync(this.first.home, { recursive: true });
    await Promise.all(this.nodes.map(n => n.start()));
    for (const node of this.nodes.slice(1)) {
      await node.ctl('-q', 'stop_app');
      await node.ctl('-q', 'join_cluster', this.first.node);
      await node.ctl('-q', 'start_app');
    }
  }

  restart(downMs) {
    return this.first.restart(downMs);
  }

  /** Stops one node other than the first and starts it again: it rejoins the cluster with its data. */
  restartNode(index, downMs) {
    return this.nodes[index].restart(downMs);
  }

  stop() {
    return Promise.all(this.nodes.map(n => n.stop()));
  }

  api(path, init) {
    return this.first.api(path, init);
  }
}
