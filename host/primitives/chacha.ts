// ChaCha20-Poly1305 AEAD (RFC 8439 §2.8) for Node, over the engine's
// incremental exports (assembly/exports/chacha.ts). Inputs of any length are
// streamed through the arena's 16 KiB chunks.
import { bytes, bytesOfLength, optionalBytes } from '../args.js';
import { arena, engine, readBytes, wipeArena, writeBytes } from '../engine.js';
import { streamIn, streamThrough } from '../stream.js';

const KEY_LENGTH = 32;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

// Status codes of assembly/crypto/chacha20poly1305.ts (AeadStatus).
const OK = 0;
const INCORRECT_TAG = 3;

// Where the fixed-size arguments sit in the params slot.
const KEY = arena.params;
const NONCE = KEY + KEY_LENGTH;
const TAG = NONCE + NONCE_LENGTH;

/** Any status other than Ok here means the host broke a contract. */
function check(status: number, call: string): void {
  if (status !== OK) throw new Error(`engine ${call} failed with status ${status}`);
}

/** Keys a fresh AEAD context in the ctx slot and absorbs the AAD. */
function start(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array): void {
  writeBytes(KEY, key);
  writeBytes(NONCE, nonce);
  engine.chacha20Poly1305Init(arena.ctx, KEY, NONCE);
  streamIn(aad, (ptr, len) => check(engine.chacha20Poly1305Aad(arena.ctx, ptr, len), 'aad'));
}

/**
 * Encrypts plaintext under key (32 bytes) and nonce (12 bytes, never reused
 * with the same key) and authenticates it together with aad. Returns the
 * ciphertext followed by the 16-byte tag.
 */
export function chacha20Poly1305Seal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad?: Uint8Array,
): Uint8Array {
  const k = bytesOfLength('key', key, KEY_LENGTH);
  const n = bytesOfLength('nonce', nonce, NONCE_LENGTH);
  const text = bytes('plaintext', plaintext);
  const ad = optionalBytes('aad', aad);
  try {
    start(k, n, ad);
    const sealed = new Uint8Array(text.length + TAG_LENGTH);
    streamThrough(
      text,
      (src, dst, len) => check(engine.chacha20Poly1305Encrypt(arena.ctx, src, dst, len), 'encrypt'),
      sealed,
    );
    engine.chacha20Poly1305Finish(arena.ctx, TAG);
    sealed.set(readBytes(TAG, TAG_LENGTH), text.length);
    return sealed;
  } finally {
    wipeArena();
  }
}

/**
 * Checks and decrypts sealed (ciphertext followed by the 16-byte tag) under
 * key, nonce and aad. Returns the plaintext, or null when the tag does not
 * verify. The tag is checked over the whole ciphertext before any byte is
 * decrypted (RFC 8439 §2.8: the MAC covers the ciphertext, not the
 * plaintext), so a forged message yields no plaintext at all.
 */
export function chacha20Poly1305Open(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad?: Uint8Array,
): Uint8Array | null {
  const k = bytesOfLength('key', key, KEY_LENGTH);
  const n = bytesOfLength('nonce', nonce, NONCE_LENGTH);
  const s = bytes('sealed', sealed);
  if (s.length < TAG_LENGTH) {
    throw new RangeError(
      `sealed must be at least ${TAG_LENGTH} bytes long (ciphertext and tag), got ${s.length}`,
    );
  }
  const ad = optionalBytes('aad', aad);
  const ciphertext = s.subarray(0, s.length - TAG_LENGTH);
  try {
    // Pass 1: MAC the AAD and ciphertext only, then compare in constant time.
    start(k, n, ad);
    streamIn(ciphertext, (ptr, len) =>
      check(engine.chacha20Poly1305Authenticate(arena.ctx, ptr, len), 'authenticate'),
    );
    writeBytes(TAG, s.subarray(s.length - TAG_LENGTH));
    const verdict = engine.chacha20Poly1305Verify(arena.ctx, TAG);
    if (verdict === INCORRECT_TAG) return null;
    check(verdict, 'verify');
    // Pass 2: the tag is good; now decrypt. Verify wiped the context but
    // not the params slot, so key and nonce are still in place.
    engine.chacha20Poly1305Init(arena.ctx, KEY, NONCE);
    return streamThrough(ciphertext, (src, dst, len) =>
      check(engine.chacha20Poly1305Decrypt(arena.ctx, src, dst, len), 'decrypt'),
    );
  } finally {
    wipeArena();
  }
}
