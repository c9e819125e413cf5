// The end-of-run checks. Each returns a list of violations (strings); the run fails when any list is non-empty.
import { expectation, secretBindingName } from './plan.mjs';

const terminal = { Active: true, Failed: true, Deprovisioned: true };

/** Every command ended in exactly one outcome, the sender and the command store agree on it, nothing is stuck. */
export function checkOutcomes(commands, storeRows) {
  const violations = [];
  const store = new Map(storeRows.map(r => [r.CommandId, r]));
  for (const [commandId, c] of commands) {
    const types = new Set(c.outcomes.map(o => o.type));
    if (types.size === 0) violations.push(`${c.queue} ${commandId} (${c.tenantId}) got no outcome`);
    if (types.size > 1) violations.push(`${c.queue} ${commandId} (${c.tenantId}) got different outcomes: ${[...types].join(', ')}`);
    const row = store.get(commandId);
    if (!row) violations.push(`${commandId} is not in the command store`);
    else if (!row.EndedAt || !row.OutcomeType) violations.push(`${commandId} is ${row.Status} in the command store, not ended`);
    else if (types.size === 1 && !types.has(row.OutcomeType)) violations.push(`${commandId}: the store says ${row.OutcomeType}, the sender heard ${[...types][0]}`);
  }
  for (const row of storeRows) {
    if (!commands.has(row.CommandId)) violations.push(`the command store has ${row.CommandId} (${row.TenantId}) that nobody sent`);
  }
  return violations;
}

/** Every tenant is in a terminal state that matches its outcomes and what the emulator holds; bindings and code. */
export function checkTenants(tenants, done, sagas, scripts, kvByTitle, d1ByName) {
  const violations = [];
  for (const tenant of tenants) {
    const id = tenant.tenantId;
    const outcomes = done.get(id);
    const saga = sagas.get(id);
    const expected = expectation(tenant, outcomes);
    const wantState = outcomes.includes('TenantDeprovisioned') ? 'Deprovisioned' : outcomes[0] === 'TenantProvisioned' ? 'Active' : 'Failed';
    const state = saga?.CurrentState ?? '(none)';
    if (!terminal[state] && !(state === '(none)' && wantState === 'Deprovisioned')) violations.push(`${id} is ${state}, not terminal`);
    else if (saga && state !== wantState) violations.push(`${id} is ${state}, its outcomes (${outcomes.join(', ')}) say ${wantState}`);
    const script = saga?.ScriptName ? scripts.get(saga.ScriptName) : undefined;
    for (const [binding, list] of [['cache', kvByTitle], ['sessions', kvByTitle], ['db', d1ByName]]) {
      const found = list.get(`wfp-${id}-${binding}`) ?? [];
      const want = expected.exists && [...expected.kv, ...expected.d1].map(b => b.toLowerCase()).includes(binding) ? 1 : 0;
      if (found.length !== want) violations.push(`${id}: the emulator holds ${found.length} of wfp-${id}-${binding}, expected ${want}`);
    }
    if (!expected.exists) {
      if (script) violations.push(`${id}: script ${saga.ScriptName} still exists`);
      continue;
    }
    if (!script) {
      violations.push(`${id}: script ${saga?.ScriptName ?? '(no name)'} is missing`);
      continue;
    }
    violations.push(...checkScript(tenant, expected, script, kvByTitle, d1ByName));
  }
  return violations;
}

function checkScript(tenant, expected, script, kvByTitle, d1ByName) {
  const id = tenant.tenantId;
  const violations = [];
  const names = script.bindings.map(b => b.name).sort();
  if (names.join(',') !== expected.bindings.join(',')) violations.push(`${id}: script binds ${names.join(',')}, expected ${expected.bindings.join(',')}`);
  if (script.contentSha256 !== expected.codeSha256) violations.push(`${id}: script runs other code than its latest deploy`);
  for (const binding of script.bindings) {
    if (binding.type === 'kv_namespace') {
      const kv = kvByTitle.get(`wfp-${id}-${binding.name.toLowerCase()}`)?.[0];
      if (!kv || kv.id !== binding.namespace_id) violations.push(`${id}: ${binding.name} points to ${binding.namespace_id}, not its own KV namespace`);
    } else if (binding.type === 'd1') {
      const d1 = d1ByName.get(`wfp-${id}-${binding.name.toLowerCase()}`)?.[0];
      if (!d1 || d1.uuid !== binding.database_id) violations.push(`${id}: ${binding.name} points to ${binding.database_id}, not its own D1 database`);
    } else if (binding.name === secretBindingName && (binding.type !== 'secret_text' || binding.text !== tenant.secret)) {
      violations.push(`${id}: ${secretBindingName} is not its own secret`);
    }
  }
  return violations;
}

/** Nothing in the emulator that no live tenant owns; no ledger entry the emulator lacks. */
export function checkLedger(account, ledger, sagas) {
  const violations = [];
  const live = new Set([...sagas.values()].filter(s => s.CurrentState !== 'Deprovisioned').map(s => s.ScriptName));
  for (const script of account.scripts) {
    if (!live.has(script.name)) violations.push(`orphaned script ${script.name}`);
  }
  const ids = new Map([...account.kvNamespaces.map(k => [k.id, k.title]), ...account.d1Databases.map(d => [d.uuid, d.name])]);
  for (const row of ledger.filter(r => r.State === 'Created')) {
    if (ids.get(row.CloudflareId) !== row.Name) violations.push(`ledger entry ${row.ResourceType} ${row.Name} (${row.CloudflareId}) is missing from the emulator`);
  }
  // A resource the ledger still tracks (Creating, Created, or Deleting after a failed compensation) is known, not
  // orphaned; the tenant check reports a tenant that was left that way.
  const known = new Set(ledger.filter(r => r.State !== 'Deleted').map(r => r.CloudflareId));
  for (const [id, name] of ids) {
    if (!known.has(id)) violations.push(`orphaned resource ${name} (${id}): no ledger entry tracks it`);
  }
  return violations;
}

/** No tenant's secret value and no API token in any text given (log files, _error messages, the database). */
export function checkSecrets(sources, tenants, token) {
  const violations = [];
  for (const { name, text } of sources) {
    if (text.includes(token)) violations.push(`the API token appears in ${name}`);
    const leaked = tenants.filter(t => text.includes(t.secret));
    if (leaked.length > 0) violations.push(`${leaked.length} tenant secret value(s) appear in ${name} (e.g. ${leaked[0].tenantId})`);
  }
  return violations;
}

export function groupBy(list, key) {
  const map = new Map();
  for (const item of list) map.set(item[key], [...(map.get(item[key]) ?? []), item]);
  return map;
}
