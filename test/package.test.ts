// The package as a user imports it: `embertls/crypto` and the root resolve
// through package.json "exports" to the built dist/, with the names the
// public API promises.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CRYPTO_API = [
  'sha256', 'sha384', 'sha512', 'hmac', 'hkdfExtract', 'hkdfExpand',
  'aesGcmSeal', 'aesGcmOpen', 'chacha20Poly1305Seal', 'chacha20Poly1305Open',
  'x25519', 'x25519PublicKey',
  'publicKeyP256', 'ecdhP256', 'ecdsaSign', 'ecdsaVerify', 'ed25519Verify', 'rsaVerify', 'verifyCertificateChain',
];

describe('the embertls package', () => {
  it('embertls/crypto exports every promised function by name', async () => {
    const api = await import('embertls/crypto');
    for (const name of CRYPTO_API) expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
  });

  it('embertls/crypto works from a plain Node process, outside the test runner', () => {
    const script = `import { sha256 } from 'embertls/crypto';
      process.stdout.write(Buffer.from(sha256(new TextEncoder().encode('abc'))).toString('hex'));`;
    const out = execFileSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('embertls selfcheck runs every primitive on its published vector', () => {
    const out = execFileSync('node', ['dist/cli.js', 'selfcheck'], { encoding: 'utf8' });
    expect(out).toContain('all primitives match their vectors');
    expect(out).not.toContain('FAIL');
  });

  it('npm start is `embertls start`', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node dist/cli.js start');
  });

  it('npm start makes a demo CA at first run, connects EmberTLS to a local TLS 1.3 server with the trace, exchanges data and prints the cost', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ember-demo-'));
    try {
      const start = () => execFileSync('node', ['dist/cli.js', 'start'], { encoding: 'utf8', env: { ...process.env, EMBERTLS_DEMO_PKI: join(dir, 'pki') } });
      const first = start();
      expect(first).toContain(`made a demo CA and a localhost certificate (ECDSA P-256) in ${join(dir, 'pki')}`);
      for (const words of [
        'started a local TLS 1.3 server',
        'with a 2048-byte receive buffer, a 1024-byte send buffer and a 1024-byte handshake buffer',
        '-> ClientHello: TLS 1.3 only',
        '<- ServerHello: the server chose',
        '<- CertificateVerify: the server signed the handshake so far with ecdsa_secp256r1_sha256',
        '** keys: application traffic keys in use',
        '-> application data: "hello from an EmberTLS device"',
        '<- application data: "hello device, the server got your 30 bytes: hello from an EmberTLS device"',
        'close_notify',
        'what this handshake costs a device',
        'the same handshake on a simulated board',
        '<- NewSessionTicket: a ',
        'The device comes back later with the ticket the server gave it (session resumption):',
        'and took our session ticket: a resumed handshake',
        'resumed: yes: no certificate was sent or checked',
      ]) expect(first).toContain(words);
      // Live under QEMU where the board toolchain is (CI), else the last bench:boards-tls run: full, then resumed.
      expect(first).toMatch(/esp32c3-sim +rv32imc +speed +[\d.]+ M +[\d.]+ M +\d+ B/);
      expect(first).toMatch(/RAM: \d+ bytes \([\d.]+ KiB\) = engine state \d+ \+ receive record buffer 2048 \+ send record buffer 1024 \+ handshake buffer 1024/);
      expect(first).not.toContain('\x1b[');
      expect(start()).toContain('using a demo CA');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the demo server certificate is for localhost and 127.0.0.1, signed by the demo CA, which is a CA', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ember-demo-'));
    try {
      execFileSync('node', ['dist/cli.js', 'start'], { encoding: 'utf8', env: { ...process.env, EMBERTLS_DEMO_PKI: dir } });
      const ca = new X509Certificate(readFileSync(join(dir, 'ca.pem')));
      const server = new X509Certificate(readFileSync(join(dir, 'server.pem')));
      expect(ca.ca).toBe(true);
      expect(server.ca).toBe(false);
      expect(server.checkIssued(ca)).toBe(true);
      expect(server.verify(ca.publicKey)).toBe(true);
      expect(server.checkHost('localhost')).toBe('localhost');
      expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
