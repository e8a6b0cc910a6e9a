// One conversation of EmberTLS's connect() with a peer on 127.0.0.1: the
// handshake, an optional request, the reply until a condition holds, then
// close_notify. Bounded in time; the result says what was negotiated, what
// came back, or which error ended it.
import { connect, type ConnectOptions, type TLSSocket } from '../../../host/index.js';
import type { TlsError } from '../../../host/tls/errors.js';
import { trust, type Trust } from './trust.js';

export interface Exchange {
  connected: boolean;
  cipher?: string;
  group?: string;
  signatureScheme?: string;
  alpn?: string | false;
  /** Plaintext received from the peer. */
  received: string;
  /** Whether the handshake resumed options.session. */
  resumed?: boolean;
  /** Every session the peer's tickets gave ('session' events). */
  sessions: Buffer[];
  error?: Error & Partial<TlsError>;
  socket: TLSSocket;
}

export interface Script {
  /** Sent once the handshake is done. */
  send?: string;
  /** Stop (close_notify) once this holds for what was received, checked after onConnect (default: stop at once). */
  until?: (received: string) => boolean;
  /** Called once connected, after send: e.g. to drive the peer's stdin. */
  onConnect?: (socket: TLSSocket) => void | Promise<void>;
  timeoutMs?: number;
}

export async function exchange(port: number, options: Partial<ConnectOptions> & { trust?: Trust }, script: Script = {}): Promise<Exchange> {
  const { trust: anchors, ...rest } = options;
  const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...(anchors ? trust(anchors) : {}), ...rest });
  const result: Exchange = { connected: false, received: '', sessions: [], socket };
  socket.on('session', (session: Buffer) => result.sessions.push(session));
  const until = script.until ?? (() => true);
  let scripted = false;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      result.error ??= new Error(`no result in ${script.timeoutMs ?? 5000} ms`);
      socket.destroy();
    }, script.timeoutMs ?? 5000);
    const finish = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.once('secureConnect', async () => {
      result.connected = true;
      result.cipher = socket.getCipher()?.name;
      result.group = socket.engine.group;
      result.signatureScheme = socket.engine.signatureScheme;
      result.alpn = socket.alpnProtocol;
      result.resumed = socket.isSessionReused();
      if (script.send !== undefined) socket.write(script.send);
      await script.onConnect?.(socket);
      scripted = true;
      if (until(result.received)) socket.end();
    });
    socket.on('data', (d: Buffer) => {
      result.received += d.toString('latin1');
      if (scripted && until(result.received)) socket.end();
    });
    socket.on('error', (e) => {
      result.error ??= e;
    });
    socket.on('close', finish);
  });
  return result;
}
