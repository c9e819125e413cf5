// Figures of a run and the markdown file of --out.
import { writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function latencyFigures(seconds) {
  const sorted = [...seconds].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

export function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try { cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpu; } catch { /* keep os.cpus */ }
  return `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
}

/**
 * Seconds from each SIGKILL to the first outcome of every command in flight at that moment (published before it,
 * no outcome yet): an upper bound of how long the kill held them up, since a command queued behind others or waiting
 * for the budget counts too.
 */
export function afterKillSeconds(commands, killedAt) {
  const seconds = [];
  for (const kill of killedAt) {
    for (const c of commands) {
      const outcome = c.outcomes[0]?.at;
      if (c.firstSentAt <= kill && outcome !== undefined && outcome > kill) seconds.push((outcome - kill) / 1000);
    }
  }
  return seconds;
}

const f = n => (Number.isFinite(n) ? n.toFixed(1) : '-');

export function render({ commandLine, figures, results }) {
  const lines = [];
  lines.push('# Chaos run', '', `- machine: ${machine()}`, `- command: \`${commandLine}\``, `- finished: ${new Date().toISOString()}`, '');
  lines.push('| figure | value |', '|---|---|');
  for (const [name, value] of Object.entries(figures)) lines.push(`| ${name} | ${value} |`);
  lines.push('', '| invariant | result |', '|---|---|');
  for (const { name, violations } of results) {
    lines.push(`| ${name} | ${violations.length === 0 ? 'ok' : `FAILED (${violations.length})`} |`);
  }
  for (const { name, violations } of results.filter(r => r.violations.length > 0)) {
    lines.push('', `## ${name}: first violations`, '', ...violations.slice(0, 20).map(v => `- ${v}`));
  }
  return lines.join('\n') + '\n';
}

export function figuresOf({ onDisk, sender, chaos, counters, errorMessages, wallSeconds, storeSeconds, workers, requestBudget }) {
  const commands = [...sender.commands.values()];
  const byType = {};
  for (const c of commands) {
    const type = c.outcomes[0]?.type ?? '(none)';
    byType[type] = (byType[type] ?? 0) + 1;
  }
  const sent = latencyFigures(commands.filter(c => c.outcomes.length > 0).map(c => (c.outcomes[0].at - c.firstSentAt) / 1000));
  const store = latencyFigures(storeSeconds);
  const calls = Object.values(counters).reduce((sum, c) => sum + (c.total ?? 0), 0);
  const inFlight = afterKillSeconds(commands, chaos.killedAt ?? []);
  const afterKill = latencyFigures(inFlight);
  const answered = status => Object.values(counters).reduce((sum, c) => sum + (c.byStatus?.[status] ?? 0), 0);
  const fivexx = Object.values(counters).reduce((sum, c) => sum + Object.entries(c.byStatus ?? {}).filter(([s]) => s >= '500' && s < '600').reduce((a, [, n]) => a + n, 0), 0);
  return {
    tenants: sender.tenants.length,
    commands: commands.length,
    outcomes: Object.entries(byType).sort().map(([t, n]) => `${t} ${n}`).join(', '),
    'wall time (s)': wallSeconds.toFixed(0),
    'command-to-outcome p50 / p99 / max (s, sender: first publish to first outcome)': `${f(sent.p50)} / ${f(sent.p99)} / ${f(sent.max)}`,
    'command-to-outcome p50 / p99 / max (s, command store: received to ended)': `${f(store.p50)} / ${f(store.p99)} / ${f(store.max)}`,
    'replicas SIGKILLed / worker starts': `${chaos.injected.kills} / ${workers.starts}`,
    'commands in flight at a SIGKILL: count, kill-to-outcome p50 / p99 / max (s)': `${inFlight.length}, ${f(afterKill.p50)} / ${f(afterKill.p99)} / ${f(afterKill.max)}`,
    'RabbitMQ restarts / cluster node restarts': `${chaos.injected.brokerRestarts} / ${chaos.injected.nodeRestarts}`,
    'PostgreSQL restarts': chaos.injected.dbRestarts,
    'Cloudflare outage (s)': chaos.injected.outageSeconds,
    'emulator answers 5xx / 429 / dropped': `${fivexx} / ${answered('429')} / ${answered('0')}`,
    'Cloudflare calls': calls,
    'Cloudflare calls per minute of wall time / the request budget per minute': `${f(calls / (wallSeconds / 60))} / ${f(requestBudget / 5)}`,
    're-sends (same commandId) / sender reconnects': `${sender.resends} / ${sender.reconnects}`,
    'messages in _error queues': errorMessages,
    'tenants whose secret value is still in the data files (old row versions, after CHECKPOINT)': onDisk,
  };
}

export function writeReport(path, markdown) {
  writeFileSync(path, markdown);
}
