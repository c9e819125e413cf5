// Records what wrangler and the cloudflare SDK put on the wire, against capture-server.mjs.
// Usage (from ops/real-clients, after npm ci):  node_modules/.bin/node capture.mjs   (needs strace: every wrangler
// run is traced to prove it connects to nothing but the capture server)
// Writes captures/<scenario>.json; CAPTURES.md explains them.

import fs from 'node:fs';
import path from 'node:path';
import { startCaptureServer } from './capture-server.mjs';
import { HERE, makeSandbox, wranglerEnv, runWrangler, prepareFixture, wranglerVersion } from './lib/wrangler.mjs';
import * as sdk from './lib/sdk.mjs';

const ACCOUNT_ID = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN = 'wfp-emulator-dev-token';
const OUT = path.join(HERE, 'captures');

const server = await startCaptureServer();
const sandbox = makeSandbox('wfp-capture-');
const env = wranglerEnv({ apiBase: server.apiBase, token: TOKEN, accountId: ACCOUNT_ID, sandbox });
fs.mkdirSync(OUT, { recursive: true });

function sanitize(text) {
  return (text ?? '')
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replaceAll(TOKEN, '<token>')
    .replaceAll(sandbox.root, '<sandbox>')
    .replaceAll(server.apiBase, '<api-base>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');
}

function sanitizeRequest(request) {
  const copy = JSON.parse(sanitize(JSON.stringify(request)));
  // The bundle wrangler uploads embeds absolute paths of this machine; keep it, but make it stable.
  return JSON.parse(JSON.stringify(copy).replaceAll(HERE, '<real-clients>'));
}

