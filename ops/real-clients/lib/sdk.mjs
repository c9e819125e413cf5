// The official cloudflare npm SDK, two majors: 7.x for resources, 6.x for script uploads (7.x's multipart
// upload is broken upstream, cloudflare-typescript#2799). Both read CLOUDFLARE_BASE_URL and
// CLOUDFLARE_API_TOKEN from the environment, exactly as a user's program would.

import Cloudflare7 from 'cloudflare7';
import Cloudflare6 from 'cloudflare6';
import { toFile as toFile6 } from 'cloudflare6/uploads';
import fs from 'node:fs';
import path from 'node:path';
import { HERE } from './wrangler.mjs';

export function sdkVersions() {
  const read = (name) => JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', name, 'package.json'), 'utf8')).version;
  return { cloudflare7: read('cloudflare7'), cloudflare6: read('cloudflare6') };
}

function withEnv(apiBase, token, create) {
  const saved = { base: process.env.CLOUDFLARE_BASE_URL, token: process.env.CLOUDFLARE_API_TOKEN };
  process.env.CLOUDFLARE_BASE_URL = apiBase;
  process.env.CLOUDFLARE_API_TOKEN = token;
  try {
    return create();
  } finally {
    restore('CLOUDFLARE_BASE_URL', saved.base);
    restore('CLOUDFLARE_API_TOKEN', saved.token);
  }
}

function restore(name, value) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

export function sdk7(apiBase, token) {
  return withEnv(apiBase, token, () => new Cloudflare7());
}

export function sdk6(apiBase, token) {
  return withEnv(apiBase, token, () => new Cloudflare6());
}

/** Runs one SDK call; never throws, so a capture or check can go on and report. */
export async function attempt(label, call) {
  try {
    const value = await call();
    return { label, ok: true, value };
  } catch (error) {
    return { label, ok: false, status: error?.status, error: error?.message ?? String(error), body: error?.error };
  }
}

async function collect(pagePromise) {
  const items = [];
  for await (const item of pagePromise) items.push(item);
  return items;
}

export const WORKER_SOURCE = `export default {
  async fetch(request, env) {
    return new Response(env.GREETING + " from " + env.TENANT.id);
  },
};
`;

export function uploadMetadata({ mainModule, kvId, d1Id, bucketName }) {
  return {
    main_module: mainModule,
    compatibility_date: '2025-01-01',
    tags: ['tenant-123', 'sdk6'],
    bindings: [
      { type: 'plain_text', name: 'GREETING', text: 'hello from the sdk' },
      { type: 'json', name: 'TENANT', json: { id: 'tenant-123' } },
      { type: 'secret_text', name: 'API_KEY', text: 'not-a-real-secret' },
      { type: 'kv_namespace', name: 'KV', namespace_id: kvId },
      { type: 'd1', name: 'DB', id: d1Id },
      { type: 'r2_bucket', name: 'BUCKET', bucket_name: bucketName },
    ],
    keep_bindings: ['secret_text', 'secret_key'],
  };
}

/** Dispatch namespace create/list/get/delete with SDK 7.x. */
export async function dispatchNamespaceCalls(client, accountId, name) {
  const ns = client.workersForPlatforms.dispatch.namespaces;
  return [
    await attempt('create', () => ns.create({ account_id: accountId, name })),
    await attempt('list', () => collect(ns.list({ account_id: accountId }))),
    await attempt('get', () => ns.get(name, { account_id: accountId })),
    await attempt('delete', () => ns.delete(name, { account_id: accountId })),
    await attempt('get-after-delete', () => ns.get(name, { account_id: accountId })),
  ];
}

/** How a program without an account id finds one with SDK 7.x, and token verification (also with a wrong token). */
export async function accountDiscoveryCalls(client, stranger, accountId) {
  return [
    await attempt('accounts-list', () => collect(client.accounts.list())),
    await attempt('accounts-get', () => client.accounts.get({ account_id: accountId })),
    await attempt('memberships-list', () => collect(client.memberships.list())),
    await attempt('tokens-verify', () => client.user.tokens.verify()),
    await attempt('tokens-verify-wrong-token', () => stranger.user.tokens.verify({ maxRetries: 0 })),
  ];
}

/** KV namespace create/list/get/delete with SDK 7.x; the id comes from the create result. */
export async function kvCalls(client, accountId, title) {
  const kv = client.kv.namespaces;
  const created = await attempt('create', () => kv.create({ account_id: accountId, title }));
  const id = created.value?.id;
  return [
    created,
    await attempt('create-duplicate', () => kv.create({ account_id: accountId, title })),
    await attempt('list', () => collect(kv.list({ account_id: accountId, per_page: 20 }))),
    await attempt('get', () => kv.get(id, { account_id: accountId })),
    await attempt('delete', () => kv.delete(id, { account_id: accountId })),
    await attempt('get-after-delete', () => kv.get(id, { account_id: accountId })),
  ];
}

