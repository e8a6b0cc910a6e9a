// A real TLS peer (openssl s_server, gnutls-serv, mosquitto) run by a test on
// 127.0.0.1: started on a free port, ready when its banner line appears,
// killed by its pid when the test is done, and never alive longer than its
// lifetime, so a hung peer cannot outlive the suite.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface Peer {
  port: number;
  /** Everything the peer printed (stdout and stderr) so far. */
  output(): string;
  /** Types a line on the peer's standard input. */
  type(line: string): void;
  /** Resolves once the peer's output matches (or rejects after timeoutMs). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A port nobody listens on now: bind 0, read the port, close (s_server cannot take -accept 0). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface PeerOptions {
  /** The line that says the peer accepts connections. */
  ready: RegExp;
  /** Kill the peer after this long whatever happens (default 20 s). */
  lifetimeMs?: number;
}

/** Starts `command args(port)`; retries on another port if the first was taken meanwhile. */
export async function startPeer(command: string, args: (port: number) => string[], options: PeerOptions): Promise<Peer> {
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(command, args(port), { stdio: ['pipe', 'pipe', 'pipe'] });
    const peer = wrap(child, port, options.lifetimeMs ?? 20_000);
    try {
      await peer.waitFor(options.ready, 5000);
      return peer;
    } catch (error) {
      lastError = error as Error;
      await peer.stop();
    }
  }
  throw lastError;
}

function wrap(child: ChildProcess, port: number, lifetimeMs: number): Peer {
  let text = '';
  let exited = false;
  const waiters = new Set<() => void>();
  const onText = (d: Buffer) => {
    text += d.toString('latin1');
    for (const w of waiters) w();
  };
  child.stdout!.on('data', onText);
  child.stderr!.on('data', onText);
  child.stdin!.on('error', () => {});
  const exit = new Promise<void>((resolve) => {
    const done = () => {
      exited = true;
      for (const w of waiters) w();
      resolve();
    };
    child.once('exit', done);
    child.once('error', (e) => {
      onText(Buffer.from(`\n[spawn error: ${e.message}]\n`));
      done();
    });
  });
  const deadline = setTimeout(() => child.kill('SIGKILL'), lifetimeMs);
  deadline.unref();
  return {
    port,
    output: () => text,
    type: (line) => child.stdin!.write(`${line}\n`),
    waitFor: (pattern, timeoutMs = 5000) => new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(text)) finish(resolve);
        else if (exited) finish(() => reject(new Error(`${child.spawnfile} exited before printing ${pattern}:\n${text}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`${child.spawnfile} did not print ${pattern} in ${timeoutMs} ms:\n${text}`))), timeoutMs);
      const finish = (f: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        f();
      };
      waiters.add(check);
      check();
    }),
    stop: async () => {
      clearTimeout(deadline);
      if (!exited) {
        child.kill('SIGTERM');
        const hard = setTimeout(() => child.kill('SIGKILL'), 1000);
        await exit;
        clearTimeout(hard);
      }
    },
  };
}
