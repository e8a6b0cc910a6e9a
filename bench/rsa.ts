// RSA verification benchmarks on V8: EmberTLS beside node:crypto in one run:
// PKCS#1 v1.5 and PSS verify at 2048, 3072 and 4096 bits (e = 65537, SHA-256,
// 64-byte message). @noble has no RSA (neither @noble/curves nor @noble/hashes
// implements it), so node:crypto is the only comparator. Writes
// bench/results/rsa.json and .svg (npm run bench).
import { constants, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { rsaVerify } from '../host/primitives/rsa.js';
import { runSuite, type Case } from './harness.js';

function cases(): Case[] {
  const message = new Uint8Array(randomBytes(64));
  const out: Case[] = [];
  for (const bits of [2048, 3072, 4096]) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
    for (const scheme of ['pkcs1', 'pss'] as const) {
      const padding = scheme === 'pss' ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING;
      const saltLength = constants.RSA_PSS_SALTLEN_DIGEST;
      const sig = new Uint8Array(sign('sha256', message, { key: privateKey, padding, saltLength }));
      if (!rsaVerify({ scheme, hash: 'sha256' }, spki, message, sig)) throw new Error(`${scheme} ${bits} does not verify`);
      out.push({
        op: `rsa-${bits} ${scheme} verify`,
        run: {
          ember: () => rsaVerify({ scheme, hash: 'sha256' }, spki, message, sig),
          node: () => verify('sha256', message, { key: publicKey, padding, saltLength }, sig),
        },
      });
    }
  }
  return out;
}

await runSuite({
  name: 'rsa',
  title: 'EmberTLS RSA verification on V8',
  comparators: { node: `node:crypto (OpenSSL ${process.versions.openssl})` },
  cases: cases(),
  targets: [],
});
