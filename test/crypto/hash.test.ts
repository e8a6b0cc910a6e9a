// SHA-2, HMAC and HKDF: published vectors, differential properties against
// node:crypto and @noble/hashes, the engine's incremental contracts, and the
// public API's argument checks.
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { hkdf as nobleHkdf, expand as nobleExpand, extract as nobleExtract } from '@noble/hashes/hkdf.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256, sha384 as nobleSha384, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASHES, type HashName } from '../../host/args.js';
import { arena, engine, readBytes, wipeArena, writeBytes } from '../../host/engine.js';
import { hkdfExpand, hkdfExtract, hmac, sha256, sha384, sha512 } from '../../host/primitives/hash.js';
import nist from '../vectors/nist_sha2_examples.json';
import rfc4231 from '../vectors/rfc4231_hmac.json';
import rfc5869 from '../vectors/rfc5869_hkdf.json';

const NAMES: HashName[] = ['sha256', 'sha384', 'sha512'];
const DIGEST = { sha256, sha384, sha512 };
const NOBLE = { sha256: nobleSha256, sha384: nobleSha384, sha512: nobleSha512 };
const CHUNK_EDGES = [16383, 16384, 16385, 32768 + 7];
const MiB = 1 << 20;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const pattern = (n: number, seed = 0) => new Uint8Array(n).map((_, i) => (i * 31 + seed) & 0xff);

const nodeDigest = (name: HashName, data: Uint8Array) => new Uint8Array(createHash(name).update(data).digest());
const nodeHmac = (name: HashName, key: Uint8Array, data: Uint8Array) =>
  new Uint8Array(createHmac(name, key).update(data).digest());
const nodeHkdf = (name: HashName, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number) =>
  new Uint8Array(hkdfSync(name, ikm, salt, info, length));
// RFC 5869 §2.3 composed from node:crypto's HMAC: hkdfSync only does
// extract-then-expand, caps info at 1024 bytes, and noble's expand wants a
// PRK of at least HashLen bytes, while ours takes any PRK, as HMAC does.
function nodeExpand(name: HashName, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const okm = new Uint8Array(length);
  let t = new Uint8Array(0);
  for (let i = 1, done = 0; done < length; i++, done += t.length) {
    t = new Uint8Array(createHmac(name, prk).update(t).update(info).update(Uint8Array.of(i)).digest());
    okm.set(t.subarray(0, length - done), done);
  }
  return okm;
}

// Engine-level helpers: the host API always streams in 16 KiB chunks, so the
// engine's handling of arbitrary splits is driven here directly.
const { ctx, input, output } = arena;
function splitInto(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, data.length]) {
    pieces.push(data.subarray(at, p));
    at = p;
  }
  return pieces;
}
function feed(pieces: Uint8Array[], absorb: (ptr: number, len: number) => void): void {
  for (const piece of pieces) {
    writeBytes(input, piece);
    absorb(input, piece.length);
  }
}

describe('SHA-2 on the FIPS 180-4 / NIST example values', () => {
  for (const v of nist.vectors) {
    it(`${v.name} matches ${v.source}`, () => {
      const data = ascii(v.message.repeat(v.repeat));
      expect(hex(DIGEST[v.hash as HashName](data))).toBe(v.digest);
    });
  }
});

describe('HMAC on the RFC 4231 test cases', () => {
  for (const v of rfc4231.vectors) {
    for (const name of NAMES) {
      const expected = v.hmac[name];
      it(`HMAC-${name.toUpperCase()} matches ${v.source}: ${v.name}`, () => {
        const mac = hmac(name, unhex(v.key), unhex(v.data));
        expect(mac.length).toBe(HASHES[name].size);
        expect(hex(mac.subarray(0, (v as { truncate?: number }).truncate ?? mac.length))).toBe(expected);
      });
    }
  }
});

