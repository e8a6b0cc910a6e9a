// The package as a user imports it: `embertls/crypto` and the root resolve
// through package.json "exports" to the built dist/, with the names the
// public API promises.
import { execFileSync } from 'node:child_process';
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

  it('npm start runs the self-check and every primitive matches its published vector', () => {
    const out = execFileSync('node', ['dist/cli.js', 'selfcheck'], { encoding: 'utf8' });
    expect(out).toContain('all primitives match their vectors');
    expect(out).not.toContain('FAIL');
  });
});
