/**
 * Runs an `http` request fence: the page's variables put in (`$NAME` or `${NAME}`, from the
 * environment every example gets), the message read strictly (`http-message.ts`), then sent as
 * written to the fresh sandbox at DATASTACK_BASE_URL with Node's own HTTP client, which adds
 * nothing but the `Host` of that sandbox and, for a body, its `Content-Length`.
 *
 * It answers like a process, so the runner judges it like any other example: exit 0 with the
 * response on stdout once the sandbox has answered, exit 1 with the reason on stderr when the
 * fence is not a request that can be sent.
 */
import { request as send } from 'node:http';

import { sandboxOrigin } from '../../mock-server/hosts/sandbox-origin';
import { baseUrlVariable, documentedMockUrl } from './environment';
import { type HttpRequestMessage, HttpMessageError, fieldOf, parseHttpRequest } from './http-message';
import type { ProcessResult } from './process';
import { runTimeoutMs } from './run';

const variable = /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g;

/** `text` with every `$NAME` / `${NAME}` replaced from `env`; an unset name is an error. */
export function substituteVariables(text: string, env: NodeJS.ProcessEnv): { text: string } | { unset: string[] } {
  const unset = new Set<string>();
  const replaced = text.replace(variable, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = env[name];
    if (value === undefined) unset.add(name);
    return value ?? whole;
  });
  return unset.size > 0 ? { unset: [...unset] } : { text: replaced };
}

/**
 * Where the request goes on the sandbox at `base`: the path and query, once its Host (and an
 * absolute target's authority) is known to name a sandbox, never a real host.
 */
export function sandboxPath(message: HttpRequestMessage, base: URL): { path: string } | { problem: string } {
  const sandboxHosts = new Set([new URL(sandboxOrigin).host, new URL(documentedMockUrl).host, base.host]);
  const notSandbox = (authority: string, what: string): { problem: string } => ({
    problem: `${what} ${JSON.stringify(authority)} is not the sandbox: write ${[...sandboxHosts].slice(0, 2).join(' or ')}`,
  });
  const host = fieldOf(message.fields, 'host') ?? '';
  if (!sandboxHosts.has(host)) return notSandbox(host, 'the Host');
  if (message.target.startsWith('/')) return { path: message.target };
  const url = new URL(message.target);
  return sandboxHosts.has(url.host) ? { path: `${url.pathname}${url.search}` } : notSandbox(url.host, 'the target’s host');
}

/** Sends the request of an `http` fence to the sandbox of `env`; never rejects. */
export async function sendHttpExample(code: string, env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  const base = new URL(env[baseUrlVariable] ?? documentedMockUrl);
  const substituted = substituteVariables(code, env);
  if ('unset' in substituted) {
    return refused(`the request uses ${substituted.unset.map((name) => `$${name}`).join(', ')}, which no setup fence of the page exports`);
  }
  let message: HttpRequestMessage;
  try {
    message = parseHttpRequest(substituted.text);
  } catch (error) {
    if (error instanceof HttpMessageError) return refused(`the fence is not a valid HTTP request: ${error.message}`);
    throw error;
  }
  const where = sandboxPath(message, base);
  return 'problem' in where ? refused(`the request cannot be sent: ${where.problem}`) : exchange(message, where.path, base);
}

function exchange(message: HttpRequestMessage, path: string, base: URL): Promise<ProcessResult> {
  const command = `http ${message.method} ${path}`;
  // Raw name/value pairs keep every field's spelling, order and repeats as written. The sandbox's
  // own address stands in for the documented Host, as DATASTACK_BASE_URL does in code.
  const written = message.fields.filter(({ name }) => name.toLowerCase() !== 'host');
  const headers = ['Host', base.host, ...written.flatMap(({ name, value }) => [name, value])];
  const body = Buffer.from(message.body, 'utf8');
  if (body.length > 0 && fieldOf(message.fields, 'content-length') === undefined) headers.push('Content-Length', String(body.length));
  return new Promise((resolve) => {
    const ended = (exitCode: number, stdout: string, stderr: string, timedOut = false): void =>
      resolve({ command, exitCode, signal: null, timedOut, timeoutMs: runTimeoutMs, startError: undefined, stdout, stderr });
    const outgoing = send(
      { hostname: base.hostname, port: base.port, method: message.method, path, headers, agent: false, timeout: runTimeoutMs },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const head = [`HTTP/${answer.httpVersion} ${answer.statusCode ?? 0} ${answer.statusMessage ?? ''}`.trimEnd()];
          for (let index = 0; index < answer.rawHeaders.length; index += 2) head.push(`${answer.rawHeaders[index]}: ${answer.rawHeaders[index + 1]}`);
          ended(0, `${head.join('\n')}\n\n${Buffer.concat(chunks).toString('utf8')}`, '');
        });
      },
    );
    outgoing.on('timeout', () => {
      outgoing.destroy();
      ended(1, '', `the sandbox did not answer within ${runTimeoutMs / 1000} s`, true);
    });
    outgoing.on('error', (error) => ended(1, '', `the request could not be sent: ${error.message}`));
    outgoing.end(body);
  });
}

function refused(reason: string): ProcessResult {
  return { command: 'http', exitCode: 1, signal: null, timedOut: false, timeoutMs: 0, startError: undefined, stdout: '', stderr: reason };
}