/** D1 create/list/get/delete with SDK 7.x. */
export async function d1Calls(client, accountId, name) {
  const d1 = client.d1.database;
  const created = await attempt('create', () => d1.create({ account_id: accountId, name, primary_location_hint: 'weur' }));
  const id = created.value?.uuid;
  return [
    created,
    await attempt('create-duplicate', () => d1.create({ account_id: accountId, name }, { maxRetries: 0 })),
    await attempt('get-by-name', () => d1.get(name, { account_id: accountId })),
    await attempt('list', () => collect(d1.list({ account_id: accountId, name }))),
    await attempt('get', () => d1.get(id, { account_id: accountId })),
    await attempt('delete', () => d1.delete(id, { account_id: accountId })),
    await attempt('get-after-delete', () => d1.get(id, { account_id: accountId })),
  ];
}

/** R2 create/list/get/delete with SDK 7.x (the list result is { buckets: [...] }, not paginated). */
export async function r2Calls(client, accountId, name) {
  const r2 = client.r2.buckets;
  return [
    await attempt('create', () => r2.create({ account_id: accountId, name, locationHint: 'weur' })),
    // The real API answers 409 here, which the SDK retries; no retries keeps the run short.
    await attempt('create-duplicate', () => r2.create({ account_id: accountId, name }, { maxRetries: 0 })),
    await attempt('list', () => r2.list({ account_id: accountId })),
    await attempt('get', () => r2.get(name, { account_id: accountId })),
    await attempt('delete', () => r2.delete(name, { account_id: accountId })),
    await attempt('get-after-delete', () => r2.get(name, { account_id: accountId })),
  ];
}

/** One script upload (metadata + one ES module in a `files` part) with SDK 6.x, the way the WfP docs show it. */
export async function uploadScript6(client, accountId, namespace, scriptName, resources) {
  const mainModule = `${scriptName}.mjs`;
  const file = await toFile6(Buffer.from(WORKER_SOURCE), mainModule, { type: 'application/javascript+module' });
  return client.workersForPlatforms.dispatch.namespaces.scripts.update(namespace, scriptName, {
    account_id: accountId,
    metadata: uploadMetadata({ mainModule, ...resources }),
    files: [file],
  });
}

/** Script upload, get bindings, delete with SDK 6.x. */
export async function scriptCalls6(client, accountId, namespace, scriptName, resources) {
  const scripts = client.workersForPlatforms.dispatch.namespaces.scripts;
  return [
    await attempt('upload', () => uploadScript6(client, accountId, namespace, scriptName, resources)),
    await attempt('bindings', () => collect(scripts.bindings.get(namespace, scriptName, { account_id: accountId }))),
    await attempt('delete', () => scripts.delete(namespace, scriptName, { account_id: accountId })),
    await attempt('bindings-after-delete', () => collect(scripts.bindings.get(namespace, scriptName, { account_id: accountId }))),
  ];
}

/** The same upload with SDK 7.x: known broken upstream; a faithful emulator must reject it. */
export async function scriptUpload7(client, accountId, namespace, scriptName, resources) {
  const scripts = client.workersForPlatforms.dispatch.namespaces.scripts;
  const mainModule = `${scriptName}.mjs`;
  const file = new File([WORKER_SOURCE], mainModule, { type: 'application/javascript+module' });
  return [
    await attempt('upload', () =>
      scripts.update(scriptName, {
        account_id: accountId,
        dispatch_namespace: namespace,
        metadata: uploadMetadata({ mainModule, ...resources }),
        files: [file],
      }, { maxRetries: 0 })),
  ];
}

/**
 * The rest of a script's life with SDK 6.x: get, settings get/PATCH, secrets put/list/get/delete, tags put/list,
 * content get, and a re-upload that no longer carries the secret binding. The script is left in place.
 * `snapshot` (optional) is awaited right after the settings PATCH; its value is kept on that step.
 */
