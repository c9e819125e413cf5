// The chaos run with invariants (docs/chaos.md): tenants through provision, attach, deploy and deprovision on N worker
// replicas while replicas are SIGKILLed, RabbitMQ and PostgreSQL restart and the emulator injects faults; then checks
// the end state and prints figures. Exit code: 0 every invariant holds, 1 one failed, 2 bad arguments or prerequisites,
// 3 the run itself broke (a service did not start, a restart failed).
import { mkdirSync, appendFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './lib/args.mjs';
import { seeded } from './lib/random.mjs';
import { makePlan } from './lib/plan.mjs';
import { Broker, BrokerCluster } from './lib/broker.mjs';
import { Database } from './lib/database.mjs';
import { Emulator, Workers, buildOutputs, apiToken } from './lib/fleet.mjs';
import { Sender } from './lib/sender.mjs';
import { Chaos, schedule, windowSeconds } from './lib/chaos.mjs';
import { readStore, settled, errorQueueMessages, readLogs } from './lib/collect.mjs';
import { checkOutcomes, checkTenants, checkLedger, checkSecrets, groupBy } from './lib/invariants.mjs';
import { figuresOf, render, writeReport } from './lib/report.mjs';
import { sleep, waitFor } from './lib/proc.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function prepare(argv) {
  const options = parseArgs(argv);
  if (!Broker.installed()) throw new UsageError('rabbitmq-server is not installed (apt-get install rabbitmq-server)');
  if (!Database.installed()) throw new UsageError('PostgreSQL is not installed (apt-get install postgresql)');
  const dlls = buildOutputs(root, options.configuration);
  options.workDir ||= join(root, 'tmp/chaos', `run-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(options.workDir, { recursive: true });
  return { options, dlls };
}

async function main(argv) {
  let prepared;
  try {
    prepared = prepare(argv);
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const { options, dlls } = prepared;
  const runLog = join(options.workDir, 'run.log');
  const log = line => { console.log(line); appendFileSync(runLog, line + '\n'); };
  const random = seeded(options.seed);
  const tenants = makePlan(options, random);
  const broker = options.nodeRestarts > 0
    ? new BrokerCluster(join(options.workDir, 'rabbitmq'), options.portBase)
    : new Broker(join(options.workDir, 'rabbitmq'), options.portBase);
  const database = new Database(join(options.workDir, 'postgres'), options.portBase + 50000);
  const emulator = new Emulator(dlls.emulator, options.portBase + 13000, options.workDir, options.requestBudget);
  const workers = new Workers(dlls.worker, {
    count: options.replicas, firstPort: options.portBase + 13001, logDir: options.workDir, brokerUri: broker.uri, brokerSettings: broker.workerSettings,
    connectionString: database.connectionString, emulatorUrl: emulator.url, stalledTimeout: options.stalledTimeout,
    requestBudget: options.requestBudget,
  });
  // Tenants arrive over the first two thirds of the chaos window, so faults meet commands in every phase.
  const sender = new Sender(broker.uris, tenants, { resendAfterMs: options.resendAfter * 1000, arrivalMs: windowSeconds(options) * 667, log });
  const stop = async () => {
    await sender.stop();
    workers.stopAll();
    emulator.stop();
    await Promise.all([broker.stop(), database.stop()]);
  };
  // Interrupted (Ctrl-C, a test's time limit): stop what was started, then leave.
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => stop().finally(() => process.exit(130)));
  try {
    log(`chaos: work folder ${options.workDir}`);
    // Wait for all three even when one fails, so that the cleanup below stops whatever did start.
    const started = await Promise.allSettled([broker.start(), database.start(), emulator.start()]);
    const failed = started.find(s => s.status === 'rejected');
    if (failed) throw failed.reason;
    await workers.startAll();
    log(`chaos: broker, database, emulator and ${options.replicas} workers up`);
    const chaos = new Chaos({ options, random, emulator, workers, broker, database, log });
    await chaos.background();
    const startedAt = Date.now();
    const chaosDone = chaos.run(schedule(options, random), startedAt);
    chaosDone.catch(() => {});   // awaited below; this only keeps an early failure from counting as unhandled
    sender.start().catch(error => log(`chaos: sender failed: ${error.message}`));
    const progress = setInterval(() => log(`chaos: ${sender.commands.size} commands sent, ${sender.pending} without outcome`), 15000);
    await waitFor('every command\'s outcome', async () => sender.finished, options.timeout * 1000)
      .catch(error => log(`chaos: ${error.message}`))
      .finally(() => clearInterval(progress));
    await chaosDone;
    const wallSeconds = (Date.now() - startedAt) / 1000;
    await waitFor('settled sagas', () => settled(database.pg), 120000).catch(error => log(`chaos: ${error.message}`));
    await sleep(2000);
    return await check({ options, argv, tenants, sender, chaos, broker, database, emulator, workers, wallSeconds, log, runLog });
  } finally {
    await stop();
  }
}

async function check({ options, argv, tenants, sender, chaos, broker, database, emulator, workers, wallSeconds, log, runLog }) {
  const store = await readStore(database.pg);
  const state = await emulator.get('state');
  const account = state.accounts[0];
  const scripts = new Map(account.scripts.map(s => [s.name, s]));
  const kvByTitle = groupBy(account.kvNamespaces, 'title');
  const d1ByName = groupBy(account.d1Databases, 'name');
  const errors = await errorQueueMessages(broker);
  const sources = [
    ...readLogs([...workers.logs(), runLog]),
    ...errors.map(m => ({ name: `${m.queue} message`, text: m.text })),
    { name: 'the database (pg_dump)', text: await database.dump() },
  ];
  const results = [
    { name: 'every command ended in exactly one outcome', violations: checkOutcomes(sender.commands, store.commands) },
    { name: 'every tenant terminal and matching the emulator, bindings and latest code', violations: checkTenants(tenants, sender.done, store.sagas, scripts, kvByTitle, d1ByName) },
    { name: 'no orphaned resources, no ledger entry missing from the emulator', violations: checkLedger(account, store.ledger, store.sagas) },
    { name: 'no secret value or token in logs, _error queues or the database', violations: checkSecrets(sources, tenants, apiToken) },
  ];
  // Not an invariant: PostgreSQL keeps a row's old versions in its pages until VACUUM (docs/chaos.md).
  const pages = await database.dataFiles();
  const onDisk = tenants.filter(t => pages.includes(t.secret)).length;
  const figures = figuresOf({
    onDisk, sender, chaos, counters: await emulator.get('counters'), errorMessages: errors.length, wallSeconds,
    storeSeconds: store.commands.filter(r => r.Seconds !== null).map(r => r.Seconds), workers, requestBudget: options.requestBudget,
  });
  const markdown = render({ commandLine: `ops/chaos/run.sh ${argv.join(' ')}`.trim(), figures, results });
  writeReport(resolve(options.out), markdown);
  log(markdown);
  return results.every(r => r.violations.length === 0) ? 0 : 1;
}

main(process.argv.slice(2)).then(code => process.exit(code), error => {
  console.error(error.stack ?? String(error));
  process.exit(3);
});
