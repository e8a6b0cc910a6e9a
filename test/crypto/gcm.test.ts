// AES (FIPS 197) and AES-GCM (NIST SP 800-38D): known answers from their
// sources, then differential properties against node:crypto and
// @noble/ciphers, tampering, streaming and argument checks.
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gcm as nobleGcm } from '@noble/ciphers/aes.js';
import { aesGcmOpen, aesGcmSeal } from '../../host/primitives/gcm.js';
import { arena, engine, readBytes, wipeArena, writeBytes } from '../../host/engine.js';
import { describeGcmSpecification, hex, nodeSeal, rand, toHex, vectors, type BlockVector } from './gcm-spec.js';

function arenaIsClean(): boolean {
  return readBytes(arena.ctx, arena.end - arena.ctx).every((b) => b === 0);
}

describe('AES block cipher, FIPS 197 Appendix C (speed build: the 64-bit core)', () => {
  const { vectors: blocks } = vectors<BlockVector>('fips197_appendix_c.json');
  const slots = engine.aesBlocksPerCall();

  it('the speed build runs the 64-bit core: four blocks per call, 960 bytes of round keys', () => {
    expect(slots).toBe(4);
    expect(engine.aesRoundKeysSize()).toBe(960);
  });

  for (const v of blocks) {
    it(`encrypts the FIPS 197 ${v.name} example in every block slot`, () => {
      const rk = arena.ctx;
      const io = arena.input;
      const rounds = v.key.length === 64 ? 14 : 10;
      const ecb = createCipheriv(rounds === 14 ? 'aes-256-ecb' : 'aes-128-ecb', hex(v.key), null);
      try {
        writeBytes(arena.params, hex(v.key));
        expect(engine.aesExpandKey(rk, arena.params, v.key.length / 2)).toBe(rounds);
        for (let slot = 0; slot < slots; slot++) {
          const others = rand(16 * slots);
          const blocks = others.slice();
          blocks.set(hex(v.pt), 16 * slot);
          writeBytes(io, blocks);
          engine.aesEncryptBlocks(rk, rounds, io, io);
          const out = readBytes(io, 16 * slots);
          expect(toHex(out.subarray(16 * slot, 16 * slot + 16))).toBe(v.ct);
          expect(toHex(out)).toBe(ecb.update(blocks).toString('hex'));
        }
      } finally {
        wipeArena();
      }
    });
  }

  it('AES-128 and AES-256 agree with node:crypto ECB on random keys and blocks', () => {
    fc.assert(
      fc.property(fc.constantFrom(16, 32), fc.uint8Array({ minLength: 16 * slots, maxLength: 16 * slots }), (keyLen, blocks) => {
        const key = rand(keyLen);
        try {
          writeBytes(arena.params, key);
          const nr = engine.aesExpandKey(arena.ctx, arena.params, keyLen);
          writeBytes(arena.input, blocks);
          engine.aesEncryptBlocks(arena.ctx, nr, arena.input, arena.output);
          const ecb = createCipheriv(keyLen === 16 ? 'aes-128-ecb' : 'aes-256-ecb', key, null);
          expect(toHex(readBytes(arena.output, 16 * slots))).toBe(ecb.update(blocks).toString('hex'));
        } finally {
          wipeArena();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('aesExpandKey refuses AES-192 and other key lengths (returns 0)', () => {
    for (const len of [0, 8, 15, 17, 24, 31, 33]) {
      expect(engine.aesExpandKey(arena.ctx, arena.params, len)).toBe(0);
    }
  });
});

describeGcmSpecification('host functions, speed build', (k, n, p, a) => aesGcmSeal(k, n, p, a), (k, n, s, a) => aesGcmOpen(k, n, s, a), [
  ['node:crypto', nodeSeal],
  ['@noble/ciphers', (k, n, p, a) => nobleGcm(k, n, a).encrypt(p)],
]);

describe('AES-GCM streaming through the host against node:crypto and @noble/ciphers', () => {
  it('seal and open handle lengths around the 16 KiB chunk boundaries, in text and in AAD', () => {
    for (const n of [16383, 16384, 16385, 32768 + 7]) {
      for (const keyLen of [16, 32]) {
        const key = rand(keyLen);
        const nonce = rand(12);
        const pt = rand(n);
        const aad = rand(n % 61);
        const sealed = aesGcmSeal(key, nonce, pt, aad);
        expect(toHex(sealed)).toBe(toHex(nodeSeal(key, nonce, pt, aad)));
        expect(toHex(sealed)).toBe(toHex(nobleGcm(key, nonce, aad).encrypt(pt)));
        expect(toHex(aesGcmOpen(key, nonce, sealed, aad)!)).toBe(toHex(pt));
        const longAad = rand(n);
        const tagOnly = aesGcmSeal(key, nonce, new Uint8Array(0), longAad);
        expect(toHex(tagOnly)).toBe(toHex(nodeSeal(key, nonce, new Uint8Array(0), longAad)));
      }
    }
  });

  it('seal and open handle a 1 MiB plaintext and a 1 MiB AAD', () => {
    const key = rand(16);
    const nonce = rand(12);
    const pt = rand(1 << 20);
    const aad = rand((1 << 20) + 3);
    const sealed = aesGcmSeal(key, nonce, pt, aad);
    expect(Buffer.from(sealed).equals(Buffer.from(nodeSeal(key, nonce, pt, aad)))).toBe(true);
    expect(Buffer.from(sealed).equals(Buffer.from(nobleGcm(key, nonce, aad).encrypt(pt)))).toBe(true);
    expect(Buffer.from(aesGcmOpen(key, nonce, sealed, aad)!).equals(Buffer.from(pt))).toBe(true);
    const key256 = rand(32);
    const sealed256 = aesGcmSeal(key256, nonce, pt);
    expect(Buffer.from(sealed256).equals(Buffer.from(nodeSeal(key256, nonce, pt, new Uint8Array(0))))).toBe(true);
  });
});

describe('AES-GCM open() authenticates before it releases anything', () => {
  const key = rand(16);
  const nonce = rand(12);
  const pt = rand(45);
  const aad = rand(21);
  const sealed = aesGcmSeal(key, nonce, pt, aad);

  const flip = (b: Uint8Array, bit: number) => {
    const c = b.slice();
    c[bit >> 3] ^= 1 << (bit & 7);
    return c;
  };

  it('open() rejects a ciphertext with any single bit flipped', () => {
    for (let bit = 0; bit < pt.length * 8; bit++) {
      expect(aesGcmOpen(key, nonce, flip(sealed, bit), aad)).toBeNull();
    }
  });

  it('open() rejects AAD with any single bit flipped, and missing or extra AAD', () => {
    for (let bit = 0; bit < aad.length * 8; bit++) {
      expect(aesGcmOpen(key, nonce, sealed, flip(aad, bit))).toBeNull();
    }
    expect(aesGcmOpen(key, nonce, sealed)).toBeNull();
    expect(aesGcmOpen(key, nonce, sealed, new Uint8Array([...aad, 0]))).toBeNull();
  });

  it('open() rejects a nonce with any single bit flipped', () => {
    for (let bit = 0; bit < 96; bit++) {
      expect(aesGcmOpen(key, flip(nonce, bit), sealed, aad)).toBeNull();
    }
  });

  it('open() rejects the wrong key, a truncated message and moved text/AAD boundaries', () => {
    expect(aesGcmOpen(rand(16), nonce, sealed, aad)).toBeNull();
    expect(aesGcmOpen(key, nonce, sealed.subarray(1), aad)).toBeNull();
    expect(aesGcmOpen(key, nonce, sealed.subarray(0, sealed.length - 1), aad)).toBeNull();
    // The same bytes with the first ciphertext byte moved into the AAD: the
    // length block binds where AAD ends.
    expect(aesGcmOpen(key, nonce, sealed.subarray(1), new Uint8Array([...aad, sealed[0]]))).toBeNull();
  });

  it('open() accepts a bare 16-byte tag over empty text', () => {
    const tagOnly = aesGcmSeal(key, nonce, new Uint8Array(0), aad);
    expect(tagOnly.length).toBe(16);
    expect(aesGcmOpen(key, nonce, tagOnly, aad)).toEqual(new Uint8Array(0));
  });

  it('seal() and open() leave the whole arena zeroed, on success and on failure', () => {
    aesGcmSeal(key, nonce, pt, aad);
    expect(arenaIsClean()).toBe(true);
    aesGcmOpen(key, nonce, sealed, aad);
    expect(arenaIsClean()).toBe(true);
    aesGcmOpen(key, nonce, flip(sealed, 0), aad);
    expect(arenaIsClean()).toBe(true);
  });
});

describe('AES-GCM engine API (incremental, one-shot)', () => {
  const ctx = arena.ctx;
  const KEY = arena.params;
  const NONCE = arena.params + 32;
  const TAG = arena.params + 48;

  /** Drives gcmInit/gcmAad/gcmEncrypt/gcmFinish with the given chunk sizes. */
  function sealInChunks(key: Uint8Array, nonce: Uint8Array, pt: Uint8Array, aad: Uint8Array, cuts: number[]) {
    writeBytes(KEY, key);
    writeBytes(NONCE, nonce);
    expect(engine.gcmInit(ctx, KEY, key.length, NONCE)).toBe(1);
    const pieces = (data: Uint8Array) => {
      const out: Uint8Array[] = [];
      let at = 0;
      for (let i = 0; at < data.length; i++) {
        const n = Math.min(cuts[i % cuts.length], data.length - at);
        out.push(data.subarray(at, at + n));
        at += n;
      }
      return out;
    };
    for (const piece of pieces(aad)) {
      writeBytes(arena.input, piece);
      expect(engine.gcmAad(ctx, arena.input, piece.length)).toBe(1);
    }
    const ct: number[] = [];
    for (const piece of pieces(pt)) {
      writeBytes(arena.input, piece);
      expect(engine.gcmEncrypt(ctx, arena.input, arena.output, piece.length)).toBe(1);
      ct.push(...readBytes(arena.output, piece.length));
    }
    engine.gcmFinish(ctx, TAG);
    return toHex(new Uint8Array([...ct, ...readBytes(TAG, 16)]));
  }

  it('any chunking of AAD and text, block-aligned or not, gives the one-shot result', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 32),
        fc.uint8Array({ maxLength: 700 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 8 }),
        (keyLen, pt, aad, cuts) => {
          const key = rand(keyLen);
          const nonce = rand(12);
          try {
            expect(sealInChunks(key, nonce, pt, aad, cuts)).toBe(toHex(nodeSeal(key, nonce, pt, aad)));
          } finally {
            wipeArena();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gcmSeal and gcmOpen (one-shot, records in memory) agree with the host functions', () => {
    for (const n of [0, 1, 15, 16, 17, 31, 32, 33, 100, 1000]) {
      const key = rand(n % 2 ? 32 : 16);
      const nonce = rand(12);
      const pt = rand(n);
      const aad = rand(13);
      const AAD = arena.params + 64;
      try {
        writeBytes(KEY, key);
        writeBytes(NONCE, nonce);
        writeBytes(AAD, aad);
        writeBytes(arena.input, pt);
        expect(engine.gcmSeal(ctx, KEY, key.length, NONCE, AAD, aad.length, arena.input, n, arena.output)).toBe(1);
        const sealed = readBytes(arena.output, n + 16);
        expect(toHex(sealed)).toBe(toHex(nodeSeal(key, nonce, pt, aad)));
        writeBytes(TAG, sealed.subarray(n));
        writeBytes(arena.input, sealed.subarray(0, n));
        arenaFill(arena.output, n, 0xa5);
        expect(engine.gcmOpen(ctx, KEY, key.length, NONCE, AAD, aad.length, arena.input, n, TAG, arena.output)).toBe(1);
        expect(toHex(readBytes(arena.output, n))).toBe(toHex(pt));
        // A bad tag: 0, and the output buffer is left as it was.
        writeBytes(TAG, sealed.subarray(n).map((b, i) => (i === 5 ? b ^ 0x10 : b)));
        arenaFill(arena.output, n, 0xa5);
        expect(engine.gcmOpen(ctx, KEY, key.length, NONCE, AAD, aad.length, arena.input, n, TAG, arena.output)).toBe(0);
        expect(readBytes(arena.output, n).every((b) => b === 0xa5)).toBe(true);
        expect(readBytes(ctx, engine.gcmContextSize()).every((b) => b === 0)).toBe(true);
      } finally {
        wipeArena();
      }
    }
  });

  it('gcmInit refuses 24-byte keys, gcmAad refuses AAD once text has started, nothing is taken after the tag', () => {
    try {
      expect(engine.gcmInit(ctx, KEY, 24, NONCE)).toBe(0);
      expect(engine.gcmInit(ctx, KEY, 16, NONCE)).toBe(1);
      expect(engine.gcmAad(ctx, arena.input, 5)).toBe(1);
      expect(engine.gcmEncrypt(ctx, arena.input, arena.output, 5)).toBe(1);
      expect(engine.gcmAad(ctx, arena.input, 5)).toBe(0);
      engine.gcmFinish(ctx, TAG);
      expect(engine.gcmEncrypt(ctx, arena.input, arena.output, 5)).toBe(0);
      expect(engine.gcmAuthenticate(ctx, arena.input, 5)).toBe(0);
      expect(engine.gcmAad(ctx, arena.input, 5)).toBe(0);
      expect(engine.gcmContextSize()).toBeLessThanOrEqual(4096);
    } finally {
      wipeArena();
    }
  });

  function arenaFill(ptr: number, n: number, value: number) {
    writeBytes(ptr, new Uint8Array(n).fill(value));
  }
});

describe('AES-GCM argument checks', () => {
  const key = rand(16);
  const nonce = rand(12);
  const sealed = aesGcmSeal(key, nonce, rand(3));

  it('seal() and open() throw TypeError naming key, nonce, plaintext, sealed or aad for non-Uint8Array values', () => {
    const bad: unknown[] = ['00'.repeat(16), [1, 2, 3], null, 16, {}, new ArrayBuffer(16)];
    for (const b of bad) {
      expect(() => aesGcmSeal(b as Uint8Array, nonce, sealed)).toThrow(TypeError);
      expect(() => aesGcmSeal(b as Uint8Array, nonce, sealed)).toThrow(/key/);
      expect(() => aesGcmSeal(key, b as Uint8Array, sealed)).toThrow(/nonce/);
      expect(() => aesGcmSeal(key, nonce, b as Uint8Array)).toThrow(/plaintext/);
      expect(() => aesGcmOpen(key, nonce, b as Uint8Array)).toThrow(/sealed/);
      expect(() => aesGcmOpen(key, nonce, b as Uint8Array)).toThrow(TypeError);
      if (b === null) continue; // an absent aad may be written as null
      expect(() => aesGcmSeal(key, nonce, sealed, b as Uint8Array)).toThrow(TypeError);
      expect(() => aesGcmSeal(key, nonce, sealed, b as Uint8Array)).toThrow(/aad/);
      expect(() => aesGcmOpen(key, nonce, sealed, b as Uint8Array)).toThrow(/aad/);
    }
  });

  it('an aad of null or undefined means no AAD', () => {
    const plain = rand(20);
    const expected = aesGcmSeal(key, nonce, plain, new Uint8Array(0));
    expect(aesGcmSeal(key, nonce, plain, null as never)).toEqual(expected);
    expect(aesGcmSeal(key, nonce, plain, undefined)).toEqual(expected);
    expect(aesGcmOpen(key, nonce, expected, null as never)).toEqual(plain);
  });

  it('seal() and open() throw RangeError naming key for keys other than 16 or 32 bytes, AES-192 included', () => {
    for (const n of [0, 15, 17, 24, 31, 33, 64]) {
      expect(() => aesGcmSeal(rand(n), nonce, sealed)).toThrow(RangeError);
      expect(() => aesGcmSeal(rand(n), nonce, sealed)).toThrow(/key/);
      expect(() => aesGcmOpen(rand(n), nonce, sealed)).toThrow(/key/);
    }
  });

  it('seal() and open() throw RangeError naming nonce for nonces other than 12 bytes', () => {
    for (const n of [0, 8, 11, 13, 16]) {
      expect(() => aesGcmSeal(key, rand(n), sealed)).toThrow(RangeError);
      expect(() => aesGcmOpen(key, rand(n), sealed)).toThrow(/nonce/);
    }
  });

  it('open() throws RangeError naming sealed when it is shorter than the 16-byte tag', () => {
    for (const n of [0, 1, 15]) {
      expect(() => aesGcmOpen(key, nonce, rand(n))).toThrow(RangeError);
      expect(() => aesGcmOpen(key, nonce, rand(n))).toThrow(/sealed/);
    }
  });
});
