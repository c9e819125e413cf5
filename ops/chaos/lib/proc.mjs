// Small process helpers: run a command to completion, start a long-running one with its output in a log file.
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

export function run(command, args, { env, timeoutMs = 120000, allowFail = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', d => { out += d; });
    child.stderr.on('data', d => { out += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      if (code !== 0 && !allowFail) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${out.slice(-2000)}`));
      else resolve({ code, out });
    });
  });
}

export function startLogged(command, args, logPath, env) {
  const fd = openSync(logPath, 'a');
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return child;
}

export async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      if (error.fatal) throw error;
    }
    await sleep(500);
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
}

export async function httpOk(url, init) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  return response.ok;
}
