// Ed25519 verification (RFC 8032 §5.1.7) as a specification: the RFC's test
// vectors, agreement with node:crypto and @noble/curves on random keys and
// messages, every malformed input the RFC says to reject, the inputs EmberTLS
// rejects beyond the RFC (small-order keys), and the cofactorless equation it
// shares with node:crypto. The scalar code and the base point table are also
// checked directly against BigInt, through a harness compiled from their files.
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import asc from 'assemblyscript/asc';
import { ed25519 as noble } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { arena, engine, wipeArena, writeBytes } from '../../host/engine.js';
import { ed25519Verify } from '../../host/primitives/ed25519.js';

const rfc8032 = JSON.parse(readFileSync(new URL('../vectors/rfc8032_ed25519.json', import.meta.url), 'utf8'));

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
function le(n: bigint, length = 32): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}
const fromLe = (b: Uint8Array): bigint => b.reduceRight((acc, x) => (acc << 8n) + BigInt(x), 0n);
const sha512 = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(createHash('sha512').update(cat(...parts)).digest());

/** node:crypto's verdict on a raw 32-byte key (SPKI DER around it); a key it cannot load counts as false. */
function nodeVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: Buffer.concat([hex('302a300506032b6570032100'), publicKey]), format: 'der', type: 'spki' });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}
/** @noble/curves' verdict, in its RFC 8032 strict mode (zip215: false) or its default ZIP-215 mode. */
function nobleVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, zip215 = false): boolean {
  try {
    return noble.verify(signature, message, publicKey, { zip215 });
  } catch {
    return false;
  }
}

/** A node:crypto key pair as raw bytes plus a signer. */
function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  return { publicKey: raw, sign: (m: Uint8Array) => new Uint8Array(sign(null, m, privateKey)) };
}

/**
 * A signature made by hand (RFC 8032 §5.1.6 steps 3-5 with a chosen nonce):
 * S = r + k a mod L with k = SHA-512(R || A || M) over the given bytes of R
 * and A, so R and A may be any encodings, canonical or not.
 */
function signWith(a: bigint, publicKey: Uint8Array, r: bigint, rBytes: Uint8Array, message: Uint8Array): Uint8Array {
  const k = fromLe(sha512(rBytes, publicKey, message)) % L;
  return cat(rBytes, le((r + k * a) % L));
}
/** The secret scalar a and public key A of a 32-byte seed (§5.1.5). */
function expand(seed: Uint8Array): { a: bigint; publicKey: Uint8Array } {
  const { scalar, pointBytes } = noble.utils.getExtendedPublicKey(seed);
  return { a: scalar, publicKey: pointBytes };
}
const G = noble.Point.BASE;

