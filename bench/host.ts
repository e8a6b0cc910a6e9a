// Symmetric crypto and X25519 on V8: EmberTLS beside @noble/* and node:crypto
// in one run. Writes bench/results/host.json and host.svg (npm run bench).
import { createCipheriv, createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { gcm } from '@noble/ciphers/aes.js';
import { x25519 as nobleX25519 } from '@noble/curves/ed25519.js';
import * as ember from '../host/crypto.js';
import { runSuite, type Case } from './harness.js';

const SIZES = [64, 1024, 16384];
const label = (n: number) => (n >= 1024 ? `${n / 1024} KiB` : `${n} B`);
const key32 = randomBytes(32);
const key16 = randomBytes(16);
const nonce = randomBytes(12);

function sizedCases(): Case[] {
  const cases: Case[] = [];
  for (const n of SIZES) {
    const data = new Uint8Array(randomBytes(n));
    cases.push(
      {
        op: `sha256 ${label(n)}`, bytes: n,
        run: {
          ember: () => ember.sha256(data),
          noble: () => nobleSha256(data),
          node: () => createHash('sha256').update(data).digest(),
        },
      },
      {
        op: `hmac-sha256 ${label(n)}`, bytes: n,
        run: {
          ember: () => ember.hmac('sha256', key32, data),
          noble: () => nobleHmac(nobleSha256, key32, data),
          node: () => createHmac('sha256', key32).update(data).digest(),
        },
      },
      {
        op: `chacha20-poly1305 ${label(n)}`, bytes: n,
        run: {
          ember: () => ember.chacha20Poly1305Seal(key32, nonce, data),
          noble: () => chacha20poly1305(key32, nonce).encrypt(data),
          node: () => nodeSeal('chacha20-poly1305', key32, data),
        },
      },
      {
        op: `aes-128-gcm ${label(n)}`, bytes: n,
        run: {
          ember: () => ember.aesGcmSeal(key16, nonce, data),
          noble: () => gcm(key16, nonce).encrypt(data),
          node: () => nodeSeal('aes-128-gcm', key16, data),
        },
      },
    );
  }
  const big = new Uint8Array(randomBytes(16384));
  cases.push({
    op: 'aes-256-gcm 16 KiB', bytes: 16384,
    run: {
      ember: () => ember.aesGcmSeal(key32, nonce, big),
      noble: () => gcm(key32, nonce).encrypt(big),
      node: () => nodeSeal('aes-256-gcm', key32, big),
    },
  });
  return cases;
}

function nodeSeal(algorithm: 'chacha20-poly1305' | 'aes-128-gcm' | 'aes-256-gcm', key: Uint8Array, data: Uint8Array) {
  const cipher = createCipheriv(algorithm as 'aes-128-gcm', key, nonce, { authTagLength: 16 });
  return Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
}

function x25519Case(): Case {
  const priv = new Uint8Array(randomBytes(32));
  const peer = ember.x25519PublicKey(new Uint8Array(randomBytes(32)));
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), priv]);
  const spki = Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), peer]);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return {
    op: 'x25519 shared secret', bytes: 0,
    run: {
      ember: () => ember.x25519(priv, peer),
      noble: () => nobleX25519.getSharedSecret(priv, peer),
      node: () => diffieHellman({ privateKey, publicKey }),
    },
  };
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
await runSuite({
  name: 'host',
  title: 'EmberTLS symmetric crypto and X25519 on V8',
  comparators: {
    noble: `@noble/hashes, @noble/ciphers, @noble/curves ${pkg.devDependencies['@noble/ciphers']}`,
    node: `node:crypto (OpenSSL ${process.versions.openssl})`,
  },
  cases: [...sizedCases(), x25519Case()],
  targets: [
    { op: 'chacha20-poly1305 16 KiB', vs: 'noble', atLeast: 3, text: 'ChaCha20-Poly1305 16 KiB >= 3x @noble/ciphers' },
    { op: 'aes-128-gcm 16 KiB', vs: 'noble', atLeast: 2, text: 'AES-128-GCM 16 KiB >= 2x @noble/ciphers' },
    { op: 'x25519 shared secret', vs: 'noble', atLeast: 1, text: 'X25519 faster than @noble/curves' },
  ],
  extra: {
    moduleBytes: { speed: statSync('build/ember.wasm').size, size: statSync('build/ember-size.wasm').size },
  },
});