function save(name, data) {
  const file = path.join(OUT, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  console.log(`wrote ${path.relative(HERE, file)} (${data.requests.length} requests)`);
}

async function wranglerScenario(name, args, cwd = sandbox.root) {
  server.take();
  const result = await runWrangler(args, { cwd, env, traceConnections: true });
  const data = {
    scenario: name,
    client: `wrangler ${wranglerVersion()}`,
    command: `wrangler ${args.join(' ')}`,
    exitCode: result.code,
    outboundConnections: result.connections.map(sanitize),
    stdout: sanitize(result.stdout),
    stderr: sanitize(result.stderr),
    requests: server.take().map(sanitizeRequest),
  };
  save(name, data);
  return data;
}

async function sdkScenario(name, client, run) {
  server.take();
  const calls = await run();
  save(name, {
    scenario: name,
    client,
    calls: JSON.parse(sanitize(JSON.stringify(calls))),
    requests: server.take().map(sanitizeRequest),
  });
  return calls;
}

const versions = sdk.sdkVersions();
await wranglerScenario('wrangler-dispatch-namespace-create', ['dispatch-namespace', 'create', 'capture-ns']);
const kvCreated = await wranglerScenario('wrangler-kv-namespace-create', ['kv', 'namespace', 'create', 'capture-kv']);
const d1Created = await wranglerScenario('wrangler-d1-create', ['d1', 'create', 'capture-db']);
await wranglerScenario('wrangler-r2-bucket-create', ['r2', 'bucket', 'create', 'capture-bucket']);

await wranglerScenario('wrangler-dispatch-namespace-get', ['dispatch-namespace', 'get', 'capture-ns']);
await wranglerScenario('wrangler-dispatch-namespace-list', ['dispatch-namespace', 'list']);
await wranglerScenario('wrangler-kv-namespace-list', ['kv', 'namespace', 'list']);
await wranglerScenario('wrangler-d1-info', ['d1', 'info', 'capture-db', '--json']);
await wranglerScenario('wrangler-r2-bucket-list', ['r2', 'bucket', 'list']);
await wranglerScenario('wrangler-r2-bucket-create-jurisdiction', ['r2', 'bucket', 'create', 'capture-eu', '--jurisdiction', 'eu']);
await wranglerScenario('wrangler-r2-bucket-list-jurisdiction', ['r2', 'bucket', 'list', '--jurisdiction', 'eu']);
await wranglerScenario('wrangler-r2-bucket-info-jurisdiction', ['r2', 'bucket', 'info', 'capture-eu', '--jurisdiction', 'eu']);
await wranglerScenario('wrangler-r2-bucket-delete-jurisdiction', ['r2', 'bucket', 'delete', 'capture-eu', '--jurisdiction', 'eu']);
await wranglerScenario('wrangler-r2-bucket-create-location', ['r2', 'bucket', 'create', 'capture-ia', '--location', 'weur', '--storage-class', 'InfrequentAccess']);

const kvId = kvCreated.requests[0].response.body.result.id;
const d1Id = d1Created.requests[0].response.body.result.uuid;
const project = path.join(sandbox.root, 'project');
prepareFixture(project, { name: 'capture-worker', kvId, d1Id, d1Name: 'capture-db', bucketName: 'capture-bucket' });
await wranglerScenario('wrangler-deploy-dispatch-namespace', ['deploy', '--dispatch-namespace', 'capture-ns'], project);
// A second deploy of the same script: wrangler's pre-flight GET now finds it.
await wranglerScenario('wrangler-deploy-dispatch-namespace-redeploy', ['deploy', '--dispatch-namespace', 'capture-ns'], project);

const secretsFile = path.join(sandbox.root, 'secrets.json');
fs.writeFileSync(secretsFile, JSON.stringify({ TENANT_API_KEY: 'fake-value-for-the-capture' }));
await wranglerScenario('wrangler-deploy-dispatch-namespace-secrets-file', ['deploy', '--dispatch-namespace', 'capture-ns', '--secrets-file', secretsFile], project);
await wranglerScenario('wrangler-deploy-dispatch-namespace-keep-vars', ['deploy', '--dispatch-namespace', 'capture-ns', '--keep-vars'], project);

// A bucket named in the config that does not exist: wrangler provisions it (GET 404 -> list -> POST).
const provision = path.join(sandbox.root, 'provision');
prepareFixture(provision, { name: 'capture-worker-prov', kvId, d1Id, d1Name: 'capture-db', bucketName: 'capture-missing-bucket' });
await wranglerScenario('wrangler-deploy-dispatch-namespace-provisions-r2', ['deploy', '--dispatch-namespace', 'capture-ns'], provision);
const provisionAll = path.join(sandbox.root, 'provision-all');
prepareFixture(provisionAll, { name: 'capture-worker-all', kvId: null, d1Id: null, d1Name: 'capture-prov-db', bucketName: 'capture-prov-bucket' });
await wranglerScenario('wrangler-deploy-dispatch-namespace-provisions-all', ['deploy', '--dispatch-namespace', 'capture-ns'], provisionAll);
await wranglerScenario('wrangler-r2-bucket-delete', ['r2', 'bucket', 'delete', 'capture-missing-bucket']);

await wranglerScenario('wrangler-dispatch-namespace-rename', ['dispatch-namespace', 'rename', 'capture-ns', 'capture-ns-renamed']);
await wranglerScenario('wrangler-dispatch-namespace-delete', ['dispatch-namespace', 'delete', 'capture-ns-renamed']);
await wranglerScenario('wrangler-kv-namespace-delete', ['kv', 'namespace', 'delete', '--namespace-id', kvId, '--skip-confirmation']);
await wranglerScenario('wrangler-d1-delete', ['d1', 'delete', 'capture-db', '--skip-confirmation']);
// Recreate the namespace the SDK 6.x upload below goes into (this server does not check binding targets).
await wranglerScenario('wrangler-dispatch-namespace-create-again', ['dispatch-namespace', 'create', 'capture-ns']);

const client7 = sdk.sdk7(server.apiBase, TOKEN);
const client6 = sdk.sdk6(server.apiBase, TOKEN);
const label7 = `cloudflare ${versions.cloudflare7}`;
const label6 = `cloudflare ${versions.cloudflare6}`;
await sdkScenario('sdk7-dispatch-namespaces', label7, () => sdk.dispatchNamespaceCalls(client7, ACCOUNT_ID, 'capture-sdk-ns'));
await sdkScenario('sdk7-kv-namespaces', label7, () => sdk.kvCalls(client7, ACCOUNT_ID, 'capture-sdk-kv'));
await sdkScenario('sdk7-d1-databases', label7, () => sdk.d1Calls(client7, ACCOUNT_ID, 'capture-sdk-db'));
await sdkScenario('sdk7-r2-buckets', label7, () => sdk.r2Calls(client7, ACCOUNT_ID, 'capture-sdk-bucket'));
const resources = { kvId, d1Id, bucketName: 'capture-bucket' };
await sdkScenario('sdk6-script-upload', label6, () => sdk.scriptCalls6(client6, ACCOUNT_ID, 'capture-ns', 'capture-sdk6-script', resources));
await sdkScenario('sdk6-script-lifecycle', label6, () => sdk.scriptLifecycle6(client6, ACCOUNT_ID, 'capture-ns', 'capture-sdk6-life', resources));
await sdkScenario('sdk6-script-inherit', label6, () => sdk.inheritCalls6(client6, ACCOUNT_ID, 'capture-ns', 'capture-sdk6-inherit', resources));
await sdkScenario('sdk7-script-settings-patch', label7, () => sdk.settingsEdit7(client7, ACCOUNT_ID, 'capture-ns', 'capture-sdk6-life'));
await sdkScenario('sdk7-script-reads', label7, () => sdk.scriptReads7(client7, ACCOUNT_ID, 'capture-ns', 'capture-sdk6-life'));
await sdkScenario('sdk7-script-upload-broken', label7, () => sdk.scriptUpload7(client7, ACCOUNT_ID, 'capture-ns', 'capture-sdk7-script', resources));

await server.close();
fs.rmSync(sandbox.root, { recursive: true, force: true });