/** The encodings of the eight points of order dividing 8 (the torsion subgroup). */
const SMALL_ORDER: { name: string; encoding: Uint8Array }[] = (() => {
  // An order-8 point T: any curve point times L lies in the torsion subgroup;
  // take one whose order is exactly 8, then its multiples 0..7.
  let t = noble.Point.fromBytes(hex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'));
  const points = [];
  let q = noble.Point.ZERO;
  for (let i = 0; i < 8; i++) {
    points.push({ name: `${i}T`, encoding: q.toBytes() });
    q = q.add(t);
  }
  return points;
})();

describe('RFC 8032 §7.1 test vectors', () => {
  const cases: [string, { secretKey: string; publicKey: string; message: string; signature: string }][] =
    rfc8032.cases.map((c: { name: string }) => [c.name, c]);

  it.each(cases)('RFC 8032 §7.1 %s: the published signature verifies under the published public key', (_name, c) => {
    expect(ed25519Verify(hex(c.publicKey), hex(c.message), hex(c.signature))).toBe(true);
  });

  it.each(cases)('RFC 8032 §7.1 %s: the transcription agrees with node:crypto, which signs the message the same way', (_name, c) => {
    const { publicKey } = expand(hex(c.secretKey));
    expect(toHex(publicKey)).toBe(c.publicKey);
    expect(toHex(noble.sign(hex(c.message), hex(c.secretKey)))).toBe(c.signature);
    expect(nodeVerify(hex(c.publicKey), hex(c.message), hex(c.signature))).toBe(true);
  });

  it.each(cases)('RFC 8032 §7.1 %s: the signature fails for the message with its last bit flipped or a byte appended', (_name, c) => {
    const message = hex(c.message);
    const flipped = Uint8Array.from(message.length ? message : [0]);
    flipped[flipped.length - 1] ^= 1;
    expect(ed25519Verify(hex(c.publicKey), flipped, hex(c.signature))).toBe(false);
    expect(ed25519Verify(hex(c.publicKey), cat(message, new Uint8Array([0])), hex(c.signature))).toBe(false);
  });
});

describe('ed25519Verify agrees with node:crypto and @noble/curves', () => {
  const signer = keyPair();

  it('signatures node:crypto makes on random keys and messages (0 to 4096 bytes) verify, as node and noble say', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), (message) => {
        const { publicKey, sign: signIt } = keyPair();
        const signature = signIt(message);
        expect(ed25519Verify(publicKey, message, signature)).toBe(true);
        expect(nodeVerify(publicKey, message, signature)).toBe(true);
        expect(nobleVerify(publicKey, message, signature)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('signatures @noble/curves makes on random seeds verify, and node:crypto agrees', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 600 }), (seed, message) => {
        const publicKey = noble.getPublicKey(seed);
        const signature = noble.sign(message, seed);
        expect(ed25519Verify(publicKey, message, signature)).toBe(true);
        expect(nodeVerify(publicKey, message, signature)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('every message length from 0 to 300 bytes verifies (each SHA-512 block boundary of R || A || M)', () => {
    for (let n = 0; n <= 300; n++) {
      const message = new Uint8Array(randomBytes(n));
      expect(ed25519Verify(signer.publicKey, message, signer.sign(message)), `length ${n}`).toBe(true);
    }
  });

  it.each([16383, 16384, 16385, 32768 + 7, 1 << 20])(
    'a %i-byte message, streamed through the 16 KiB arena, verifies and fails with its last byte changed',
    (n) => {
      const message = new Uint8Array(randomBytes(n));
      const signature = signer.sign(message);
      expect(ed25519Verify(signer.publicKey, message, signature)).toBe(true);
      expect(nodeVerify(signer.publicKey, message, signature)).toBe(true);
      message[n - 1] ^= 0x80;
      expect(ed25519Verify(signer.publicKey, message, signature)).toBe(false);
      expect(nodeVerify(signer.publicKey, message, signature)).toBe(false);
    },
  );

  it('after one random bit flip in the signature, key or message, ed25519Verify says false, as node:crypto does', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.constantFrom('signature', 'publicKey', 'message'),
        fc.nat(),
        (message, where, at) => {
          const { publicKey, sign: signIt } = keyPair();
          const signature = signIt(message);
          const target = { signature, publicKey, message }[where];
          const bit = at % (8 * target.length);
          target[bit >> 3] ^= 1 << (bit & 7);
          expect(ed25519Verify(publicKey, message, signature)).toBe(false);
          expect(nodeVerify(publicKey, message, signature)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random 64-byte strings are not signatures, for ed25519Verify and node:crypto alike', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (signature, message) => {
        expect(ed25519Verify(signer.publicKey, message, signature)).toBe(nodeVerify(signer.publicKey, message, signature));
      }),
      { numRuns: 200 },
    );
  });
});

describe('signatures RFC 8032 §5.1.7 says to reject', () => {
  const signer = keyPair();
  const message = new TextEncoder().encode('RFC 8032 §5.1.7');
  const signature = signer.sign(message);

  it('every single bit flip of a valid signature is rejected (all 512 positions)', () => {
    for (let bit = 0; bit < 512; bit++) {
      const bad = Uint8Array.from(signature);
      bad[bit >> 3] ^= 1 << (bit & 7);
      expect(ed25519Verify(signer.publicKey, message, bad), `bit ${bit}`).toBe(false);
    }
  });

  it('every single bit flip of the public key is rejected (all 256 positions)', () => {
    for (let bit = 0; bit < 256; bit++) {
      const bad = Uint8Array.from(signer.publicKey);
      bad[bit >> 3] ^= 1 << (bit & 7);
      expect(ed25519Verify(bad, message, signature), `bit ${bit}`).toBe(false);
    }
  });

  it('S + L, the same scalar mod L, is rejected (§5.1.7 step 1: S >= L), as node:crypto and noble reject it', () => {
    const s = fromLe(signature.subarray(32));
    const malleated = cat(signature.subarray(0, 32), le(s + L));
    expect(ed25519Verify(signer.publicKey, message, malleated)).toBe(false);
    expect(nodeVerify(signer.publicKey, message, malleated)).toBe(false);
    expect(nobleVerify(signer.publicKey, message, malleated)).toBe(false);
  });

  it('S = L, S = 2^253 and S = 2^256 - 1 are rejected at init, before any hashing', () => {
    for (const s of [L, 2n ** 253n, 2n ** 256n - 1n]) {
      const bad = cat(signature.subarray(0, 32), le(s));
      expect(ed25519Verify(signer.publicKey, message, bad)).toBe(false);
      expect(initVerdict(signer.publicKey, bad)).toBe(0);
    }
    expect(initVerdict(signer.publicKey, cat(signature.subarray(0, 32), le(L - 1n)))).toBe(1);
  });

  it('a non-canonical R (y + p for the identity) is rejected, though the same signature with R canonical verifies', () => {
    // R = [0]B, the identity (y = 1). Signed by hand with r = 0 over each
    // encoding of R; only the canonical one can equal encode([S]B - [k]A).
    const seed = new Uint8Array(randomBytes(32));
    const { a, publicKey } = expand(seed);
    const canonical = le(1n);
    const nonCanonical = le(P + 1n);
    const good = signWith(a, publicKey, 0n, canonical, message);
    const bad = signWith(a, publicKey, 0n, nonCanonical, message);
    expect(ed25519Verify(publicKey, message, good)).toBe(true);
    expect(nodeVerify(publicKey, message, good)).toBe(true);
    expect(ed25519Verify(publicKey, message, bad)).toBe(false);
    expect(nodeVerify(publicKey, message, bad)).toBe(false);
    expect(nobleVerify(publicKey, message, bad)).toBe(false);
    // ZIP-215 decodes y >= p and accepts it: the rule EmberTLS does not follow.
    expect(nobleVerify(publicKey, message, bad, true)).toBe(true);
  });

  it('a public key with y >= p is rejected at decoding (§5.1.3 step 1), though y - p is a valid key', () => {
    let checked = 0;
    for (let y = 2n; y <= 18n; y++) {
      for (const sign of [0n, 1n]) {
        const canonical = le(y | (sign << 255n));
        let valid = true;
        try {
          valid = !noble.Point.fromBytes(canonical).isSmallOrder();
        } catch {
          valid = false;
        }
        if (!valid) continue;
        expect(initVerdict(canonical, new Uint8Array(64)), `y = ${y}`).toBe(1);
        expect(initVerdict(le((P + y) | (sign << 255n)), new Uint8Array(64)), `y = p + ${y}`).toBe(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(4);
  });

  it('a y with no x on the curve is rejected at decoding (§5.1.3 step 3), exactly when noble finds none', () => {
    let rejected = 0;
    for (let y = 2n; y < 60n; y++) {
      const encoding = le(y);
      let decodes = true;
      try {
        noble.Point.fromBytes(encoding);
      } catch {
        decodes = false;
      }
      if (decodes) continue;
      expect(initVerdict(encoding, new Uint8Array(64)), `y = ${y}`).toBe(0);
      rejected++;
    }
    expect(rejected).toBeGreaterThan(10);
  });

  it('x = 0 with the sign bit set is rejected (§5.1.3 step 4): y = 1 and y = p - 1 with bit 255', () => {
    for (const y of [1n, P - 1n]) expect(initVerdict(le(y | (1n << 255n)), new Uint8Array(64))).toBe(0);
  });
});

describe('keys EmberTLS rejects beyond RFC 8032: small order', () => {
  const message = new TextEncoder().encode('small order');

  it('each of the eight small-order points is rejected as a public key, and noble agrees they have small order', () => {
    for (const { name, encoding } of SMALL_ORDER) {
      expect(noble.Point.fromBytes(encoding).isSmallOrder(), name).toBe(true);
      expect(initVerdict(encoding, new Uint8Array(64)), name).toBe(0);
    }
  });

  it('the all-zero public key (y = 0, a point of order 4) is rejected', () => {
    expect(SMALL_ORDER.some((p) => toHex(p.encoding) === toHex(new Uint8Array(32)))).toBe(true);
    expect(ed25519Verify(new Uint8Array(32), message, new Uint8Array(64))).toBe(false);
    expect(initVerdict(new Uint8Array(32), new Uint8Array(64))).toBe(0);
  });

  it('a forgery under the identity key, which node:crypto accepts for any message, is rejected', () => {
    // [k]A is the identity for every k, so R = [r]B, S = r verifies cofactorless.
    const identity = le(1n);
    const r = fromLe(randomBytes(32)) % L;
    const forged = cat(G.multiply(r).toBytes(), le(r));
    expect(nodeVerify(identity, message, forged)).toBe(true);
    expect(ed25519Verify(identity, message, forged)).toBe(false);
    expect(nobleVerify(identity, message, forged)).toBe(false);
  });

  it('the same forgery under y = p + 1, a non-canonical identity key node:crypto also accepts, is rejected', () => {
    const identity = le(P + 1n);
    const r = fromLe(randomBytes(32)) % L;
    const forged = cat(G.multiply(r).toBytes(), le(r));
    expect(nodeVerify(identity, message, forged)).toBe(true);
    expect(ed25519Verify(identity, message, forged)).toBe(false);
  });

  it('a forgery under an order-8 key, valid for node:crypto whenever 8 divides k, is rejected', () => {
    const order8 = SMALL_ORDER[1].encoding;
    for (let r = 1n; ; r++) {
      const rBytes = G.multiply(r).toBytes();
      const k = fromLe(sha512(rBytes, order8, message)) % L;
      if (k % 8n !== 0n) continue;
      const forged = cat(rBytes, le(r));
      expect(nodeVerify(order8, message, forged)).toBe(true);
      expect(ed25519Verify(order8, message, forged)).toBe(false);
      break;
    }
  });
});

describe('the verification equation: cofactorless, as node:crypto', () => {
  it('a signature whose R carries an order-8 component fails, as for node:crypto, though the cofactored check (noble) accepts it', () => {
    // R' = [r]B + T, S = r + k a with k over R': then [S]B - [k]A = [r]B,
    // which differs from R' by T, and [8] removes T.
    const seed = new Uint8Array(randomBytes(32));
    const { a, publicKey } = expand(seed);
    const message = new TextEncoder().encode('cofactor');
    const r = fromLe(randomBytes(32)) % L;
    const t = noble.Point.fromBytes(SMALL_ORDER[1].encoding);
    const rBytes = G.multiply(r).add(t).toBytes();
    const signature = signWith(a, publicKey, r, rBytes, message);
    expect(ed25519Verify(publicKey, message, signature)).toBe(false);
    expect(nodeVerify(publicKey, message, signature)).toBe(false);
    expect(nobleVerify(publicKey, message, signature)).toBe(true);
    // Control: the same construction without T verifies everywhere.
    const honest = signWith(a, publicKey, r, G.multiply(r).toBytes(), message);
    expect(ed25519Verify(publicKey, message, honest)).toBe(true);
    expect(nodeVerify(publicKey, message, honest)).toBe(true);
  });
});

describe('arguments', () => {
  const signer = keyPair();
  const message = new Uint8Array([1, 2, 3]);
  const signature = signer.sign(message);

  it('a public key of any length but 32 bytes returns false and never throws', () => {
    for (const n of [0, 1, 31, 33, 64]) {
      const key = new Uint8Array(n);
      key.set(signer.publicKey.subarray(0, Math.min(n, 32)));
      expect(ed25519Verify(key, message, signature), `${n} bytes`).toBe(false);
    }
  });

  it('a signature of any length but 64 bytes returns false and never throws', () => {
    for (const n of [0, 1, 32, 63, 65, 128]) {
      const sig = new Uint8Array(n);
      sig.set(signature.subarray(0, Math.min(n, 64)));
      expect(ed25519Verify(signer.publicKey, message, sig), `${n} bytes`).toBe(false);
    }
  });

  it.each([
    ['publicKey', 0],
    ['message', 1],
    ['signature', 2],
  ] as const)('a %s that is not a Uint8Array throws a TypeError naming it', (name, index) => {
    for (const wrong of ['00', null, undefined, [1, 2], new ArrayBuffer(32), 7]) {
      const args: unknown[] = [signer.publicKey, message, signature];
      args[index] = wrong;
      expect(() => (ed25519Verify as (...a: unknown[]) => boolean)(...args)).toThrow(TypeError);
      expect(() => (ed25519Verify as (...a: unknown[]) => boolean)(...args)).toThrow(name);
    }
  });

  it('a Buffer (a Uint8Array subclass) is accepted for every argument', () => {
    expect(ed25519Verify(Buffer.from(signer.publicKey), Buffer.from(message), Buffer.from(signature))).toBe(true);
  });
});

/** ed25519VerifyInit's verdict on a key and signature (the checks before the message), arena wiped after. */
function initVerdict(publicKey: Uint8Array, signature: Uint8Array): number {
  try {
    writeBytes(arena.params, publicKey);
    writeBytes(arena.params + 32, signature);
    const verdict = engine.ed25519VerifyInit(arena.ctx, arena.params, arena.params + 32);
    engine.ed25519VerifyFinal(arena.ctx);
    return verdict;
  } finally {
    wipeArena();
  }
}

describe('the engine interface', () => {
  const signer = keyPair();

  it('ed25519VerifyCtxSize is 432 bytes, within the arena context slot', () => {
    expect(engine.ed25519VerifyCtxSize()).toBe(432);
    expect(engine.ed25519VerifyCtxSize()).toBeLessThanOrEqual(arena.params - arena.ctx);
  });

  it('ed25519VerifyUpdate takes the message in any split, and the one-shot export gives the same verdict', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), fc.array(fc.nat({ max: 700 }), { maxLength: 6 }), fc.boolean(), (message, cuts, corrupt) => {
        const signature = signer.sign(message);
        if (corrupt) signature[5] ^= 4;
        try {
          writeBytes(arena.params, signer.publicKey);
          writeBytes(arena.params + 32, signature);
          writeBytes(arena.input, message);
          expect(engine.ed25519VerifyInit(arena.ctx, arena.params, arena.params + 32)).toBe(1);
          const points = [0, ...cuts.map((c) => c % (message.length + 1)).sort((x, y) => x - y), message.length];
          for (let i = 1; i < points.length; i++) {
            engine.ed25519VerifyUpdate(arena.ctx, arena.input + points[i - 1], points[i] - points[i - 1]);
          }
          expect(engine.ed25519VerifyFinal(arena.ctx)).toBe(corrupt ? 0 : 1);
          expect(engine.ed25519Verify(arena.ctx, arena.params, arena.input, message.length, arena.params + 32)).toBe(corrupt ? 0 : 1);
        } finally {
          wipeArena();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a second ed25519VerifyFinal without a new init returns 0 (final wipes the context)', () => {
    const message = new Uint8Array([9]);
    try {
      writeBytes(arena.params, signer.publicKey);
      writeBytes(arena.params + 32, signer.sign(message));
      writeBytes(arena.input, message);
      engine.ed25519VerifyInit(arena.ctx, arena.params, arena.params + 32);
      engine.ed25519VerifyUpdate(arena.ctx, arena.input, 1);
      expect(engine.ed25519VerifyFinal(arena.ctx)).toBe(1);
      expect(engine.ed25519VerifyFinal(arena.ctx)).toBe(0);
    } finally {
      wipeArena();
    }
  });

  it('ed25519Verify leaves no key, signature or message bytes in the arena', () => {
    const message = new Uint8Array(randomBytes(40000));
    expect(ed25519Verify(signer.publicKey, message, signer.sign(message))).toBe(true);
    const memory = new Uint8Array(engine.memory.buffer, arena.ctx, arena.end - arena.ctx);
    expect(memory.every((b) => b === 0)).toBe(true);
  });
});

// The scalar code and the base point table, compiled on their own.
type Harness = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };
let harness: Harness;
let scratch = 0;

beforeAll(async () => {
  const source = (file: string): string => readFileSync(new URL(`../../assembly/crypto/${file}`, import.meta.url), 'utf8');
  const { binary, error, stderr } = await asc.compileString(
    {
      'harness.ts':
        'export { scReduce, scIsCanonical } from "./scalar25519";\n' +
        'import { BASE_TABLE } from "./ed25519";\n' +
        'export { decodePoint } from "./ed25519";\n' +
        'export function baseTable(): usize { return BASE_TABLE; }\n' +
        'const scratch = memory.data(256, 16);\n' +
        'export function scratchPtr(): usize { return scratch; }\n',
      'scalar25519.ts': source('scalar25519.ts'),
      'ed25519.ts': source('ed25519.ts'),
      'field25519.ts': source('field25519.ts'),
      'sha512.ts': source('sha512.ts'),
      'ct.ts': source('ct.ts'),
    },
    { runtime: 'stub', optimizeLevel: 3, noAssert: true },
  );
  expect(error, stderr?.toString()).toBeNull();
  harness = new WebAssembly.Instance(new WebAssembly.Module(binary as Uint8Array<ArrayBuffer>), {}).exports as unknown as Harness;
  scratch = harness.scratchPtr();
});

describe('scalar25519 against BigInt', () => {
  const mem = (): Uint8Array => new Uint8Array(harness.memory.buffer);
  function reduce(x: bigint): bigint {
    mem().set(le(x, 64), scratch);
    harness.scReduce(scratch + 64, scratch);
    return fromLe(mem().slice(scratch + 64, scratch + 96));
  }
  function canonical(s: bigint): number {
    mem().set(le(s), scratch);
    return harness.scIsCanonical(scratch);
  }

  it('scReduce gives x mod L for random 64-byte x', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (x) => {
        expect(reduce(fromLe(x))).toBe(fromLe(x) % L);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['0', 0n], ['L - 1', L - 1n], ['L', L], ['L + 1', L + 1n], ['2L - 1', 2n * L - 1n], ['3L', 3n * L],
    ['2^252', 2n ** 252n], ['2^256 - 1', 2n ** 256n - 1n], ['2^512 - 1', 2n ** 512n - 1n],
    ['the largest multiple of L below 2^512', (2n ** 512n / L) * L], ['one more', (2n ** 512n / L) * L + 1n],
    ['one less', (2n ** 512n / L) * L - 1n],
  ])('scReduce gives x mod L for x = %s', (_name, x) => {
    expect(reduce(x)).toBe(x % L);
  });

  it('scReduce allows the output to alias the input', () => {
    const x = fromLe(randomBytes(64));
    mem().set(le(x, 64), scratch);
    harness.scReduce(scratch, scratch);
    expect(fromLe(mem().slice(scratch, scratch + 32))).toBe(x % L);
  });

  it('scIsCanonical is 1 exactly below L', () => {
    for (const [s, want] of [[0n, 1], [L - 1n, 1], [L, 0], [L + 1n, 0], [2n ** 252n, 1], [2n ** 253n, 0], [2n ** 256n - 1n, 0]] as const) {
      expect(canonical(s), `${s}`).toBe(want);
    }
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (s) => {
        expect(canonical(fromLe(s))).toBe(fromLe(s) < L ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('point decoding (RFC 8032 §5.1.3) against @noble/curves in strict mode', () => {
  const OFFSETS = [0, 26, 51, 77, 102, 128, 153, 179, 204, 230].map(BigInt);
  /** decodePoint's verdict, and x and y when it succeeds (Z = 1, so X and Y are the coordinates). */
  function decode(s: Uint8Array): { x: bigint; y: bigint } | null {
    new Uint8Array(harness.memory.buffer).set(s, scratch);
    if (harness.decodePoint(scratch + 64, scratch) !== 1) return null;
    const limbs = new Uint32Array(harness.memory.buffer, scratch + 64, 40);
    const value = (at: number): bigint => OFFSETS.reduce((acc, o, i) => acc + (BigInt(limbs[at + i]) << o), 0n) % P;
    expect(value(20)).toBe(1n);
    expect(value(30)).toBe((value(0) * value(10)) % P);
    return { x: value(0), y: value(10) };
  }
  function nobleDecode(s: Uint8Array): { x: bigint; y: bigint } | null {
    try {
      return noble.Point.fromBytes(s, false).toAffine();
    } catch {
      return null;
    }
  }

  it('decodePoint accepts exactly the encodings noble accepts, with the same x and y, on random strings and real keys', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }).map((seed) => noble.getPublicKey(seed))),
        (s) => {
          expect(decode(s)).toEqual(nobleDecode(s));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('decodePoint rejects every y from p to 2^255 - 1, with either sign bit (§5.1.3 step 1)', () => {
    for (let r = 0n; r < 19n; r++) {
      for (const sign of [0n, 1n]) expect(decode(le((P + r) | (sign << 255n))), `p + ${r}`).toBeNull();
    }
  });

  it('decodePoint rejects x = 0 with the sign bit set (§5.1.3 step 4), and accepts it with the bit clear', () => {
    for (const y of [1n, P - 1n]) {
      expect(decode(le(y | (1n << 255n))), `y = ${y}, sign 1`).toBeNull();
      expect(decode(le(y)), `y = ${y}, sign 0`).toEqual({ x: 0n, y });
    }
  });

  it('decodePoint gives both roots: the sign bit picks x or p - x', () => {
    const key = noble.getPublicKey(new Uint8Array(randomBytes(32)));
    const flipped = Uint8Array.from(key);
    flipped[31] ^= 0x80;
    const a = decode(key)!;
    const b = decode(flipped)!;
    expect(b.y).toBe(a.y);
    expect(b.x).toBe(P - a.x);
  });
});

describe('the base point table', () => {
  it('entry i is (y + x, y - x, 2 d x y) of (2i + 1)B, in canonical limbs', () => {
    const d = (((-121665n * modPow(121666n, P - 2n)) % P) + P) % P;
    const OFFSETS = [0, 26, 51, 77, 102, 128, 153, 179, 204, 230].map(BigInt);
    const limbs = new Uint32Array(harness.memory.buffer, harness.baseTable(), 8 * 30);
    const value = (at: number): bigint => OFFSETS.reduce((acc, o, i) => acc + (BigInt(limbs[at + i]) << o), 0n);
    for (let i = 0; i < 8; i++) {
      const { x, y } = G.multiply(BigInt(2 * i + 1)).toAffine();
      expect(value(30 * i), `${2 * i + 1}B y + x`).toBe((y + x) % P);
      expect(value(30 * i + 10), `${2 * i + 1}B y - x`).toBe((y - x + P) % P);
      expect(value(30 * i + 20), `${2 * i + 1}B 2dxy`).toBe((2n * d * x * y) % P);
    }
  });
});

function modPow(b: bigint, e: bigint): bigint {
  let r = 1n;
  b %= P;
  for (; e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) r = (r * b) % P;
  return r;
}
