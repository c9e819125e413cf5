// Reads the end state of a run: the command store and ledger (PostgreSQL), the emulator, the _error queues, the logs.
import pg from 'pg';
import { readFileSync, existsSync } from 'node:fs';

export async function readStore(connection) {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const commands = (await client.query(
      'select "CommandId", "TenantId", "Status", "OutcomeType", "ReceivedAt", "EndedAt", extract(epoch from "EndedAt" - "ReceivedAt")::float8 as "Seconds" from "TenantCommands"')).rows;
    const sagas = (await client.query('select "TenantId", "CurrentState", "ScriptName" from "TenantStates"')).rows;
    const ledger = (await client.query('select "TenantId", "ResourceType", "Name", "CloudflareId", "State" from "OwnedResources"')).rows;
    return { commands, sagas: new Map(sagas.map(s => [s.TenantId, s])), ledger };
  } finally {
    await client.end();
  }
}

/** Whether every saga has settled: no operation running or compensating. */
export async function settled(connection) {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const { rows } = await client.query(`select count(*)::int as n from "TenantStates" where "CurrentState" not in ('Active', 'Failed', 'Deprovisioned', 'CompensationFailed')`);
    return rows[0].n === 0;
  } finally {
    await client.end();
  }
}

/** Every message of every _error queue (left in place), as text with its headers. */
export async function errorQueueMessages(broker) {
  const queues = await broker.api('queues/%2F');
  const messages = [];
  for (const queue of queues.filter(q => q.name.endsWith('_error') && q.messages > 0)) {
    const got = await broker.api(`queues/%2F/${encodeURIComponent(queue.name)}/get`, {
      method: 'POST', body: JSON.stringify({ count: queue.messages, ackmode: 'ack_requeue_true', encoding: 'auto', truncate: 1000000 }),
    });
    for (const m of got) messages.push({ queue: queue.name, text: `${JSON.stringify(m.properties)}\n${m.payload}` });
  }
  return messages;
}

export function readLogs(paths) {
  return paths.filter(existsSync).map(path => ({ name: path, text: readFileSync(path, 'utf8') }));
}
