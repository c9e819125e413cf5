// What every tenant goes through: provision (KV + D1 + a plain-text var + a secret with its own random value, code
// v1), attach one KV namespace, deploy code v2, and for a share of tenants deprovision. The expected end state of each
// tenant follows from the outcomes its commands get.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const secretBindingName = 'API_KEY';

export function code(tenantId, version) {
  return `export default { fetch() { return new Response('${tenantId} ${version}'); } };`;
}

export const sha256 = text => createHash('sha256').update(text, 'utf8').digest('hex');

export function makePlan(options, random) {
  const run = randomBytes(3).toString('hex');
  const tenants = [];
  for (let i = 1; i <= options.tenants; i++) {
    const tenantId = `chaos-${run}-${i}`;
    tenants.push({
      tenantId,
      // The secret is random per run (crypto), never seeded: the scan must not find a value it could guess.
      secret: `sv-${randomBytes(16).toString('hex')}`,
      deprovision: random.next() < options.deprovisionShare,
    });
  }
  return tenants;
}

/** The command after `done` (the outcome types so far), or null when the tenant's lifecycle is over. */
export function nextCommand(tenant, done) {
  const last = done.at(-1);
  const step = done.length;
  if (step > 0 && !['TenantProvisioned', 'BindingAttached', 'ScriptDeployed'].includes(last)) return null;
  const base = { commandId: randomUUID(), tenantId: tenant.tenantId };
  switch (step) {
    case 0:
      return { queue: 'provision-tenant', body: { ...base,
        resources: [{ bindingName: 'CACHE', type: 'kv_namespace' }, { bindingName: 'DB', type: 'd1' }],
        bindings: [{ name: 'MODE', type: 'plain_text', text: 'chaos' }, { name: secretBindingName, type: 'secret_text', text: tenant.secret }],
        script: { mainModule: 'index.js', modules: [{ name: 'index.js', content: code(tenant.tenantId, 'v1') }] } } };
    case 1:
      return { queue: 'attach-binding', body: { ...base, resource: { bindingName: 'SESSIONS', type: 'kv_namespace' } } };
    case 2:
      return { queue: 'deploy-script', body: { ...base, script: { mainModule: 'index.js', modules: [{ name: 'index.js', content: code(tenant.tenantId, 'v2') }] } } };
    case 3:
      return tenant.deprovision ? { queue: 'deprovision-tenant', body: base } : null;
    default:
      return null;
  }
}

/** What the emulator should hold for a tenant whose commands got `outcomes` (outcome types, in order). */
export function expectation(tenant, outcomes) {
  if (outcomes[0] !== 'TenantProvisioned' || outcomes.includes('TenantDeprovisioned')) {
    return { exists: false };
  }
  const attached = outcomes.includes('BindingAttached');
  return {
    exists: true,
    kv: attached ? ['CACHE', 'SESSIONS'] : ['CACHE'],
    d1: ['DB'],
    bindings: ['CACHE', 'DB', 'MODE', secretBindingName, ...(attached ? ['SESSIONS'] : [])].sort(),
    codeSha256: sha256(code(tenant.tenantId, outcomes.includes('ScriptDeployed') ? 'v2' : 'v1')),
  };
}
