// The operator page: reads /tenants and /tenants/{id}/timeline, posts RetryCompensation to /commands. Asks for the
// front door's token when the worker answers 401 and keeps it in sessionStorage (this tab only).
'use strict';

const TokenKey = 'wfp-front-door-token';
const FailedStates = ['CompensationFailed', 'Failed'];
const $ = id => document.getElementById(id);
let filter = null;
let current = null;
let tenants = [];
let budget = null;

class Unauthorized extends Error {}

async function api(path, init = {}) {
  const headers = { Accept: 'application/json', ...(init.headers || {}) };
  const token = sessionStorage.getItem(TokenKey);
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) throw new Unauthorized();
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new Error(body?.title ?? `${response.status} ${response.statusText}`);
  return body;
}

function say(text) { $('status').textContent = text; }

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
}

function tenantLink(row, tenantId) {
  const a = document.createElement('a');
  a.href = `#tenant=${encodeURIComponent(tenantId)}`;
  a.textContent = tenantId;
  row.insertCell().append(a);
}

function renderStates() {
  const counts = new Map();
  for (const t of tenants) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  const list = $('states');
  list.replaceChildren();
  for (const [state, count] of [['All', tenants.length], ...[...counts].sort()]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.state = state;
    button.textContent = `${state}: ${count}`;
    button.setAttribute('aria-pressed', String((filter ?? 'All') === state));
    button.addEventListener('click', () => { filter = state === 'All' ? null : state; render(); });
    const item = document.createElement('li');
    item.append(button);
    list.append(item);
  }
}

function renderTenants() {
  $('tenants-filter').textContent = filter ? `in state ${filter}` : '(all)';
  const body = $('tenants').tBodies[0];
  body.replaceChildren();
  for (const t of tenants.filter(t => !filter || t.state === filter)) {
    const row = body.insertRow();
    tenantLink(row, t.tenantId);
    const waiting = t.budgetWaitSince ? ` (waiting for Cloudflare API budget since ${t.budgetWaitSince})` : '';
    const state = cell(row, t.state + waiting, FailedStates.includes(t.state) ? 'failed' : null);
    if (t.budgetWaitSince) state.dataset.budgetWait = t.budgetWaitSince;
    cell(row, t.updatedAt);
  }
}

function renderFailures() {
  const body = $('failures').tBodies[0];
  body.replaceChildren();
  for (const t of tenants.filter(t => t.failureReason)) {
    const row = body.insertRow();
    tenantLink(row, t.tenantId);
    cell(row, t.state, FailedStates.includes(t.state) ? 'failed' : null);
    cell(row, t.failureCode, 'failed');
    cell(row, t.failureReason);
  }
}

// The fleet's Cloudflare API budget, as `wfp tenants` prints it; absent from a worker that does not send it.
function renderBudget() {
  const line = $('fleet-budget');
  line.hidden = !budget;
  if (!budget) return;
  const scope = budget.shared ? 'shared by the fleet' : "this replica's (single node)";
  const paused = budget.pausedUntil ? `paused by a 429 until ${budget.pausedUntil}` : 'not paused';
  const waiting = budget.tenantsWaiting === 1 ? '1 tenant' : `${budget.tenantsWaiting} tenants`;
  line.textContent = `Cloudflare API budget: ${budget.requestBudget} requests per ${budget.requestBudgetWindow}, ${scope}; `
    + `${Math.floor(budget.tokensLeft * 10) / 10} of ${budget.burst} tokens left; ${paused}; ${waiting} waiting for budget`;
}

function render() {
  renderBudget();
  if (filter && !tenants.some(t => t.state === filter)) filter = null;
  renderStates();
  renderTenants();
  renderFailures();
}

async function refresh() {
  try {
    ({ tenants, budget = null } = await api('/tenants'));
    render();
    $('login').hidden = true;
    if (current) await showTimeline(current);
  } catch (error) {
    handle(error);
  }
}

function entryRow(body, e) {
  const row = body.insertRow();
  row.dataset.kind = e.kind;
  cell(row, e.at);
  cell(row, e.kind, e.kind.endsWith('Failed') || e.status === 'Failed' ? 'failed' : null);
  cell(row, [e.commandType, e.status, e.outcomeType].filter(Boolean).join(' '));
  cell(row, e.step ? `${e.step} #${e.stepIndex}${e.undo ? ' (undo)' : ''}` : '', e.undo ? 'undo' : null);
  cell(row, e.resource);
  cell(row, e.errorCode, 'failed');
  cell(row, e.message);
}

async function showTimeline(tenantId, before) {
  const query = before ? `?before=${before}` : '';
  const timeline = await api(`/tenants/${encodeURIComponent(tenantId)}/timeline${query}`);
  current = tenantId;
  $('timeline-section').hidden = false;
  $('timeline-title').textContent = `Timeline of ${tenantId}`;
  $('timeline-state').textContent = `State: ${timeline.state}`;
  $('retry').hidden = timeline.state !== 'CompensationFailed';
  const body = $('timeline').tBodies[0];
  if (!before) body.replaceChildren();
  for (const e of timeline.entries) entryRow(body, e);
  const older = $('older');
  older.hidden = timeline.nextBefore == null;
  older.dataset.before = timeline.nextBefore ?? '';
}

async function retryCompensation() {
  const tenantId = current;
  $('retry').disabled = true;
  $('retry-result').textContent = `Sending RetryCompensation for ${tenantId}…`;
  try {
    await api('/commands/retry-compensation', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tenantId }),
    });
    // The saga answers with the tenant's next state: wait for it to leave CompensationFailed (or give up after 60 s).
    for (let i = 0; i < 120; i++) {
      await new Promise(resolve => setTimeout(resolve, 500));
      const timeline = await api(`/tenants/${encodeURIComponent(tenantId)}/timeline?limit=1`);
      if (!['CompensationFailed', 'Compensating'].includes(timeline.state)) {
        $('retry-result').textContent = `Retry compensation of ${tenantId}: the tenant is now ${timeline.state}.`;
        return refresh();
      }
      if (i > 4 && timeline.state === 'CompensationFailed') {
        $('retry-result').textContent = `Retry compensation of ${tenantId} failed again: see the timeline.`;
        return refresh();
      }
    }
    $('retry-result').textContent = `Retry compensation of ${tenantId} sent; the tenant is still compensating.`;
  } catch (error) {
    handle(error);
    $('retry-result').textContent = `Retry compensation of ${tenantId} was not sent: ${error.message}`;
  } finally {
    $('retry').disabled = false;
  }
}

function handle(error) {
  if (error instanceof Unauthorized) {
    sessionStorage.removeItem(TokenKey);
    $('login').hidden = false;
    say('The worker asks for its front door token.');
    $('token').focus();
  } else {
    say(`Error: ${error.message}`);
  }
}

function route() {
  const match = /^#tenant=(.+)$/.exec(location.hash);
  if (match) {
    $('retry-result').textContent = '';
    showTimeline(decodeURIComponent(match[1])).catch(handle);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', event => {
    event.preventDefault();
    sessionStorage.setItem(TokenKey, $('token').value.trim());
    $('token').value = '';
    say('');
    refresh().then(route);
  });
  $('retry').addEventListener('click', retryCompensation);
  $('older').addEventListener('click', () => showTimeline(current, $('older').dataset.before).catch(handle));
  window.addEventListener('hashchange', route);
  refresh().then(route);
});
