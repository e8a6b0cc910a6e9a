// One EmberTLS connection opened for the command line: connect() with the
// options a user typed, the wire watch on the server's bytes, and a promise
// that settles when the handshake succeeds or fails (bounded in time).
import { readFileSync } from 'node:fs';
import { connect, type ConnectOptions, type TLSSocket } from '../tls/connect.js';
import { ClientEngine, type GroupName, type SuiteName } from '../tls/client-engine.js';
import { WireWatch } from './wire.js';

export interface SessionOptions {
  host: string;
  port: number;
  servername?: string;
  /** Trust anchors, PEM file path. */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  alpn?: string[];
  /** Receive and send record buffer, bytes each. */
  recordBuffer?: number;
  sendBuffer?: number;
  handshakeBuffer?: number;
  /** Bytes of the X.509 validator context, in builds whose engine validates. */
  verifierSize?: number;
  suites?: SuiteName[];
  groups?: GroupName[];
  timeoutMs?: number;
  /** A session saved by an earlier connection (--session-in), to resume. */
  session?: Buffer;
}

/** Whether the engine in this build checks certificate chains itself (it then reports a verdict). */
export const ENGINE_VALIDATES = 'verdict' in ClientEngine.prototype;

export interface Session {
  socket: TLSSocket;
  wire: WireWatch;
  options: SessionOptions;
  /** The CA certificate text, when one was given. */
  caPem?: string;
  /** The name sent in SNI and checked in the certificate (none for an IP address). */
  servername?: string;
  /** Resolves with undefined once connected, or with the error that ended the handshake. */
  handshake: Promise<Error | undefined>;
}

export function openSession(options: SessionOptions): Session {
  const caPem = options.caFile ? readFileSync(options.caFile, 'utf8') : undefined;
  const servername = options.servername ?? (isIp(options.host) ? undefined : options.host);
  const connectOptions: ConnectOptions = {
    host: options.host,
    port: options.port,
    servername,
    ALPNProtocols: options.alpn,
    recordBuffer: options.recordBuffer,
    sendBuffer: options.sendBuffer,
    handshakeBuffer: options.handshakeBuffer,
    suites: options.suites,
    groups: options.groups,
    session: options.session,
    ca: caPem,
    // Without a CA nothing can be checked; with one, the engine must check it once it can.
    rejectUnauthorized: ENGINE_VALIDATES && caPem !== undefined,
  };
  if (options.verifierSize !== undefined) Object.assign(connectOptions, { verifierSize: options.verifierSize });
  if (options.certFile || options.keyFile) {
    Object.assign(connectOptions, { cert: readFileSync(options.certFile ?? '', 'utf8'), key: readFileSync(options.keyFile ?? '', 'utf8') });
  }
  const socket = connect(connectOptions);
  const wire = new WireWatch();
  socket.socket.prependListener('data', (d: Buffer) => wire.feed(d));
  const handshake = new Promise<Error | undefined>((resolve) => {
    const timer = setTimeout(() => {
      const error = new Error(`no answer from ${options.host}:${options.port} within ${(options.timeoutMs ?? 10_000) / 1000} s`);
      error.name = 'Timeout';
      resolve(error);
      socket.destroy();
    }, options.timeoutMs ?? 10_000);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      resolve(e);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      const e = new Error('the server closed the connection during the handshake');
      e.name = 'ConnectionClosed';
      resolve(e);
    });
  });
  return { socket, wire, options, caPem, servername, handshake };
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