describe('HKDF on the RFC 5869 test cases', () => {
  for (const v of rfc5869.vectors) {
    const name = v.hash as HashName;
    it(`hkdfExtract gives the PRK of ${v.source}`, () => {
      expect(hex(hkdfExtract(name, unhex(v.salt), unhex(v.ikm)))).toBe(v.prk);
    });
    it(`hkdfExpand gives the OKM of ${v.source}`, () => {
      expect(hex(hkdfExpand(name, unhex(v.prk), unhex(v.info), v.L))).toBe(v.okm);
      // The reference expand used by the properties below reproduces it too.
      expect(hex(nodeExpand(name, unhex(v.prk), unhex(v.info), v.L))).toBe(v.okm);
    });
    it(`the engine's one-shot extract and expand reproduce ${v.source}`, () => {
      const [salt, ikm, info] = [unhex(v.salt), unhex(v.ikm), unhex(v.info)];
      try {
        writeBytes(input, salt);
        writeBytes(input + 256, ikm);
        writeBytes(input + 512, info);
        const id = HASHES[name].id;
        expect(engine.hkdfExtract(ctx, id, input, salt.length, input + 256, ikm.length, output)).toBe(32);
        expect(hex(readBytes(output, 32))).toBe(v.prk);
        expect(engine.hkdfExpand(ctx, id, output, 32, input + 512, info.length, output + 64, v.L)).toBe(0);
        expect(hex(readBytes(output + 64, v.L))).toBe(v.okm);
      } finally {
        wipeArena();
      }
    });
  }

  // RFC 5869 test cases 4-7 use SHA-1; the same input shapes are checked
  // here under SHA-384 and SHA-512 against node:crypto's hkdfSync.
  const shapes = [
    { name: 'case 4 shape (short IKM)', ikm: pattern(11, 0x0b), salt: pattern(13), info: pattern(10, 0xf0), L: 42 },
    { name: 'case 5 shape (long inputs)', ikm: pattern(80), salt: pattern(80, 0x60), info: pattern(80, 0xb0), L: 82 },
    { name: 'case 6 shape (empty salt and info)', ikm: pattern(22, 0x0b), salt: new Uint8Array(0), info: new Uint8Array(0), L: 42 },
    { name: 'case 7 shape (salt not provided)', ikm: pattern(22, 0x0c), salt: new Uint8Array(0), info: new Uint8Array(0), L: 42 },
  ];
  for (const name of ['sha384', 'sha512'] as const) {
    for (const s of shapes) {
      it(`HKDF-${name.toUpperCase()} on RFC 5869 ${s.name} matches node:crypto hkdfSync`, () => {
        const okm = hkdfExpand(name, hkdfExtract(name, s.salt, s.ikm), s.info, s.L);
        expect(hex(okm)).toBe(hex(nodeHkdf(name, s.ikm, s.salt, s.info, s.L)));
      });
    }
    it(`HKDF-${name.toUpperCase()} treats an empty salt as HashLen zero bytes (RFC 5869 §2.2)`, () => {
      const ikm = pattern(22, 0x0c);
      const zeros = new Uint8Array(HASHES[name].size);
      expect(hex(hkdfExtract(name, new Uint8Array(0), ikm))).toBe(hex(hkdfExtract(name, zeros, ikm)));
    });
  }
});

describe('SHA-2 agrees with node:crypto and @noble/hashes', () => {
  for (const name of NAMES) {
    it(`${name}() matches both for every length from 0 to 300`, () => {
      for (let n = 0; n <= 300; n++) {
        const data = pattern(n, n);
        const want = hex(nodeDigest(name, data));
        expect(hex(DIGEST[name](data))).toBe(want);
        expect(hex(NOBLE[name](data))).toBe(want);
      }
    });
    it(`${name}() matches both on random inputs up to 4096 bytes`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 4096 }), (data) => {
          const got = hex(DIGEST[name](data));
          return got === hex(nodeDigest(name, data)) && got === hex(NOBLE[name](data));
        }),
        { numRuns: 100 },
      );
    });
    it(`${name}() matches node:crypto across the 16 KiB chunk boundaries`, () => {
      for (const n of CHUNK_EDGES) {
        const data = pattern(n, 7);
        expect(hex(DIGEST[name](data))).toBe(hex(nodeDigest(name, data)));
      }
    });
    it(`${name}() matches node:crypto on a 1 MiB input`, () => {
      const data = randomBytes(MiB);
      expect(hex(DIGEST[name](data))).toBe(hex(nodeDigest(name, data)));
    });
  }
});

