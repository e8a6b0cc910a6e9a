// No secret outlives its call: after each public function, no 8-byte run of
// the key, the plaintext or a derived secret is left anywhere in engine memory.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { arena, engine, wipeArena, writeBytes } from '../../host/engine.js';
import * as ember from '../../host/crypto.js';

const random = (n: number) => new Uint8Array(randomBytes(n));

/** Whether any `window`-byte run of secret appears in the engine's memory. */
function leaks(secret: Uint8Array, window = 8): boolean {
  const memory = Buffer.from(engine.memory.buffer);
  for (let i = 0; i + window <= secret.length; i += window) {
    if (memory.indexOf(secret.subarray(i, i + window)) >= 0) return true;
  }
  return false;
}

describe('engine memory after each call', () => {
  const key = random(32);
  const nonce = random(12);
  const plaintext = random(40_000);

  it('the scan finds a key that was left in the arena (control)', () => {
    writeBytes(arena.params, key);
    expect(leaks(key)).toBe(true);
    wipeArena();
    expect(leaks(key)).toBe(false);
  });

  it('holds neither key nor plaintext after AES-GCM seal and open, nor after a failed open', () => {
    const sealed = ember.aesGcmSeal(key, nonce, plaintext);
    expect(ember.aesGcmOpen(key, nonce, sealed)).toEqual(plaintext);
    sealed[5] ^= 1;
    expect(ember.aesGcmOpen(key, nonce, sealed)).toBeNull();
    expect(leaks(key)).toBe(false);
    expect(leaks(plaintext)).toBe(false);
  });

  it('holds neither key nor plaintext after ChaCha20-Poly1305 seal and open', () => {
    const sealed = ember.chacha20Poly1305Seal(key, nonce, plaintext);
    expect(ember.chacha20Poly1305Open(key, nonce, sealed)).toEqual(plaintext);
    expect(leaks(key)).toBe(false);
    expect(leaks(plaintext)).toBe(false);
  });

  it('holds neither the HMAC key, the HKDF PRK nor the output keying material', () => {
    const prk = ember.hkdfExtract('sha384', key, plaintext.subarray(0, 100));
    const okm = ember.hkdfExpand('sha384', prk, random(20), 200);
    expect(leaks(key)).toBe(false);
    expect(leaks(prk)).toBe(false);
    expect(leaks(okm)).toBe(false);
  });

  it('holds neither the X25519 or P-256 private key nor the shared secret', () => {
    const peer = ember.x25519PublicKey(random(32));
    const shared = ember.x25519(key, peer);
    expect(leaks(key)).toBe(false);
    expect(leaks(shared)).toBe(false);
    const p256Private = ember.hkdfExpand('sha256', key, new Uint8Array(0), 32);
    const p256Shared = ember.ecdhP256(p256Private, ember.publicKeyP256(random(32).fill(7, 0, 1)));
    ember.ecdsaSign('P-256', 'sha256', p256Private, plaintext.subarray(0, 64));
    expect(leaks(p256Private)).toBe(false);
    expect(leaks(p256Shared)).toBe(false);
  });
});
