// AES-GCM (NIST SP 800-38D) for Node over the engine's constant-time
// AES-128/256 and GHASH (assembly/crypto/gcm.ts). Inputs of any length are
// streamed through the arena's 16 KiB chunks; the arena is wiped after every
// call, whatever happens.
import { bytes, bytesOfLength, optionalBytes } from '../args.js';
import { arena, engine, readBytes, wipeArena, writeBytes } from '../engine.js';
import { streamIn, streamThrough } from '../stream.js';

const TAG_LENGTH = 16;

// Layout of the params slot.
const KEY = arena.params;
const NONCE = arena.params + 32;
const TAG = arena.params + 48;

/** gcmInit + AAD: the context is ready for text. */
function start(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array): void {
  writeBytes(KEY, key);
  writeBytes(NONCE, nonce);
  engine.gcmInit(arena.ctx, KEY, key.length, NONCE);
  streamIn(aad, (ptr, len) => engine.gcmAad(arena.ctx, ptr, len));
}

/**
 * Encrypts and authenticates plaintext (SP 800-38D §7.1) and returns the
 * ciphertext followed by the 16-byte tag. key is 16 or 32 bytes (AES-128 or
 * AES-256), nonce 12 bytes; aad defaults to empty.
 */
export function aesGcmSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad?: Uint8Array,
): Uint8Array {
  const k = bytesOfLength('key', key, 16, 32);
  const n = bytesOfLength('nonce', nonce, 12);
  const p = bytes('plaintext', plaintext);
  const a = optionalBytes('aad', aad);
  try {
    start(k, n, a);
    const sealed = new Uint8Array(p.length + TAG_LENGTH);
    sealed.set(streamThrough(p, (src, dst, len) => engine.gcmEncrypt(arena.ctx, src, dst, len)));
    engine.gcmFinish(arena.ctx, TAG);
    sealed.set(readBytes(TAG, TAG_LENGTH), p.length);
    return sealed;
  } finally {
    wipeArena();
  }
}

/**
 * Checks and decrypts sealed = ciphertext || 16-byte tag (§7.2). Returns the
 * plaintext, or null when the tag does not verify. Nothing is decrypted
 * before the verdict: pass 1 only hashes the ciphertext and compares tags in
 * constant time; pass 2 runs the counter mode once the tag is known good.
 */
export function aesGcmOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad?: Uint8Array,
): Uint8Array | null {
  const k = bytesOfLength('key', key, 16, 32);
  const n = bytesOfLength('nonce', nonce, 12);
  const s = bytes('sealed', sealed);
  if (s.length < TAG_LENGTH) {
    throw new RangeError(`sealed must be at least ${TAG_LENGTH} bytes long (ciphertext || tag), got ${s.length}`);
  }
  const a = optionalBytes('aad', aad);
  const ciphertext = s.subarray(0, s.length - TAG_LENGTH);
  try {
    start(k, n, a);
    streamIn(ciphertext, (ptr, len) => engine.gcmAuthenticate(arena.ctx, ptr, len));
    writeBytes(TAG, s.subarray(s.length - TAG_LENGTH));
    if (engine.gcmVerify(arena.ctx, TAG) !== 1) return null;
    return streamThrough(ciphertext, (src, dst, len) => engine.gcmCtrXor(arena.ctx, src, dst, len));
  } finally {
    wipeArena();
  }
}