describe('HMAC agrees with node:crypto and @noble/hashes', () => {
  for (const name of NAMES) {
    it(`hmac('${name}') matches both for random keys and messages up to 4096 bytes`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 4096 }), (key, data) => {
          const got = hex(hmac(name, key, data));
          return got === hex(nodeHmac(name, key, data)) && got === hex(nobleHmac(NOBLE[name], key, data));
        }),
        { numRuns: 100 },
      );
    });
    it(`hmac('${name}') matches node:crypto for every key length from 0 to 300, around the block size`, () => {
      const data = pattern(50, 3);
      for (let n = 0; n <= 300; n++) {
        const key = pattern(n, n);
        expect(hex(hmac(name, key, data))).toBe(hex(nodeHmac(name, key, data)));
      }
    });
    it(`hmac('${name}') matches node:crypto for every message length from 0 to 300`, () => {
      const key = pattern(32, 9);
      for (let n = 0; n <= 300; n++) {
        const data = pattern(n, n);
        expect(hex(hmac(name, key, data))).toBe(hex(nodeHmac(name, key, data)));
      }
    });
    it(`hmac('${name}') streams keys and messages across the 16 KiB chunk boundaries`, () => {
      for (const n of CHUNK_EDGES) {
        const key = pattern(n, 1);
        const data = pattern(n, 2);
        expect(hex(hmac(name, key, data))).toBe(hex(nodeHmac(name, key, data)));
      }
    });
  }
  it('hmac() matches node:crypto with a 1 MiB key and a 1 MiB message', () => {
    const key = randomBytes(MiB);
    const data = randomBytes(MiB);
    expect(hex(hmac('sha256', key, data))).toBe(hex(nodeHmac('sha256', key, data)));
  });
  it('hmac() accepts an empty key and an empty message', () => {
    for (const name of NAMES) {
      const empty = new Uint8Array(0);
      expect(hex(hmac(name, empty, empty))).toBe(hex(nodeHmac(name, empty, empty)));
    }
  });
});

