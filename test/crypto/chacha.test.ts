// ChaCha20, Poly1305 and AEAD_CHACHA20_POLY1305 (RFC 8439): the RFC's own
// vectors through the engine's incremental exports, then differential
// properties against node:crypto and @noble/ciphers, forgery rejection and
// the argument contract of the host wrapper.
import { stubImports } from '../support/wasm.js';
import { createCipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chacha20, chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { poly1305 } from '@noble/ciphers/_poly1305.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arena, engine, readBytes, writeBytes } from '../../host/engine.js';
import { chacha20Poly1305Open, chacha20Poly1305Seal } from '../../host/primitives/chacha.js';

// ---------------------------------------------------------------- helpers

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const vectors = (name: string) =>
  JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8'));

const CHACHA = vectors('rfc8439_chacha20.json');
const POLY = vectors('rfc8439_poly1305.json');
const KEYGEN = vectors('rfc8439_poly1305_keygen.json');
const AEAD = vectors('rfc8439_aead.json');

// Status codes of assembly/crypto/chacha20poly1305.ts.
const OK = 0;
const AAD_AFTER_TEXT = 1;
const INCORRECT_TAG = 3;

const KEY = arena.params;
const NONCE = arena.params + 32;
const OUT = arena.params + 64; // tags, keystream blocks
const WORDS = arena.params + 256; // a 16-word ChaCha state

function wipe(): void {
  new Uint8Array(engine.memory.buffer).fill(0, arena.ctx, arena.end);
}

function arenaIsZero(): boolean {
  return new Uint8Array(engine.memory.buffer, arena.ctx, arena.end - arena.ctx).every((b) => b === 0);
}

/** Splits len into consecutive piece lengths given by cuts (sorted offsets). */
function pieces(len: number, cuts: number[]): [number, number][] {
  const points = [0, ...cuts.filter((c) => c > 0 && c < len).sort((a, b) => a - b), len];
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < points.length; i++) out.push([points[i], points[i + 1]]);
  return out;
}

/** ChaCha20 (§2.4) through chacha20Init/chacha20Xor, data fed in the given pieces. */
function engineChacha20(key: Uint8Array, nonce: Uint8Array, counter: number, data: Uint8Array, cuts: number[] = []): Uint8Array {
  try {
    writeBytes(KEY, key);
    writeBytes(NONCE, nonce);
    writeBytes(arena.input, data);
    engine.chacha20Init(arena.ctx, KEY, NONCE, counter);
    for (const [from, to] of pieces(data.length, cuts)) {
      engine.chacha20Xor(arena.ctx, arena.input + from, arena.output + from, to - from);
    }
    return readBytes(arena.output, data.length);
  } finally {
    wipe();
  }
}

/** Poly1305 (§2.5) through poly1305Init/Update/Finish, message fed in the given pieces. */
function enginePoly1305(key: Uint8Array, message: Uint8Array, cuts: number[] = []): Uint8Array {
  try {
    writeBytes(KEY, key);
    writeBytes(arena.input, message);
    engine.poly1305Init(arena.ctx, KEY);
    for (const [from, to] of pieces(message.length, cuts)) {
      engine.poly1305Update(arena.ctx, arena.input + from, to - from);
    }
    engine.poly1305Finish(arena.ctx, OUT);
    return readBytes(OUT, 16);
  } finally {
    wipe();
  }
}

function nodeSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  cipher.setAAD(aad, { plaintextLength: plaintext.length });
  return new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]));
}

function nodeChacha20(key: Uint8Array, nonce: Uint8Array, counter: number, data: Uint8Array): Uint8Array {
  const iv = Buffer.alloc(16);
  iv.writeUInt32LE(counter, 0);
  iv.set(nonce, 4);
  const cipher = createCipheriv('chacha20', key, iv);
  return new Uint8Array(Buffer.concat([cipher.update(data), cipher.final()]));
}

function random(len: number): Uint8Array {
  return new Uint8Array(randomBytes(len));
}

/**
 * Where a and b first differ (-1 when equal). Used for large arrays: a deep
 * toEqual walks 1 MiB byte by byte through the matcher and takes seconds.
 */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (Buffer.compare(a, b) === 0) return -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

