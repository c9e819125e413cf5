// A PostgreSQL cluster of the run's own (initdb + pg_ctl, like ops/postgres/start.sh), so restarting it never
// disturbs a database someone else uses. PostgreSQL refuses to run as root: then it runs as the postgres user.
import { mkdirSync, readdirSync, existsSync, chownSync, chmodSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import pg from 'pg';
import { run } from './proc.mjs';

function findBin(name) {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const version of readdirSync(root).sort().reverse()) {
      const path = join(root, version, 'bin', name);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

export class Database {
  constructor(dir, port) {
    this.dir = dir;
    this.port = port;
    this.name = 'wfp_chaos';
    this.connectionString = `Host=127.0.0.1;Port=${port};Username=postgres;Database=${this.name}`;
    this.pg = { host: '127.0.0.1', port, user: 'postgres', database: this.name };
  }

  static installed() {
    return findBin('pg_ctl') !== null && findBin('initdb') !== null;
  }

  asOwner(bin, args, timeoutMs = 120000) {
    if (process.getuid() !== 0) return run(bin, args, { timeoutMs });
    const quoted = [bin, ...args].map(a => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    return run('su', ['-s', '/bin/sh', 'postgres', '-c', quoted], { timeoutMs });
  }

  pgCtl(...args) {
    return this.asOwner(findBin('pg_ctl'), ['-D', this.dir, '-l', join(this.dir, 'server.log'), '-w', '-t', '120', ...args]);
  }

  async start() {
    mkdirSync(this.dir, { recursive: true });
    if (process.getuid() === 0) {
      try { execFileSync('id', ['postgres'], { stdio: 'ignore' }); } catch { execFileSync('useradd', ['--system', '--no-create-home', 'postgres']); }
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      chownSync(this.dir, uid, uid);
      // The postgres user must reach its data folder through the work folder (a temporary folder is 0700).
      chmodSync(dirname(this.dir), 0o755);
    }
    await this.asOwner(findBin('initdb'), ['-D', this.dir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
    await this.pgCtl('-o', `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c max_connections=300 -c fsync=off`, 'start');
    await run(findBin('psql'), ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-qc', `create database ${this.name}`]);
  }

  restart() {
    return this.pgCtl('-m', 'fast', 'restart');
  }

  stop() {
    return this.pgCtl('-m', 'fast', 'stop').catch(() => {});
  }

  /** Every row of the run's database as text (pg_dump, data only): what a reader of the database could see. */
  async dump() {
    const { out } = await run(findBin('pg_dump'), ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '--data-only', this.name],
      { timeoutMs: 300000 });
    return out;
  }

  /**
   * The database's data files as they are on disk after a CHECKPOINT: row versions that an UPDATE or DELETE left
   * behind stay in their pages until VACUUM reuses the space, so a value scrubbed from the live row can still be there.
   */
  async dataFiles() {
    const client = new pg.Client(this.pg);
    await client.connect();
    let folder;
    try {
      await client.query('checkpoint');
      const { rows } = await client.query('select oid from pg_database where datname = current_database()');
      folder = join(this.dir, 'base', String(rows[0].oid));
    } finally {
      await client.end();
    }
    return readdirSync(folder).map(name => readFileSync(join(folder, name)).toString('latin1')).join('\n');
  }
}
