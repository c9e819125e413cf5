// The benchmark's --sdk-baseline: provisions tenants the way a plain script with the official cloudflare npm SDK
// would, against the same emulator as the worker: per tenant a KV namespace, a D1 database and an R2 bucket are
// created, the script is uploaded with those bindings + a plain-text variable + a secret (multipart metadata), and
// its bindings are read back and checked. Calls of one tenant run one after another; --concurrency tenants at a time.
// SDK 7.x for the resources, 6.x for the upload and the read-back (7.x's multipart upload is broken upstream; see
// ops/real-clients/README.md). Any error, or bindings read back that differ, fails the run (exit code 1).
//
//   node provision.mjs --account ID --namespace NAME --prefix PREFIX --tenants N --concurrency K
//
// Environment: CLOUDFLARE_BASE_URL (the emulator's /client/v4 address) and CLOUDFLARE_API_TOKEN, read by the SDK.
// Output: one JSON line {"tenants", "concurrency", "seconds", "calls", "sdk"} on stdout.

import Cloudflare7 from 'cloudflare7';
import Cloudflare6 from 'cloudflare6';
import { toFile } from 'cloudflare6/uploads';
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    account: { type: 'string' },
    namespace: { type: 'string' },
    prefix: { type: 'string' },
    tenants: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
  },
});
const tenants = Number.parseInt(values.tenants ?? '', 10);
const concurrency = Number.parseInt(values.concurrency, 10);
if (!values.account || !values.namespace || !values.prefix || !(tenants > 0) || !(concurrency > 0)) {
  console.error('usage: provision.mjs --account ID --namespace NAME --prefix PREFIX --tenants N [--concurrency K]');
  process.exit(2);
}

const sdk7 = new Cloudflare7();
const sdk6 = new Cloudflare6();
const account = { account_id: values.account };
const namespace = values.namespace;
let calls = 0;

async function call(request) {
  calls++;
  return request();
}

async function collect(page) {
  const items = [];
  for await (const item of page) items.push(item);
  return items;
}

async function ensureNamespace() {
  const namespaces = sdk7.workersForPlatforms.dispatch.namespaces;
  try {
    await namespaces.get(namespace, account);
  } catch (error) {
    if (error?.status !== 404) throw error;
    await namespaces.create({ ...account, name: namespace });
  }
}

async function provision(tenant) {
  const kv = await call(() => sdk7.kv.namespaces.create({ ...account, title: `${tenant}-cache` }));
  const d1 = await call(() => sdk7.d1.database.create({ ...account, name: `${tenant}-db` }));
  const r2 = await call(() => sdk7.r2.buckets.create({ ...account, name: `${tenant}-files` }));
  const mainModule = 'index.js';
  const source = `export default { fetch(request, env) { return new Response(${JSON.stringify(`hello ${tenant}`)}); } };`;
  const file = await toFile(Buffer.from(source), mainModule, { type: 'application/javascript+module' });
  const expected = [
    { type: 'kv_namespace', name: 'CACHE', namespace_id: kv.id },
    { type: 'd1', name: 'DB', id: d1.uuid },
    { type: 'r2_bucket', name: 'FILES', bucket_name: r2.name },
    { type: 'plain_text', name: 'MODE', text: 'benchmark' },
    { type: 'secret_text', name: 'API_KEY', text: crypto.randomUUID().replaceAll('-', '') },
  ];
  const scripts = sdk6.workersForPlatforms.dispatch.namespaces.scripts;
  await call(() => scripts.update(namespace, tenant, {
    ...account,
    metadata: { main_module: mainModule, compatibility_date: '2025-01-01', bindings: expected },
    files: [file],
  }));
  const bindings = await call(() => collect(scripts.bindings.get(namespace, tenant, account)));
  check(tenant, expected, bindings);
}

/** The read-back must hold every binding uploaded, with its resource (a secret's value is never read back). */
function check(tenant, expected, bindings) {
  for (const want of expected) {
    const got = bindings.find((b) => b.name === want.name);
    const same = got && got.type === want.type && Object.entries(want)
      .filter(([key]) => key !== 'text' || want.type === 'plain_text')
      .every(([key, value]) => got[key] === value);
    if (!same) {
      throw new Error(`${tenant}: binding ${want.name} read back as ${JSON.stringify(got)}, uploaded ${JSON.stringify({ ...want, text: undefined })}`);
    }
  }
}

async function run() {
  const names = Array.from({ length: tenants }, (_, i) => `${values.prefix}-${String(i + 1).padStart(5, '0')}`);
  let next = 0;
  const lane = async () => {
    while (next < names.length) {
      await provision(names[next++]);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, tenants) }, lane));
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const version = (name) => JSON.parse(fs.readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;

try {
  await ensureNamespace();
  const seconds = await run();
  console.log(JSON.stringify({
    tenants,
    concurrency,
    seconds,
    calls,
    sdk: { cloudflare7: version('cloudflare7'), cloudflare6: version('cloudflare6'), node: process.versions.node },
  }));
} catch (error) {
  console.error(`sdk baseline failed: ${error?.status ?? ''} ${error?.message ?? error}`);
  process.exit(1);
}