function flipBit(data: Uint8Array, bit: number): Uint8Array {
  const out = data.slice();
  out[bit >> 3] ^= 1 << (bit & 7);
  return out;
}

// ---------------------------------------------------------------- RFC 8439 vectors

describe('ChaCha20 (RFC 8439 §2.1-2.4, Appendix A.1-A.2)', () => {
  it('RFC 8439 §2.1.1: the quarter round maps the four sample words to the published ones', () => {
    const v = CHACHA.quarterRound[0];
    const words = new DataView(engine.memory.buffer);
    v.in.forEach((w: number, i: number) => words.setUint32(WORDS + 4 * i, w, true));
    engine.chacha20QuarterRound(WORDS, 0, 1, 2, 3);
    expect([0, 1, 2, 3].map((i) => words.getUint32(WORDS + 4 * i, true))).toEqual(v.out);
    wipe();
  });

  it('RFC 8439 §2.2.1: QUARTERROUND(2, 7, 8, 13) changes only words 2, 7, 8 and 13 of the state', () => {
    const v = CHACHA.quarterRoundOnState[0];
    const words = new DataView(engine.memory.buffer);
    v.in.forEach((w: number, i: number) => words.setUint32(WORDS + 4 * i, w, true));
    engine.chacha20QuarterRound(WORDS, ...(v.indices as [number, number, number, number]));
    expect(Array.from({ length: 16 }, (_, i) => words.getUint32(WORDS + 4 * i, true))).toEqual(v.out);
    wipe();
  });

  for (const v of CHACHA.block) {
    it(`RFC 8439 ${v.section.startsWith('A') ? 'Appendix ' : '§'}${v.section}: the block function at counter ${v.counter} gives the published keystream`, () => {
      // The published "state at the end", serialized little-endian, is the keystream (§2.3).
      const serialized = new Uint8Array(64);
      v.stateAtEnd.forEach((w: number, i: number) => new DataView(serialized.buffer).setUint32(4 * i, w, true));
      expect(toHex(serialized)).toBe(v.keystream);
      try {
        writeBytes(KEY, hex(v.key));
        writeBytes(NONCE, hex(v.nonce));
        engine.chacha20Init(arena.ctx, KEY, NONCE, v.counter);
        engine.chacha20Block(arena.ctx, arena.input, OUT); // input slot is zero: keystream XOR 0
        expect(toHex(readBytes(OUT, 64))).toBe(v.keystream);
        // The block function advances the counter by exactly one.
        engine.chacha20Block(arena.ctx, arena.input, OUT);
        expect(readBytes(OUT, 64)).toEqual(nodeChacha20(hex(v.key), hex(v.nonce), v.counter + 1, new Uint8Array(64)));
      } finally {
        wipe();
      }
    });
  }

  for (const v of CHACHA.encryption) {
    it(`RFC 8439 ${v.section.startsWith('A') ? 'Appendix ' : '§'}${v.section}: encryption gives the published ciphertext however the plaintext is split`, () => {
      const key = hex(v.key), nonce = hex(v.nonce), pt = hex(v.plaintext);
      expect(toHex(engineChacha20(key, nonce, v.counter, pt))).toBe(v.ciphertext);
      for (let cut = 1; cut < pt.length; cut++) {
        expect(toHex(engineChacha20(key, nonce, v.counter, pt, [cut]))).toBe(v.ciphertext);
      }
      // Decryption is the same operation (§2.4).
      expect(toHex(engineChacha20(key, nonce, v.counter, hex(v.ciphertext), [63, 65]))).toBe(v.plaintext);
    });
  }
});

describe('Poly1305 (RFC 8439 §2.5, Appendix A.3)', () => {
  for (const v of POLY.mac) {
    const what = v.note ? ` (${v.note})` : '';
    it(`RFC 8439 ${v.section.startsWith('A') ? 'Appendix ' : '§'}${v.section}: the tag is the published one however the message is split${what}`, () => {
      const key = hex(v.key), msg = hex(v.message);
      expect(toHex(enginePoly1305(key, msg))).toBe(v.tag);
      for (let cut = 1; cut < msg.length; cut++) {
        expect(toHex(enginePoly1305(key, msg, [cut]))).toBe(v.tag);
      }
    });
  }

  it('poly1305Finish wipes its context: the one-time key cannot be used twice', () => {
    const v = POLY.mac[0];
    writeBytes(KEY, hex(v.key));
    writeBytes(arena.input, hex(v.message));
    engine.poly1305Init(arena.ctx, KEY);
    engine.poly1305Update(arena.ctx, arena.input, hex(v.message).length);
    engine.poly1305Finish(arena.ctx, OUT);
    const ctx = readBytes(arena.ctx, engine.poly1305CtxSize());
    wipe();
    expect(ctx.every((b) => b === 0)).toBe(true);
  });
});

