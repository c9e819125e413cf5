// Command-line arguments of the chaos run, with the small CI size as defaults (docs/chaos.md has the full size).
export const defaults = {
  tenants: 12,
  replicas: 2,
  kills: 2,
  brokerRestarts: 1,
  dbRestarts: 1,
  nodeRestarts: 0,       // > 0: a 3-node RabbitMQ cluster with quorum queues, and this many restarts of one of its nodes
  outage: 20,            // seconds of one window in which every Cloudflare call answers 503
  latency: 50,           // ms added to every Cloudflare call
  faultRate: 0.05,       // probability of a 5xx; half of it again for 429 + Retry-After and for dropped connections
  seed: 1,
  out: 'chaos-result.md',
  deprovisionShare: 0.3, // share of tenants deprovisioned at the end of their lifecycle
  resendAfter: 20,       // seconds without an outcome before the re-sender publishes the same commandId again
  timeout: 900,          // seconds for all commands to reach an outcome
  portBase: 5740,        // AMQP port; management +10000, Erlang distribution +20000, PostgreSQL +50000, emulator and workers +13000..
  workDir: '',           // logs and data; default a fresh folder under tmp/chaos/ in the repository
  stalledTimeout: '00:05:00', // the product's default: the outbox, not this timeout, resumes work after a SIGKILL
  requestBudget: 1200,   // Cloudflare requests per 5 minutes: the workers' budget and the emulator's limit alike
  configuration: 'Release', // the build whose worker and emulator run (dotnet build -c <this>)
};

const names = {
  '--tenants': 'tenants', '--replicas': 'replicas', '--kills': 'kills', '--broker-restarts': 'brokerRestarts',
  '--db-restarts': 'dbRestarts', '--node-restarts': 'nodeRestarts', '--outage': 'outage', '--latency': 'latency', '--fault-rate': 'faultRate',
  '--seed': 'seed', '--out': 'out', '--deprovision-share': 'deprovisionShare', '--resend-after': 'resendAfter',
  '--timeout': 'timeout', '--port-base': 'portBase', '--work-dir': 'workDir', '--stalled-timeout': 'stalledTimeout',
  '--configuration': 'configuration', '--request-budget': 'requestBudget',
};

const ranges = {
  tenants: [1, 100000], replicas: [1, 16], kills: [0, 1000], brokerRestarts: [0, 100], dbRestarts: [0, 100], nodeRestarts: [0, 100],
  outage: [0, 3600], latency: [0, 10000], faultRate: [0, 0.5], seed: [0, 2 ** 31], deprovisionShare: [0, 1],
  resendAfter: [1, 3600], timeout: [10, 86400], portBase: [1024, 15000], requestBudget: [60, 1000000],
};

export class UsageError extends Error {}

export function parseArgs(argv) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    if (argv[i] === '--help' || argv[i] === '-h') throw new UsageError(usage());
    if (!key) throw new UsageError(`unknown argument '${argv[i]}'\n${usage()}`);
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${argv[i - 1]} needs a value`);
    if (typeof defaults[key] === 'number') {
      const n = Number(value);
      const [min, max] = ranges[key];
      if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${argv[i - 1]} must be a number from ${min} to ${max}, got '${value}'`);
      options[key] = n;
    } else {
      options[key] = value;
    }
  }
  if (!/^\d\d:\d\d:\d\d$/.test(options.stalledTimeout)) throw new UsageError(`--stalled-timeout must be hh:mm:ss, got '${options.stalledTimeout}'`);
  if (!['Release', 'Debug'].includes(options.configuration)) throw new UsageError(`--configuration must be Release or Debug, got '${options.configuration}'`);
  if (options.replicas < 2 && options.kills > 0) throw new UsageError('--kills needs at least 2 --replicas (one must keep serving)');
  return options;
}

export function usage() {
  return `usage: ops/chaos/run.sh ${Object.keys(names).map(n => `[${n} ${defaults[names[n]] === '' ? '<value>' : defaults[names[n]]}]`).join(' ')}`;
}
