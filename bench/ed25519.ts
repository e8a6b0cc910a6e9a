// Ed25519 verification (RFC 8032 §5.1.7) on V8: EmberTLS beside @noble/curves
// and node:crypto in one run, the same key, message and signature for all
// three. Writes bench/results/ed25519.json and .svg (npm run bench).
import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ed25519 as noble } from '@noble/curves/ed25519.js';
import { ed25519Verify } from '../host/primitives/ed25519.js';
import { runSuite, type Case } from './harness.js';

function verifyCase(size: number): Case {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const raw = new Uint8Array(spki.subarray(12));
  const keyObject = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const message = new Uint8Array(randomBytes(size));
  const signature = new Uint8Array(sign(null, message, privateKey));
  const run = {
    ember: () => ed25519Verify(raw, message, signature),
    // Strict RFC 8032 mode (zip215: false): the rules EmberTLS follows.
    noble: () => noble.verify(signature, message, raw, { zip215: false }),
    node: () => verify(null, message, keyObject, signature),
  };
  for (const [impl, fn] of Object.entries(run)) if (!fn()) throw new Error(`${impl} rejected a valid signature`);
  return { op: `ed25519 verify ${size >= 1024 ? `${size / 1024} KiB` : `${size} B`}`, bytes: size, run };
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
await runSuite({
  name: 'ed25519',
  title: 'EmberTLS Ed25519 verification on V8',
  comparators: {
    noble: `@noble/curves ${pkg.devDependencies['@noble/curves']} (ed25519.js, strict)`,
    node: `node:crypto (OpenSSL ${process.versions.openssl})`,
  },
  cases: [verifyCase(64), verifyCase(1024), verifyCase(16384)],
  targets: [],
});
