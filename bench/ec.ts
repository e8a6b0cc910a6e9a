// Elliptic-curve benchmarks on V8: EmberTLS beside @noble/curves and
// node:crypto in one run: P-256 key derivation, ECDH, ECDSA sign and verify,
// and P-384 verify. Writes bench/results/ec.json and ec.svg (npm run bench).
import { createECDH, createPrivateKey, createPublicKey, randomBytes, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { p256, p384 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ecdhP256, ecdsaSign, ecdsaVerify, publicKeyP256 } from '../host/primitives/ec.js';
import { runSuite, type Case } from './harness.js';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
function jwk(crv: 'P-256' | 'P-384', priv: Uint8Array | null, pub: Uint8Array) {
  const size = crv === 'P-256' ? 32 : 48;
  return {
    kty: 'EC', crv, x: b64(pub.subarray(1, 1 + size)), y: b64(pub.subarray(1 + size)),
    ...(priv ? { d: b64(priv) } : {}),
  };
}

function cases(): Case[] {
  const message = new Uint8Array(randomBytes(64));
  const priv = p256.utils.randomSecretKey();
  const pub = p256.getPublicKey(priv, false);
  const peerPriv = p256.utils.randomSecretKey();
  const peerPub = p256.getPublicKey(peerPriv, false);
  const nodePriv = createPrivateKey({ key: jwk('P-256', priv, pub), format: 'jwk' });
  const nodePub = createPublicKey({ key: jwk('P-256', null, pub), format: 'jwk' });
  const nodeEcdh = createECDH('prime256v1');
  nodeEcdh.setPrivateKey(priv);
  const sig = ecdsaSign('P-256', 'sha256', priv, message);
  const digest = sha256(message);

  const priv384 = p384.utils.randomSecretKey();
  const pub384 = p384.getPublicKey(priv384, false);
  const node384 = createPublicKey({ key: jwk('P-384', null, pub384), format: 'jwk' });
  const sig384 = new Uint8Array(nodeSign('sha384', message, createPrivateKey({ key: jwk('P-384', priv384, pub384), format: 'jwk' })));

  return [
    {
      op: 'p256 public key',
      run: {
        ember: () => publicKeyP256(priv),
        noble: () => p256.getPublicKey(priv, false),
        node: () => { const e = createECDH('prime256v1'); e.setPrivateKey(priv); return e.getPublicKey(); },
      },
    },
    {
      op: 'p256 ecdh',
      run: {
        ember: () => ecdhP256(priv, peerPub),
        noble: () => p256.getSharedSecret(priv, peerPub),
        node: () => nodeEcdh.computeSecret(peerPub),
      },
    },
    {
      op: 'ecdsa-p256 sign',
      run: {
        ember: () => ecdsaSign('P-256', 'sha256', priv, message),
        noble: () => p256.sign(message, priv, { format: 'der', lowS: false }),
        node: () => nodeSign('sha256', message, nodePriv),
      },
    },
    {
      op: 'ecdsa-p256 verify',
      run: {
        ember: () => ecdsaVerify('P-256', 'sha256', pub, message, sig),
        noble: () => p256.verify(sig, digest, pub, { prehash: false, format: 'der', lowS: false }),
        node: () => nodeVerify('sha256', message, nodePub, sig),
      },
    },
    {
      op: 'ecdsa-p384 verify',
      run: {
        ember: () => ecdsaVerify('P-384', 'sha384', pub384, message, sig384),
        noble: () => p384.verify(sig384, message, pub384, { format: 'der', lowS: false }),
        node: () => nodeVerify('sha384', message, node384, sig384),
      },
    },
  ];
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
await runSuite({
  name: 'ec',
  title: 'EmberTLS P-256 / P-384 on V8',
  comparators: {
    noble: `@noble/curves ${pkg.devDependencies['@noble/curves']} (nist.js)`,
    node: `node:crypto (OpenSSL ${process.versions.openssl})`,
  },
  cases: cases(),
  targets: [
    { op: 'ecdsa-p256 verify', vs: 'noble', atLeast: 2, text: 'ECDSA-P256 verify >= 2x @noble/curves' },
    { op: 'p256 ecdh', vs: 'noble', atLeast: 2, text: 'P-256 ECDH >= 2x @noble/curves' },
  ],
});
