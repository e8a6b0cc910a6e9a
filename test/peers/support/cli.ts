// Runs the built embertls command line (dist/cli.js, as the bin does) with
// stdin held open until the test says what to type and when to stop, and
// bounded in time.
import { spawn } from 'node:child_process';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliScript {
  /** Typed on stdin once the CLI says it is connected. */
  input?: string;
  /** Close stdin once stdout satisfies this (default: right after input). */
  closeWhen?: (stdout: string) => boolean;
  timeoutMs?: number;
}

export function embertls(args: string[], script: CliScript = {}): Promise<CliRun> {
  return new Promise<CliRun>((resolve) => {
    const child = spawn('node', ['dist/cli.js', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const run: CliRun = { status: null, stdout: '', stderr: '' };
    let typed = false;
    const maybeClose = () => {
      if (typed && (script.closeWhen ?? (() => true))(run.stdout)) child.stdin.end();
    };
    child.stdin.on('error', () => {});
    child.stdout.on('data', (d: Buffer) => {
      run.stdout += d;
      maybeClose();
    });
    child.stderr.on('data', (d: Buffer) => {
      run.stderr += d;
      if (!typed && /^connected to /m.test(run.stderr)) {
        typed = true;
        if (script.input !== undefined) child.stdin.write(script.input);
        maybeClose();
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), script.timeoutMs ?? 15_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      run.status = status;
      resolve(run);
    });
  });
}
