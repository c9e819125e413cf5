// The invariant checks catch what they are for (run: ops/chaos/run.sh --self-test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOutcomes, checkTenants, checkLedger, checkSecrets, groupBy } from '../lib/invariants.mjs';
import { code, sha256 } from '../lib/plan.mjs';
import { parseArgs, UsageError } from '../lib/args.mjs';

const command = (outcomes, tenantId = 't1') => ({ tenantId, queue: 'provision-tenant', outcomes: outcomes.map(type => ({ type, at: 0 })) });
const row = (id, outcome) => ({ CommandId: id, TenantId: 't1', Status: 'Succeeded', OutcomeType: outcome, EndedAt: new Date() });

test('two different outcomes for one commandId are a violation, the same one twice is not', () => {
  const ok = new Map([['a', command(['TenantProvisioned', 'TenantProvisioned'])]]);
  assert.deepEqual(checkOutcomes(ok, [row('a', 'TenantProvisioned')]), []);
  const twice = new Map([['a', command(['TenantProvisioned', 'TenantProvisioningFailed'])]]);
  assert.match(checkOutcomes(twice, [row('a', 'TenantProvisioned')])[0], /different outcomes/);
});

test('a command without outcome, not ended in the store, or unknown to the sender is a violation', () => {
  assert.match(checkOutcomes(new Map([['a', command([])]]), [row('a', 'TenantProvisioned')])[0], /no outcome/);
  assert.match(checkOutcomes(new Map([['a', command(['TenantProvisioned'])]]), [{ ...row('a', null), EndedAt: null, Status: 'Running' }])[0], /not ended/);
  assert.match(checkOutcomes(new Map(), [row('b', 'TenantProvisioned')])[0], /nobody sent/);
});

const tenant = { tenantId: 't1', secret: 'sv-1' };
const script = bindings => ({ name: 't1', contentSha256: sha256(code('t1', 'v2')), bindings });
const goodBindings = [
  { name: 'CACHE', type: 'kv_namespace', namespace_id: 'k1' }, { name: 'DB', type: 'd1', database_id: 'd1' },
  { name: 'MODE', type: 'plain_text', text: 'chaos' }, { name: 'API_KEY', type: 'secret_text', text: 'sv-1' },
  { name: 'SESSIONS', type: 'kv_namespace', namespace_id: 'k2' },
];
const kv = groupBy([{ id: 'k1', title: 'wfp-t1-cache' }, { id: 'k2', title: 'wfp-t1-sessions' }], 'title');
const d1 = groupBy([{ uuid: 'd1', name: 'wfp-t1-db' }], 'name');
const done = new Map([['t1', ['TenantProvisioned', 'BindingAttached', 'ScriptDeployed']]]);
const active = new Map([['t1', { CurrentState: 'Active', ScriptName: 't1' }]]);

test('a tenant matching its outcomes and the emulator passes', () => {
  assert.deepEqual(checkTenants([tenant], done, active, new Map([['t1', script(goodBindings)]]), kv, d1), []);
});

test('a non-terminal tenant, a missing binding, old code, a foreign secret or a duplicate are violations', () => {
  const compensating = new Map([['t1', { CurrentState: 'CompensationFailed', ScriptName: 't1' }]]);
  assert.match(checkTenants([tenant], done, compensating, new Map([['t1', script(goodBindings)]]), kv, d1)[0], /not terminal/);
  assert.match(checkTenants([tenant], done, active, new Map([['t1', script(goodBindings.slice(0, 4))]]), kv, d1).join(), /script binds/);
  const old = { ...script(goodBindings), contentSha256: sha256(code('t1', 'v1')) };
  assert.match(checkTenants([tenant], done, active, new Map([['t1', old]]), kv, d1).join(), /other code/);
  const foreign = goodBindings.map(b => (b.name === 'API_KEY' ? { ...b, text: 'sv-2' } : b));
  assert.match(checkTenants([tenant], done, active, new Map([['t1', script(foreign)]]), kv, d1).join(), /not its own secret/);
  const twice = groupBy([{ id: 'k1', title: 'wfp-t1-cache' }, { id: 'k3', title: 'wfp-t1-cache' }, { id: 'k2', title: 'wfp-t1-sessions' }], 'title');
  assert.match(checkTenants([tenant], done, active, new Map([['t1', script(goodBindings)]]), twice, d1).join(), /holds 2 of wfp-t1-cache/);
});

test('an untracked resource is orphaned; a Created ledger entry the emulator lacks is missing', () => {
  const account = { scripts: [{ name: 't1' }], kvNamespaces: [{ id: 'k1', title: 'wfp-t1-cache' }, { id: 'k9', title: 'wfp-x-cache' }], d1Databases: [] };
  const ledger = [{ ResourceType: 'kv_namespace', Name: 'wfp-t1-cache', CloudflareId: 'k1', State: 'Created' },
    { ResourceType: 'd1', Name: 'wfp-t1-db', CloudflareId: 'd1', State: 'Created' }];
  const violations = checkLedger(account, ledger, active);
  assert.equal(violations.length, 2);
  assert.match(violations.join(), /wfp-t1-db \(d1\) is missing/);
  assert.match(violations.join(), /orphaned resource wfp-x-cache/);
  assert.match(checkLedger({ ...account, scripts: [{ name: 'gone' }] }, ledger, active).join(), /orphaned script gone/);
});

test('a secret value or the token anywhere is a violation', () => {
  assert.deepEqual(checkSecrets([{ name: 'log', text: 'nothing here' }], [tenant], 'tok'), []);
  assert.match(checkSecrets([{ name: 'log', text: 'value sv-1 leaked' }], [tenant], 'tok')[0], /secret value/);
  assert.match(checkSecrets([{ name: 'db', text: 'Bearer tok' }], [tenant], 'tok')[0], /API token appears in db/);
});

test('bad arguments are refused with a clear message', () => {
  assert.throws(() => parseArgs(['--tenants', '0']), UsageError);
  assert.throws(() => parseArgs(['--kills', '2', '--replicas', '1']), /at least 2 --replicas/);
  assert.throws(() => parseArgs(['--bogus', '1']), /unknown argument/);
  assert.equal(parseArgs(['--tenants', '500']).tenants, 500);
});

test('kill-to-outcome counts only commands published before a kill and ended after it', async () => {
  const { afterKillSeconds } = await import('../lib/report.mjs');
  const c = (sent, outcome) => ({ firstSentAt: sent, outcomes: outcome === undefined ? [] : [{ type: 'TenantProvisioned', at: outcome }] });
  const commands = [c(0, 500), c(0, 3000), c(1500, 2000), c(0, undefined), c(900, 1100)];
  assert.deepEqual(afterKillSeconds(commands, [1000]), [2, 0.1]);
  assert.deepEqual(afterKillSeconds(commands, [1000, 2500]), [2, 0.1, 0.5]);
  assert.deepEqual(afterKillSeconds(commands, []), []);
});
