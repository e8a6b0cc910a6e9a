// ChaCha20-Poly1305 AEAD (RFC 8439 §2.8) for Node, over the engine's
// incremental exports (assembly/exports/chacha.ts), driven by host/aead.ts.
import { open, seal, slots, type AeadCipher } from '../aead.js';
import { arena, engine } from '../engine.js';

// Status codes of assembly/crypto/chacha20poly1305.ts (AeadStatus).
const OK = 0;
const INCORRECT_TAG = 3;

/** Any status other than Ok here means the host broke a contract. */
function check(status: number, call: string): void {
  if (status !== OK) throw new Error(`engine ${call} failed with status ${status}`);
}

const chacha20Poly1305: AeadCipher = {
  keyLengths: [32],
  init: () => engine.chacha20Poly1305Init(arena.ctx, slots.key, slots.nonce),
  aad: (ptr, len) => check(engine.chacha20Poly1305Aad(arena.ctx, ptr, len), 'aad'),
  encrypt: (src, dst, len) => check(engine.chacha20Poly1305Encrypt(arena.ctx, src, dst, len), 'encrypt'),
  finish: () => engine.chacha20Poly1305Finish(arena.ctx, slots.tag),
  authenticate: (ptr, len) => check(engine.chacha20Poly1305Authenticate(arena.ctx, ptr, len), 'authenticate'),
  verify: () => {
    const status = engine.chacha20Poly1305Verify(arena.ctx, slots.tag);
    if (status === INCORRECT_TAG) return false;
    check(status, 'verify');
    return true;
  },
  decrypt: (src, dst, len) => check(engine.chacha20Poly1305Decrypt(arena.ctx, src, dst, len), 'decrypt'),
};

/**
 * Encrypts plaintext under key (32 bytes) and nonce (12 bytes, never reused
 * with the same key) and authenticates it together with aad. Returns the
 * ciphertext followed by the 16-byte tag.
 */
export function chacha20Poly1305Seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  return seal(chacha20Poly1305, key, nonce, plaintext, aad);
}

/**
 * Checks and decrypts sealed (ciphertext followed by the 16-byte tag) under
 * key, nonce and aad. Returns the plaintext, or null when the tag does not
 * verify; the MAC covers the ciphertext (RFC 8439 §2.8), so it is checked
 * before any byte is decrypted.
 */
export function chacha20Poly1305Open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array | null {
  return open(chacha20Poly1305, key, nonce, sealed, aad);
}
