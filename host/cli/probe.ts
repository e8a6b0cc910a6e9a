// One handshake for `embertls doctor`: connect with the given options, wait
// for the handshake to finish or fail, note what was negotiated, close.
import tls from 'node:tls';
import type { TlsError } from '../tls/errors.js';
import { openSession, type SessionOptions } from './session.js';

export interface ProbeResult {
  ok: boolean;
  error?: Error & Partial<TlsError>;
  cipher?: string;
  group?: string;
  signatureScheme?: string;
  helloRetry: boolean;
  /** record_size_limit the server sent (0: none). */
  peerRecordLimit: number;
  /** max_fragment_length (RFC 6066) we asked for (0: none) and whether the server echoed it, in builds that send it. */
  maxFragment: { sent: number; acked: boolean };
  largestRecord: number;
  contextSize: number;
  /** Whether the chain was validated (with --ca). */
  chainValidated: boolean;
}

export async function probe(options: SessionOptions): Promise<ProbeResult> {
  const s = openSession({ timeoutMs: 5000, ...options });
  const error = await s.handshake;
  const e = s.socket.engine;
  const result: ProbeResult = {
    ok: error === undefined,
    error: error as ProbeResult['error'],
    cipher: e.cipher,
    group: e.group,
    signatureScheme: e.signatureScheme,
    helloRetry: s.wire.sawHelloRetryRequest,
    peerRecordLimit: e.recordSizeLimit.peer,
    maxFragment: (e as { maxFragment?: ProbeResult['maxFragment'] }).maxFragment ?? { sent: 0, acked: false },
    largestRecord: s.wire.largestRecord,
    contextSize: e.sizes.context,
    chainValidated: e.chainValidated,
  };
  s.socket.destroy();
  return result;
}

export interface ResumptionProbe {
  /** Tickets the server sent after the handshake, and the largest session one makes (80 bytes + the ticket). */
  tickets: number;
  sessionBytes: number;
  /** Whether a second connection offering the first one's session resumed. */
  resumed: boolean;
}

/** Two connections: the first keeps the server's tickets (waiting up to a second for them), the second offers one. */
export async function resumptionProbe(options: SessionOptions): Promise<ResumptionProbe> {
  const first = openSession({ timeoutMs: 5000, ...options });
  const sessions: Buffer[] = [];
  first.socket.on('session', (session: Buffer) => sessions.push(session));
  if (await first.handshake) return { tickets: 0, sessionBytes: 0, resumed: false };
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    first.socket.on('session', () => {
      clearTimeout(timer);
      setTimeout(resolve, 100); // a server often sends two
    });
  });
  first.socket.destroy();
  const result = { tickets: first.socket.engine.ticketsReceived, sessionBytes: Math.max(0, ...sessions.map((x) => x.readUInt32LE(28) + 80)), resumed: false };
  if (sessions.length === 0) return result;
  const second = openSession({ timeoutMs: 5000, ...options, session: sessions.at(-1) });
  result.resumed = (await second.handshake) === undefined && second.socket.isSessionReused();
  second.socket.destroy();
  return result;
}

export interface NodeView {
  /** Whether a TLS 1.2 handshake works (Node's own TLS stack). */
  tls12: boolean;
  /** The chain as the server sends it: DER sizes, leaf first. */
  chain: number[];
  leafKey?: string;
}

/** What Node's TLS sees: TLS 1.2 support and the certificate chain's size. */
export async function nodeView(host: string, port: number, servername?: string): Promise<NodeView> {
  const tls12 = await new Promise<boolean>((resolve) => {
    const s = tls.connect({ host, port, servername, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', rejectUnauthorized: false }, () => {
      resolve(true);
      s.destroy();
    });
    s.on('error', () => resolve(false));
    s.setTimeout(5000, () => {
      resolve(false);
      s.destroy();
    });
  });
  const chain = await new Promise<{ sizes: number[]; key?: string }>((resolve) => {
    const s = tls.connect({ host, port, servername, minVersion: 'TLSv1.3', rejectUnauthorized: false }, () => {
      const sizes: number[] = [];
      const seen = new Set<string>();
      let cert = s.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
      const leaf = s.getPeerX509Certificate();
      while (cert?.raw && !seen.has(cert.fingerprint256)) {
        seen.add(cert.fingerprint256);
        sizes.push(cert.raw.length);
        cert = cert.issuerCertificate;
      }
      const key = leaf?.publicKey;
      const keyText = key ? `${key.asymmetricKeyType}${key.asymmetricKeyDetails?.namedCurve ? ` ${key.asymmetricKeyDetails.namedCurve}` : ''}${key.asymmetricKeyDetails?.modulusLength ? `-${key.asymmetricKeyDetails.modulusLength}` : ''}` : undefined;
      resolve({ sizes, key: keyText });
      s.destroy();
    });
    s.on('error', () => resolve({ sizes: [] }));
    s.setTimeout(5000, () => {
      resolve({ sizes: [] });
      s.destroy();
    });
  });
  return { tls12, chain: chain.sizes, leafKey: chain.key };
}
