// The 32-bit AES-GCM path (aes_ct.ts, ghash.ts): the size profile,
// build/ember-size.wasm, is compiled without EMBER_WORD64 and is what the
// boards run. The host wrappers load the speed profile (the 64-bit path), so
// this file drives the size module's exports directly, on records in its own
// arena, against the same sources: FIPS 197, the NIST and McGrew-Viega GCM
// vectors, and node:crypto on random inputs.
import { stubImports } from '../support/wasm.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineExports } from '../../host/engine.js';
import { describeGcmSpecification, hex, nodeSeal, rand, toHex, vectors, type BlockVector } from './gcm-spec.js';

const size = (() => {
  const module = new WebAssembly.Module(readFileSync(new URL('../../build/ember-size.wasm', import.meta.url)));
  const exports = new WebAssembly.Instance(module, stubImports).exports as unknown as EngineExports & { _initialize?: () => void };
  exports._initialize?.();
  return exports;
})();

// The same arena layout as host/engine.ts, in the size module's memory.
const base = size.arenaPtr();
const CTX = base;
const KEY = base + 4096;
const NONCE = KEY + 32;
const TAG = KEY + 48;
const AAD = KEY + 64; // up to 4032 bytes
const INPUT = base + 8192;
const OUTPUT = base + 24576;
const CHUNK = 16384;

const mem = () => new Uint8Array(size.memory.buffer);
const put = (ptr: number, data: Uint8Array) => mem().set(data, ptr);
const get = (ptr: number, n: number) => mem().slice(ptr, ptr + n);
const wipe = () => mem().fill(0, base, base + size.arenaSize());

/** One-shot gcmSeal on records in the size module's arena (pt up to 16 KiB - 16, aad up to 4032 bytes). */
function seal(key: Uint8Array, nonce: Uint8Array, pt: Uint8Array, aad: Uint8Array): Uint8Array {
  try {
    put(KEY, key);
    put(NONCE, nonce);
    put(AAD, aad);
    put(INPUT, pt);
    expect(size.gcmSeal(CTX, KEY, key.length, NONCE, AAD, aad.length, INPUT, pt.length, OUTPUT)).toBe(1);
    return get(OUTPUT, pt.length + 16);
  } finally {
    wipe();
  }
}

/** One-shot gcmOpen: the plaintext, or null when the tag does not verify. */
function open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array | null {
  const n = sealed.length - 16;
  try {
    put(KEY, key);
    put(NONCE, nonce);
    put(AAD, aad);
    put(INPUT, sealed.subarray(0, n));
    put(TAG, sealed.subarray(n));
    const ok = size.gcmOpen(CTX, KEY, key.length, NONCE, AAD, aad.length, INPUT, n, TAG, OUTPUT);
    return ok === 1 ? get(OUTPUT, n) : null;
  } finally {
    wipe();
  }
}

/** Incremental seal through 16 KiB chunks (gcmInit / gcmAad / gcmEncrypt / gcmFinish). */
function sealStreaming(key: Uint8Array, nonce: Uint8Array, pt: Uint8Array, aad: Uint8Array): Uint8Array {
  try {
    put(KEY, key);
    put(NONCE, nonce);
    expect(size.gcmInit(CTX, KEY, key.length, NONCE)).toBe(1);
    for (let at = 0; at < aad.length; at += CHUNK) {
      const piece = aad.subarray(at, at + CHUNK);
      put(INPUT, piece);
      expect(size.gcmAad(CTX, INPUT, piece.length)).toBe(1);
    }
    const out = new Uint8Array(pt.length + 16);
    for (let at = 0; at < pt.length; at += CHUNK) {
      const piece = pt.subarray(at, at + CHUNK);
      put(INPUT, piece);
      expect(size.gcmEncrypt(CTX, INPUT, OUTPUT, piece.length)).toBe(1);
      out.set(get(OUTPUT, piece.length), at);
    }
    size.gcmFinish(CTX, TAG);
    out.set(get(TAG, 16), pt.length);
    return out;
  } finally {
    wipe();
  }
}

describe('the size build runs the 32-bit AES core (FIPS 197 Appendix C)', () => {
  it('encrypts two blocks per call with 480 bytes of round keys', () => {
    expect(size.aesBlocksPerCall()).toBe(2);
    expect(size.aesRoundKeysSize()).toBe(480);
  });

  for (const v of vectors<BlockVector>('fips197_appendix_c.json').vectors) {
    it(`encrypts the FIPS 197 ${v.name} example in both block slots`, () => {
      const rounds = v.key.length === 64 ? 14 : 10;
      try {
        put(KEY, hex(v.key));
        expect(size.aesExpandKey(CTX, KEY, v.key.length / 2)).toBe(rounds);
        put(INPUT, new Uint8Array([...hex(v.pt), ...hex(v.pt)]));
        size.aesEncryptBlocks(CTX, rounds, INPUT, OUTPUT);
        expect(toHex(get(OUTPUT, 32))).toBe(v.ct + v.ct);
      } finally {
        wipe();
      }
    });
  }
});

describeGcmSpecification('size build, one-shot exports', seal, open, [['node:crypto', nodeSeal]]);

describe('AES-GCM on the 32-bit path, streamed through gcmInit/gcmAad/gcmEncrypt/gcmFinish', () => {
  it('streaming through 16 KiB chunks matches node:crypto around the chunk boundaries and at 1 MiB', () => {
    for (const n of [16383, 16384, 16385, 32768 + 7, 1 << 20]) {
      const key = rand(n % 2 ? 32 : 16);
      const nonce = rand(12);
      const pt = rand(n);
      const aad = rand(n % 61);
      expect(Buffer.from(sealStreaming(key, nonce, pt, aad)).equals(Buffer.from(nodeSeal(key, nonce, pt, aad)))).toBe(true);
    }
  });
});
