// Capture server: pretends to be api.cloudflare.com/client/v4 just well enough that wrangler and the
// cloudflare SDK complete their calls, and records every request exactly as it arrived (minus credentials).
//
// Standalone:  node capture-server.mjs [--port 8788] [--out captures.jsonl]
// As a module: const server = await startCaptureServer({ port: 0 }); server.requests; await server.close();

import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { parseMultipart } from './lib/multipart.mjs';

const SECRET_HEADERS = new Set(['authorization', 'x-auth-key', 'x-auth-email', 'x-auth-user-service-key', 'cookie']);
const API_PREFIX = '/client/v4';

function envelope(result, extra = {}) {
  return { success: true, errors: [], messages: [], result, ...extra };
}

function failure(code, message) {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

function isPrintable(buffer) {
  const text = buffer.toString('utf8');
  return !text.includes('\uFFFD') && !/[\x00-\x08\x0E-\x1F]/.test(text);
}

/** Body as recorded in a capture: utf8 text when it is text, base64 otherwise. */
export function describeBody(buffer) {
  if (buffer.length === 0) return { encoding: 'none', length: 0 };
  if (isPrintable(buffer)) return { encoding: 'utf8', length: buffer.length, text: buffer.toString('utf8') };
  return { encoding: 'base64', length: buffer.length, base64: buffer.toString('base64') };
}

function describeParts(body, contentType) {
  const parts = parseMultipart(body, contentType);
  if (!parts) return undefined;
  return parts.map((part) => ({
    name: part.name,
    filename: part.filename,
    contentType: part.contentType,
    headers: part.headers,
    length: part.body.length,
    text: isPrintable(part.body) ? part.body.toString('utf8') : undefined,
  }));
}

function nowIso() {
  return new Date().toISOString();
}

function hex32() {
  return crypto.randomBytes(16).toString('hex');
}

/** Minimal in-memory model so that list/get after create answer consistently. */
class FakeAccount {
  namespaces = new Map();
  scripts = new Map(); // `${ns}/${script}` -> { metadata, parts }
  kv = new Map();
  d1 = new Map();
  r2 = new Map();
}

function metadataOf(parts) {
  return metadataOfPart(parts, 'metadata');
}

function metadataOfPart(parts, partName) {
  const metadataPart = parts?.find((p) => p.name === partName);
  if (!metadataPart) return null;
  try {
    return JSON.parse(metadataPart.body.toString('utf8'));
  } catch {
    return null;
  }
}

function handle(accounts, method, path, query, body, headers) {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  // Only /accounts/{a}/... carries state; anything else is answered generically below.
  if (segments[0] === 'accounts' && segments.length >= 2) {
    const accountId = segments[1];
    if (!accounts.has(accountId)) accounts.set(accountId, new FakeAccount());
    const account = accounts.get(accountId);
    const rest = segments.slice(2);
    const json = () => {
      try {
        return JSON.parse(body.toString('utf8') || '{}');
      } catch {
        return {};
      }
    };

    // Dispatch namespaces and their scripts.
    if (rest[0] === 'workers' && rest[1] === 'dispatch' && rest[2] === 'namespaces') {
      const nsName = rest[3];
      if (nsName === undefined) {
        if (method === 'POST') {
          const name = json().name ?? `ns-${hex32().slice(0, 8)}`;
          const ns = {
            namespace_id: crypto.randomUUID(),
            namespace_name: name,
            created_on: nowIso(),
            created_by: accountId,
            modified_on: nowIso(),
            modified_by: accountId,
            script_count: 0,
            trusted_workers: false,
          };
          account.namespaces.set(name, ns);
          return [200, envelope(ns)];
        }
        if (method === 'GET') return [200, envelope([...account.namespaces.values()])];
      } else if (rest[4] === undefined) {
        const ns = account.namespaces.get(nsName);
        if (method === 'GET') return ns ? [200, envelope(ns)] : [404, failure(100119, 'Dispatch namespace not found')];
        if (method === 'DELETE') {
          account.namespaces.delete(nsName);
          return [200, envelope(null)];
        }
        if (method === 'PUT') {
          const renamed = { ...(ns ?? {}), namespace_name: json().name ?? nsName, modified_on: nowIso() };
          account.namespaces.delete(nsName);
          account.namespaces.set(renamed.namespace_name, renamed);
          return [200, envelope(renamed)];
        }
      } else if (rest[4] === 'scripts' && rest[5] !== undefined) {
        const key = `${nsName}/${rest[5]}`;
        const sub = rest[6];
        if (sub === undefined && method === 'PUT') {
          const parts = parseMultipart(body, headers['content-type']);
          const metadata = metadataOf(parts) ?? {};
          const stored = { metadata, parts, etag: hex32() + hex32() };
          account.scripts.set(key, stored);
          const namespace = account.namespaces.get(nsName);
          if (namespace) namespace.script_count = [...account.scripts.keys()].filter((k) => k.startsWith(`${nsName}/`)).length;
          return [200, envelope({
            id: rest[5],
            tag: hex32(),
            etag: stored.etag,
            deployment_id: crypto.randomUUID(),
            pipeline_hash: hex32() + hex32(),
            mutable_pipeline_id: hex32(),
            created_on: nowIso(),
            modified_on: nowIso(),
            compatibility_date: metadata.compatibility_date ?? '2021-11-02',
            compatibility_flags: metadata.compatibility_flags ?? [],
            handlers: ['fetch'],
            has_assets: false,
            has_modules: true,
            logpush: false,
            startup_time_ms: 1,
            tags: metadata.tags ?? null,
            tail_consumers: null,
            usage_model: 'standard',
            placement: {},
          })];
        }
        const script = account.scripts.get(key);
        // wrangler >= 4.13x treats only code 10092 as "not deployed yet" on this GET (see CAPTURES.md).
        if (!script && sub === undefined && method === 'GET') return [404, failure(10092, 'workers.api.error.environment_not_found')];
        if (!script) return [404, failure(10007, 'This Worker does not exist on your account.')];
        if (sub === undefined && method === 'GET') {
          return [200, envelope({ created_on: nowIso(), modified_on: nowIso(), dispatch_namespace: nsName, script: { id: rest[5], etag: 'x', handlers: ['fetch'] } })];
        }
        if (sub === undefined && method === 'DELETE') {
          account.scripts.delete(key);
          return [200, envelope(null)];
        }
        if (sub === 'bindings' && method === 'GET') {
          const bindings = (script.metadata.bindings ?? []).map((b) => {
            const { text, key_base64, key_jwk, ...visible } = b;
            return b.type === 'secret_text' || b.type === 'secret_key' ? visible : b;
          });
          return [200, envelope(bindings)];
        }
        if (sub === 'settings' && method === 'PATCH') {
          const patch = metadataOfPart(parseMultipart(body, headers['content-type']), 'settings') ?? json();
          if (patch.bindings) {
            script.metadata.bindings = patch.bindings.map((b) => (Object.keys(b).length === 2 ? (script.metadata.bindings ?? []).find((e) => e.name === b.name && e.type === b.type) ?? b : b));
          }
        }
        if (sub === 'secrets' && rest[7] === undefined && method === 'PUT') {
          const secret = json();
          script.metadata.bindings = [...(script.metadata.bindings ?? []).filter((b) => b.name !== secret.name), secret];
          return [200, envelope({ name: secret.name, type: secret.type })];
        }
        const secrets = () => (script.metadata.bindings ?? []).filter((b) => b.type === 'secret_text' || b.type === 'secret_key');
        if (sub === 'secrets' && rest[7] === undefined && method === 'GET') {
          return [200, envelope(secrets().map(({ name, type }) => ({ name, type })))];
        }
        if (sub === 'secrets' && rest[7] !== undefined) {
          const secret = secrets().find((b) => b.name === rest[7]);
          if (!secret) return [404, failure(10056, 'secret not found')];
          if (method === 'GET') return [200, envelope({ name: secret.name, type: secret.type })];
          if (method === 'DELETE') {
            script.metadata.bindings = script.metadata.bindings.filter((b) => b !== secret);
            return [200, envelope(null)];
          }
        }
        if (sub === 'tags' && method === 'PUT') {
          script.metadata.tags = JSON.parse(body.toString('utf8') || '[]');
          return [200, envelope(script.metadata.tags)];
        }
        if (sub === 'tags' && method === 'GET') return [200, envelope(script.metadata.tags ?? [])];
        if (sub === 'content' && method === 'GET') {
          const main = script.parts?.find((p) => (p.filename ?? p.name) === script.metadata.main_module);
          return [200, main ? main.body.toString('utf8') : '', 'application/javascript+module'];
        }
        if (sub === 'settings' && (method === 'GET' || method === 'PATCH')) {
          return [200, envelope({ bindings: script.metadata.bindings ?? [], compatibility_date: script.metadata.compatibility_date, compatibility_flags: script.metadata.compatibility_flags ?? [], tags: script.metadata.tags ?? null, logpush: false, usage_model: 'standard', placement: {}, tail_consumers: null, observability: { enabled: false } })];
        }
      }
    }

    // Non-dispatch script endpoints wrangler touches during a dispatch deploy: Cloudflare answers 10007.
    if (rest[0] === 'workers' && (rest[1] === 'scripts' || rest[1] === 'services')) {
      return [404, failure(10007, 'This Worker does not exist on your account.')];
    }

    if (rest[0] === 'storage' && rest[1] === 'kv' && rest[2] === 'namespaces') {
      const id = rest[3];
      if (id === undefined && method === 'POST') {
        const title = json().title;
        if ([...account.kv.values()].some((n) => n.title === title)) {
          return [400, failure(10014, 'a namespace with this account ID and title already exists')];
        }
        const ns = { id: hex32(), title, supports_url_encoding: true };
        account.kv.set(ns.id, ns);
        return [200, envelope(ns)];
      }
      if (id === undefined && method === 'GET') {
        const page = Number(query.get('page') ?? 1);
        const perPage = Number(query.get('per_page') ?? 20);
        const all = [...account.kv.values()];
        const slice = all.slice((page - 1) * perPage, page * perPage);
        return [200, envelope(slice, { result_info: { page, per_page: perPage, count: slice.length, total_count: all.length } })];
      }
      const ns = account.kv.get(id);
      if (!ns) return [404, failure(10013, 'get namespace: \'namespace not found\'')];
      if (rest[4] === undefined && method === 'GET') return [200, envelope(ns)];
      if (rest[4] === undefined && method === 'DELETE') {
        account.kv.delete(id);
        return [200, envelope({})];
      }
    }

    if (rest[0] === 'd1' && rest[1] === 'database') {
      const idOrName = rest[2];
      if (idOrName === undefined && method === 'POST') {
        const request = json();
        const db = { uuid: crypto.randomUUID(), name: request.name, version: 'production', num_tables: 0, file_size: 0, created_at: nowIso(), created_in_region: 'WEUR', read_replication: { mode: 'disabled' } };
        account.d1.set(db.uuid, db);
        return [200, envelope(db)];
      }
      if (idOrName === undefined && method === 'GET') {
        const page = Number(query.get('page') ?? 1);
        const perPage = Number(query.get('per_page') ?? 1000);
        const nameFilter = query.get('name');
        const all = [...account.d1.values()].filter((d) => !nameFilter || d.name.includes(nameFilter));
        const slice = all.slice((page - 1) * perPage, page * perPage).map(({ uuid, name, version, created_at }) => ({ uuid, name, version, created_at }));
        return [200, envelope(slice, { result_info: { page, per_page: perPage, count: slice.length, total_count: all.length } })];
      }
      const db = account.d1.get(idOrName) ?? [...account.d1.values()].find((d) => d.name === idOrName);
      if (!db) return [404, failure(7404, 'Not Found')];
      if (method === 'GET') return [200, envelope({ ...db, running_in_region: 'WEUR' })];
      if (method === 'DELETE') {
        account.d1.delete(db.uuid);
        return [200, envelope(null)];
      }
    }

    if (rest[0] === 'r2' && rest[1] === 'buckets') {
      const name = rest[2];
      const jurisdiction = headers['cf-r2-jurisdiction'] ?? 'default';
      if (name === undefined && method === 'POST') {
        const request = json();
        if (account.r2.has(request.name)) {
          return [409, failure(10004, 'The bucket you tried to create already exists, and you own it.')];
        }
        const bucket = { name: request.name, creation_date: nowIso(), location: (request.locationHint ?? 'weur').toUpperCase(), storage_class: request.storageClass ?? 'Standard', jurisdiction };
        account.r2.set(request.name, bucket);
        return [200, envelope(bucket)];
      }
      if (name === undefined && method === 'GET') {
        return [200, envelope({ buckets: [...account.r2.values()].filter((b) => b.jurisdiction === jurisdiction) }, { result_info: { cursor: '', per_page: Number(query.get('per_page') ?? 20) } })];
      }
      const bucket = account.r2.get(name);
      if (!bucket || bucket.jurisdiction !== jurisdiction) return [404, failure(10006, 'The specified bucket does not exist.')];
      if (method === 'GET') return [200, envelope(bucket)];
      if (method === 'DELETE') {
        account.r2.delete(name);
        return [200, envelope({})];
      }
    }

    if (rest[0] === 'workers' && rest[1] === 'subdomain') {
      return [200, envelope({ subdomain: 'capture' })];
    }
    if (rest.length === 0 && method === 'GET') {
      return [200, envelope({ id: accountId, name: 'Capture Account', type: 'standard', settings: {} })];
    }
  }
  if (segments[0] === 'memberships') {
    return [200, envelope([], { result_info: { page: 1, per_page: 20, count: 0, total_count: 0 } })];
  }
  if (segments[0] === 'user' && segments.length === 1) {
    return [200, envelope({ id: hex32(), email: 'capture@example.com' })];
  }
  if (segments[0] === 'user' && segments[1] === 'tokens' && segments[2] === 'verify') {
    return [200, envelope({ id: hex32(), status: 'active' })];
  }
  return [404, { success: false, errors: [{ code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` }, { code: 7000, message: 'No route for that URI' }], messages: [], result: null }];
}

function stateOf(accounts) {
  const sha256 = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
  return {
    accounts: [...accounts.entries()].map(([accountId, account]) => ({
      accountId,
      dispatchNamespaces: [...account.namespaces.values()].map((n) => ({ id: n.namespace_id, name: n.namespace_name, scriptCount: n.script_count })),
      scripts: [...account.scripts.entries()].map(([key, script]) => {
        const [namespace, name] = key.split('/');
        const modules = (script.parts ?? []).filter((p) => p.name !== 'metadata').map((p) => ({ name: p.filename ?? p.name, contentType: p.contentType, size: p.body.length, sha256: sha256(p.body) }));
        const main = modules.find((m) => m.name === script.metadata.main_module);
        return {
          name, namespace, etag: script.etag, mainModule: script.metadata.main_module ?? null, contentSha256: main?.sha256 ?? null, modules,
          bindings: script.metadata.bindings ?? [],
          secretNames: (script.metadata.bindings ?? []).filter((b) => b.type === 'secret_text').map((b) => b.name),
          tags: script.metadata.tags ?? [], compatibilityDate: script.metadata.compatibility_date ?? null, compatibilityFlags: script.metadata.compatibility_flags ?? [],
        };
      }),
      kvNamespaces: [...account.kv.values()].map((n) => ({ id: n.id, title: n.title })),
      d1Databases: [...account.d1.values()].map((d) => ({ uuid: d.uuid, name: d.name })),
      r2Buckets: [...account.r2.values()].map((b) => ({ name: b.name, jurisdiction: b.jurisdiction, location: b.location })),
    })),
  };
}

export async function startCaptureServer({ port = 0, host = '127.0.0.1', out = null } = {}) {
  // The emulator's development account exists from the start (docs/emulator.md, development account).
  const accounts = new Map([['023e105f4ecef8ad9ca31a8372d0c353', new FakeAccount()]]);
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url, `http://${req.headers.host}`);
      const headers = {};
      for (const [name, value] of Object.entries(req.headers)) {
        headers[name] = SECRET_HEADERS.has(name) ? '<redacted>' : value;
      }
      const apiPath = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
      let status;
      let payload;
      let rawType; // set when the answer is not a JSON envelope (script content)
      if (url.pathname === '/__emulator/state') {
        // Same shape as the emulator's admin API, so check.mjs can be exercised against this server.
        [status, payload] = [200, stateOf(accounts)];
      } else if (!url.pathname.startsWith(API_PREFIX)) {
        [status, payload] = [404, failure(7000, 'No route for that URI')];
      } else {
        [status, payload, rawType] = handle(accounts, req.method, apiPath, url.searchParams, body, req.headers);
      }
      const record = {
        seq: requests.length + 1,
        method: req.method,
        url: req.url,
        path: apiPath,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: describeBody(body),
        multipart: describeParts(body, req.headers['content-type']),
        response: { status, body: payload },
      };
      requests.push(record);
      if (out) fs.appendFileSync(out, JSON.stringify(record) + '\n');
      const text = rawType ? payload : JSON.stringify(payload);
      res.writeHead(status, { 'Content-Type': rawType ?? 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return {
    url: `http://${host}:${address.port}`,
    apiBase: `http://${host}:${address.port}${API_PREFIX}`,
    requests,
    take() {
      return requests.splice(0, requests.length);
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const server = await startCaptureServer({ port: Number(option('--port', 8788)), out: option('--out', null) });
  console.log(`capture server listening on ${server.apiBase}`);
}
