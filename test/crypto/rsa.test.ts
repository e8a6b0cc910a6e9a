// RSA signature verification: RSAVP1 (RFC 8017 §5.2.2), RSASSA-PKCS1-v1_5
// (§8.2.2) and RSASSA-PSS (§8.1.2) with SHA-256/384/512, keys as DER
// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, RFC 3279 §2.3.1).
//
// The differential reference is node:crypto (OpenSSL): no @noble package
// implements RSA, so there is no second one. Keys are generated once per file
// (key generation is the slow part).
import { readFileSync } from 'node:fs';
import {
  constants, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, generatePrimeSync,
  privateEncrypt, publicEncrypt, randomBytes, sign,
  type KeyObject,
} from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arena, engine, readBytes, wipeArena, writeBytes } from '../../host/engine.js';
import { rsaVerify } from '../../host/primitives/rsa.js';

type Hash = 'sha256' | 'sha384' | 'sha512';
type Scheme = 'pkcs1' | 'pss';
const HASHES: Hash[] = ['sha256', 'sha384', 'sha512'];
const HASH_ID: Record<Hash, number> = { sha256: 0, sha384: 1, sha512: 2 };
const HASH_LEN: Record<Hash, number> = { sha256: 32, sha384: 48, sha512: 64 };
const SALT_ANY = 0xffffffff;

interface Key {
  bits: number;
  k: number;
  privateKey: KeyObject;
  spki: Uint8Array;
  n: bigint;
  e: number;
}

/**
 * A fresh key whose modulus has exactly `bits` bits. OpenSSL's key generation
 * may return one bit fewer for sizes that are not a multiple of 8; then the
 * key is built from two primes and imported as a JWK.
 */
function makeKey(bits: number, publicExponent = 65537): Key {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent });
  const n = toBig(Buffer.from(publicKey.export({ format: 'jwk' }).n!, 'base64url'));
  if (n.toString(2).length === bits) return keyFrom(privateKey, n, bits, publicExponent);
  const e = BigInt(publicExponent);
  // Each prime must have p - 1 coprime to e (e = 2^32 - 1 has five small factors).
  const prime = (size: number) => {
    for (;;) {
      const p = generatePrimeSync(size, { bigint: true });
      if (gcd(e, p - 1n) === 1n) return p;
    }
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    const p = prime(Math.ceil(bits / 2));
    const q = prime(Math.floor(bits / 2));
    const n2 = p * q;
    if (n2.toString(2).length !== bits || p === q) continue;
    const phi = (p - 1n) * (q - 1n);
    const d = modInverse(e, phi);
    const b64 = (x: bigint) => Buffer.from(toBytes(x, Math.ceil(x.toString(16).length / 2))).toString('base64url');
    const jwk = {
      kty: 'RSA', n: b64(n2), e: b64(e), d: b64(d), p: b64(p), q: b64(q),
      dp: b64(d % (p - 1n)), dq: b64(d % (q - 1n)), qi: b64(modInverse(q, p)),
    };
    return keyFrom(createPrivateKey({ key: jwk, format: 'jwk' }), n2, bits, publicExponent);
  }
  throw new Error(`no ${bits}-bit key from 50 prime pairs`);
}

function keyFrom(privateKey: KeyObject, n: bigint, bits: number, e: number): Key {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { bits, k: Math.ceil(bits / 8), privateKey, spki: new Uint8Array(spki), n, e };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

const keys = { 2048: makeKey(2048), 3072: makeKey(3072), 4096: makeKey(4096) };
const k2048 = keys[2048];

// ---- helpers -------------------------------------------------------------

function toBig(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex'));
}

function toBytes(x: bigint, len: number): Uint8Array {
  return new Uint8Array(Buffer.from(x.toString(16).padStart(len * 2, '0'), 'hex'));
}

function hex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'hex'));
}

function nodeSign(key: Key, scheme: Scheme, hash: Hash, message: Uint8Array, saltLength?: number): Uint8Array {
  const padding = scheme === 'pss' ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING;
  return new Uint8Array(sign(hash, message, { key: key.privateKey, padding, saltLength }));
}

/** The private-key operation on an arbitrary encoded block: a "signature" of any EM we choose. */
function rawSign(key: Key, em: Uint8Array): Uint8Array {
  const block = new Uint8Array(key.k);
  block.set(em, key.k - em.length);
  return new Uint8Array(privateEncrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, block));
}

function digest(hash: Hash, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(hash).update(data).digest());
}

function flipBit(data: Uint8Array, bit: number): Uint8Array {
  const copy = data.slice();
  copy[bit >> 3] ^= 0x80 >> (bit & 7);
  return copy;
}

// A small DER writer for hand-made keys.
function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(parts);
  let len: number[];
  if (body.length < 0x80) len = [body.length];
  else if (body.length < 0x100) len = [0x81, body.length];
  else len = [0x82, body.length >> 8, body.length & 0xff];
  return new Uint8Array(Buffer.concat([Buffer.from([tag, ...len]), body]));
}

