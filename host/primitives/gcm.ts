// AES-GCM (NIST SP 800-38D) for Node over the engine's constant-time
// AES-128/256 and GHASH (assembly/crypto/gcm.ts), driven by host/aead.ts.
import { open, seal, slots, type AeadCipher } from '../aead.js';
import { arena, engine } from '../engine.js';

const aesGcm: AeadCipher = {
  keyLengths: [16, 32],
  init: (keyLength) => engine.gcmInit(arena.ctx, slots.key, keyLength, slots.nonce),
  aad: (ptr, len) => engine.gcmAad(arena.ctx, ptr, len),
  encrypt: (src, dst, len) => engine.gcmEncrypt(arena.ctx, src, dst, len),
  finish: () => engine.gcmFinish(arena.ctx, slots.tag),
  authenticate: (ptr, len) => engine.gcmAuthenticate(arena.ctx, ptr, len),
  verify: () => engine.gcmVerify(arena.ctx, slots.tag) === 1,
  // Counter mode keeps its own position, apart from GHASH's (§7.2 step 3).
  decrypt: (src, dst, len) => engine.gcmCtrXor(arena.ctx, src, dst, len),
};

/**
 * Encrypts and authenticates plaintext (SP 800-38D §7.1) and returns the
 * ciphertext followed by the 16-byte tag. key is 16 or 32 bytes (AES-128 or
 * AES-256), nonce 12 bytes; aad defaults to empty.
 */
export function aesGcmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  return seal(aesGcm, key, nonce, plaintext, aad);
}

/**
 * Checks and decrypts sealed = ciphertext || 16-byte tag (§7.2). Returns the
 * plaintext, or null when the tag does not verify. Nothing is decrypted
 * before the verdict.
 */
export function aesGcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array | null {
  return open(aesGcm, key, nonce, sealed, aad);
}