describe('HKDF agrees with node:crypto and @noble/hashes', () => {
  const lengthOf = (name: HashName) => fc.integer({ min: 0, max: 255 * HASHES[name].size });
  for (const name of NAMES) {
    it(`hkdfExpand(hkdfExtract(salt, ikm), info, L) equals hkdfSync and noble's hkdf for '${name}'`, () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 4096 }),
          fc.uint8Array({ maxLength: 300 }),
          fc.uint8Array({ maxLength: 1024 }),
          lengthOf(name),
          (ikm, salt, info, L) => {
            const got = hex(hkdfExpand(name, hkdfExtract(name, salt, ikm), info, L));
            return got === hex(nodeHkdf(name, ikm, salt, info, L)) &&
              got === hex(nobleHkdf(NOBLE[name], ikm, salt, info, L));
          },
        ),
        { numRuns: 40 },
      );
    });
    it(`hkdfExtract and hkdfExpand each match noble's extract and expand for '${name}'`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 512 }), fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 300 }),
          lengthOf(name), (ikm, salt, info, L) => {
            const prk = hkdfExtract(name, salt, ikm);
            return hex(prk) === hex(nobleExtract(NOBLE[name], ikm, salt)) &&
              hex(hkdfExpand(name, prk, info, L)) === hex(nobleExpand(NOBLE[name], prk, info, L));
          }),
        { numRuns: 40 },
      );
    });
    it(`hkdfExpand('${name}') gives every output length from 0 to 300 as a prefix of the longest`, () => {
      const prk = pattern(HASHES[name].size, 5);
      const info = pattern(20, 6);
      const longest = hkdfExpand(name, prk, info, 300);
      for (let L = 0; L <= 300; L++) expect(hex(hkdfExpand(name, prk, info, L))).toBe(hex(longest.subarray(0, L)));
      expect(hex(longest)).toBe(hex(nobleExpand(NOBLE[name], prk, info, 300)));
    });
    it(`hkdfExpand('${name}') reaches the RFC 5869 limit of 255 * HashLen bytes`, () => {
      const L = 255 * HASHES[name].size;
      const ikm = pattern(32, 1);
      const prk = hkdfExtract(name, new Uint8Array(0), ikm);
      expect(hex(hkdfExpand(name, prk, pattern(9), L))).toBe(hex(nodeHkdf(name, ikm, new Uint8Array(0), pattern(9), L)));
    });
  }
  it('hkdfExpand streams info and prk across the 16 KiB chunk boundaries', () => {
    for (const n of CHUNK_EDGES) {
      const prk = pattern(n, 3);
      const info = pattern(n, 4);
      expect(hex(hkdfExpand('sha384', prk, info, 100))).toBe(hex(nobleExpand(nobleSha384, prk, info, 100)));
    }
  });
  it('hkdfExpand and hkdfExtract take 1 MiB of info, PRK and IKM', () => {
    const ikm = randomBytes(MiB);
    const salt = randomBytes(MiB);
    const info = randomBytes(MiB);
    const prk = hkdfExtract('sha256', salt, ikm);
    expect(hex(prk)).toBe(hex(nodeHmac('sha256', salt, ikm)));
    expect(hex(hkdfExpand('sha256', prk, info, 40))).toBe(hex(nodeExpand('sha256', prk, info, 40)));
    expect(hex(hkdfExpand('sha512', ikm, info, 70))).toBe(hex(nobleExpand(nobleSha512, ikm, info, 70)));
  });
});

describe('the engine hashes any split of its input the same way', () => {
  for (const name of NAMES) {
    const id = HASHES[name].id;
    it(`hashUpdate('${name}') gives one digest for any split into pieces`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 0, maxLength: 1200 }), fc.array(fc.nat(), { maxLength: 12 }), (data, cuts) => {
          try {
            engine.hashInit(ctx, id);
            feed(splitInto(data, cuts), (p, n) => engine.hashUpdate(ctx, p, n));
            const size = engine.hashFinal(ctx, output);
            return size === HASHES[name].size && hex(readBytes(output, size)) === hex(nodeDigest(name, data));
          } finally {
            wipeArena();
          }
        }),
        { numRuns: 60 },
      );
    });
    it(`HMAC-${name} gives one MAC for any split of its key and of its message`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(), { maxLength: 6 }),
          fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 6 }), (key, keyCuts, data, dataCuts) => {
            try {
              engine.hmacKeyInit(ctx, id);
              feed(splitInto(key, keyCuts), (p, n) => engine.hmacKeyUpdate(ctx, p, n));
              engine.hmacKeyFinal(ctx);
              feed(splitInto(data, dataCuts), (p, n) => engine.hmacUpdate(ctx, p, n));
              const size = engine.hmacFinal(ctx, output);
              return hex(readBytes(output, size)) === hex(nodeHmac(name, key, data));
            } finally {
              wipeArena();
            }
          }),
        { numRuns: 60 },
      );
    });
    it(`HKDF-Expand-${name} gives one OKM for any split of its info, block by block`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.uint8Array({ maxLength: 500 }),
          fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 0, max: 400 }), (prk, info, cuts, L) => {
            try {
              engine.hkdfExpandInit(ctx, id);
              feed([prk], (p, n) => engine.hkdfExpandKey(ctx, p, n));
              const okm: number[] = [];
              while (okm.length < L) {
                engine.hkdfExpandBlockStart(ctx);
                feed(splitInto(info, cuts), (p, n) => engine.hkdfExpandInfo(ctx, p, n));
                const n = engine.hkdfExpandBlockEnd(ctx, output, L - okm.length);
                okm.push(...readBytes(output, n));
              }
              return hex(Uint8Array.from(okm)) === hex(nodeExpand(name, prk, info, L));
            } finally {
              wipeArena();
            }
          }),
        { numRuns: 40 },
      );
    });
  }
});

