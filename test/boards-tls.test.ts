// A real TLS 1.3 handshake from a simulated board: the engine carried to C
// (size profile), driven by boards/common/tls-client.c through embertls.h's
// ember_tls_* calls, its records over the board's UART, bridged by
// test/support/board-tls.ts to openssl s_server (TLS_AES_128_GCM_SHA256,
// X25519, an ECDSA P-256 root -> leaf chain made with the openssl CLI). The
// board fetches s_server's -www page and closes with close_notify, then
// connects again resuming the session of s_server's ticket; a server
// whose chain the board does not trust, or a flight corrupted on the wire, is
// refused with the engine's error code, never a trap.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERR } from '../host/tls/errors.js';
import { hasTool } from './support/tools.js';
import { boardReport, buildTlsFirmware, makeBoardPki, runTlsSession, TLS_BOARDS, type BoardPki } from './support/board-tls.js';
// @ts-expect-error: plain ESM scripts, no type declarations
import { buildFirmware, requiredTools, runFirmware } from '../scripts/boards.mjs';

const TIMEOUT_MS = 240_000;

const readiness = new Map<string, boolean>();
function ready(board: string): boolean {
  if (!readiness.has(board)) {
    const tools = [...(requiredTools(board) as Array<[string, string]>), ['openssl', 'openssl'] as [string, string]];
    readiness.set(board, tools.every(([command, pkg]) => hasTool(command, pkg)));
  }
  return readiness.get(board)!;
}

let pki: BoardPki;
beforeAll(() => {
  if (Object.keys(TLS_BOARDS).some(ready)) pki = makeBoardPki();
});
afterAll(() => pki?.pki.dispose());

describe.each(Object.keys(TLS_BOARDS))('TLS 1.3 from board %s under QEMU', (board) => {
  it.skipIf(!ready(board))(
    'completes the handshake with s_server (AES-128-GCM, x25519, verified P-256 chain), fetches the page and closes with close_notify',
    async () => {
      const elf = await buildTlsFirmware(board, 'size', pki.ca);
      const run = await runTlsSession(board, elf, pki.leaf);
      expect(run.output).not.toMatch(/engine trap|CPU (exception|fault)/);
      expect(boardReport(run.output, 'error'), run.output).toEqual([0]);
      expect(run.status, run.output).toBe(0);
      const [suite, group, verdict] = boardReport(run.output, 'suite');
      expect([suite, group, verdict]).toEqual([0x1301, 0x001d, 0]);
      const reply = /^tls reply\n([\s\S]*)\ntls end$/m.exec(run.output)?.[1] ?? '';
      expect(reply).toMatch(/^HTTP\/1\.0 200 ok\r\n/);
      expect(reply).toContain('New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256');
      expect(reply).toContain('</HTML>');
      // Every byte the board counted crossed the relay, and nothing else did.
      expect(boardReport(run.output, 'bytes')).toEqual([run.carried[0].toBoard, run.carried[0].toServer]);
      expect(boardReport(run.output, 'handshake')[0]).toBeGreaterThan(0);
      // Then the board resumes with the session of s_server's ticket (RFC 8446 §2.2): no certificate, so
      // no signature to verify, and the server's page says so.
      const [status, resumedInstructions, resumedError] = boardReport(run.output, 'resumed');
      expect([status, resumedError]).toEqual([2, 0]); // ResumeStatus.Accepted, no error
      expect(resumedInstructions).toBeLessThan(boardReport(run.output, 'handshake')[0] / 2);
      expect(run.output).toContain('Reused, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256');
      expect(run.carried).toHaveLength(2);
    },
    TIMEOUT_MS,
  );

  it.skipIf(!ready(board))(
    'refuses a server whose chain ends at a CA it does not trust: unknown_ca, the engine error code, no request sent',
    async () => {
      const elf = await buildTlsFirmware(board, 'size', pki.ca);
      const run = await runTlsSession(board, elf, pki.untrusted);
      expect(run.output).not.toMatch(/engine trap|CPU (exception|fault)/);
      expect(boardReport(run.output, 'error'), run.output).toEqual([ERR.ChainUnknownCa]);
      expect(run.status).toBe(1);
      expect(run.output).not.toContain('tls reply');
      expect(boardReport(run.output, 'suite')[2]).toBe(2); // X509Error UNKNOWN_ISSUER
      expect(run.server).toMatch(/alert unknown ca/i);
    },
    TIMEOUT_MS,
  );

  it.skipIf(!ready(board))(
    'refuses the server flight with one bit flipped in its first encrypted record: bad_record_mac, no trap',
    async () => {
      const elf = await buildTlsFirmware(board, 'size', pki.ca);
      // ServerHello (127 bytes with an x25519 share) and ChangeCipherSpec (6) come first: 200 is ciphertext.
      const run = await runTlsSession(board, elf, pki.leaf, { flipToBoard: 200 });
      expect(run.output).not.toMatch(/engine trap|CPU (exception|fault)/);
      expect(boardReport(run.output, 'error'), run.output).toEqual([ERR.BadRecordMac]);
      expect(run.status).toBe(1);
      expect(run.server).toMatch(/alert bad record mac/i);
    },
    TIMEOUT_MS,
  );
});

describe.each(Object.keys(TLS_BOARDS))('embertls.h TLS calls on board %s, without a peer', (board) => {
  it.skipIf(!ready(board))(
    'refuse sizes that do not fit, misuse before and after start, and trap on a crypto call while a connection holds the arena',
    () => {
      const { status, output } = runFirmware(board, buildFirmware(board, 'size', 'tls-api'), { timeoutMs: 60_000 });
      const [checks, after] = output.split(/^(?=summary )/m);
      expect(checks.split('\n').filter((line) => line.startsWith('FAIL')), output).toEqual([]);
      expect(/^summary ([0-9a-f]+) 0$/m.exec(after)?.[1], output).toBe((19).toString(16));
      expect(after).toMatch(/^expect trap: .*\nFAIL engine trap 64\n$/m);
      expect(status).toBe(2);
    },
    TIMEOUT_MS,
  );
});

describe('embertls.h', () => {
  it('names the TLS error codes with the engine\'s values (assembly/tls/errors.ts, through host/tls/errors.ts)', () => {
    const header = readFileSync(new URL('../boards/runtime/embertls.h', import.meta.url), 'utf8');
    const value = (name: string) => Number(new RegExp(`#define EMBER_TLS_${name} (0x[0-9A-Fa-f]+)`).exec(header)?.[1]);
    expect(value('BAD_CONFIGURATION')).toBe(ERR.BadConfiguration);
    expect(value('CONNECTION_CLOSED')).toBe(ERR.ConnectionClosed);
    expect(value('HANDSHAKE_TOO_LARGE')).toBe(ERR.HandshakeTooLarge);
    expect(value('CHAIN_UNKNOWN_CA')).toBe(ERR.ChainUnknownCa);
    expect(value('CHAIN_EXPIRED')).toBe(ERR.ChainExpired);
    expect(value('CHAIN_NOT_YET_VALID')).toBe(ERR.ChainNotYetValid);
    expect(value('CHAIN_HOSTNAME_MISMATCH')).toBe(ERR.ChainHostnameMismatch);
  });
});