describe('Poly1305 key generation (RFC 8439 §2.6, Appendix A.4)', () => {
  for (const v of KEYGEN.keygen) {
    it(`RFC 8439 ${v.section.startsWith('A') ? 'Appendix ' : '§'}${v.section}: the one-time key is the first 32 bytes of block 0, and the AEAD uses it`, () => {
      const key = hex(v.key), nonce = hex(v.nonce), otk = hex(v.oneTimeKey);
      expect(engineChacha20(key, nonce, 0, new Uint8Array(32))).toEqual(otk);
      // With no AAD and no text, §2.8 MACs just the two zero lengths: the
      // AEAD's tag must be Poly1305 of 16 zero bytes under this key.
      expect(chacha20Poly1305Seal(key, nonce, new Uint8Array(0))).toEqual(poly1305(new Uint8Array(16), otk));
    });
  }
});

describe('AEAD_CHACHA20_POLY1305 (RFC 8439 §2.8, Appendix A.5)', () => {
  for (const v of AEAD.aead) {
    const name = `RFC 8439 ${v.section.startsWith('A') ? 'Appendix ' : '§'}${v.section}`;
    const key = hex(v.key), nonce = hex(v.nonce), aad = hex(v.aad), pt = hex(v.plaintext);
    const sealed = hex(v.ciphertext + v.tag);

    it(`${name}: seal() gives the published ciphertext and tag`, () => {
      expect(toHex(chacha20Poly1305Seal(key, nonce, pt, aad))).toBe(v.ciphertext + v.tag);
    });

    it(`${name}: open() verifies the published tag and gives the plaintext`, () => {
      expect(chacha20Poly1305Open(key, nonce, sealed, aad)).toEqual(pt);
    });

    it(`${name}: the one-shot engine calls seal and open the record in place`, () => {
      try {
        writeBytes(KEY, key);
        writeBytes(NONCE, nonce);
        writeBytes(OUT, aad);
        writeBytes(arena.input, pt);
        const tag = OUT + 128;
        expect(engine.chacha20Poly1305Seal(arena.output, KEY, NONCE, OUT, aad.length, arena.input, arena.input, pt.length, tag)).toBe(OK);
        expect(toHex(readBytes(arena.input, pt.length)) + toHex(readBytes(tag, 16))).toBe(v.ciphertext + v.tag);
        expect(engine.chacha20Poly1305Open(arena.output, KEY, NONCE, OUT, aad.length, arena.input, arena.input, pt.length, tag)).toBe(OK);
        expect(readBytes(arena.input, pt.length)).toEqual(pt);
        expect(readBytes(arena.output, engine.chacha20Poly1305CtxSize()).every((b) => b === 0)).toBe(true);
      } finally {
        wipe();
      }
    });

    it(`${name}: the one-shot open leaves a record with a bad tag untouched`, () => {
      try {
        writeBytes(KEY, key);
        writeBytes(NONCE, nonce);
        writeBytes(OUT, aad);
        writeBytes(arena.input, hex(v.ciphertext));
        const tag = OUT + 128;
        writeBytes(tag, flipBit(hex(v.tag), 127));
        expect(engine.chacha20Poly1305Open(arena.output, KEY, NONCE, OUT, aad.length, arena.input, arena.input, pt.length, tag)).toBe(INCORRECT_TAG);
        expect(toHex(readBytes(arena.input, pt.length))).toBe(v.ciphertext);
        expect(readBytes(arena.output, engine.chacha20Poly1305CtxSize()).every((b) => b === 0)).toBe(true);
      } finally {
        wipe();
      }
    });
  }
});

