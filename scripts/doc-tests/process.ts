/**
 * Child processes with a hard time limit. Each runs in its own process group, so a timeout or
 * a process left behind in the background (`curl … &`) is killed along with the example.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface ProcessResult {
  /** The command line, for messages. */
  command: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  timeoutMs: number;
  /** Why the command could not start (ENOENT…), if it could not. */
  startError: string | undefined;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

const maxOutputBytes = 256 * 1024;
const running = new Set<ChildProcess>();

/** Kills every process group still running (the runner is being interrupted). */
export function killRunningProcesses(): void {
  for (const child of running) killGroup(child);
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The whole group has already exited.
  }
}

/** Runs `command` to completion or to its timeout; never rejects. */
export function runProcess(command: string, args: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const commandLine = [command, ...args].join(' ');
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    let timedOut = false;
    let startError: string | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, options.timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      startError = error.code ?? error.message;
    });
    // Whatever the example left running in the background ends with it.
    child.on('exit', () => killGroup(child));
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ command: commandLine, exitCode, signal, timedOut, timeoutMs: options.timeoutMs, startError, stdout: stdout(), stderr: stderr() });
    });
  });
}

function collect(stream: NodeJS.ReadableStream): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    if (size < maxOutputBytes) chunks.push(chunk);
    size += chunk.length;
  });
  return () => {
    const text = Buffer.concat(chunks).toString('utf8');
    return size > maxOutputBytes ? `${text.slice(0, maxOutputBytes)}\n[… ${size - maxOutputBytes} more bytes]` : text;
  };
}

/** Says how a failed process ended, in a few words. */
export function describeEnd(result: ProcessResult): string {
  if (result.startError !== undefined) return `could not start \`${result.command}\` (${result.startError})`;
  if (result.timedOut) return `timed out after ${Math.round(result.timeoutMs / 1000)} s`;
  if (result.signal !== null) return `was killed by ${result.signal}`;
  return `exited with ${result.exitCode ?? 'no status'}`;
}