function derUInt(x: bigint): Uint8Array {
  let h = x.toString(16);
  if (h.length % 2) h = '0' + h;
  if (parseInt(h.slice(0, 2), 16) >= 0x80) h = '00' + h;
  return der(0x02, hex(h));
}

const RSA_OID = hex('2a864886f70d010101');

function spkiOf(n: bigint, e: bigint, o: { oid?: Uint8Array; params?: Uint8Array | null; unused?: number } = {}) {
  const algorithm = der(0x30, der(0x06, o.oid ?? RSA_OID), ...(o.params === null ? [] : [o.params ?? der(0x05)]));
  const rsaPublicKey = der(0x30, derUInt(n), derUInt(e));
  return der(0x30, algorithm, der(0x03, new Uint8Array([o.unused ?? 0]), rsaPublicKey));
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with hooks to spoil each field. */
function pssEncode(
  hash: Hash, message: Uint8Array, emBits: number, salt: Uint8Array,
  spoil: { trailer?: number; separator?: number; psByte?: number; topBit?: boolean; mgfHash?: Hash } = {},
): Uint8Array {
  const hLen = HASH_LEN[hash];
  const emLen = Math.ceil(emBits / 8);
  const mPrime = Buffer.concat([new Uint8Array(8), digest(hash, message), salt]);
  const h = digest(hash, mPrime);
  const dbLen = emLen - hLen - 1;
  const db = new Uint8Array(dbLen);
  db[dbLen - salt.length - 1] = spoil.separator ?? 0x01;
  db.set(salt, dbLen - salt.length);
  if (spoil.psByte !== undefined) db[0] = spoil.psByte;
  const mgfHash = spoil.mgfHash ?? hash;
  for (let c = 0, done = 0; done < dbLen; c++, done += HASH_LEN[mgfHash]) {
    const t = digest(mgfHash, Buffer.concat([h, Buffer.from([c >>> 24, (c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff])]));
    for (let i = 0; i < t.length && done + i < dbLen; i++) db[done + i] ^= t[i];
  }
  db[0] &= 0xff >> (8 * emLen - emBits);
  if (spoil.topBit) db[0] |= 0x100 >> (8 * emLen - emBits); // the lowest bit that must be 0
  return new Uint8Array(Buffer.concat([db, h, Buffer.from([spoil.trailer ?? 0xbc])]));
}

/** RSAVP1 through the engine export; null when the engine refuses. */
function rsavp1(n: Uint8Array, e: number, s: Uint8Array): Uint8Array | null {
  try {
    writeBytes(arena.params, n);
    writeBytes(arena.input, s);
    const modBits = engine.rsaPublicOp(arena.params, n.length, e, arena.input, s.length, arena.output);
    return modBits === 0 ? null : readBytes(arena.output, Math.ceil(modBits / 8));
  } finally {
    wipeArena();
  }
}

const pkcs1 = { scheme: 'pkcs1', hash: 'sha256' } as const;
const pss = { scheme: 'pss', hash: 'sha256' } as const;

// ---- RSAVP1 --------------------------------------------------------------

describe('RSAVP1 (RFC 8017 §5.2.2)', () => {
  const nodeRaw = (key: Key, s: Uint8Array) =>
    new Uint8Array(publicEncrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, s));
  const nBytes = (key: Key) => toBytes(key.n, key.k);

  it.each([2048, 3072, 4096] as const)('computes s^e mod n like node:crypto for random s below a %i-bit n', (bits) => {
    const key = keys[bits];
    fc.assert(
      fc.property(fc.uint8Array({ minLength: key.k, maxLength: key.k }), (raw) => {
        const s = toBytes(toBig(raw) % key.n, key.k);
        expect(rsavp1(nBytes(key), key.e, s)).toEqual(nodeRaw(key, s));
      }),
      { numRuns: bits === 4096 ? 10 : 25 },
    );
  });

  it('computes s^e mod n at the edges: s = 0, 1, 2, n - 1, n - 2 and 2^(bits-1)', () => {
    const key = k2048;
    for (const s of [0n, 1n, 2n, key.n - 1n, key.n - 2n, 1n << 2047n]) {
      const sb = toBytes(s, key.k);
      expect(rsavp1(nBytes(key), key.e, sb)).toEqual(nodeRaw(key, sb));
    }
  });

  it('handles moduli whose length is not a multiple of 32 bits and exponents 3, 17 and 2^32 - 1', () => {
    for (const [bits, e] of [[2049, 65537], [2056, 3], [2080, 17], [2111, 0xffffffff]] as const) {
      const key = makeKey(bits, e);
      for (let i = 0; i < 3; i++) {
        const s = toBytes(toBig(randomBytes(key.k)) % key.n, key.k);
        expect(rsavp1(nBytes(key), e, s), `${bits} bits, e = ${e}`).toEqual(nodeRaw(key, s));
      }
      // A leading zero byte in front of n is tolerated: the value is what counts.
      const s = toBytes(12345n, key.k);
      expect(rsavp1(new Uint8Array([0, ...nBytes(key)]), e, s)).toEqual(nodeRaw(key, s));
    }
  });

  it('matches BigInt arithmetic for extreme moduli (all-ones top limbs, a lone top bit) and random s', () => {
    const modPow = (b: bigint, e: bigint, m: bigint) => {
      let r = 1n;
      for (b %= m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
      return r;
    };
    const moduli = [
      (1n << 2048n) - 1n, (1n << 2048n) - 0x1234567n, (1n << 2047n) + 1n, (1n << 3000n) - 3n,
      (1n << 4096n) - 1n, (1n << 4095n) + (1n << 64n) + 1n, (1n << 2079n) + 0xffffffffn,
    ];
    fc.assert(
      fc.property(fc.constantFrom(...moduli), fc.bigInt({ min: 0n, max: (1n << 4096n) - 1n }), fc.constantFrom(3, 65537, 0xffffffff), (n, raw, e) => {
        const k = Math.ceil(n.toString(2).length / 8);
        const s = raw % n;
        expect(rsavp1(toBytes(n, k), e, toBytes(s, k))).toEqual(toBytes(modPow(s, BigInt(e), n), k));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses s >= n, and s one byte too short or too long', () => {
    const n = nBytes(k2048);
    expect(rsavp1(n, 65537, n)).toBeNull();
    expect(rsavp1(n, 65537, toBytes(k2048.n + 1n, 256))).toBeNull();
    expect(rsavp1(n, 65537, new Uint8Array(256).fill(0xff))).toBeNull();
    expect(rsavp1(n, 65537, new Uint8Array(255).fill(1))).toBeNull();
    expect(rsavp1(n, 65537, new Uint8Array(257).fill(0))).toBeNull();
  });

  it('refuses an even n, an even e, e = 1, moduli below 2048 bits and above 4096 bits', () => {
    const n = nBytes(k2048);
    const s = toBytes(5n, 256);
    expect(rsavp1(toBytes(k2048.n - 1n, 256), 65537, s)).toBeNull();
    expect(rsavp1(n, 65536, s)).toBeNull();
    expect(rsavp1(n, 1, s)).toBeNull();
    expect(rsavp1(n, 0, s)).toBeNull();
    const small = toBytes((1n << 2046n) + 1n, 256); // 2047 bits in 256 bytes
    expect(rsavp1(small, 65537, s)).toBeNull();
    const large = toBytes((1n << 4096n) + 1n, 513); // 4097 bits
    expect(rsavp1(large, 65537, toBytes(5n, 513))).toBeNull();
    expect(rsavp1(toBytes((1n << 4095n) + 1n, 512), 65537, toBytes(5n, 512))).not.toBeNull();
  });
});

// ---- published vectors ---------------------------------------------------

interface VectorFile {
  source: string;
  publicKeyDer: string;
  sLen?: number;
  tests: { tcId: number; comment: string; msg: string; sig: string; result: string }[];
}
const vectors = (name: string): VectorFile =>
  JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8'));

describe('Wycheproof rsa_signature_2048_sha256 (RSASSA-PKCS1-v1_5)', () => {
  const file = vectors('wycheproof_rsa_signature_2048_sha256.json');
  const spki = hex(file.publicKeyDer);
  // "acceptable" here is a DigestInfo without the NULL parameters: §9.2
  // note 1 lists only the form with NULL, and encode-and-compare rejects it.
  it.each(file.tests)('tcId $tcId ($result $comment) verifies as valid only', (t) => {
    expect(rsaVerify(pkcs1, spki, hex(t.msg), hex(t.sig))).toBe(t.result === 'valid');
  });
});

describe('Wycheproof rsa_pss_2048_sha256_mgf1_32 (RSASSA-PSS, sLen 32)', () => {
  const file = vectors('wycheproof_rsa_pss_2048_sha256_mgf1_32.json');
  const spki = hex(file.publicKeyDer);
  it.each(file.tests)('tcId $tcId ($comment) verifies with sLen 32 required and with any sLen', (t) => {
    expect(rsaVerify({ ...pss, saltLength: file.sLen }, spki, hex(t.msg), hex(t.sig))).toBe(true);
    expect(rsaVerify(pss, spki, hex(t.msg), hex(t.sig))).toBe(true);
    expect(rsaVerify({ ...pss, saltLength: 31 }, spki, hex(t.msg), hex(t.sig))).toBe(false);
  });
});

// ---- node:crypto signatures ----------------------------------------------

describe('rsaVerify accepts signatures made by node:crypto', () => {
  const message = fc.uint8Array({ maxLength: 4096 });
  for (const bits of [2048, 3072, 4096] as const) {
    for (const hash of HASHES) {
      it(`accepts PKCS#1 v1.5 and PSS signatures over random messages (${bits} bits, ${hash})`, () => {
        const key = keys[bits];
        fc.assert(
          fc.property(message, fc.constantFrom<Scheme>('pkcs1', 'pss'), (m, scheme) => {
            expect(rsaVerify({ scheme, hash }, key.spki, m, nodeSign(key, scheme, hash, m))).toBe(true);
          }),
          { numRuns: bits === 4096 ? 4 : 8 },
        );
      });
    }
  }

  it.each(HASHES)('accepts PSS with salt lengths 0, 20, hLen and the maximum, any required or the exact one (%s)', (hash) => {
    const key = k2048;
    const m = randomBytes(100);
    const max = key.k - HASH_LEN[hash] - 2;
    for (const [saltLength, expected] of [[0, 0], [20, 20], [constants.RSA_PSS_SALTLEN_DIGEST, HASH_LEN[hash]], [constants.RSA_PSS_SALTLEN_MAX_SIGN, max]]) {
      const sig = nodeSign(key, 'pss', hash, m, saltLength);
      expect(rsaVerify({ scheme: 'pss', hash }, key.spki, m, sig)).toBe(true);
      expect(rsaVerify({ scheme: 'pss', hash, saltLength: expected }, key.spki, m, sig)).toBe(true);
      expect(rsaVerify({ scheme: 'pss', hash, saltLength: expected + 1 }, key.spki, m, sig)).toBe(false);
      if (expected > 0) expect(rsaVerify({ scheme: 'pss', hash, saltLength: expected - 1 }, key.spki, m, sig)).toBe(false);
    }
  });

  it('accepts PSS under a 2049-bit key, whose encoded message is one byte shorter than the modulus (§8.1.2 step 2c)', () => {
    const key = makeKey(2049);
    for (const hash of HASHES) {
      const m = randomBytes(33);
      expect(rsaVerify({ scheme: 'pss', hash }, key.spki, m, nodeSign(key, 'pss', hash, m))).toBe(true);
      expect(rsaVerify({ scheme: 'pkcs1', hash }, key.spki, m, nodeSign(key, 'pkcs1', hash, m))).toBe(true);
    }
  });

  it('accepts messages of every length from 0 to 300 bytes', () => {
    for (let len = 0; len <= 300; len++) {
      const m = randomBytes(len);
      const scheme: Scheme = len % 2 ? 'pss' : 'pkcs1';
      expect(rsaVerify({ scheme, hash: 'sha256' }, k2048.spki, m, nodeSign(k2048, scheme, 'sha256', m)), `length ${len}`).toBe(true);
    }
  });

  it.each([16383, 16384, 16385, 32768 + 7, 1 << 20])('accepts a %i-byte message streamed across chunk boundaries', (len) => {
    const m = randomBytes(len);
    for (const scheme of ['pkcs1', 'pss'] as const) {
      const sig = nodeSign(k2048, scheme, 'sha384', m);
      expect(rsaVerify({ scheme, hash: 'sha384' }, k2048.spki, m, sig)).toBe(true);
      expect(rsaVerify({ scheme, hash: 'sha384' }, k2048.spki, flipBit(m, len * 8 - 1), sig)).toBe(false);
    }
  });

  it('accepts a key with e = 3 (§3.1 allows any odd e >= 3)', () => {
    const key = makeKey(2048, 3);
    const m = randomBytes(64);
    expect(rsaVerify(pkcs1, key.spki, m, nodeSign(key, 'pkcs1', 'sha256', m))).toBe(true);
    expect(rsaVerify(pss, key.spki, m, nodeSign(key, 'pss', 'sha256', m))).toBe(true);
  });
});

// ---- rejections ----------------------------------------------------------

describe('rsaVerify rejects', () => {
  const m = new Uint8Array(randomBytes(77));
  const sigs = {
    pkcs1: nodeSign(k2048, 'pkcs1', 'sha256', m),
    pss: nodeSign(k2048, 'pss', 'sha256', m),
  };

  it.each(['pkcs1', 'pss'] as const)('a %s signature with any single bit flipped', (scheme) => {
    for (let bit = 0; bit < sigs[scheme].length * 8; bit++) {
      expect(rsaVerify({ scheme, hash: 'sha256' }, k2048.spki, m, flipBit(sigs[scheme], bit))).toBe(false);
    }
  });

  it.each(['pkcs1', 'pss'] as const)('a %s signature over a message with any single bit flipped', (scheme) => {
    for (let bit = 0; bit < m.length * 8; bit += 3) {
      expect(rsaVerify({ scheme, hash: 'sha256' }, k2048.spki, flipBit(m, bit), sigs[scheme])).toBe(false);
    }
  });

  it('a signature checked under the wrong hash', () => {
    for (const scheme of ['pkcs1', 'pss'] as const) {
      for (const signedWith of HASHES) {
        const sig = nodeSign(k2048, scheme, signedWith, m);
        for (const hash of HASHES) expect(rsaVerify({ scheme, hash }, k2048.spki, m, sig)).toBe(hash === signedWith);
      }
    }
  });

  it('a PKCS#1 v1.5 signature checked as PSS, and a PSS signature checked as PKCS#1 v1.5', () => {
    expect(rsaVerify(pss, k2048.spki, m, sigs.pkcs1)).toBe(false);
    expect(rsaVerify(pkcs1, k2048.spki, m, sigs.pss)).toBe(false);
  });

  it('a signature under another key of the same size', () => {
    const other = makeKey(2048);
    expect(rsaVerify(pkcs1, other.spki, m, sigs.pkcs1)).toBe(false);
    expect(rsaVerify(pss, other.spki, m, sigs.pss)).toBe(false);
  });

  it('truncated and overlong signatures (a byte removed, a leading zero or a trailing byte added, empty)', () => {
    for (const sig of Object.values(sigs)) {
      for (const params of [pkcs1, pss]) {
        expect(rsaVerify(params, k2048.spki, m, sig.subarray(1))).toBe(false);
        expect(rsaVerify(params, k2048.spki, m, sig.subarray(0, -1))).toBe(false);
        expect(rsaVerify(params, k2048.spki, m, new Uint8Array([0, ...sig]))).toBe(false);
        expect(rsaVerify(params, k2048.spki, m, new Uint8Array([...sig, 0]))).toBe(false);
        expect(rsaVerify(params, k2048.spki, m, new Uint8Array(0))).toBe(false);
      }
    }
  });

  it('a signature equal to n, all ones, or n plus the valid signature (s >= n, §5.2.2 step 1)', () => {
    const s = toBig(sigs.pkcs1);
    const candidates = [k2048.n, (1n << 2048n) - 1n];
    if (s + k2048.n < 1n << 2048n) candidates.push(s + k2048.n); // same value mod n
    for (const bad of candidates) expect(rsaVerify(pkcs1, k2048.spki, m, toBytes(bad, 256))).toBe(false);
  });

  it('a valid signature under a 1024-bit key: keys below 2048 bits are refused', () => {
    const key = makeKey(1024);
    const m1 = randomBytes(10);
    expect(rsaVerify(pkcs1, key.spki, m1, nodeSign(key, 'pkcs1', 'sha256', m1))).toBe(false);
    expect(rsaVerify(pss, key.spki, m1, nodeSign(key, 'pss', 'sha256', m1))).toBe(false);
  });

  it('a key whose modulus has more than 4096 bits', () => {
    const n = (1n << 4103n) + 12345n; // odd, 4104 bits
    expect(rsaVerify(pkcs1, spkiOf(n, 65537n), m, toBytes(5n, 513))).toBe(false);
  });

  it('keys with an even modulus, e = 1, an even e, or an e longer than 32 bits', () => {
    const s = sigs.pkcs1;
    expect(rsaVerify(pkcs1, spkiOf(k2048.n, 65537n), m, s)).toBe(true); // the builder itself is right
    expect(rsaVerify(pkcs1, spkiOf(k2048.n ^ 1n, 65537n), m, s)).toBe(false);
    expect(rsaVerify(pkcs1, spkiOf(k2048.n, 1n), m, s)).toBe(false);
    expect(rsaVerify(pkcs1, spkiOf(k2048.n, 65536n), m, s)).toBe(false);
    expect(rsaVerify(pkcs1, spkiOf(k2048.n, 65537n + (1n << 32n)), m, s)).toBe(false);
  });
});

describe('EMSA-PKCS1-v1_5 is checked by encoding and comparing the whole block (§8.2.2 step 3)', () => {
  const m = new Uint8Array(randomBytes(50));
  const h = digest('sha256', m);
  const prefix = hex('3031300d060960864801650304020105000420');
  const block = (ps: Uint8Array, t: Uint8Array, type = 1) =>
    new Uint8Array([0, type, ...ps, 0, ...t]);
  const ff = (n: number) => new Uint8Array(n).fill(0xff);
  const good = block(ff(256 - 3 - 51), new Uint8Array([...prefix, ...h]));

  it('accepts the exact encoding signed with the raw private-key operation', () => {
    expect(rsaVerify(pkcs1, k2048.spki, m, rawSign(k2048, good))).toBe(true);
  });

  it('rejects a DigestInfo without the NULL parameters', () => {
    const noNull = hex('302f300b0609608648016503040201' + '0420');
    const em = block(ff(256 - 3 - noNull.length - 32), new Uint8Array([...noNull, ...h]));
    expect(rsaVerify(pkcs1, k2048.spki, m, rawSign(k2048, em))).toBe(false);
  });

  it('rejects one padding byte other than 0xff, block type 2, and a missing zero separator', () => {
    for (const i of [2, 10, 200]) {
      const em = good.slice();
      em[i] = 0xfe;
      expect(rsaVerify(pkcs1, k2048.spki, m, rawSign(k2048, em))).toBe(false);
    }
    const type2 = good.slice();
    type2[1] = 2;
    expect(rsaVerify(pkcs1, k2048.spki, m, rawSign(k2048, type2))).toBe(false);
    const noSep = good.slice();
    noSep[256 - 52] = 0xff;
    expect(rsaVerify(pkcs1, k2048.spki, m, rawSign(k2048, noSep))).toBe(false);
  });

  it('rejects short padding with garbage after the digest (the Bleichenbacher 2006 shape)', () => {
    const t = new Uint8Array([...prefix, ...h]);
    const em = new Uint8Array(256).fill(0x42);
    em.set(block(ff(8), t), 0);
    expect(rsaVerify(pkcs1, k2048.spki, m, rawSign(k2048, em))).toBe(false);
  });

  it('rejects the digest of another message under the right prefix', () => {
    const em = block(ff(256 - 3 - 51), new Uint8Array([...prefix, ...digest('sha256', new Uint8Array([1]))]));
    expect(rsaVerify(pkcs1, k2048.spki, m, rawSign(k2048, em))).toBe(false);
  });
});

describe('EMSA-PSS-VERIFY rejects each broken field (§9.1.2)', () => {
  const m = new Uint8Array(randomBytes(50));
  const salt = new Uint8Array(randomBytes(32));
  const emBits = 2047;
  const verify = (em: Uint8Array, saltLength?: number) =>
    rsaVerify({ scheme: 'pss', hash: 'sha256', saltLength }, k2048.spki, m, rawSign(k2048, em));

  it('accepts the test encoder\'s own untampered encoding (so the cases below test one change each)', () => {
    expect(verify(pssEncode('sha256', m, emBits, salt))).toBe(true);
    expect(verify(pssEncode('sha256', m, emBits, salt), 32)).toBe(true);
    expect(verify(pssEncode('sha256', m, emBits, new Uint8Array(0)), 0)).toBe(true);
  });

  it('a trailer byte other than 0xbc (step 4)', () => {
    expect(verify(pssEncode('sha256', m, emBits, salt, { trailer: 0xbd }))).toBe(false);
  });

  it('a set bit left of emBits (step 6), and a nonzero byte before EM when modBits - 1 is a multiple of 8 (step 2c)', () => {
    // With a 2050-bit key, emBits = 2049: bit 2049 is the lowest bit that
    // must be zero, and a block with it set can still be below n.
    const key = makeKey(2050);
    const spoilt = (topBit: boolean) => {
      for (let attempt = 0; ; attempt++) {
        if (attempt > 200) throw new Error('no encoding below n in 200 salts');
        const em = pssEncode('sha256', m, 2049, new Uint8Array(randomBytes(32)), { topBit });
        if (toBig(em) < key.n) return em;
      }
    };
    expect(rsaVerify(pss, key.spki, m, rawSign(key, spoilt(false)))).toBe(true);
    expect(rsaVerify(pss, key.spki, m, rawSign(key, spoilt(true)))).toBe(false);
    // With a 2049-bit key, EM is 256 bytes and the 257th (leading) byte of the
    // RSAVP1 output must be zero (I2OSP to emLen bytes).
    const key2049 = makeKey(2049);
    for (let attempt = 0; attempt < 200; attempt++) {
      const em = pssEncode('sha256', m, 2048, new Uint8Array(randomBytes(32)));
      const extra = new Uint8Array([1, ...em]);
      if (toBig(extra) >= key2049.n) continue;
      expect(rsaVerify(pss, key2049.spki, m, rawSign(key2049, em))).toBe(true);
      expect(rsaVerify(pss, key2049.spki, m, rawSign(key2049, extra))).toBe(false);
      break;
    }
  });

  it('a separator other than 0x01 and a nonzero byte in PS (step 10)', () => {
    expect(verify(pssEncode('sha256', m, emBits, salt, { separator: 0x02 }))).toBe(false);
    expect(verify(pssEncode('sha256', m, emBits, salt, { psByte: 0x01 }), 32)).toBe(false);
  });

  it('a mask made with another hash than the message hash', () => {
    expect(verify(pssEncode('sha256', m, emBits, salt, { mgfHash: 'sha512' }))).toBe(false);
  });

  it('an all-zero DB (no separator at all)', () => {
    expect(verify(pssEncode('sha256', m, emBits, new Uint8Array(0), { separator: 0 }))).toBe(false);
  });
});

// ---- keys ----------------------------------------------------------------

describe('SubjectPublicKeyInfo parsing is strict (RFC 5280 §4.1.2.7, RFC 3279 §2.3.1, X.690 §10.1)', () => {
  const m = new Uint8Array(randomBytes(20));
  const sig = nodeSign(k2048, 'pkcs1', 'sha256', m);
  const spki = k2048.spki;

  it('the hand-made DER builder reproduces node:crypto\'s SPKI byte for byte', () => {
    expect(spkiOf(k2048.n, 65537n)).toEqual(spki);
  });

  it('rejects the key truncated at every length', () => {
    for (let len = 0; len < spki.length; len++) {
      expect(rsaVerify(pkcs1, spki.subarray(0, len), m, sig)).toBe(false);
    }
  });

  it('rejects trailing garbage after the key, inside the BIT STRING, and after the algorithm', () => {
    expect(rsaVerify(pkcs1, new Uint8Array([...spki, 0]), m, sig)).toBe(false);
    const inner = der(0x30, derUInt(k2048.n), derUInt(65537n));
    const grown = der(0x30, der(0x30, der(0x06, RSA_OID), der(0x05)), der(0x03, new Uint8Array([0]), inner, new Uint8Array([0])));
    expect(rsaVerify(pkcs1, grown, m, sig)).toBe(false);
    const extraInKey = der(0x30, der(0x30, der(0x06, RSA_OID), der(0x05)),
      der(0x03, new Uint8Array([0]), der(0x30, derUInt(k2048.n), derUInt(65537n), der(0x05))));
    expect(rsaVerify(pkcs1, extraInKey, m, sig)).toBe(false);
    const extraInAlg = der(0x30, der(0x30, der(0x06, RSA_OID), der(0x05), der(0x05)), der(0x03, new Uint8Array([0]), inner));
    expect(rsaVerify(pkcs1, extraInAlg, m, sig)).toBe(false);
  });

  it('rejects other algorithm OIDs (id-RSASSA-PSS, id-ecPublicKey) and missing or non-NULL parameters', () => {
    expect(rsaVerify(pkcs1, spkiOf(k2048.n, 65537n, { oid: hex('2a864886f70d01010a') }), m, sig)).toBe(false);
    expect(rsaVerify(pkcs1, spkiOf(k2048.n, 65537n, { oid: hex('2a8648ce3d0201') }), m, sig)).toBe(false);
    expect(rsaVerify(pkcs1, spkiOf(k2048.n, 65537n, { params: null }), m, sig)).toBe(false);
    expect(rsaVerify(pkcs1, spkiOf(k2048.n, 65537n, { params: der(0x04) }), m, sig)).toBe(false);
    expect(rsaVerify(pkcs1, spkiOf(k2048.n, 65537n, { params: hex('050100') }), m, sig)).toBe(false);
  });

  it('rejects a BIT STRING with unused bits', () => {
    expect(rsaVerify(pkcs1, spkiOf(k2048.n, 65537n, { unused: 1 }), m, sig)).toBe(false);
  });

  it('rejects a length one too long or one too short on each enclosing element', () => {
    // Offsets of length octets in node's 2048-bit SPKI: outer 30 82 01 22,
    // algorithm 30 0d, BIT STRING 03 82 01 0f, RSAPublicKey 30 82 01 0a.
    for (const [at, wide] of [[2, true], [5, false], [21, true], [26, true]] as const) {
      for (const delta of [1, -1]) {
        const bad = spki.slice();
        if (wide) {
          const v = ((bad[at] << 8) | bad[at + 1]) + delta;
          bad[at] = v >> 8;
          bad[at + 1] = v & 0xff;
        } else bad[at] += delta;
        expect(rsaVerify(pkcs1, bad, m, sig), `offset ${at}, ${delta}`).toBe(false);
      }
    }
  });

  it('rejects non-minimal DER lengths: long form for a short length, a leading zero length octet, indefinite length', () => {
    // Algorithm SEQUENCE length 0x0d written as 81 0d (the outer length grows by one).
    const longForm = new Uint8Array([0x30, 0x82, 0x01, 0x23, 0x30, 0x81, 0x0d, ...spki.subarray(6)]);
    expect(rsaVerify(pkcs1, longForm, m, sig)).toBe(false);
    // Outer length 01 22 written as 83 00 01 22.
    const zeroOctet = new Uint8Array([0x30, 0x83, 0x00, 0x01, 0x22, ...spki.subarray(4)]);
    expect(rsaVerify(pkcs1, zeroOctet, m, sig)).toBe(false);
    const indefinite = new Uint8Array([0x30, 0x80, ...spki.subarray(4), 0, 0]);
    expect(rsaVerify(pkcs1, indefinite, m, sig)).toBe(false);
  });

  it('rejects a negative modulus and a non-minimal INTEGER encoding (X.690 §8.3.2)', () => {
    const nBytes = toBytes(k2048.n, 256);
    const withModulus = (content: Uint8Array) =>
      der(0x30, der(0x30, der(0x06, RSA_OID), der(0x05)),
        der(0x03, new Uint8Array([0]), der(0x30, der(0x02, content), derUInt(65537n))));
    expect(rsaVerify(pkcs1, withModulus(new Uint8Array([0, ...nBytes])), m, sig)).toBe(true);
    expect(rsaVerify(pkcs1, withModulus(nBytes), m, sig)).toBe(false); // top bit set: negative
    expect(rsaVerify(pkcs1, withModulus(new Uint8Array([0, 0, ...nBytes])), m, sig)).toBe(false);
    const eRedundant = der(0x30, der(0x30, der(0x06, RSA_OID), der(0x05)),
      der(0x03, new Uint8Array([0]), der(0x30, derUInt(k2048.n), der(0x02, hex('00010001')))));
    expect(rsaVerify(pkcs1, eRedundant, m, sig)).toBe(false);
  });

  it('never throws and returns false for random bytes as the key or the signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ maxLength: 600 }), (key, s) => {
        expect(rsaVerify(pkcs1, key, m, s)).toBe(false);
        expect(rsaVerify(pss, spki, m, s)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('returns false for a key or signature longer than an arena slot', () => {
    expect(rsaVerify(pkcs1, new Uint8Array(20000), m, sig)).toBe(false);
    expect(rsaVerify(pkcs1, spki, m, new Uint8Array(20000))).toBe(false);
  });
});

// ---- engine surface ------------------------------------------------------

describe('the engine\'s incremental and one-shot RSA exports', () => {
  const key = k2048;

  it('give the same verdict for a message split at any points as for one update', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(2000), { maxLength: 6 }), fc.constantFrom<Scheme>('pkcs1', 'pss'),
        (m, cuts, scheme) => {
          const sig = nodeSign(key, scheme, 'sha512', m);
          const points = [...new Set(cuts.map((c) => c % (m.length + 1)))].sort((a, b) => a - b);
          try {
            engine.rsaVerifyInit(arena.ctx, HASH_ID.sha512);
            let at = 0;
            for (const p of [...points, m.length]) {
              writeBytes(arena.input, m.subarray(at, p));
              engine.rsaVerifyUpdate(arena.ctx, arena.input, p - at);
              at = p;
            }
            writeBytes(arena.params, key.spki);
            writeBytes(arena.output, sig);
            const split = engine.rsaVerifyFinal(arena.ctx, arena.params, key.spki.length, arena.output, sig.length, scheme === 'pss' ? 1 : 0, SALT_ANY);
            expect(split).toBe(1);
          } finally {
            wipeArena();
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it('one-shot rsaVerify and rsaVerifyDigest agree with the incremental path', () => {
    const m = new Uint8Array(randomBytes(300));
    for (const hash of HASHES) {
      for (const [scheme, id] of [['pkcs1', 0], ['pss', 1]] as const) {
        const sig = nodeSign(key, scheme, hash, m);
        for (const s of [sig, flipBit(sig, 5)]) {
          const expected = s === sig ? 1 : 0;
          try {
            const msg = arena.input;
            const sp = arena.params;
            const sg = arena.output;
            const dg = arena.output + 1024;
            writeBytes(msg, m);
            writeBytes(sp, key.spki);
            writeBytes(sg, s);
            writeBytes(dg, digest(hash, m));
            expect(engine.rsaVerify(arena.ctx, sp, key.spki.length, HASH_ID[hash], msg, m.length, sg, s.length, id, SALT_ANY)).toBe(expected);
            expect(engine.rsaVerifyDigest(sp, key.spki.length, HASH_ID[hash], dg, sg, s.length, id, SALT_ANY)).toBe(expected);
          } finally {
            wipeArena();
          }
        }
      }
    }
  });

  it('rsaVerifyInit refuses an unknown hash id and the context fits the arena slot', () => {
    expect(engine.rsaVerifyInit(arena.ctx, 3)).toBe(0);
    expect(engine.rsaVerifyCtxSize()).toBeLessThanOrEqual(4096);
    wipeArena();
  });
});

// ---- arguments -----------------------------------------------------------

describe('rsaVerify argument checks', () => {
  const m = new Uint8Array(1);
  const s = new Uint8Array(256);
  const spki = k2048.spki;

  it('throws TypeError, naming the argument, for arguments of the wrong type', () => {
    const call = (...args: unknown[]) => () => (rsaVerify as (...a: unknown[]) => boolean)(...args);
    expect(call(null, spki, m, s)).toThrow(TypeError);
    expect(call('pss', spki, m, s)).toThrow(/params/);
    expect(call({ scheme: 1, hash: 'sha256' }, spki, m, s)).toThrow(/params\.scheme/);
    expect(call({ scheme: 'pss', hash: 256 }, spki, m, s)).toThrow(/params\.hash/);
    expect(call({ scheme: 'pss', hash: 'sha256', saltLength: '32' }, spki, m, s)).toThrow(/params\.saltLength/);
    expect(call(pkcs1, Array.from(spki), m, s)).toThrow(/spki/);
    expect(call(pkcs1, spki, 'message', s)).toThrow(/message/);
    expect(call(pkcs1, spki, m, null)).toThrow(/signature/);
    for (const f of [call(null, spki, m, s), call(pkcs1, spki, 'message', s), call({ scheme: 1, hash: 'sha256' }, spki, m, s)]) {
      expect(f).toThrow(TypeError);
    }
  });

  it('throws RangeError, naming the argument, for an unknown scheme or hash or a bad salt length', () => {
    expect(() => rsaVerify({ scheme: 'oaep' as Scheme, hash: 'sha256' }, spki, m, s)).toThrow(RangeError);
    expect(() => rsaVerify({ scheme: 'toString' as Scheme, hash: 'sha256' }, spki, m, s)).toThrow(/params\.scheme/);
    expect(() => rsaVerify({ scheme: 'pss', hash: 'sha1' as Hash }, spki, m, s)).toThrow(RangeError);
    expect(() => rsaVerify({ scheme: 'pss', hash: 'sha256', saltLength: -1 }, spki, m, s)).toThrow(RangeError);
    expect(() => rsaVerify({ scheme: 'pss', hash: 'sha256', saltLength: 1.5 }, spki, m, s)).toThrow(/params\.saltLength/);
  });
});
