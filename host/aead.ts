// The two-pass AEAD driver both ciphers share. Seal streams the plaintext
// through encrypt and appends the tag. Open never releases plaintext for a
// forged message: pass 1 only authenticates the AAD and ciphertext and
// compares the tag in constant time inside the engine; pass 2 decrypts, and
// runs only after the verdict. The arena is wiped whatever happens.
import { bytes, bytesOfLength, optionalBytes } from './args.js';
import { arena, readBytes, wipeArena, writeBytes } from './engine.js';
import { streamIn, streamThrough } from './stream.js';

export const TAG_LENGTH = 16;
const NONCE_LENGTH = 12;

/** Where the fixed-size arguments sit in the params slot. */
export const slots = {
  key: arena.params,
  nonce: arena.params + 32,
  tag: arena.params + 48,
} as const;

/** One cipher's engine calls, over the context in arena.ctx. */
export interface AeadCipher {
  keyLengths: number[];
  /** Keys a fresh context from the key and nonce slots (pass 1 and pass 2 alike). */
  init(keyLength: number): void;
  aad(ptr: number, len: number): void;
  encrypt(src: number, dst: number, len: number): void;
  /** Writes the tag to the tag slot. */
  finish(): void;
  /** Pass 1: absorbs ciphertext without decrypting. */
  authenticate(ptr: number, len: number): void;
  /** Compares the computed tag with the tag slot in constant time. */
  verify(): boolean;
  /** Pass 2, after a good verdict: decrypts from a context init() keyed. */
  decrypt(src: number, dst: number, len: number): void;
}

function start(cipher: AeadCipher, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array): void {
  writeBytes(slots.key, key);
  writeBytes(slots.nonce, nonce);
  cipher.init(key.length);
  streamIn(aad, (ptr, len) => cipher.aad(ptr, len));
}

export function seal(cipher: AeadCipher, key: unknown, nonce: unknown, plaintext: unknown, aad: unknown): Uint8Array {
  const k = bytesOfLength('key', key, ...cipher.keyLengths);
  const n = bytesOfLength('nonce', nonce, NONCE_LENGTH);
  const text = bytes('plaintext', plaintext);
  const ad = optionalBytes('aad', aad);
  try {
    start(cipher, k, n, ad);
    const sealed = new Uint8Array(text.length + TAG_LENGTH);
    streamThrough(text, (src, dst, len) => cipher.encrypt(src, dst, len), sealed);
    cipher.finish();
    sealed.set(readBytes(slots.tag, TAG_LENGTH), text.length);
    return sealed;
  } finally {
    wipeArena();
  }
}

export function open(cipher: AeadCipher, key: unknown, nonce: unknown, sealed: unknown, aad: unknown): Uint8Array | null {
  const k = bytesOfLength('key', key, ...cipher.keyLengths);
  const n = bytesOfLength('nonce', nonce, NONCE_LENGTH);
  const s = bytes('sealed', sealed);
  if (s.length < TAG_LENGTH) {
    throw new RangeError(`sealed must be at least ${TAG_LENGTH} bytes long (ciphertext || tag), got ${s.length}`);
  }
  const ad = optionalBytes('aad', aad);
  const ciphertext = s.subarray(0, s.length - TAG_LENGTH);
  try {
    start(cipher, k, n, ad);
    streamIn(ciphertext, (ptr, len) => cipher.authenticate(ptr, len));
    writeBytes(slots.tag, s.subarray(s.length - TAG_LENGTH));
    if (!cipher.verify()) return null;
    cipher.init(k.length);
    return streamThrough(ciphertext, (src, dst, len) => cipher.decrypt(src, dst, len));
  } finally {
    wipeArena();
  }
}