describe('the engine contexts and one-shot helpers', () => {
  it('reports the digest and block sizes of each hash id, and 0 for an unknown id', () => {
    expect(NAMES.map((n) => engine.hashDigestSize(HASHES[n].id))).toEqual([32, 48, 64]);
    expect(NAMES.map((n) => engine.hashBlockSize(HASHES[n].id))).toEqual([64, 128, 128]);
    expect(engine.hashDigestSize(3)).toBe(0);
    expect(engine.hashBlockSize(3)).toBe(0);
  });
  it('keeps every context within the arena ctx slot', () => {
    const sizes = [engine.sha256CtxSize(), engine.sha512CtxSize(), engine.hashCtxSize(), engine.hmacCtxSize(), engine.hkdfCtxSize()];
    expect(sizes).toEqual([104, 200, 208, 640, 712]);
    for (const s of sizes) expect(s).toBeLessThanOrEqual(arena.params - arena.ctx);
  });
  it('the per-algorithm exports give the same digests as the dispatch', () => {
    const data = pattern(1000, 11);
    try {
      writeBytes(input, data);
      for (const [name, init, update, final] of [
        ['sha256', engine.sha256Init, engine.sha256Update, engine.sha256Final],
        ['sha384', engine.sha384Init, engine.sha384Update, engine.sha384Final],
        ['sha512', engine.sha512Init, engine.sha512Update, engine.sha512Final],
      ] as const) {
        init(ctx);
        update(ctx, input, 500);
        update(ctx, input + 500, 500);
        final(ctx, output);
        expect(hex(readBytes(output, HASHES[name].size))).toBe(hex(nodeDigest(name, data)));
      }
    } finally {
      wipeArena();
    }
  });
  it('hashCopy forks a running hash: the copy and the original finish independently', () => {
    const data = pattern(300, 1);
    try {
      writeBytes(input, data);
      engine.hashInit(ctx, HASHES.sha384.id);
      engine.hashUpdate(ctx, input, 200);
      engine.hashCopy(ctx + 1024, ctx);
      engine.hashFinal(ctx + 1024, output);
      expect(hex(readBytes(output, 48))).toBe(hex(nodeDigest('sha384', data.subarray(0, 200))));
      engine.hashUpdate(ctx, input + 200, 100);
      engine.hashFinal(ctx, output);
      expect(hex(readBytes(output, 48))).toBe(hex(nodeDigest('sha384', data)));
    } finally {
      wipeArena();
    }
  });
  it('hashCompute and hmacCompute match node:crypto', () => {
    const key = pattern(70, 2);
    const data = pattern(777, 3);
    try {
      for (const name of NAMES) {
        writeBytes(input, key);
        writeBytes(input + 1024, data);
        const { id, size } = HASHES[name];
        expect(engine.hashCompute(ctx, id, input + 1024, data.length, output)).toBe(size);
        expect(hex(readBytes(output, size))).toBe(hex(nodeDigest(name, data)));
        writeBytes(input, key);
        writeBytes(input + 1024, data);
        expect(engine.hmacCompute(ctx, id, input, key.length, input + 1024, data.length, output)).toBe(size);
        expect(hex(readBytes(output, size))).toBe(hex(nodeHmac(name, key, data)));
      }
    } finally {
      wipeArena();
    }
  });
  it('the one-shot helpers refuse an unknown hash id and an over-long HKDF output', () => {
    expect(engine.hashInit(ctx, 7)).toBe(0);
    expect(engine.hmacKeyInit(ctx, 7)).toBe(0);
    expect(engine.hkdfExpandInit(ctx, 7)).toBe(0);
    expect(engine.hmacCompute(ctx, 7, input, 0, input, 0, output)).toBe(0);
    expect(engine.hkdfExpand(ctx, 7, input, 32, input, 0, output, 32)).toBe(-1);
    expect(engine.hkdfExpand(ctx, 0, input, 32, input, 0, output, 255 * 32 + 1)).toBe(-1);
  });
  it('hkdfExpandBlockStart refuses a 256th block (RFC 5869 §2.3)', () => {
    try {
      engine.hkdfExpandInit(ctx, 0);
      for (let i = 1; i <= 255; i++) {
        expect(engine.hkdfExpandBlockStart(ctx)).toBe(i);
        engine.hkdfExpandBlockEnd(ctx, output, 32);
      }
      expect(engine.hkdfExpandBlockStart(ctx)).toBe(0);
    } finally {
      wipeArena();
    }
  });
  it('hmacReset starts a new MAC under the same key without re-keying', () => {
    const key = pattern(200, 4);
    const first = pattern(90, 5);
    const second = pattern(33, 6);
    try {
      writeBytes(input, key);
      engine.hmacInit(ctx, HASHES.sha512.id, input, key.length);
      writeBytes(input, first);
      engine.hmacUpdate(ctx, input, first.length);
      engine.hmacFinal(ctx, output);
      expect(hex(readBytes(output, 64))).toBe(hex(nodeHmac('sha512', key, first)));
      engine.hmacReset(ctx);
      writeBytes(input, second);
      engine.hmacUpdate(ctx, input, second.length);
      engine.hmacFinal(ctx, output);
      expect(hex(readBytes(output, 64))).toBe(hex(nodeHmac('sha512', key, second)));
    } finally {
      wipeArena();
    }
  });
  it('a keyed HMAC context keeps no copy of the key bytes', () => {
    for (const keyLen of [16, 64, 128, 200]) {
      const key = pattern(keyLen, 0x5a).map((b, i) => (i % 2 ? 0xa5 : b ^ 0x3c));
      try {
        writeBytes(input, key);
        engine.hmacInit(ctx, HASHES.sha256.id, input, key.length);
        writeBytes(input, new Uint8Array(key.length));
        const mem = hex(readBytes(ctx, engine.hmacCtxSize()));
        expect(mem.includes(hex(key.subarray(0, 8)))).toBe(false);
      } finally {
        wipeArena();
      }
    }
  });
});

