import { tmpdir } from 'node:os';

import { describe, expect, it } from 'vitest';

import { describeEnd, runProcess } from './process';

const options = { cwd: tmpdir(), env: { PATH: process.env.PATH }, timeoutMs: 5_000 };

describe('runProcess', () => {
  it('returns the exit status and both outputs', async () => {
    const result = await runProcess('bash', ['-c', 'echo out; echo err >&2; exit 3'], options);
    expect(result).toMatchObject({ exitCode: 3, timedOut: false, stdout: 'out\n', stderr: 'err\n' });
    expect(describeEnd(result)).toBe('exited with 3');
  });

  it('kills the whole process group at the timeout', async () => {
    const started = performance.now();
    const result = await runProcess('bash', ['-c', 'sleep 20 & sleep 20'], { ...options, timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(describeEnd(result)).toBe('timed out after 0 s');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('does not wait for what an example left running in the background', async () => {
    const started = performance.now();
    const result = await runProcess('bash', ['-c', 'sleep 20 & echo done'], options);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'done\n' });
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('says when a command cannot start', async () => {
    const result = await runProcess('datastack-no-such-command', [], options);
    expect(describeEnd(result)).toBe('could not start `datastack-no-such-command` (ENOENT)');
  });
});
