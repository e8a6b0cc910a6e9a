// A TLS 1.3 handshake from a simulated board against openssl s_server: the
// firmware and relay are host/board-tls.ts's; this starts the server with
// the PKI made by the openssl command line (test/x509/pki.ts): a P-256 root
// CA and a P-256 leaf for localhost, a chain of 2; the firmware is built
// with the root as its trust anchor. Used by test/boards-tls.test.ts and
// bench/boards-tls.ts.
import { buildTlsFirmware as buildFirmwareFor, runBoardTls, type BoardTlsOptions, type BoardTlsRun } from '../../host/board-tls.js';
import { startPeer } from '../peers/support/peer.js';
import { Pki, SERVER_EXT, type Cert } from '../x509/pki.js';

export { boardReport, TLS_BOARDS } from '../../host/board-tls.js';

export interface BoardPki {
  pki: Pki;
  /** The firmware's trust anchor. */
  ca: Cert;
  /** P-256 leaf for localhost, issued by ca. */
  leaf: Cert;
  /** P-256 leaf for localhost from a CA the firmware does not trust. */
  untrusted: Cert;
}

/** The issue's configuration: ECDSA P-256 root -> leaf (valid 2024-2034; the boards' clock reads 2025-01-01). */
export function makeBoardPki(): BoardPki {
  const pki = new Pki();
  const ca = pki.root('EmberTLS Board Test CA', pki.key('p256'));
  const otherCa = pki.root('Some Other CA', pki.key('p256'));
  const server = (name: string, issuer: Cert) => pki.issue(name, {
    subject: '/CN=localhost', key: pki.key('p256'), issuer, ext: [...SERVER_EXT, 'subjectAltName=DNS:localhost'],
  });
  return { pki, ca, leaf: server('leaf', ca), untrusted: server('untrusted', otherCa) };
}

/** The TLS firmware with anchor as its trust anchor (the boards' clock: port.c's 2025-01-01). */
export function buildTlsFirmware(board: string, profile: 'size' | 'speed', anchor: Cert): Promise<string> {
  return buildFirmwareFor(board, profile, { name: anchor.name, der: anchor.der });
}

export interface TlsRun extends BoardTlsRun {
  /** What s_server printed. */
  server: string;
}

/**
 * Runs the firmware against `openssl s_server -tls1_3 -www` serving cert,
 * limited to TLS_AES_128_GCM_SHA256 and X25519 (the issue's target): two
 * connections, the second resuming the first's session.
 */
export async function runTlsSession(board: string, elf: string, cert: Cert, options: BoardTlsOptions = {}): Promise<TlsRun> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const peer = await startPeer('openssl', (port) => [
    's_server', '-tls1_3', '-www', '-accept', `127.0.0.1:${port}`, '-cert', cert.file, '-key', cert.key.file,
    '-naccept', '2', '-ciphersuites', 'TLS_AES_128_GCM_SHA256', '-groups', 'X25519',
  ], { ready: /^ACCEPT$/m, lifetimeMs: timeoutMs + 5000 });
  try {
    const run = await runBoardTls(board, elf, peer.port, { ...options, timeoutMs });
    return { ...run, server: peer.output() };
  } finally {
    await peer.stop();
  }
}