describe('the public hash API', () => {
  it('leaves the whole arena zeroed after each call', () => {
    const key = randomBytes(40);
    const data = randomBytes(5000);
    const arenaIsZero = () => readBytes(arena.ctx, arena.end - arena.ctx).every((b) => b === 0);
    sha256(data);
    expect(arenaIsZero()).toBe(true);
    hmac('sha384', key, data);
    expect(arenaIsZero()).toBe(true);
    hkdfExpand('sha512', hkdfExtract('sha512', key, data), data, 100);
    expect(arenaIsZero()).toBe(true);
  });
  it('leaves the engine memory at its fixed size', () => {
    const pages = engine.memory.buffer.byteLength;
    sha512(randomBytes(MiB / 4));
    expect(engine.memory.buffer.byteLength).toBe(pages);
  });
  it('sha256(), sha384() and sha512() reject a non-Uint8Array data with a TypeError naming data', () => {
    for (const f of [sha256, sha384, sha512]) {
      for (const bad of ['abc', [1, 2, 3], undefined, null, 42, new ArrayBuffer(4)]) {
        expect(() => f(bad as unknown as Uint8Array)).toThrow(TypeError);
        expect(() => f(bad as unknown as Uint8Array)).toThrow(/data/);
      }
    }
  });
  it('hmac() rejects a hash name that is not a string with a TypeError, and an unknown one with a RangeError, naming hash', () => {
    const k = new Uint8Array(4);
    expect(() => hmac(1 as unknown as HashName, k, k)).toThrow(TypeError);
    expect(() => hmac(1 as unknown as HashName, k, k)).toThrow(/hash/);
    expect(() => hmac('sha1' as HashName, k, k)).toThrow(RangeError);
    expect(() => hmac('sha1' as HashName, k, k)).toThrow(/hash/);
  });
  it('hmac() rejects a key or data that is not a Uint8Array with a TypeError naming it', () => {
    const ok = new Uint8Array(4);
    expect(() => hmac('sha256', 'key' as unknown as Uint8Array, ok)).toThrow(/key/);
    expect(() => hmac('sha256', 'key' as unknown as Uint8Array, ok)).toThrow(TypeError);
    expect(() => hmac('sha256', ok, 'data' as unknown as Uint8Array)).toThrow(/data/);
    expect(() => hmac('sha256', ok, [1] as unknown as Uint8Array)).toThrow(TypeError);
  });
  it('hkdfExtract() rejects a salt or ikm that is not a Uint8Array with a TypeError naming it', () => {
    const ok = new Uint8Array(4);
    expect(() => hkdfExtract('sha256', undefined as unknown as Uint8Array, ok)).toThrow(/salt/);
    expect(() => hkdfExtract('sha256', ok, null as unknown as Uint8Array)).toThrow(/ikm/);
    expect(() => hkdfExtract('sha256', ok, null as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => hkdfExtract('md5' as HashName, ok, ok)).toThrow(RangeError);
  });
  it('hkdfExpand() rejects a prk or info that is not a Uint8Array with a TypeError naming it', () => {
    const ok = new Uint8Array(32);
    expect(() => hkdfExpand('sha256', 'prk' as unknown as Uint8Array, ok, 32)).toThrow(/prk/);
    expect(() => hkdfExpand('sha256', ok, 'info' as unknown as Uint8Array, 32)).toThrow(/info/);
    expect(() => hkdfExpand('sha256', ok, 'info' as unknown as Uint8Array, 32)).toThrow(TypeError);
  });
  it('hkdfExpand() rejects a length above 255 * HashLen, negative or fractional with a RangeError naming length', () => {
    const prk = new Uint8Array(32);
    for (const name of NAMES) {
      const max = 255 * HASHES[name].size;
      expect(() => hkdfExpand(name, prk, prk, max + 1)).toThrow(RangeError);
      expect(() => hkdfExpand(name, prk, prk, max + 1)).toThrow(/length/);
    }
    for (const bad of [-1, 1.5, Number.NaN, Infinity]) {
      expect(() => hkdfExpand('sha256', prk, prk, bad)).toThrow(RangeError);
      expect(() => hkdfExpand('sha256', prk, prk, bad)).toThrow(/length/);
    }
    expect(() => hkdfExpand('sha256', prk, prk, '32' as unknown as number)).toThrow(TypeError);
    expect(hkdfExpand('sha256', prk, prk, 0)).toEqual(new Uint8Array(0));
  });
  it('every public function returns a fresh Uint8Array of the digest or requested length', () => {
    const d = new Uint8Array(3);
    for (const name of NAMES) {
      const size = HASHES[name].size;
      expect(DIGEST[name](d)).toBeInstanceOf(Uint8Array);
      expect(DIGEST[name](d).length).toBe(size);
      expect(hmac(name, d, d).length).toBe(size);
      expect(hkdfExtract(name, d, d).length).toBe(size);
      expect(hkdfExpand(name, d, d, size + 1).length).toBe(size + 1);
    }
  });
});

describe('hash names', () => {
  it('an inherited property name such as "constructor" is not a hash: RangeError naming hash', () => {
    expect(() => hmac('constructor' as never, new Uint8Array(1), new Uint8Array(1))).toThrow(RangeError);
    expect(() => hmac('toString' as never, new Uint8Array(1), new Uint8Array(1))).toThrow(/hash/);
  });
});