// ---------------------------------------------------------------- differential properties

const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const nonceArb = fc.uint8Array({ minLength: 12, maxLength: 12 });

describe('seal() and open() agree with node:crypto and @noble/ciphers', () => {
  it('seal() matches both for random keys, nonces, AAD and plaintexts of 0 to 4096 bytes', () => {
    fc.assert(
      fc.property(
        keyArb,
        nonceArb,
        fc.uint8Array({ maxLength: 4096 }),
        fc.uint8Array({ maxLength: 300 }),
        (key, nonce, pt, aad) => {
          const sealed = chacha20Poly1305Seal(key, nonce, pt, aad);
          expect(sealed).toEqual(nodeSeal(key, nonce, pt, aad));
          expect(sealed).toEqual(chacha20poly1305(key, nonce, aad).encrypt(pt));
          expect(chacha20Poly1305Open(key, nonce, sealed, aad)).toEqual(pt);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('seal() and open() match node:crypto for every plaintext and AAD length from 0 to 300', () => {
    const key = random(32);
    for (let len = 0; len <= 300; len++) {
      const nonce = random(12), pt = random(len), aad = random(300 - len);
      const sealed = chacha20Poly1305Seal(key, nonce, pt, aad);
      expect(sealed).toEqual(nodeSeal(key, nonce, pt, aad));
      expect(chacha20Poly1305Open(key, nonce, sealed, aad)).toEqual(pt);
    }
  });

  it('seal() matches @noble/ciphers for every plaintext length from 0 to 300 without AAD', () => {
    const key = random(32);
    for (let len = 0; len <= 300; len++) {
      const nonce = random(12), pt = random(len);
      expect(chacha20Poly1305Seal(key, nonce, pt)).toEqual(chacha20poly1305(key, nonce).encrypt(pt));
    }
  });

  it('inputs around the 16 KiB chunk boundaries give the same result as node:crypto and @noble/ciphers', () => {
    const key = random(32);
    for (const len of [16383, 16384, 16385, 32768 + 7]) {
      const nonce = random(12), pt = random(len), aad = random(len);
      const sealed = chacha20Poly1305Seal(key, nonce, pt, aad);
      expect(firstDifference(sealed, nodeSeal(key, nonce, pt, aad))).toBe(-1);
      expect(firstDifference(sealed, chacha20poly1305(key, nonce, aad).encrypt(pt))).toBe(-1);
      expect(firstDifference(chacha20Poly1305Open(key, nonce, sealed, aad)!, pt)).toBe(-1);
    }
  });

  it('a 1 MiB message seals like node:crypto and @noble/ciphers and opens back', () => {
    const key = random(32), nonce = random(12), pt = random(1 << 20), aad = random(13);
    const sealed = chacha20Poly1305Seal(key, nonce, pt, aad);
    expect(firstDifference(sealed, nodeSeal(key, nonce, pt, aad))).toBe(-1);
    expect(firstDifference(sealed, chacha20poly1305(key, nonce, aad).encrypt(pt))).toBe(-1);
    expect(firstDifference(chacha20Poly1305Open(key, nonce, sealed, aad)!, pt)).toBe(-1);
  });

  it('open() accepts what node:crypto sealed', () => {
    fc.assert(
      fc.property(keyArb, nonceArb, fc.uint8Array({ maxLength: 4096 }), fc.uint8Array({ maxLength: 64 }), (key, nonce, pt, aad) => {
        expect(chacha20Poly1305Open(key, nonce, nodeSeal(key, nonce, pt, aad), aad)).toEqual(pt);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the engine gives the same output for any chunking of its input', () => {
  const cutsArb = fc.array(fc.nat({ max: 4096 }), { maxLength: 6 });

  it('chacha20Xor matches node:crypto and @noble/ciphers whatever the chunk sizes and start counter', () => {
    fc.assert(
      fc.property(keyArb, nonceArb, fc.nat({ max: 1000 }), fc.uint8Array({ maxLength: 4096 }), cutsArb, (key, nonce, counter, data, cuts) => {
        const out = engineChacha20(key, nonce, counter, data, cuts);
        expect(out).toEqual(nodeChacha20(key, nonce, counter, data));
        expect(out).toEqual(chacha20(key, nonce, data, undefined, counter));
      }),
      { numRuns: 150 },
    );
  });

  it('poly1305Update matches @noble/ciphers whatever the chunk sizes', () => {
    fc.assert(
      fc.property(keyArb, fc.uint8Array({ maxLength: 4096 }), cutsArb, (key, msg, cuts) => {
        expect(enginePoly1305(key, msg, cuts)).toEqual(poly1305(msg, key));
      }),
      { numRuns: 150 },
    );
  });

  it('Poly1305 handles the extreme accumulator values of all-ones keys and messages', () => {
    for (const len of [0, 1, 15, 16, 17, 64, 1000]) {
      const key = new Uint8Array(32).fill(0xff), msg = new Uint8Array(len).fill(0xff);
      expect(enginePoly1305(key, msg)).toEqual(poly1305(msg, key));
    }
  });

  it('the AEAD calls take AAD and text in any chunking and give node:crypto\'s tag', () => {
    fc.assert(
      fc.property(keyArb, nonceArb, fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }), cutsArb, cutsArb, (key, nonce, pt, aad, ptCuts, aadCuts) => {
        try {
          writeBytes(KEY, key);
          writeBytes(NONCE, nonce);
          writeBytes(arena.input, pt);
          writeBytes(arena.input + 8192, aad);
          engine.chacha20Poly1305Init(arena.ctx, KEY, NONCE);
          for (const [from, to] of pieces(aad.length, aadCuts)) {
            expect(engine.chacha20Poly1305Aad(arena.ctx, arena.input + 8192 + from, to - from)).toBe(OK);
          }
          for (const [from, to] of pieces(pt.length, ptCuts)) {
            expect(engine.chacha20Poly1305Encrypt(arena.ctx, arena.input + from, arena.output + from, to - from)).toBe(OK);
          }
          engine.chacha20Poly1305Finish(arena.ctx, OUT);
          const got = new Uint8Array([...readBytes(arena.output, pt.length), ...readBytes(OUT, 16)]);
          expect(got).toEqual(nodeSeal(key, nonce, pt, aad));
        } finally {
          wipe();
        }
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------- forgery rejection

describe('open() rejects anything that was not sealed as is', () => {
  const caseArb = fc.record({
    key: keyArb,
    nonce: nonceArb,
    pt: fc.uint8Array({ minLength: 1, maxLength: 300 }),
    aad: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  });

  it('open() rejects a tag with any single bit flipped', () => {
    fc.assert(
      fc.property(caseArb, fc.nat({ max: 127 }), ({ key, nonce, pt, aad }, bit) => {
        const sealed = chacha20Poly1305Seal(key, nonce, pt, aad);
        const tagStart = (sealed.length - 16) * 8;
        expect(chacha20Poly1305Open(key, nonce, flipBit(sealed, tagStart + bit), aad)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('open() rejects a ciphertext with any single bit flipped', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), ({ key, nonce, pt, aad }, n) => {
        const sealed = chacha20Poly1305Seal(key, nonce, pt, aad);
        expect(chacha20Poly1305Open(key, nonce, flipBit(sealed, n % (pt.length * 8)), aad)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('open() rejects AAD with any single bit flipped', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), ({ key, nonce, pt, aad }, n) => {
        const sealed = chacha20Poly1305Seal(key, nonce, pt, aad);
        expect(chacha20Poly1305Open(key, nonce, sealed, flipBit(aad, n % (aad.length * 8)))).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('open() rejects a nonce with any single bit flipped', () => {
    fc.assert(
      fc.property(caseArb, fc.nat({ max: 95 }), ({ key, nonce, pt, aad }, bit) => {
        const sealed = chacha20Poly1305Seal(key, nonce, pt, aad);
        expect(chacha20Poly1305Open(key, flipBit(nonce, bit), sealed, aad)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('open() rejects a message cut short, extended, or with its AAD moved into the text', () => {
    const key = random(32), nonce = random(12), pt = random(40), aad = random(8);
    const sealed = chacha20Poly1305Seal(key, nonce, pt, aad);
    expect(chacha20Poly1305Open(key, nonce, sealed.subarray(1), aad)).toBeNull();
    expect(chacha20Poly1305Open(key, nonce, new Uint8Array([...sealed, 0]), aad)).toBeNull();
    expect(chacha20Poly1305Open(key, nonce, new Uint8Array([...aad, ...sealed]))).toBeNull();
    expect(chacha20Poly1305Open(key, nonce, sealed)).toBeNull();
  });

  it('open() of just a 16-byte tag authenticates an empty message', () => {
    const key = random(32), nonce = random(12), aad = random(5);
    const sealed = chacha20Poly1305Seal(key, nonce, new Uint8Array(0), aad);
    expect(sealed.length).toBe(16);
    expect(chacha20Poly1305Open(key, nonce, sealed, aad)).toEqual(new Uint8Array(0));
    expect(chacha20Poly1305Open(key, nonce, flipBit(sealed, 0), aad)).toBeNull();
  });
});

// ---------------------------------------------------------------- engine memory and contracts

describe('no key, plaintext or tag stays in engine memory', () => {
  it('seal() and open() leave the whole arena zeroed, on success and on a rejected tag', () => {
    const key = random(32), nonce = random(12), pt = random(20000), aad = random(100);
    const sealed = chacha20Poly1305Seal(key, nonce, pt, aad);
    expect(arenaIsZero()).toBe(true);
    expect(firstDifference(chacha20Poly1305Open(key, nonce, sealed, aad)!, pt)).toBe(-1);
    expect(arenaIsZero()).toBe(true);
    expect(chacha20Poly1305Open(key, nonce, flipBit(sealed, 8), aad)).toBeNull();
    expect(arenaIsZero()).toBe(true);
  });

  it('the arena is zeroed even when an argument check throws', () => {
    expect(() => chacha20Poly1305Seal(random(32), random(12), random(10), 'aad' as never)).toThrow(TypeError);
    expect(arenaIsZero()).toBe(true);
  });

  it('chacha20Poly1305Finish and chacha20Poly1305Verify wipe the whole AEAD context', () => {
    const size = engine.chacha20Poly1305CtxSize();
    for (const end of ['finish', 'verify']) {
      writeBytes(KEY, random(32));
      writeBytes(NONCE, random(12));
      engine.chacha20Poly1305Init(arena.ctx, KEY, NONCE);
      engine.chacha20Poly1305Encrypt(arena.ctx, arena.input, arena.output, 100);
      if (end === 'finish') engine.chacha20Poly1305Finish(arena.ctx, OUT);
      else engine.chacha20Poly1305Verify(arena.ctx, OUT);
      expect(readBytes(arena.ctx, size).every((b) => b === 0)).toBe(true);
      wipe();
    }
  });

  it('every context fits the arena\'s context slot', () => {
    for (const size of [engine.chacha20CtxSize(), engine.poly1305CtxSize(), engine.chacha20Poly1305CtxSize()]) {
      expect(size).toBeGreaterThan(0);
      expect(size).toBeLessThanOrEqual(arena.params - arena.ctx);
    }
  });

  it('chacha20Poly1305Aad refuses AAD once the text has started (RFC 8439 §2.8 MACs all AAD first)', () => {
    try {
      engine.chacha20Poly1305Init(arena.ctx, KEY, NONCE);
      expect(engine.chacha20Poly1305Aad(arena.ctx, arena.input, 5)).toBe(OK);
      expect(engine.chacha20Poly1305Encrypt(arena.ctx, arena.input, arena.output, 5)).toBe(OK);
      expect(engine.chacha20Poly1305Aad(arena.ctx, arena.input, 5)).toBe(AAD_AFTER_TEXT);
    } finally {
      wipe();
    }
  });
});

describe('the size build (boards) computes the same as the speed build', () => {
  const sizeWasm = new URL('../../build/ember-size.wasm', import.meta.url);
  it.skipIf(!existsSync(sizeWasm))('its ChaCha20 loop form and AEAD reproduce RFC 8439 §2.3.2 and §2.8.2', () => {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(sizeWasm)), stubImports);
    const e = instance.exports as unknown as typeof engine;
    const mem = () => new Uint8Array(e.memory.buffer);
    const base = e.arenaPtr();
    const block = CHACHA.block[0];
    mem().set(hex(block.key), base + 4096);
    mem().set(hex(block.nonce), base + 4128);
    e.chacha20Init(base, base + 4096, base + 4128, block.counter);
    e.chacha20Block(base, base + 8192, base + 24576);
    expect(toHex(mem().slice(base + 24576, base + 24576 + 64))).toBe(block.keystream);
    const v = AEAD.aead[0];
    const pt = hex(v.plaintext), aad = hex(v.aad);
    mem().set(hex(v.key), base + 4096);
    mem().set(hex(v.nonce), base + 4128);
    mem().set(aad, base + 4200);
    mem().set(pt, base + 8192);
    expect(e.chacha20Poly1305Seal(base, base + 4096, base + 4128, base + 4200, aad.length, base + 8192, base + 24576, pt.length, base + 4160)).toBe(OK);
    expect(toHex(mem().slice(base + 24576, base + 24576 + pt.length)) + toHex(mem().slice(base + 4160, base + 4176))).toBe(v.ciphertext + v.tag);
  });
});

// ---------------------------------------------------------------- argument contract

describe('seal() and open() check their arguments', () => {
  const key = random(32), nonce = random(12);

  it('a key that is not a Uint8Array is a TypeError naming key', () => {
    expect(() => chacha20Poly1305Seal('k'.repeat(32) as never, nonce, random(1))).toThrow(new TypeError('key must be a Uint8Array, got string'));
    expect(() => chacha20Poly1305Open([...key] as never, nonce, random(16))).toThrow(/^key must be a Uint8Array/);
  });

  it('a key that is not 32 bytes is a RangeError naming key', () => {
    expect(() => chacha20Poly1305Seal(random(16), nonce, random(1))).toThrow(RangeError);
    expect(() => chacha20Poly1305Seal(random(33), nonce, random(1))).toThrow(/^key must be 32 bytes long, got 33/);
    expect(() => chacha20Poly1305Open(random(31), nonce, random(16))).toThrow(/^key must be 32 bytes long/);
  });

  it('a nonce that is not a 12-byte Uint8Array is a TypeError or RangeError naming nonce', () => {
    expect(() => chacha20Poly1305Seal(key, null as never, random(1))).toThrow(new TypeError('nonce must be a Uint8Array, got null'));
    expect(() => chacha20Poly1305Seal(key, random(8), random(1))).toThrow(new RangeError('nonce must be 12 bytes long, got 8'));
    expect(() => chacha20Poly1305Open(key, random(24), random(16))).toThrow(/^nonce must be 12 bytes long/);
  });

  it('plaintext, sealed and aad must be Uint8Arrays (TypeError naming them)', () => {
    expect(() => chacha20Poly1305Seal(key, nonce, 'hello' as never)).toThrow(/^plaintext must be a Uint8Array/);
    expect(() => chacha20Poly1305Seal(key, nonce, random(1), new ArrayBuffer(4) as never)).toThrow(/^aad must be a Uint8Array/);
    expect(() => chacha20Poly1305Open(key, nonce, undefined as never)).toThrow(TypeError);
    expect(() => chacha20Poly1305Open(key, nonce, undefined as never)).toThrow(/^sealed must be a Uint8Array/);
    expect(() => chacha20Poly1305Open(key, nonce, random(16), [1, 2] as never)).toThrow(/^aad must be a Uint8Array/);
  });

  it('sealed shorter than the 16-byte tag is a RangeError naming sealed', () => {
    for (const len of [0, 1, 15]) {
      expect(() => chacha20Poly1305Open(key, nonce, random(len))).toThrow(RangeError);
      expect(() => chacha20Poly1305Open(key, nonce, random(len))).toThrow(/^sealed must be at least 16 bytes long/);
    }
  });

  it('any Uint8Array view is accepted, including Buffers and subarrays', () => {
    const pt = random(100), aad = random(10);
    const sealed = chacha20Poly1305Seal(Buffer.from(key), Buffer.from(nonce), random(120).subarray(0, 0), aad);
    expect(sealed.length).toBe(16);
    const big = new Uint8Array(200);
    big.set(pt, 50);
    expect(chacha20Poly1305Seal(key, nonce, big.subarray(50, 150), aad)).toEqual(chacha20Poly1305Seal(key, nonce, pt, aad));
  });
});
