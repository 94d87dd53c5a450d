import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The child processes and temporary folders of one benchmark run, so that
 * every exit path (success, failure, Ctrl-C) can take them all down.
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface Child {
  url: string;
  pid: number;
  /** What the child wrote on stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
const stopping = new WeakSet<ChildProcess>();
const dirs = new Set<string>();
const cleanUps: (() => Promise<void>)[] = [];

/** Work for cleanUp, e.g. dropping a database made for the run; run once, newest first. Returns what takes it back (--keep). */
export function onCleanUp(work: () => Promise<void>): () => void {
  cleanUps.push(work);
  return () => {
    const at = cleanUps.indexOf(work);
    if (at >= 0) cleanUps.splice(at, 1);
  };
}

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** Forgets a folder without removing it (--keep). */
export function keepDir(dir: string): void {
  dirs.delete(dir);
}

function stopChild(child: ChildProcess): Promise<void> {
  stopping.add(child);
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      children.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Runs a TypeScript entry point under `node --import tsx` (the same process
 * type for the real server and the baseline) and waits for it to send
 * `{ url }` over IPC. stdout goes to `stdoutFile` (the server's JSON log) or nowhere.
 */
export async function startChild(script: string, options: { env?: NodeJS.ProcessEnv; args?: string[]; stdoutFile?: string } = {}): Promise<Child> {
  const stdout = options.stdoutFile ? fs.openSync(options.stdoutFile, 'a') : 'ignore';
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', stdout, 'pipe', 'ipc'],
  });
  if (typeof stdout === 'number') fs.closeSync(stdout);
  children.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s\n${stderr}`)), 60_000);
    child.once('message', (message: { url?: string }) => {
      clearTimeout(timer);
      if (typeof message?.url === 'string') resolve(message.url);
      else reject(new Error(`${script} sent an unexpected message: ${JSON.stringify(message)}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${signal ?? code}) before listening\n${stderr}`));
    });
  }).catch(async (err) => {
    await stopChild(child);
    throw err;
  });
  // A server that dies during the run fails the run: its requests would turn into errors anyway.
  child.once('exit', (code, signal) => {
    if (!stopping.has(child)) process.emitWarning(`${path.basename(script)} (pid ${child.pid}) exited unexpectedly (${signal ?? code})\n${stderr}`);
  });
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the child sent its URL over IPC, so it was spawned and has a pid
  return { url, pid: child.pid!, stderr: () => stderr, stop: () => stopChild(child) };
}

/** Stops every child still running, runs the registered clean-ups and removes every temporary folder not kept. */
export async function cleanUp(): Promise<void> {
  await Promise.allSettled([...children].map(stopChild));
  for (let work = cleanUps.pop(); work !== undefined; work = cleanUps.pop()) {
    try {
      await work();
    } catch (err) {
      console.error(`clean-up failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const dir of [...dirs]) {
    try {
      removeDir(dir);
    } catch {
      // Best effort: a folder we cannot remove is left in the temp dir.
    }
  }
}