export async function scriptLifecycle6(client, accountId, namespace, scriptName, resources, { snapshot } = {}) {
  const scripts = client.workersForPlatforms.dispatch.namespaces.scripts;
  const params = { account_id: accountId };
  const steps = [await attempt('upload', () => uploadScript6(client, accountId, namespace, scriptName, resources))];
  steps.push(await attempt('get', () => scripts.get(namespace, scriptName, params)));
  steps.push(await attempt('settings-get', () => scripts.settings.get(namespace, scriptName, params)));
  // Reference §2.2: `bindings` in a settings PATCH replaces the list; {name, type} alone keeps an existing binding.
  steps.push(await attempt('settings-patch', () =>
    scripts.settings.edit(namespace, scriptName, {
      ...params,
      settings: {
        bindings: [
          { name: 'KV', type: 'kv_namespace' },
          { name: 'DB', type: 'd1' },
          { name: 'BUCKET', type: 'r2_bucket' },
          { name: 'API_KEY', type: 'secret_text' },
          { name: 'GREETING', type: 'plain_text', text: 'patched greeting' },
        ],
      },
    })));
  // Later steps change the script again, so whoever checks the PATCH needs the state as it was right after it.
  if (snapshot) steps.at(-1).snapshot = await snapshot();
  steps.push(await attempt('secret-put', () =>
    scripts.secrets.update(namespace, scriptName, { ...params, name: 'SECOND_SECRET', type: 'secret_text', text: 'another-fake-value' })));
  steps.push(await attempt('secret-list', () => collect(scripts.secrets.list(namespace, scriptName, params))));
  steps.push(await attempt('secret-get', () => scripts.secrets.get(namespace, scriptName, 'SECOND_SECRET', params)));
  steps.push(await attempt('secret-delete', () => scripts.secrets.delete(namespace, scriptName, 'SECOND_SECRET', params)));
  steps.push(await attempt('secret-list-after-delete', () => collect(scripts.secrets.list(namespace, scriptName, params))));
  steps.push(await attempt('tags-put', () => collect(scripts.tags.update(namespace, scriptName, { ...params, body: ['plan-pro', 'tenant-456'] }))));
  steps.push(await attempt('tags-list', () => collect(scripts.tags.list(namespace, scriptName, params))));
  steps.push(await attempt('content-get', async () => {
    const response = await scripts.content.get(namespace, scriptName, params);
    return { contentType: response.headers.get('content-type'), text: await response.text() };
  }));
  // Re-upload without the secret binding; keep_bindings asks the API to carry secrets over.
  steps.push(await attempt('reupload-without-secret', async () => {
    const mainModule = `${scriptName}.mjs`;
    const metadata = uploadMetadata({ mainModule, ...resources });
    metadata.bindings = metadata.bindings.filter((b) => b.type !== 'secret_text');
    const file = await toFile6(Buffer.from(WORKER_SOURCE), mainModule, { type: 'application/javascript+module' });
    return scripts.update(namespace, scriptName, { ...params, metadata, files: [file] });
  }));
  return steps;
}

/** Script reads and delete with SDK 7.x (its JSON calls work; only its multipart ones are broken). */
export async function scriptReads7(client, accountId, namespace, scriptName) {
  const scripts = client.workersForPlatforms.dispatch.namespaces.scripts;
  const params = { account_id: accountId, dispatch_namespace: namespace };
  return [
    await attempt('get', () => scripts.get(scriptName, params)),
    await attempt('bindings', () => collect(scripts.bindings.get(scriptName, params))),
    await attempt('settings', () => scripts.settings.get(scriptName, params)),
    await attempt('secrets', () => collect(scripts.secrets.list(scriptName, params))),
    await attempt('tags', () => collect(scripts.tags.list(scriptName, params))),
    await attempt('delete', () => scripts.delete(scriptName, params)),
    await attempt('get-after-delete', () => scripts.get(scriptName, params)),
  ];
}

/** SDK 7.x settings PATCH: multipart again, bracket-flattened (`settings[bindings][][name]`); recorded, not judged. */
export async function settingsEdit7(client, accountId, namespace, scriptName) {
  const scripts = client.workersForPlatforms.dispatch.namespaces.scripts;
  return [
    await attempt('settings-patch', () =>
      scripts.settings.edit(scriptName, {
        account_id: accountId,
        dispatch_namespace: namespace,
        settings: { bindings: [{ name: 'GREETING', type: 'plain_text', text: 'from sdk7' }] },
      }, { maxRetries: 0 })),
  ];
}

/**
 * Upload, then re-upload with `inherit` bindings and `?bindings_inherit=strict` (SDK 6.x): KV inherited as is,
 * GREETING renamed from old_name, and finally one unresolvable inherit that strict mode must refuse (10057).
 */
export async function inheritCalls6(client, accountId, namespace, scriptName, resources) {
  const scripts = client.workersForPlatforms.dispatch.namespaces.scripts;
  const mainModule = `${scriptName}.mjs`;
  const upload = async (bindings) => {
    const file = await toFile6(Buffer.from(WORKER_SOURCE), mainModule, { type: 'application/javascript+module' });
    const metadata = { ...uploadMetadata({ mainModule, ...resources }), bindings };
    return scripts.update(namespace, scriptName, { account_id: accountId, bindings_inherit: 'strict', metadata, files: [file] }, { maxRetries: 0 });
  };
  const first = uploadMetadata({ mainModule, ...resources }).bindings;
  return [
    await attempt('upload', () => upload(first)),
    await attempt('inherit', () =>
      upload([
        { type: 'inherit', name: 'KV' },
        { type: 'inherit', name: 'WELCOME', old_name: 'GREETING' },
        { type: 'json', name: 'TENANT', json: { id: 'tenant-123' } },
      ])),
    await attempt('inherit-unresolvable', () => upload([{ type: 'inherit', name: 'NEVER_BOUND' }, { type: 'json', name: 'TENANT', json: {} }])),
  ];
}
