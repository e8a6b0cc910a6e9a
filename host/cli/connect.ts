// `embertls connect host:port`: opens an EmberTLS connection, says what was
// negotiated (on stderr), then pipes stdin to the server and the server to
// stdout, like `openssl s_client -quiet`, until stdin ends or the server
// closes. --trace tells each handshake step; a failure is explained.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { TlsError } from '../tls/errors.js';
import { diagnose } from './explain.js';
import { openSession, type Session, type SessionOptions } from './session.js';
import { styleFor, type Style } from './style.js';
import { parseTarget } from './target.js';
import { describeOffer, Tracer } from './trace.js';

export const CONNECT_USAGE = `embertls connect host:port [--servername NAME] [--ca FILE] [--cert FILE --key FILE]
                 [--alpn h2,http/1.1] [--record-size N] [--trace]
                 [--session-out FILE] [--session-in FILE]`;

/** Parses the shared connection flags of connect and doctor. */
export function sessionOptions(args: string[]): { options: SessionOptions; trace: boolean; sessionOut?: string } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      servername: { type: 'string' }, ca: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' },
      alpn: { type: 'string' }, 'record-size': { type: 'string' }, trace: { type: 'boolean', default: false },
      'session-in': { type: 'string' }, 'session-out': { type: 'string' },
    },
  });
  const target = parseTarget(positionals[0]);
  const recordSize = values['record-size'] === undefined ? undefined : Number(values['record-size']);
  if (recordSize !== undefined && !(Number.isInteger(recordSize) && recordSize >= 512 && recordSize <= 16645)) {
    throw new RangeError(`--record-size is the receive and send buffer in bytes, 512 to 16645, got '${values['record-size']}'`);
  }
  if ((values.cert === undefined) !== (values.key === undefined)) throw new RangeError('--cert and --key go together');
  return {
    trace: values.trace ?? false,
    sessionOut: values['session-out'],
    options: {
      ...target, servername: values.servername, caFile: values.ca, certFile: values.cert, keyFile: values.key,
      alpn: values.alpn?.split(',').filter(Boolean), recordBuffer: recordSize,
      session: values['session-in'] === undefined ? undefined : readFileSync(values['session-in']),
    },
  };
}

/** The negotiated parameters, one per line. */
export function summary(s: Session, st: Style): string[] {
  const e = s.socket.engine;
  const limit = e.recordSizeLimit;
  const identity = s.socket.authorized
    ? st.good('verified against the CA')
    : st.warn(s.caPem ? `NOT verified: ${s.socket.authorizationError?.message ?? 'the chain check failed'}` : 'NOT verified (no --ca given)');
  return [
    `${st.good('connected')} to ${s.options.host}:${s.options.port} with TLS 1.3`,
    `  cipher suite     ${e.cipher}`,
    `  key exchange     ${e.group}${s.wire.sawHelloRetryRequest ? ' (after a HelloRetryRequest)' : ''}`,
    `  server signature ${e.signatureScheme}`,
    `  server identity  ${identity}`,
    `  ALPN             ${e.alpnProtocol === false ? '(none)' : e.alpnProtocol}`,
    `  record size      ${recordSize(s)}`,
    ...(e.resumeStatus === 'none' ? [] : [`  resumption       ${RESUMPTION[e.resumeStatus]}`]),
    `  engine RAM       ${e.sizes.total} bytes (state ${e.sizes.context} + ${e.sizes.recordBuffer} receive + ${e.sizes.sendBuffer} send buffers + ${e.sizes.handshakeBuffer} handshake buffer + ${e.sizes.verifier} X.509 validator)`,
  ];
}

/** What became of --session-in, in words. */
const RESUMPTION: Record<string, string> = {
  offered: 'offered, no answer yet',
  accepted: 'resumed the saved session: no certificate was sent, the session\'s key authenticated the server',
  declined: 'REJECTED by the server: it does not know the ticket any more (restarted or rotated its ticket keys, or the ticket came from another server); a full handshake was done instead. Save a fresh session with --session-out',
  expired: 'not offered: the saved session is past the lifetime the server gave it; a full handshake was done',
  'suite-mismatch': 'not offered: the saved session\'s cipher suite uses another hash than the suites offered now; a full handshake was done',
};

function recordSize(s: Session): string {
  const e = s.socket.engine;
  const limit = e.recordSizeLimit;
  const mfl = (e as { maxFragment?: { sent: number; acked: boolean } }).maxFragment;
  if (mfl?.acked) return `max_fragment_length ${mfl.sent} accepted by the server (RFC 6066)`;
  return `we take ${limit.sent} bytes; ${limit.peer ? `the server takes ${limit.peer}` : 'the server ignores record_size_limit'}`;
}

/** Prints why the connection failed and what to do. */
export function explainFailure(error: Error, s: Session, st: Style, say: (line: string) => void): void {
  const d = diagnose(error, s, describeOffer(s));
  const name = (error as Partial<TlsError>).codeName ?? (error as { code?: string }).code ?? error.name;
  say(`${st.bad('connection failed')}: ${name}`);
  say(`  cause: ${d.cause}`);
  say(`  fix:   ${d.fix}`);
}

export async function connectCommand(args: string[]): Promise<number> {
  const { options, trace, sessionOut } = sessionOptions(args);
  const st = styleFor(process.stderr);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const session = openSession(options);
  if (sessionOut) {
    // It holds the session's key: readable by its owner only.
    session.socket.on('session', (saved: Buffer) => writeFileSync(sessionOut, saved, { mode: 0o600 }));
  }
  const tracer = trace ? new Tracer(session, say, st) : undefined;
  if (trace) say(st.dim(`connecting to ${options.host}:${options.port} ...`));
  const error = await session.handshake;
  if (error) {
    const e = error as Partial<TlsError>;
    if (tracer && e.alert !== undefined && e.origin !== 'internal') tracer.alert(e.alert, e.origin === 'peer');
    explainFailure(error, session, st, say);
    session.socket.destroy();
    return 1;
  }
  for (const line of summary(session, st)) say(line);
  return pipe(session, trace ? say : () => {}, (e) => explainFailure(e, session, st, say));
}

/** stdin -> server, server -> stdout; ends when stdin ends (after close_notify) or the server closes. */
function pipe(s: Session, say: (line: string) => void, fail: (error: Error) => void): Promise<number> {
  const socket = s.socket;
  return new Promise<number>((resolve) => {
    let failed = false;
    socket.on('data', (d: Buffer) => process.stdout.write(d));
    socket.on('error', (e) => {
      // TLS 1.3 servers judge a client certificate after our Finished: the refusal comes here.
      if (!failed) fail(e);
      failed = true;
    });
    socket.on('close', () => {
      say('connection closed');
      process.stdin.unref?.();
      resolve(failed ? 1 : 0);
    });
    socket.on('end', () => socket.end());
    process.stdin.on('data', (d: Buffer) => socket.write(d));
    process.stdin.on('end', () => {
      say('-> close_notify: stdin ended');
      socket.end();
      // A server that never closes its side does not keep us waiting.
      setTimeout(() => socket.destroy(), 3000).unref();
    });
  });
}
