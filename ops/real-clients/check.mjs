// Drives wrangler and the official cloudflare SDK against a running emulator and checks the outcome through
// the emulator's admin API (GET /__emulator/state). Prints `ok <name>` / `FAIL <name>: <reason>` per check and
// ends with `N passed, N failed`; exits non-zero when anything failed. Run it through run.sh.
//
// Environment: EMULATOR_URL (default http://127.0.0.1:8787), EMULATOR_TOKEN, EMULATOR_ACCOUNT_ID
// (defaults: the emulator's development token and account, docs/emulator.md, development account).

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeSandbox, wranglerEnv, runWrangler, prepareFixture, wranglerVersion } from './lib/wrangler.mjs';
import * as sdk from './lib/sdk.mjs';

const EMULATOR_URL = (process.env.EMULATOR_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
const TOKEN = process.env.EMULATOR_TOKEN ?? 'wfp-emulator-dev-token';
const ACCOUNT_ID = process.env.EMULATOR_ACCOUNT_ID ?? '023e105f4ecef8ad9ca31a8372d0c353';
const API_BASE = `${EMULATOR_URL}/client/v4`;
const RUN = `rc${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;

let passed = 0;
let failed = 0;

function ok(name) {
  passed += 1;
  console.log(`ok ${name}`);
}

function fail(name, reason) {
  failed += 1;
  // One line per check, so the output stays greppable; wrangler's multi-line output is folded.
  console.log(`FAIL ${name}: ${String(reason).trim().replace(/\s*\n\s*/g, ' | ')}`);
}

/** Runs one check: `assertion` throws (via expect) on failure. */
async function check(name, assertion) {
  try {
    await assertion();
    ok(name);
  } catch (error) {
    fail(name, error?.message ?? String(error));
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function brief(value, limit = 300) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > limit ? `${text.slice(0, limit)}…` : text;
}

async function state() {
  const response = await fetch(`${EMULATOR_URL}/__emulator/state`);
  expect(response.ok, `GET /__emulator/state answered ${response.status}`);
  const body = await response.json();
  const account = (body.accounts ?? []).find((a) => a.accountId === ACCOUNT_ID);
  expect(account, `account ${ACCOUNT_ID} missing from /__emulator/state`);
  return account;
}

const findNamespace = (account, name) => (account.dispatchNamespaces ?? []).find((n) => n.name === name);
const findScript = (account, namespace, name) => (account.scripts ?? []).find((s) => s.namespace === namespace && s.name === name);
const findKv = (account, title) => (account.kvNamespaces ?? []).find((n) => n.title === title);
const findD1 = (account, name) => (account.d1Databases ?? []).find((d) => d.name === name);
const findR2 = (account, name) => (account.r2Buckets ?? []).find((b) => b.name === name);

function wranglerOutput(result) {
  return `exit ${result.code}; output: ${brief((result.stdout + result.stderr).replace(/\x1b\[[0-9;]*m/g, '').trim(), 600)}`;
}

function bindingNamed(script, name) {
  return (script.bindings ?? []).find((b) => b.name === name);
}

/** Checks the stored bindings of a script against what the client uploaded. */
function expectBindings(script, { kvId, d1Id, bucketName, vars }) {
  const kv = bindingNamed(script, 'KV');
  expect(kv?.type === 'kv_namespace' && kv.namespace_id === kvId, `KV binding ${brief(kv)} != kv_namespace ${kvId}`);
  const db = bindingNamed(script, 'DB');
  expect(db?.type === 'd1' && (db.database_id ?? db.id) === d1Id, `DB binding ${brief(db)} != d1 ${d1Id}`);
  const bucket = bindingNamed(script, 'BUCKET');
  expect(bucket?.type === 'r2_bucket' && bucket.bucket_name === bucketName, `BUCKET binding ${brief(bucket)} != r2_bucket ${bucketName}`);
  for (const [name, expected] of Object.entries(vars)) {
    const binding = bindingNamed(script, name);
    expect(binding, `binding ${name} missing (stored: ${brief(script.bindings)})`);
    if (typeof expected === 'string') {
      expect(binding.type === 'plain_text' && binding.text === expected, `${name} binding ${brief(binding)} != plain_text "${expected}"`);
    } else {
      expect(binding.type === 'json' && JSON.stringify(binding.json) === JSON.stringify(expected), `${name} binding ${brief(binding)} != json ${brief(expected)}`);
    }
  }
}

async function preflight() {
  try {
    await state();
    return true;
  } catch (error) {
    fail('emulator reachable', `${EMULATOR_URL}: ${error.message}${error.cause?.code ? ` (${error.cause.code})` : ''}`);
    return false;
  }
}

// ---------------------------------------------------------------------------------------------- wrangler
async function wranglerChecks() {
  const sandbox = makeSandbox('wfp-check-');
  const env = wranglerEnv({ apiBase: API_BASE, token: TOKEN, accountId: ACCOUNT_ID, sandbox });
  const wrangler = (args, cwd = sandbox.root) => runWrangler(args, { cwd, env });
  const names = { ns: `${RUN}-ns`, kv: `${RUN}-kv`, db: `${RUN}-db`, bucket: `${RUN}-bucket`, worker: `${RUN}-worker` };
  console.log(`# wrangler ${wranglerVersion()} against ${API_BASE} (run ${RUN})`);

  await check('wrangler dispatch-namespace create', async () => {
    const result = await wrangler(['dispatch-namespace', 'create', names.ns]);
    expect(result.code === 0, wranglerOutput(result));
    const ns = findNamespace(await state(), names.ns);
    expect(ns, `namespace ${names.ns} not in emulator state`);
    expect(result.stdout.includes(ns.id), `wrangler did not print the namespace id ${ns.id}: ${wranglerOutput(result)}`);
  });

  await check('wrangler dispatch-namespace get', async () => {
    const result = await wrangler(['dispatch-namespace', 'get', names.ns]);
    expect(result.code === 0, wranglerOutput(result));
    expect(result.stdout.includes(names.ns), `output lacks ${names.ns}: ${wranglerOutput(result)}`);
  });

  await check('wrangler dispatch-namespace list', async () => {
    const result = await wrangler(['dispatch-namespace', 'list']);
    expect(result.code === 0, wranglerOutput(result));
    expect(result.stdout.includes(names.ns), `output lacks ${names.ns}: ${wranglerOutput(result)}`);
  });

  let kvId;
  await check('wrangler kv namespace create', async () => {
    const result = await wrangler(['kv', 'namespace', 'create', names.kv]);
    expect(result.code === 0, wranglerOutput(result));
    const kv = findKv(await state(), names.kv);
    expect(kv, `KV namespace titled ${names.kv} not in emulator state`);
    kvId = kv.id;
    expect(result.stdout.includes(kv.id), `wrangler did not print the namespace id ${kv.id}: ${wranglerOutput(result)}`);
  });

  await check('wrangler kv namespace list', async () => {
    const result = await wrangler(['kv', 'namespace', 'list']);
    expect(result.code === 0, wranglerOutput(result));
    expect(kvId && result.stdout.includes(kvId), `output lacks ${kvId}: ${wranglerOutput(result)}`);
  });

  // Without CLOUDFLARE_ACCOUNT_ID wrangler finds the account itself: GET /accounts and GET /memberships (their
  // intersection), and whoami also asks /user/tokens/verify and /user. A fresh sandbox, so no cached account helps.
  const discovery = makeSandbox('wfp-check-discovery-');
  const discoveryEnv = wranglerEnv({ apiBase: API_BASE, token: TOKEN, accountId: ACCOUNT_ID, sandbox: discovery });
  delete discoveryEnv.CLOUDFLARE_ACCOUNT_ID;
  const discovered = (args) => runWrangler(args, { cwd: discovery.root, env: discoveryEnv });

  await check('wrangler kv namespace list without CLOUDFLARE_ACCOUNT_ID (account from /accounts + /memberships)', async () => {
    const before = { accounts: await statusCount('accounts.list', 200), memberships: await statusCount('memberships.list', 200) };
    const result = await discovered(['kv', 'namespace', 'list']);
    expect(result.code === 0, wranglerOutput(result));
    expect(kvId && result.stdout.includes(kvId), `output lacks ${kvId}: ${wranglerOutput(result)}`);
    const accounts = (await statusCount('accounts.list', 200)) - before.accounts;
    const memberships = (await statusCount('memberships.list', 200)) - before.memberships;
    expect(accounts >= 1 && memberships >= 1, `discovery calls counted: accounts.list ${accounts}, memberships.list ${memberships}`);
  });

  await check('wrangler whoami without CLOUDFLARE_ACCOUNT_ID (User API Token, the account listed)', async () => {
    const before = await statusCount('user.tokens.verify', 200);
    const result = await discovered(['whoami']);
    expect(result.code === 0, wranglerOutput(result));
    expect(result.stdout.includes(ACCOUNT_ID), `output lacks ${ACCOUNT_ID}: ${wranglerOutput(result)}`);
    expect(result.stdout.includes('User API Token'), `not reported as a User API Token: ${wranglerOutput(result)}`);
    expect((await statusCount('user.tokens.verify', 200)) - before === 1, 'whoami did not verify the token once');
  });
  fs.rmSync(discovery.root, { recursive: true, force: true });

  let d1Id;
  await check('wrangler d1 create', async () => {
    const result = await wrangler(['d1', 'create', names.db]);
    expect(result.code === 0, wranglerOutput(result));
    const db = findD1(await state(), names.db);
    expect(db, `D1 database ${names.db} not in emulator state`);
    d1Id = db.uuid;
    expect(result.stdout.includes(db.uuid), `wrangler did not print the database uuid ${db.uuid}: ${wranglerOutput(result)}`);
  });

  await check('wrangler d1 info (GET by name)', async () => {
    const result = await wrangler(['d1', 'info', names.db, '--json']);
    expect(result.code === 0, wranglerOutput(result));
    expect(d1Id && result.stdout.includes(d1Id), `output lacks ${d1Id}: ${wranglerOutput(result)}`);
  });

  await check('wrangler r2 bucket create', async () => {
    const result = await wrangler(['r2', 'bucket', 'create', names.bucket]);
    expect(result.code === 0, wranglerOutput(result));
    expect(findR2(await state(), names.bucket), `bucket ${names.bucket} not in emulator state`);
  });

  await check('wrangler r2 bucket list', async () => {
    const result = await wrangler(['r2', 'bucket', 'list']);
    expect(result.code === 0, wranglerOutput(result));
    expect(result.stdout.includes(names.bucket), `output lacks ${names.bucket}: ${wranglerOutput(result)}`);
  });

  // R2 jurisdiction travels in the cf-r2-jurisdiction header; a bucket in 'eu' is invisible without it.
  const euBucket = `${RUN}-eu`;
  await check('wrangler r2 bucket create --jurisdiction eu', async () => {
    const result = await wrangler(['r2', 'bucket', 'create', euBucket, '--jurisdiction', 'eu']);
    expect(result.code === 0, wranglerOutput(result));
    const bucket = findR2(await state(), euBucket);
    expect(bucket?.jurisdiction === 'eu', `stored bucket ${brief(bucket)}`);
  });

  await check('wrangler r2 bucket list: eu bucket only with --jurisdiction eu', async () => {
    const plain = await wrangler(['r2', 'bucket', 'list']);
    expect(plain.code === 0, wranglerOutput(plain));
    expect(!plain.stdout.includes(euBucket), `listed without the jurisdiction header: ${wranglerOutput(plain)}`);
    const eu = await wrangler(['r2', 'bucket', 'list', '--jurisdiction', 'eu']);
    expect(eu.code === 0, wranglerOutput(eu));
    expect(eu.stdout.includes(euBucket), `not listed with --jurisdiction eu: ${wranglerOutput(eu)}`);
  });

  await check('wrangler r2 bucket info --jurisdiction eu', async () => {
    const result = await wrangler(['r2', 'bucket', 'info', euBucket, '--jurisdiction', 'eu']);
    expect(result.code === 0, wranglerOutput(result));
    expect(result.stdout.includes(euBucket), wranglerOutput(result));
  });

  await check('wrangler r2 bucket delete --jurisdiction eu', async () => {
    const result = await wrangler(['r2', 'bucket', 'delete', euBucket, '--jurisdiction', 'eu']);
    expect(result.code === 0, wranglerOutput(result));
    expect(!findR2(await state(), euBucket), `${euBucket} still in emulator state`);
  });

  await check('wrangler r2 bucket create --location weur --storage-class InfrequentAccess', async () => {
    const name = `${RUN}-ia`;
    const result = await wrangler(['r2', 'bucket', 'create', name, '--location', 'weur', '--storage-class', 'InfrequentAccess']);
    expect(result.code === 0, wranglerOutput(result));
    const bucket = findR2(await state(), name);
    expect(bucket?.location === 'WEUR' && bucket.storageClass === 'InfrequentAccess', `stored bucket ${brief(bucket)}`);
  });

  // Error paths wrangler recognises by code: duplicates must carry the product's own error code.
  await check('wrangler kv namespace create duplicate title -> "already exists" (10014)', async () => {
    const result = await wrangler(['kv', 'namespace', 'create', names.kv]);
    expect(result.code !== 0, `second create succeeded: ${wranglerOutput(result)}`);
    expect(result.stdout.includes('already exists') || result.stderr.includes('already exists'), wranglerOutput(result));
  });

  await check('wrangler d1 create duplicate name -> "A database with that name already exists" (7502)', async () => {
    const result = await wrangler(['d1', 'create', names.db]);
    expect(result.code !== 0, `second create succeeded: ${wranglerOutput(result)}`);
    expect((result.stdout + result.stderr).includes('A database with that name already exists'), wranglerOutput(result));
  });

  const project = path.join(sandbox.root, 'project');
  const config = prepareFixture(project, { name: names.worker, kvId, d1Id, d1Name: names.db, bucketName: names.bucket });
  let firstDeployment;
  await check('wrangler deploy --dispatch-namespace (new script)', async () => {
    expect(kvId && d1Id, 'KV/D1 creation failed earlier; nothing to bind');
    const result = await wrangler(['deploy', '--dispatch-namespace', names.ns], project);
    expect(result.code === 0, wranglerOutput(result));
    const script = findScript(await state(), names.ns, names.worker);
    expect(script, `script ${names.worker} not in namespace ${names.ns}`);
    firstDeployment = script.deploymentId;
  });

  await check('deployed script has KV, D1, R2 and vars bindings', async () => {
    const script = findScript(await state(), names.ns, names.worker);
    expect(script, 'script missing');
    expectBindings(script, { kvId, d1Id, bucketName: names.bucket, vars: config.vars });
  });

  await check('deployed script keeps main module, module type and compatibility settings', async () => {
    const script = findScript(await state(), names.ns, names.worker);
    expect(script, 'script missing');
    expect(script.mainModule === 'index.js', `mainModule ${brief(script.mainModule)} != index.js`);
    const main = (script.modules ?? []).find((m) => m.name === 'index.js');
    expect(main?.contentType === 'application/javascript+module', `index.js module ${brief(main)} not application/javascript+module`);
    expect(script.contentSha256 && script.contentSha256 === main.sha256, `contentSha256 ${script.contentSha256} != index.js sha256 ${main?.sha256}`);
    expect(script.compatibilityDate === config.compatibility_date, `compatibilityDate ${script.compatibilityDate} != ${config.compatibility_date}`);
    expect(JSON.stringify(script.compatibilityFlags) === JSON.stringify(config.compatibility_flags), `compatibilityFlags ${brief(script.compatibilityFlags)} != ${brief(config.compatibility_flags)}`);
  });

  await check('wrangler deploy --dispatch-namespace (redeploy of existing script)', async () => {
    const result = await wrangler(['deploy', '--dispatch-namespace', names.ns], project);
    expect(result.code === 0, wranglerOutput(result));
    const script = findScript(await state(), names.ns, names.worker);
    expect(script, 'script missing after redeploy');
    // wrangler prints the upload's deployment_id as "Current Version ID": every upload is a new version.
    expect(script.deploymentId && script.deploymentId !== firstDeployment, `deploymentId unchanged after redeploy (${firstDeployment})`);
    // wrangler re-hyphenates an id sent without hyphens (parseNonHyphenedUuid), so compare without them.
    const printed = result.stdout.replaceAll('-', '');
    expect(printed.includes(script.deploymentId.replaceAll('-', '')), `wrangler did not print the new version id ${script.deploymentId}`);
    expectBindings(script, { kvId, d1Id, bucketName: names.bucket, vars: config.vars });
  });

  await check('wrangler deploy --secrets-file uploads a secret; a plain redeploy keeps it', async () => {
    const secretsFile = path.join(sandbox.root, 'secrets.json');
    fs.writeFileSync(secretsFile, JSON.stringify({ TENANT_API_KEY: 'fake-value-for-the-emulator' }));
    const withSecret = await wrangler(['deploy', '--dispatch-namespace', names.ns, '--secrets-file', secretsFile], project);
    expect(withSecret.code === 0, `deploy with secrets: ${wranglerOutput(withSecret)}`);
    let script = findScript(await state(), names.ns, names.worker);
    expect((script?.secretNames ?? []).includes('TENANT_API_KEY'), `secretNames after --secrets-file: ${brief(script?.secretNames)}`);
    const plain = await wrangler(['deploy', '--dispatch-namespace', names.ns], project);
    expect(plain.code === 0, `plain redeploy: ${wranglerOutput(plain)}`);
    script = findScript(await state(), names.ns, names.worker);
    expect((script?.secretNames ?? []).includes('TENANT_API_KEY'), `secret lost by a plain redeploy: ${brief(script?.secretNames)}`);
  });

  await check('wrangler deploy --keep-vars keeps vars missing from the config', async () => {
    const noVars = path.join(sandbox.root, 'no-vars');
    const trimmed = prepareFixture(noVars, { name: names.worker, kvId, d1Id, d1Name: names.db, bucketName: names.bucket });
    delete trimmed.vars;
    fs.writeFileSync(path.join(noVars, 'wrangler.jsonc'), JSON.stringify(trimmed, null, 2));
    const kept = await wrangler(['deploy', '--dispatch-namespace', names.ns, '--keep-vars'], noVars);
    expect(kept.code === 0, `deploy --keep-vars: ${wranglerOutput(kept)}`);
    let script = findScript(await state(), names.ns, names.worker);
    expect(bindingNamed(script, 'GREETING')?.text === config.vars.GREETING, `GREETING after --keep-vars: ${brief(bindingNamed(script, 'GREETING'))}`);
    expect(bindingNamed(script, 'TENANT')?.type === 'json', `TENANT after --keep-vars: ${brief(bindingNamed(script, 'TENANT'))}`);
    const dropped = await wrangler(['deploy', '--dispatch-namespace', names.ns], noVars);
    expect(dropped.code === 0, `deploy without --keep-vars: ${wranglerOutput(dropped)}`);
    script = findScript(await state(), names.ns, names.worker);
    expect(!bindingNamed(script, 'GREETING') && !bindingNamed(script, 'TENANT'), `vars survived a deploy without them and without --keep-vars: ${brief(script?.bindings)}`);
    expect(bindingNamed(script, 'KV')?.namespace_id === kvId, `KV binding lost: ${brief(script?.bindings)}`);
  });

  // wrangler provisions an R2 bucket named in the config that does not exist yet (GET 404 -> list -> create).
  const provisionedBucket = `${RUN}-prov`;
  const provisionProject = path.join(sandbox.root, 'provision');
  prepareFixture(provisionProject, { name: `${names.worker}-prov`, kvId, d1Id, d1Name: names.db, bucketName: provisionedBucket });
  await check('wrangler deploy --dispatch-namespace provisions a missing R2 bucket', async () => {
    const result = await wrangler(['deploy', '--dispatch-namespace', names.ns], provisionProject);
    expect(result.code === 0, wranglerOutput(result));
    const account = await state();
    expect(findR2(account, provisionedBucket), `bucket ${provisionedBucket} was not created`);
    const script = findScript(account, names.ns, `${names.worker}-prov`);
    expect(script && bindingNamed(script, 'BUCKET')?.bucket_name === provisionedBucket, `script/binding missing: ${brief(script?.bindings)}`);
  });

  // No ids at all: wrangler provisions KV (GET list, POST), D1 (GET by name -> 404, list, POST) and R2.
  const provisionAll = path.join(sandbox.root, 'provision-all');
  const allName = `${names.worker}-all`;
  prepareFixture(provisionAll, { name: allName, kvId: null, d1Id: null, d1Name: `${RUN}-prov-db`, bucketName: `${RUN}-prov-all` });
  await check('wrangler deploy --dispatch-namespace provisions missing KV, D1 and R2', async () => {
    const result = await wrangler(['deploy', '--dispatch-namespace', names.ns], provisionAll);
    expect(result.code === 0, wranglerOutput(result));
    const account = await state();
    const kv = findKv(account, `${allName}-kv`);
    const db = findD1(account, `${RUN}-prov-db`);
    expect(kv, `KV namespace ${allName}-kv was not created`);
    expect(db, `D1 database ${RUN}-prov-db was not created`);
    expect(findR2(account, `${RUN}-prov-all`), `bucket ${RUN}-prov-all was not created`);
    const script = findScript(account, names.ns, allName);
    expect(script, `script ${allName} missing`);
    expectBindings(script, { kvId: kv.id, d1Id: db.uuid, bucketName: `${RUN}-prov-all`, vars: config.vars });
  });

  await check('wrangler r2 bucket delete', async () => {
    const result = await wrangler(['r2', 'bucket', 'delete', provisionedBucket]);
    expect(result.code === 0, wranglerOutput(result));
    expect(!findR2(await state(), provisionedBucket), `bucket ${provisionedBucket} still in state`);
  });

  // Throw-away resources for the delete/rename commands, so the ones above stay bound to the scripts.
  const spare = { ns: `${RUN}-spare-ns`, renamed: `${RUN}-renamed-ns`, kv: `${RUN}-spare-kv`, db: `${RUN}-spare-db` };
  await check('wrangler dispatch-namespace rename', async () => {
    const created = await wrangler(['dispatch-namespace', 'create', spare.ns]);
    expect(created.code === 0, `create: ${wranglerOutput(created)}`);
    const result = await wrangler(['dispatch-namespace', 'rename', spare.ns, spare.renamed]);
    expect(result.code === 0, wranglerOutput(result));
    const account = await state();
    expect(findNamespace(account, spare.renamed) && !findNamespace(account, spare.ns), `state has ${brief((account.dispatchNamespaces ?? []).map((n) => n.name).filter((n) => n.startsWith(RUN)))}`);
  });

  await check('wrangler dispatch-namespace delete', async () => {
    const result = await wrangler(['dispatch-namespace', 'delete', spare.renamed]);
    expect(result.code === 0, wranglerOutput(result));
    expect(!findNamespace(await state(), spare.renamed), `${spare.renamed} still in emulator state`);
  });

  await check('wrangler kv namespace delete --namespace-id', async () => {
    const created = await wrangler(['kv', 'namespace', 'create', spare.kv]);
    expect(created.code === 0, `create: ${wranglerOutput(created)}`);
    const kv = findKv(await state(), spare.kv);
    expect(kv, `${spare.kv} not created`);
    const result = await wrangler(['kv', 'namespace', 'delete', '--namespace-id', kv.id, '--skip-confirmation']);
    expect(result.code === 0, wranglerOutput(result));
    expect(!findKv(await state(), spare.kv), `${spare.kv} still in emulator state`);
  });

  await check('wrangler d1 delete', async () => {
    const created = await wrangler(['d1', 'create', spare.db]);
    expect(created.code === 0, `create: ${wranglerOutput(created)}`);
    const result = await wrangler(['d1', 'delete', spare.db, '--skip-confirmation']);
    expect(result.code === 0, wranglerOutput(result));
    expect(!findD1(await state(), spare.db), `${spare.db} still in emulator state`);
  });

  fs.rmSync(sandbox.root, { recursive: true, force: true });
  return { kvId, d1Id, d1Name: names.db, bucketName: names.bucket, namespace: names.ns };
}

// ---------------------------------------------------------------------------------------------- SDK
function stepCheck(steps, label) {
  const step = steps.find((s) => s.label === label);
  expect(step, `step ${label} did not run`);
  return step;
}

function expectOk(step) {
  expect(step.ok, `${step.label} failed: ${step.status ?? ''} ${brief(step.error)}`);
  return step.value;
}

function expectStatus(step, status) {
  expect(!step.ok, `${step.label} succeeded (${brief(step.value)}), expected HTTP ${status}`);
  expect(step.status === status, `${step.label} answered ${step.status} (${brief(step.error)}), expected ${status}`);
}

async function sdk7Checks() {
  const versions = sdk.sdkVersions();
  const client = sdk.sdk7(API_BASE, TOKEN);
  console.log(`# cloudflare ${versions.cloudflare7} (SDK 7.x) against ${API_BASE}`);

  const nsName = `${RUN}-sdk-ns`;
  const ns = await sdk.dispatchNamespaceCalls(client, ACCOUNT_ID, nsName);
  await check('sdk7 dispatch namespace create', async () => {
    const created = expectOk(stepCheck(ns, 'create'));
    expect(created?.namespace_name === nsName && created.namespace_id, `result ${brief(created)}`);
  });
  await check('sdk7 dispatch namespace list', () => {
    const list = expectOk(stepCheck(ns, 'list'));
    expect(list.some((n) => n.namespace_name === nsName), `list lacks ${nsName}: ${brief(list)}`);
  });
  await check('sdk7 dispatch namespace get', () => {
    const got = expectOk(stepCheck(ns, 'get'));
    expect(got?.namespace_name === nsName, `result ${brief(got)}`);
  });
  await check('sdk7 dispatch namespace delete', async () => {
    expectOk(stepCheck(ns, 'delete'));
    expect(!findNamespace(await state(), nsName), `${nsName} still in emulator state`);
    expectStatus(stepCheck(ns, 'get-after-delete'), 404);
  });

  await check('sdk7 wrong token -> 4xx auth error, nothing created', async () => {
    const stranger = sdk.sdk7(API_BASE, 'not-the-emulator-token');
    const step = await sdk.attempt('create', () =>
      stranger.workersForPlatforms.dispatch.namespaces.create({ account_id: ACCOUNT_ID, name: `${RUN}-intruder` }, { maxRetries: 0 }));
    expect(!step.ok && (step.status === 401 || step.status === 403), `answered ${step.ok ? 'success' : step.status}`);
    expect([10000, 9106, 10001].includes(step.body?.errors?.[0]?.code), `errors ${brief(step.body?.errors)}`);
    expect(!findNamespace(await state(), `${RUN}-intruder`), 'namespace was created with a wrong token');
  });

  const discovery = await sdk.accountDiscoveryCalls(client, sdk.sdk7(API_BASE, 'not-the-emulator-token'), ACCOUNT_ID);
  await check('sdk7 accounts.list (one account, the token\'s)', () => {
    const accounts = expectOk(stepCheck(discovery, 'accounts-list'));
    expect(accounts.length === 1 && accounts[0].id === ACCOUNT_ID && accounts[0].name, `accounts ${brief(accounts)}`);
  });
  await check('sdk7 accounts.get', () => {
    const account = expectOk(stepCheck(discovery, 'accounts-get'));
    expect(account?.id === ACCOUNT_ID, `result ${brief(account)}`);
  });
  await check('sdk7 memberships.list (accepted, account {id, name}, roles)', () => {
    const memberships = expectOk(stepCheck(discovery, 'memberships-list'));
    const membership = memberships.find((m) => m.account?.id === ACCOUNT_ID);
    expect(memberships.length === 1 && membership?.status === 'accepted' && membership.account.name && membership.roles?.length > 0,
      `memberships ${brief(memberships)}`);
  });
  await check('sdk7 user.tokens.verify -> {id, status: active}', () => {
    const verified = expectOk(stepCheck(discovery, 'tokens-verify'));
    expect(/^[0-9a-f]{32}$/.test(verified?.id ?? '') && verified.status === 'active', `result ${brief(verified)}`);
  });
  await check('sdk7 user.tokens.verify with a wrong token -> 401 1000 Invalid API Token', () => {
    const step = stepCheck(discovery, 'tokens-verify-wrong-token');
    expectStatus(step, 401);
    expect(step.body?.errors?.[0]?.code === 1000, `errors ${brief(step.body?.errors)}`);
  });

  const kvTitle = `${RUN}-sdk-kv`;
  const kv = await sdk.kvCalls(client, ACCOUNT_ID, kvTitle);
  await check('sdk7 kv namespace create', async () => {
    const created = expectOk(stepCheck(kv, 'create'));
    expect(/^[0-9a-f]{32}$/.test(created?.id ?? '') && created.title === kvTitle, `result ${brief(created)}`);
  });
  await check('sdk7 kv namespace create duplicate title -> 400 10014', () => {
    const step = stepCheck(kv, 'create-duplicate');
    expectStatus(step, 400);
    expect(step.body?.errors?.[0]?.code === 10014, `errors ${brief(step.body?.errors)}`);
  });
  await check('sdk7 kv namespace list (paginates to an empty page)', () => {
    const list = expectOk(stepCheck(kv, 'list'));
    expect(list.some((n) => n.title === kvTitle), `list lacks ${kvTitle}`);
  });
  await check('sdk7 kv namespace get', () => {
    const got = expectOk(stepCheck(kv, 'get'));
    expect(got?.title === kvTitle, `result ${brief(got)}`);
  });
  await check('sdk7 kv namespace delete', async () => {
    expectOk(stepCheck(kv, 'delete'));
    expect(!findKv(await state(), kvTitle), `${kvTitle} still in emulator state`);
    expectStatus(stepCheck(kv, 'get-after-delete'), 404);
  });

  const dbName = `${RUN}-sdk-db`;
  const d1 = await sdk.d1Calls(client, ACCOUNT_ID, dbName);
  await check('sdk7 d1 create', () => {
    const created = expectOk(stepCheck(d1, 'create'));
    expect(created?.name === dbName && /^[0-9a-f-]{36}$/.test(created.uuid ?? ''), `result ${brief(created)}`);
  });
  await check('sdk7 d1 list (name filter, paginates to an empty page)', () => {
    const list = expectOk(stepCheck(d1, 'list'));
    expect(list.some((d) => d.name === dbName), `list lacks ${dbName}: ${brief(list)}`);
  });
  await check('sdk7 d1 create duplicate name -> 4xx 7502', () => {
    const step = stepCheck(d1, 'create-duplicate');
    expect(!step.ok && step.status >= 400 && step.status < 500, `answered ${step.ok ? 'success' : step.status}`);
    expect(step.body?.errors?.[0]?.code === 7502, `errors ${brief(step.body?.errors)}`);
  });
  await check('sdk7 d1 get by name (wrangler resolves names this way)', () => {
    const got = expectOk(stepCheck(d1, 'get-by-name'));
    expect(got?.name === dbName, `result ${brief(got)}`);
  });
  await check('sdk7 d1 get', () => {
    const got = expectOk(stepCheck(d1, 'get'));
    expect(got?.name === dbName, `result ${brief(got)}`);
  });
  await check('sdk7 d1 delete', async () => {
    expectOk(stepCheck(d1, 'delete'));
    expect(!findD1(await state(), dbName), `${dbName} still in emulator state`);
    expectStatus(stepCheck(d1, 'get-after-delete'), 404);
  });

  const bucketName = `${RUN}-sdk-bucket`;
  const r2 = await sdk.r2Calls(client, ACCOUNT_ID, bucketName);
  await check('sdk7 r2 bucket create duplicate -> 409 10004', () => {
    const step = stepCheck(r2, 'create-duplicate');
    expectStatus(step, 409);
    expect(step.body?.errors?.[0]?.code === 10004, `errors ${brief(step.body?.errors)}`);
  });
  await check('sdk7 r2 bucket create', () => {
    const created = expectOk(stepCheck(r2, 'create'));
    expect(created?.name === bucketName, `result ${brief(created)}`);
  });
  await check('sdk7 r2 bucket list ({ buckets: [...] })', () => {
    const list = expectOk(stepCheck(r2, 'list'));
    expect(Array.isArray(list?.buckets) && list.buckets.some((b) => b.name === bucketName), `result ${brief(list)}`);
  });
  await check('sdk7 r2 bucket get', () => {
    const got = expectOk(stepCheck(r2, 'get'));
    expect(got?.name === bucketName, `result ${brief(got)}`);
  });
  await check('sdk7 r2 bucket delete', async () => {
    expectOk(stepCheck(r2, 'delete'));
    expect(!findR2(await state(), bucketName), `${bucketName} still in emulator state`);
    expectStatus(stepCheck(r2, 'get-after-delete'), 404);
  });
}

async function scriptChecks(resources) {
  const versions = sdk.sdkVersions();
  console.log(`# cloudflare ${versions.cloudflare6} (SDK 6.x) script upload against ${API_BASE}`);
  const namespace = resources.namespace;
  const scriptName = `${RUN}-sdk6-script`;
  const client6 = sdk.sdk6(API_BASE, TOKEN);
  const steps = await sdk.scriptCalls6(client6, ACCOUNT_ID, namespace, scriptName, resources);
  const uploaded = stepCheck(steps, 'upload');

  await check('sdk6 script upload (metadata + files)', () => {
    const result = expectOk(uploaded);
    expect(result?.id === scriptName, `result.id ${brief(result?.id)} != ${scriptName}`);
    expect(typeof result.etag === 'string' && result.etag.length > 0, `result has no etag: ${brief(result)}`);
    expect(typeof result.startup_time_ms === 'number', `result has no startup_time_ms: ${brief(result)}`);
  });

  await check('sdk6 get bindings (secret text not returned)', () => {
    const bindings = expectOk(stepCheck(steps, 'bindings'));
    const secret = bindings.find((b) => b.name === 'API_KEY');
    expect(secret?.type === 'secret_text' && !('text' in secret), `API_KEY binding ${brief(secret)}`);
    expectBindings({ bindings }, { kvId: resources.kvId, d1Id: resources.d1Id, bucketName: resources.bucketName, vars: { GREETING: 'hello from the sdk', TENANT: { id: 'tenant-123' } } });
  });
  await check('sdk6 script delete', async () => {
    expectOk(stepCheck(steps, 'delete'));
    expect(!findScript(await state(), namespace, scriptName), `${scriptName} still in emulator state`);
    expectStatus(stepCheck(steps, 'bindings-after-delete'), 404);
  });

  const keptName = `${RUN}-sdk6-kept`;
  const kept = await sdk.attempt('upload', () => sdk.uploadScript6(client6, ACCOUNT_ID, namespace, keptName, resources));
  await check('sdk6 uploaded script stored as sent (module, bindings, secret, tags)', async () => {
    expectOk(kept);
    const script = findScript(await state(), namespace, keptName);
    expect(script, `${keptName} not in emulator state`);
    const mainModule = `${keptName}.mjs`;
    expect(script.mainModule === mainModule, `mainModule ${brief(script.mainModule)} != ${mainModule}`);
    const expectedHash = crypto.createHash('sha256').update(sdk.WORKER_SOURCE).digest('hex');
    expect(script.contentSha256 === expectedHash, `contentSha256 ${script.contentSha256} != sha256 of the uploaded module ${expectedHash}`);
    expect((script.secretNames ?? []).includes('API_KEY'), `secretNames ${brief(script.secretNames)} lacks API_KEY`);
    expect(JSON.stringify([...(script.tags ?? [])].sort()) === JSON.stringify(['sdk6', 'tenant-123']), `tags ${brief(script.tags)}`);
    expectBindings(script, { kvId: resources.kvId, d1Id: resources.d1Id, bucketName: resources.bucketName, vars: { GREETING: 'hello from the sdk', TENANT: { id: 'tenant-123' } } });
  });

  const lifeName = `${RUN}-sdk6-life`;
  const life = await sdk.scriptLifecycle6(client6, ACCOUNT_ID, namespace, lifeName, resources, {
    snapshot: async () => findScript(await state(), namespace, lifeName),
  });
  await check('sdk6 script get', () => {
    expectOk(stepCheck(life, 'upload'));
    const got = expectOk(stepCheck(life, 'get'));
    expect(got?.dispatch_namespace === namespace && got.script, `result ${brief(got)}`);
  });
  await check('sdk6 script settings get', () => {
    const settings = expectOk(stepCheck(life, 'settings-get'));
    expect(settings?.compatibility_date === '2025-01-01', `compatibility_date ${brief(settings?.compatibility_date)}`);
    const kv = (settings.bindings ?? []).find((b) => b.name === 'KV');
    expect(kv?.namespace_id === resources.kvId, `bindings ${brief(settings.bindings)}`);
    const secret = (settings.bindings ?? []).find((b) => b.name === 'API_KEY');
    expect(secret && !('text' in secret), `secret binding in settings ${brief(secret)}`);
  });
  await check('sdk6 script settings PATCH (bindings replaced; {name,type} keeps a binding)', async () => {
    const patch = stepCheck(life, 'settings-patch');
    expectOk(patch);
    const script = patch.snapshot;
    expect(script, 'script missing right after the PATCH');
    expect(bindingNamed(script, 'GREETING')?.text === 'patched greeting', `GREETING ${brief(bindingNamed(script, 'GREETING'))}`);
    expect(bindingNamed(script, 'KV')?.namespace_id === resources.kvId, `KV ${brief(bindingNamed(script, 'KV'))}`);
    expect(!bindingNamed(script, 'TENANT'), `TENANT still bound after a PATCH without it: ${brief(bindingNamed(script, 'TENANT'))}`);
  });
  await check('sdk6 secrets put/list/get/delete', () => {
    const put = expectOk(stepCheck(life, 'secret-put'));
    expect(put?.name === 'SECOND_SECRET' && put.type === 'secret_text' && !('text' in put), `put result ${brief(put)}`);
    const list = expectOk(stepCheck(life, 'secret-list'));
    const names = list.map((s) => s.name).sort();
    expect(JSON.stringify(names) === JSON.stringify(['API_KEY', 'SECOND_SECRET']), `list ${brief(list)}`);
    expect(list.every((s) => !('text' in s)), `list leaks values: ${brief(list)}`);
    const got = expectOk(stepCheck(life, 'secret-get'));
    expect(got?.name === 'SECOND_SECRET' && !('text' in got), `get result ${brief(got)}`);
    expectOk(stepCheck(life, 'secret-delete'));
    const after = expectOk(stepCheck(life, 'secret-list-after-delete'));
    expect(!after.some((s) => s.name === 'SECOND_SECRET'), `still listed after delete: ${brief(after)}`);
  });
  await check('sdk6 tags put/list', () => {
    const put = expectOk(stepCheck(life, 'tags-put'));
    const list = expectOk(stepCheck(life, 'tags-list'));
    expect(JSON.stringify([...put].sort()) === '["plan-pro","tenant-456"]', `put result ${brief(put)}`);
    expect(JSON.stringify([...list].sort()) === '["plan-pro","tenant-456"]', `list result ${brief(list)}`);
  });
  await check('sdk6 script content get', () => {
    const content = expectOk(stepCheck(life, 'content-get'));
    expect(content.text.includes(sdk.WORKER_SOURCE.trim()), `content (${content.contentType}) lacks the module source: ${brief(content.text)}`);
  });
  await check('sdk6 re-upload with keep_bindings keeps the secret', async () => {
    expectOk(stepCheck(life, 'reupload-without-secret'));
    const script = findScript(await state(), namespace, lifeName);
    expect(script, 'script missing');
    expect((script.secretNames ?? []).includes('API_KEY'), `secretNames ${brief(script.secretNames)} lost API_KEY`);
  });

  const reads7 = await sdk.scriptReads7(sdk.sdk7(API_BASE, TOKEN), ACCOUNT_ID, namespace, keptName);
  await check('sdk7 script get/bindings/settings/secrets/tags on an uploaded script', () => {
    const got = expectOk(stepCheck(reads7, 'get'));
    expect(got?.script, `get result ${brief(got)}`);
    const bindings = expectOk(stepCheck(reads7, 'bindings'));
    expect(bindings.some((b) => b.name === 'KV' && b.namespace_id === resources.kvId), `bindings ${brief(bindings)}`);
    const settings = expectOk(stepCheck(reads7, 'settings'));
    expect(Array.isArray(settings?.bindings), `settings ${brief(settings)}`);
    const secrets = expectOk(stepCheck(reads7, 'secrets'));
    expect(secrets.some((x) => x.name === 'API_KEY') && secrets.every((x) => !('text' in x)), `secrets ${brief(secrets)}`);
    const tags = expectOk(stepCheck(reads7, 'tags'));
    expect(JSON.stringify([...tags].sort()) === '["sdk6","tenant-123"]', `tags ${brief(tags)}`);
  });
  await check('sdk7 script delete', async () => {
    expectOk(stepCheck(reads7, 'delete'));
    expect(!findScript(await state(), namespace, keptName), `${keptName} still in emulator state`);
    expectStatus(stepCheck(reads7, 'get-after-delete'), 404);
  });

  const inheritName = `${RUN}-sdk6-inherit`;
  const inheritSteps = await sdk.inheritCalls6(client6, ACCOUNT_ID, namespace, inheritName, resources);
  const afterInherit = findScript(await state(), namespace, inheritName);
  await check('sdk6 upload with inherit bindings (?bindings_inherit=strict): kept and renamed', () => {
    expectOk(stepCheck(inheritSteps, 'upload'));
    expectOk(stepCheck(inheritSteps, 'inherit'));
    expect(afterInherit, `${inheritName} not in emulator state`);
    const kv = bindingNamed(afterInherit, 'KV');
    expect(kv?.type === 'kv_namespace' && kv.namespace_id === resources.kvId, `KV after inherit ${brief(kv)}`);
    const welcome = bindingNamed(afterInherit, 'WELCOME');
    expect(welcome?.type === 'plain_text' && welcome.text === 'hello from the sdk', `WELCOME (renamed from GREETING) ${brief(welcome)}`);
    expect(!bindingNamed(afterInherit, 'GREETING'), `GREETING still bound after the rename: ${brief(afterInherit.bindings)}`);
    expect(!bindingNamed(afterInherit, 'DB'), `DB kept although neither sent nor inherited: ${brief(afterInherit.bindings)}`);
  });
  await check('sdk6 strict inherit of an unknown binding -> 400 10057, script unchanged', async () => {
    const step = stepCheck(inheritSteps, 'inherit-unresolvable');
    expectStatus(step, 400);
    expect(step.body?.errors?.some((e) => e.code === 10057), `errors ${brief(step.body?.errors)}`);
    const now = findScript(await state(), namespace, inheritName);
    expect(now?.deploymentId === afterInherit?.deploymentId, `a new version was stored despite the error`);
  });

  // SDK 7.x sends settings PATCH bracket-flattened too (`settings[bindings][][name]`, no `settings` part); the
  // real API's answer to a missing part is 10021 "could not read content for part …" (docs/emulator.md).
  const before = findScript(await state(), namespace, lifeName);
  const patch7 = await sdk.settingsEdit7(sdk.sdk7(API_BASE, TOKEN), ACCOUNT_ID, namespace, lifeName);
  await check('expected-failure: sdk7 settings PATCH is rejected (400) and the script is unchanged', async () => {
    const step = stepCheck(patch7, 'settings-patch');
    expect(!step.ok && step.status === 400, `answered ${step.ok ? `success ${brief(step.value)}` : step.status}`);
    const after = findScript(await state(), namespace, lifeName);
    expect(before && JSON.stringify(after?.bindings) === JSON.stringify(before.bindings), `bindings changed: ${brief(before?.bindings)} -> ${brief(after?.bindings)}`);
  });

  // Expected failure: SDK 7.x flattens metadata into bracket fields and loses the multipart boundary
  // (cloudflare-typescript#2799); the real API answers 400/10021, so a faithful emulator must refuse it.
  const brokenName = `${RUN}-sdk7-script`;
  const client7 = sdk.sdk7(API_BASE, TOKEN);
  const broken = await sdk.scriptUpload7(client7, ACCOUNT_ID, namespace, brokenName, resources);
  await check('expected-failure: sdk7 script upload is rejected (4xx, no script stored)', async () => {
    const step = stepCheck(broken, 'upload');
    expect(!step.ok, `emulator accepted SDK 7.x's malformed upload: ${brief(step.value)}`);
    expect(step.status >= 400 && step.status < 500, `answered ${step.status}, expected a 4xx: ${brief(step.error)}`);
    expect(!findScript(await state(), namespace, brokenName), `${brokenName} was stored despite the error`);
  });
  await check('expected-failure: sdk7 rejection is 400 with code 10021 like the real API', () => {
    const step = stepCheck(broken, 'upload');
    expect(step.status === 400 && step.body?.errors?.[0]?.code === 10021, `answered ${step.status} ${brief(step.body?.errors)}`);
  });
}

// ---------------------------------------------------------------------------------------------- faults
// The real clients' own retry logic against the emulator's fault injection (docs/emulator.md, admin API). Each fault is
// scoped by pathContains to this run's resource where the path names it, lasts one request, and is removed after.
async function admin(method, path, body) {
  const response = await fetch(`${EMULATOR_URL}/__emulator/${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(response.ok, `${method} /__emulator/${path} answered ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

async function statusCount(operation, status) {
  const counters = await admin('GET', 'counters');
  return counters?.[operation]?.byStatus?.[String(status)] ?? 0;
}

/** Injects `fault`, runs `action`, removes the fault; returns how many answers of `status` the operation counted meanwhile. */
async function withFault(fault, status, action) {
  const before = await statusCount(fault.operation, status);
  const { id } = await admin('POST', 'faults', { count: 1, probability: 1.0, ...fault });
  try {
    await action();
  } finally {
    await admin('DELETE', `faults/${id}`).catch(() => {});
  }
  return (await statusCount(fault.operation, status)) - before;
}

async function faultChecks(resources) {
  console.log(`# fault injection against the clients' retries`);
  const client = sdk.sdk7(API_BASE, TOKEN);

  await check('sdk7 retries an injected 500 on GET (kv.get) and succeeds', async () => {
    const created = await client.kv.namespaces.create({ account_id: ACCOUNT_ID, title: `${RUN}-retry-kv` });
    let got;
    const injected = await withFault({ operation: 'kv.get', pathContains: created.id, status: 500, code: 10002, message: 'injected' }, 500, async () => {
      got = await client.kv.namespaces.get(created.id, { account_id: ACCOUNT_ID });
    });
    expect(injected === 1, `kv.get counted ${injected} answers of 500, expected exactly the injected one`);
    expect(got?.id === created.id, `result after retry ${brief(got)}`);
  });

  await check('sdk7 retries an injected 429 (r2.get) and succeeds', async () => {
    const name = `${RUN}-retry-r2`;
    await client.r2.buckets.create({ account_id: ACCOUNT_ID, name });
    let got;
    const injected = await withFault({ operation: 'r2.get', pathContains: name, status: 429, code: 10100, message: 'injected' }, 429, async () => {
      got = await client.r2.buckets.get(name, { account_id: ACCOUNT_ID });
    });
    expect(injected === 1, `r2.get counted ${injected} answers of 429`);
    expect(got?.name === name, `result after retry ${brief(got)}`);
  });

  await check('sdk7 retries a dropped connection (d1.get) and succeeds', async () => {
    const db = await client.d1.database.create({ account_id: ACCOUNT_ID, name: `${RUN}-retry-db` });
    let got;
    const dropped = await withFault({ operation: 'd1.get', pathContains: db.uuid, dropConnection: true }, 0, async () => {
      got = await client.d1.database.get(db.uuid, { account_id: ACCOUNT_ID });
    });
    expect(dropped === 1, `d1.get counted ${dropped} dropped connections`);
    expect(got?.uuid === db.uuid, `result after retry ${brief(got)}`);
  });

  await check('sdk7 gives up after its retries on a persistent 503 (status surfaces)', async () => {
    const title = `${RUN}-down-kv`;
    const created = await client.kv.namespaces.create({ account_id: ACCOUNT_ID, title });
    let step;
    const answered = await withFault({ operation: 'kv.get', pathContains: created.id, status: 503, code: 10002, message: 'injected', count: null }, 503, async () => {
      step = await sdk.attempt('get', () => client.kv.namespaces.get(created.id, { account_id: ACCOUNT_ID }, { maxRetries: 1 }));
    });
    expect(!step.ok && step.status === 503, `answered ${step.ok ? 'success' : step.status}`);
    expect(answered === 2, `kv.get counted ${answered} answers of 503, expected 2 (1 try + 1 retry)`);
  });

  // wrangler wraps only some calls in retryOnAPIFailure (5xx/429/network, 3 attempts); the deploy upload is one.
  await check('wrangler deploy retries an injected 500 on the upload (scripts.upload) and succeeds', async () => {
    expect(resources.kvId && resources.d1Id, 'KV/D1 creation failed earlier; nothing to bind');
    const sandbox = makeSandbox('wfp-check-fault-');
    const env = wranglerEnv({ apiBase: API_BASE, token: TOKEN, accountId: ACCOUNT_ID, sandbox });
    const worker = `${RUN}-retry-worker`;
    const project = path.join(sandbox.root, 'project');
    prepareFixture(project, { name: worker, kvId: resources.kvId, d1Id: resources.d1Id, d1Name: resources.d1Name, bucketName: resources.bucketName });
    let result;
    const injected = await withFault({ operation: 'scripts.upload', pathContains: worker, status: 500, code: 10002, message: 'injected' }, 500, async () => {
      result = await runWrangler(['deploy', '--dispatch-namespace', resources.namespace], { cwd: project, env });
    });
    fs.rmSync(sandbox.root, { recursive: true, force: true });
    expect(injected === 1, `scripts.upload counted ${injected} answers of 500`);
    expect(result.code === 0, wranglerOutput(result));
    expect(findScript(await state(), resources.namespace, worker), `${worker} not stored after the retried upload`);
  });
}

// ---------------------------------------------------------------------------------------------- main
if (await preflight()) {
  const resources = await wranglerChecks();
  await sdk7Checks();
  if (resources.kvId && resources.d1Id) await scriptChecks(resources);
  else fail('sdk6 script checks', 'skipped: wrangler could not create the KV namespace / D1 database they bind to');
  await faultChecks(resources);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
