// Ed25519 signature verification, RFC 8032 §5.1.7, on the twisted Edwards
// curve -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19) (§5.1), in extended
// coordinates (§5.1.4).
//
// Variant: variable time. Verification works on public data only (public key,
// message, signature), so the double-scalar multiplication may branch on the
// scalars' digits and index its tables by them, as the RFC's own reference
// code does. The field arithmetic underneath (field25519.ts: ten 25.5-bit
// limbs in u32, u64 products) and the scalar code (scalar25519.ts) are
// constant time anyway. Nothing here is secret and nothing is wiped for
// secrecy; every loop still has a public constant bound, so no input can make
// it run long or read outside its buffers.
//
// Verification equation: the cofactorless [S]B = R + [k]A, checked as
// encode([S]B - [k]A) == R byte for byte. §5.1.7 step 3 allows it ("it's
// sufficient, but not required, to instead check [S]B = R + [k]A"). It is
// what OpenSSL (node:crypto), BoringSSL and Go check, so a signature that
// EmberTLS accepts is one the TLS peers' own libraries accept; the byte
// comparison also rejects a non-canonical R without decoding R at all. The
// cofactored check differs only on signatures that no honest signer makes
// (R or A with a small-order component).
//
// Beyond the RFC, a public key of small order (one that [8] sends to the
// identity, the all-zero key among them) is rejected, as libsodium and
// @noble/curves' strict mode do: anyone can make signatures that verify
// under such a key for any message, so it proves nothing.
//
// Not reentrant: the arithmetic works in static scratch.
import {
  FE_SIZE, feAdd, feCarry, feDecode, feEncode, feEqual, feInvert,
  feIsNegative, feIsZero, feMul, feNeg, fePow22523, feSetSmall, feSq, feSub,
} from "./field25519";
import { scIsCanonical, scReduce } from "./scalar25519";
import { sha512Final, sha512Init, sha512Update, SHA512_CTX_SIZE } from "./sha512";

/** Bytes of a public key and of a signature (R || S). */
export const ED25519_PUBLIC_KEY_SIZE: u32 = 32;
export const ED25519_SIGNATURE_SIZE: u32 = 64;

const FE = FE_SIZE;

// Point layouts, each a run of field elements:
//   extended ("p3", §5.1.4): X, Y, Z, T with x = X/Z, y = Y/Z, x y = T/Z.
//     Its first three elements are a projective ("p2") point, which is all a
//     doubling reads.
//   completed ("p1p1"): E, F, G, H, the last products of §5.1.4's formulas
//     not yet taken: X = E F, Y = G H, Z = F G, T = E H. Leaving them lets a
//     doubling that feeds another doubling skip T (3 products, not 4).
//   cached: Y + X, Y - X, 2 Z, 2 d T, all tight: the parts of a point that
//     §5.1.4's addition needs, computed once for a point added many times.
//   affine: y + x, y - x, 2 d x y (Z = 1): the base point table below.
const P3: usize = 4 * FE;
const CACHED: usize = 4 * FE;
const AFFINE: usize = 3 * FE;

// d = -121665 / 121666 (§5.1), 2 d, and sqrt(-1) = 2^((p - 1) / 4) (§5.1.3
// step 3), in field25519's limbs.
const D = memory.data<u32>([
  0x35978a3, 0x0d37284, 0x3156ebd, 0x06a0a0e, 0x001c029, 0x179e898, 0x3a03cbb, 0x1ce7198, 0x2e2b6ff, 0x1480db3,
]);
const D2 = memory.data<u32>([
  0x2b2f159, 0x1a6e509, 0x22add7a, 0x0d4141d, 0x0038052, 0x0f3d130, 0x3407977, 0x19ce331, 0x1c56dff, 0x0901b67,
]);
const SQRTM1 = memory.data<u32>([
  0x20ea0b0, 0x186c9d2, 0x08f189d, 0x035697f, 0x0bd0c60, 0x1fbd7a7, 0x2804c9e, 0x1e16569, 0x004fc1d, 0x0ae0c92,
]);

// Window widths of the signed-digit (wNAF) recodings: digits are odd and
// below 2^(w-1) in size, so a table holds 2^(w-2) odd multiples. The base
// point's table is static data (8 points, 960 bytes of flash on a board); a
// width of 7 (32 points, 3840 bytes) measured no faster on V8, since it saves
// only about 10 of some 350 point operations. The public key's table is built
// per verification (8 points, 7 additions).
const W_BASE: u32 = 5;
const W_KEY: u32 = 5;
// B, 3B, 5B, ..., 15B in affine form (W_BASE), B the base point of §5.1
// (y = 4/5, x even). test/crypto/ed25519.test.ts recomputes every entry.
export const BASE_TABLE = memory.data<u32>([
  // 1B
  0x18c3b85, 0x124f1bd, 0x1c325f7, 0x037dc60, 0x33e4cb7, 0x03d42c2, 0x1a44c32, 0x14ca4e1, 0x3a33d4b, 0x01f3e74,
  0x340913e, 0x00e4175, 0x3d673a2, 0x02e8a05, 0x3f4e67c, 0x08f8a09, 0x0c21a34, 0x04cf4b8, 0x1298f81, 0x113f4be,
  0x37aaa68, 0x0448161, 0x093d579, 0x11e6556, 0x09b67a0, 0x143598c, 0x1bee5ee, 0x0b50b43, 0x289f0c6, 0x1bc45ed,
  // 3B
  0x0ee9730, 0x16c2a13, 0x17155e4, 0x1874432, 0x0096a10, 0x1016732, 0x1a8014f, 0x11e9823, 0x1b9a80f, 0x1e85938,
  0x0fcd265, 0x047fa29, 0x34faacc, 0x1ef2e0d, 0x0ef4d4f, 0x14bd6bd, 0x0f98d10, 0x14c5026, 0x07555bd, 0x0aae456,
  0x1d0d889, 0x1a4cfc3, 0x34c4295, 0x110e1ae, 0x162508c, 0x0f2db4c, 0x072a2c6, 0x098da2e, 0x2f12b9b, 0x168a09a,
  // 5B
  0x0a5bb33, 0x0af1102, 0x1a05442, 0x01e3af7, 0x2354123, 0x0bfec44, 0x1f5862d, 0x0dd7ba3, 0x3146e20, 0x0a51733,
  0x047d6ba, 0x060b0e9, 0x136eff2, 0x08a5939, 0x3540053, 0x064a087, 0x2788e5c, 0x0be7c67, 0x33eb1b5, 0x05529f9,
  0x12a8285, 0x0f6fc60, 0x23f9797, 0x03e85ee, 0x09c3820, 0x1bda72d, 0x1b3858d, 0x0d35683, 0x296b3bb, 0x10eaaf9,
  // 7B
  0x04ea3bf, 0x0973425, 0x01a4d63, 0x1d59cee, 0x1d1c0d4, 0x0542e49, 0x1294114, 0x04fce36, 0x29283c9, 0x1186fa9,
  0x23221b1, 0x1cb26aa, 0x074f74d, 0x099ddd1, 0x1b28085, 0x0192c3a, 0x13b27c9, 0x0fc13bd, 0x1d2e531, 0x075bb75,
  0x1b8b3a2, 0x0db7200, 0x0935e30, 0x03829f5, 0x2cc0d7d, 0x077adf3, 0x220dd2c, 0x014ea53, 0x1c6a0f9, 0x1ea7eec,
  // 9B
  0x2a8632f, 0x199e2a9, 0x0d8b365, 0x17a8de2, 0x2994279, 0x086f5b5, 0x119e4e3, 0x1eb39d6, 0x338add7, 0x0d2e7b4,
  0x39d8064, 0x1885f80, 0x0337e6d, 0x1b7a902, 0x2628206, 0x15eb044, 0x1e30473, 0x191f2d9, 0x11fadc9, 0x1270169,
  0x045af1b, 0x13a2fe4, 0x245e0d6, 0x14538ce, 0x38bfe0f, 0x1d4cf16, 0x37e14c9, 0x160d55e, 0x021b008, 0x1cf05c8,
  // 11B
  0x2802ade, 0x1c02122, 0x1c4e5f7, 0x0781181, 0x39767fb, 0x1703406, 0x342388b, 0x1f5e227, 0x22546d8, 0x109d6ab,
  0x1864348, 0x1d6c092, 0x070262b, 0x14bb844, 0x0fb5acd, 0x08deb95, 0x03aaab5, 0x0eff474, 0x0029d5c, 0x062ad66,
  0x16089e9, 0x0cb317f, 0x0949b05, 0x1099417, 0x00c7ad2, 0x11a8622, 0x088ccda, 0x1290886, 0x22b53df, 0x0f71954,
  // 13B
  0x2007f6d, 0x03088a8, 0x3db77ee, 0x0d5ade6, 0x2fe12ce, 0x107ba07, 0x107097d, 0x0482a6f, 0x2ec346f, 0x08d3f5f,
  0x27fbf93, 0x1c04ecc, 0x1ed6a0d, 0x04cdbbb, 0x2bbf3af, 0x0ad5968, 0x1591955, 0x094f3a2, 0x2d17602, 0x0099e20,
  0x32ea378, 0x028465c, 0x28e2a6c, 0x18efc6e, 0x090df9a, 0x1a7e533, 0x39bfc48, 0x10c745d, 0x3daa097, 0x125ee9b,
  // 15B
  0x3cfeaa0, 0x1b300c4, 0x08da499, 0x068c4e1, 0x219230a, 0x1f2d4d0, 0x2defd60, 0x0e565b7, 0x17f12de, 0x18788a4,
  0x28ccf0b, 0x0f36191, 0x21ac081, 0x12154c8, 0x34e0a6e, 0x1b25192, 0x0180403, 0x1d7eea1, 0x0218d05, 0x10ed735,
  0x3d0b516, 0x09d8be6, 0x3ddcbb3, 0x071b9fe, 0x3ace2bd, 0x1d64270, 0x32d3ec9, 0x1084065, 0x210ae4d, 0x1447584,
]);

// Static scratch.
const t0 = memory.data(<i32>(6 * FE), 16);
const t1 = t0 + FE, t2 = t0 + 2 * FE, t3 = t0 + 3 * FE, t4 = t0 + 4 * FE, t5 = t0 + 5 * FE;
const pt = memory.data(<i32>P3, 16);             // completed
const pu = memory.data(<i32>P3, 16);             // extended
const pr = memory.data(<i32>P3, 16);             // projective accumulator
const c2a = memory.data(<i32>CACHED, 16);        // cached 2A
const keyTable = memory.data(<i32>(8 * CACHED), 16); // A, 3A, ..., 15A cached (W_KEY)
const nafS = memory.data(256, 16);
const nafK = memory.data(256, 16);
const scalarBuf = memory.data(40, 16);           // a scalar and 8 zero bytes
const digest = memory.data(64, 16);
const kBuf = memory.data(32, 16);
const encoded = memory.data(32, 16);

// ---------------------------------------------------------------------------
// Point arithmetic, RFC 8032 §5.1.4 (Hisil, Wong, Carter, Dawson, "Twisted
// Edwards Curves Revisited", 2008, with a = -1). Output must not alias input.

/** r (completed) = 2 p, p projective (an extended point works too). */
function dbl(r: usize, p: usize): void {
  const x = p, y = p + FE, z = p + 2 * FE;
  const e = r, f = r + FE, g = r + 2 * FE, h = r + 3 * FE;
  feSq(t0, x);                // A = X1^2
  feSq(t1, y);                // B = Y1^2
  feSq(t2, z);                // Z1^2 (C = 2 Z1^2 below)
  feAdd(t3, x, y);
  feSq(t3, t3);               // (X1 + Y1)^2
  feAdd(h, t0, t1);           // H = A + B
  feCarry(h, h);              // tight, for the subtraction below
  feSub(e, h, t3);            // E = H - (X1 + Y1)^2
  feSub(g, t0, t1);           // G = A - B
  feCarry(t4, g);
  feAdd(f, t2, t2);           // C = 2 Z1^2
  feCarry(f, f);
  feAdd(f, f, t4);            // F = C + G
}

/** p (projective) from r (completed): 3 products. */
function toP2(p: usize, r: usize): void {
  const e = r, f = r + FE, g = r + 2 * FE, h = r + 3 * FE;
  feMul(p, e, f);
  feMul(p + FE, g, h);
  feMul(p + 2 * FE, f, g);
}

/** p (extended) from r (completed): 4 products. */
function toP3(p: usize, r: usize): void {
  toP2(p, r);
  feMul(p + 3 * FE, r, r + 3 * FE);
}

/** c (cached) from p (extended). */
function toCached(c: usize, p: usize): void {
  const x = p, y = p + FE, z = p + 2 * FE, t = p + 3 * FE;
  feAdd(c, y, x);
  feCarry(c, c);
  feSub(c + FE, y, x);
  feCarry(c + FE, c + FE);
  feAdd(c + 2 * FE, z, z);
  feCarry(c + 2 * FE, c + 2 * FE);
  feMul(c + 3 * FE, t, D2);
}

/**
 * r (completed) = p + q, or p - q when negate, p extended, q cached. -q is q
 * with Y + X and Y - X exchanged and T negated (-(x, y) = (-x, y)), so the
 * subtraction costs the same as the addition.
 */
function addCached(r: usize, p: usize, q: usize, negate: bool): void {
  feMul(t3, p + 2 * FE, q + 2 * FE);          // D = Z1 * 2 Z2
  addTail(r, p, q, q + 3 * FE, negate);
}

/** As addCached, for q affine (Z2 = 1): D = 2 Z1 needs no product. */
function addAffine(r: usize, p: usize, q: usize, negate: bool): void {
  feAdd(t3, p + 2 * FE, p + 2 * FE);          // D = 2 Z1
  feCarry(t3, t3);
  addTail(r, p, q, q + 2 * FE, negate);
}

/**
 * The rest of §5.1.4's addition, given D in t3. q's first two elements are
 * Y2 + X2 and Y2 - X2 in both layouts; twoDT points at its 2 d T2.
 */
@inline function addTail(r: usize, p: usize, q: usize, twoDT: usize, negate: bool): void {
  const x = p, y = p + FE, t = p + 3 * FE;
  const e = r, f = r + FE, g = r + 2 * FE, h = r + 3 * FE;
  feAdd(t0, y, x);
  feSub(t1, y, x);
  const qPlus = negate ? q + FE : q;            // public: the digit's sign
  const qMinus = negate ? q : q + FE;
  feMul(t0, t0, qPlus);                       // B = (Y1 + X1)(Y2 + X2)
  feMul(t1, t1, qMinus);                      // A = (Y1 - X1)(Y2 - X2)
  feMul(t2, t, twoDT);                        // C = T1 * 2 d T2
  feSub(e, t0, t1);                           // E = B - A
  feAdd(h, t0, t1);                           // H = B + A
  if (negate) {
    feAdd(f, t3, t2);                         // F = D - (-C)
    feSub(g, t3, t2);                         // G = D + (-C)
  } else {
    feSub(f, t3, t2);                         // F = D - C
    feAdd(g, t3, t2);                         // G = D + C
  }
}

// ---------------------------------------------------------------------------
// Scalar recoding and the double-scalar multiplication.

/**
 * Writes the width-w NAF of the 32-byte scalar s (s < 2^253, which S < L and
 * k < L are) to the 256 signed bytes at out: out[i] is 0 or odd with
 * |out[i]| < 2^(w-1), s = sum of out[i] 2^i, and any w consecutive digits
 * hold at most one nonzero. 2 <= w <= 8. The loop visits each bit position at
 * most once, so it ends after at most 256 steps on any input.
 */
function wnaf(out: usize, s: usize, w: u32): void {
  memory.copy(scalarBuf, s, 32);
  memory.fill(scalarBuf + 32, 0, 8);        // windows past bit 255 read zeros
  memory.fill(out, 0, 256);
  const width: u32 = 1 << w;
  const mask = width - 1;
  let carry: u32 = 0;
  let pos: u32 = 0;
  while (pos < 256) {
    // 32 valid bits from pos on: the u64 at the word holding bit pos,
    // shifted down. pos <= 255, so the load ends at byte 36 of 40.
    const bits = <u32>(load<u64>(scalarBuf + ((<usize>pos >> 5) << 2)) >> (pos & 31));
    const window = carry + (bits & mask);
    if ((window & 1) == 0) {
      // Even: digit 0 here; the carry moves up with the window.
      pos++;
      continue;
    }
    if (window < (width >> 1)) {
      store<i8>(out + pos, <i8>window);
      carry = 0;
    } else {
      // Take window - 2^w, a negative odd digit, and carry 2^w upward.
      store<i8>(out + pos, <i8>(<i32>window - <i32>width));
      carry = 1;
    }
    pos += w;
  }
}

/**
 * pr (projective) = [s]B - [k]A, for A extended at a and the scalars s, k
 * (32 bytes each, below 2^253): Straus' simultaneous method over wNAF digits,
 * one chain of doublings shared by both scalars.
 */
function doubleScalarMultVartime(a: usize, k: usize, s: usize): void {
  // Odd multiples A, 3A, ..., 15A: A, then repeated additions of 2A.
  dbl(pt, a);
  toP3(pu, pt);
  toCached(c2a, pu);
  memory.copy(pu, a, P3);
  toCached(keyTable, pu);
  for (let i: usize = 1; i < 8; i++) {
    addCached(pt, pu, c2a, false);
    toP3(pu, pt);
    toCached(keyTable + i * CACHED, pu);
  }

  wnaf(nafS, s, W_BASE);
  wnaf(nafK, k, W_KEY);

  // Skip the leading zero digits of both; doubling the identity is wasted work.
  let i: i32 = 255;
  while (i >= 0 && load<i8>(nafS + i) == 0 && load<i8>(nafK + i) == 0) i--;

  // pr = the identity (0 : 1 : 1).
  feSetSmall(pr, 0);
  feSetSmall(pr + FE, 1);
  feSetSmall(pr + 2 * FE, 1);
  for (; i >= 0; i--) {
    dbl(pt, pr);
    const dk = <i32>load<i8>(nafK + i);
    if (dk != 0) {
      // A positive digit of k subtracts: the sum is -[k]A.
      toP3(pu, pt);
      const index = <usize>(dk > 0 ? dk : -dk) >> 1;
      addCached(pt, pu, keyTable + index * CACHED, dk > 0);
    }
    const ds = <i32>load<i8>(nafS + i);
    if (ds != 0) {
      toP3(pu, pt);
      const index = <usize>(ds > 0 ? ds : -ds) >> 1;
      addAffine(pt, pu, BASE_TABLE + index * AFFINE, ds < 0);
    }
    toP2(pr, pt);
  }
}

// ---------------------------------------------------------------------------
// Encoding and decoding, RFC 8032 §5.1.2 and §5.1.3.

/**
 * Decodes the 32 bytes at s into the extended point p (§5.1.3). Returns 1, or
 * 0 when s is not a valid encoding: y >= p (step 1), no square root of
 * u / v (step 3), or x = 0 with the sign bit set (step 4). p is left
 * undefined on failure. (Exported for the tests' harness only.)
 */
export function decodePoint(p: usize, s: usize): u32 {
  const x = p, y = p + FE, z = p + 2 * FE, t = p + 3 * FE;
  const u = t0, v = t1, v3 = t2, w = t3, vxx = t4;

  // Step 1: y is the low 255 bits and must be canonical. feDecode keeps a
  // value in [p, 2^255) as it is; encoding it again reduces it, so the two
  // differ exactly when y >= p.
  feDecode(y, s);
  feEncode(encoded, y);
  store<u8>(encoded, load<u8>(encoded, 31) | (load<u8>(s, 31) & 0x80), 31);
  let same: u32 = 0;
  for (let i: usize = 0; i < 32; i++) same |= <u32>(load<u8>(encoded + i) ^ load<u8>(s + i));
  if (same != 0) return 0;
  const sign = <u32>load<u8>(s, 31) >> 7;

  // Step 2: u = y^2 - 1, v = d y^2 + 1, x = u v^3 (u v^7)^((p - 5) / 8).
  feSetSmall(w, 1);
  feSq(t5, y);                  // y^2
  feSub(u, t5, w);
  feCarry(u, u);
  feMul(v, t5, D);
  feAdd(v, v, w);
  feCarry(v, v);
  feSq(v3, v);
  feMul(v3, v3, v);             // v^3
  feSq(w, v3);
  feMul(w, w, v);               // v^7
  feMul(w, w, u);               // u v^7
  fePow22523(w, w);             // (u v^7)^((p - 5) / 8)
  feMul(w, w, v3);
  feMul(x, w, u);               // x = u v^3 (u v^7)^((p - 5) / 8)

  // Step 3: v x^2 = u: x is a root; v x^2 = -u: x sqrt(-1) is; else none.
  feSq(vxx, x);
  feMul(vxx, vxx, v);
  const isRoot = feEqual(vxx, u);
  feNeg(w, u);
  const isRootTimesI = feEqual(vxx, w);
  if ((isRoot | isRootTimesI) == 0) return 0;
  if (isRoot == 0) feMul(x, x, SQRTM1);

  // Step 4: x = 0 has no negative form; otherwise pick the root whose
  // parity is the sign bit.
  if (feIsZero(x) & sign) return 0;
  if (feIsNegative(x) != sign) feNeg(x, x);

  feSetSmall(z, 1);
  feMul(t, x, y);
  return 1;
}

/** Writes the 32-byte encoding (§5.1.2) of the projective point p to out. */
function encodePoint(out: usize, p: usize): void {
  feInvert(t0, p + 2 * FE);
  feMul(t1, p, t0);             // x = X / Z
  feMul(t2, p + FE, t0);        // y = Y / Z
  feEncode(out, t2);
  store<u8>(out, load<u8>(out, 31) | <u8>(feIsNegative(t1) << 7), 31);
}

/**
 * 1 when [8]p is the identity, p extended: p lies in the subgroup of order
 * 8 (the cofactor), else 0. Three doublings; (0 : Y : Z) with Y = Z is the
 * identity ((0, -1), of order 2, cannot be [8] of anything).
 */
function hasSmallOrder(p: usize): u32 {
  dbl(pt, p);
  toP2(pr, pt);
  dbl(pt, pr);
  toP2(pr, pt);
  dbl(pt, pr);
  toP2(pr, pt);
  return feIsZero(pr) & feEqual(pr + FE, pr + 2 * FE);
}

// ---------------------------------------------------------------------------
// Verification, RFC 8032 §5.1.7, streamed: init with the key and signature,
// update with the message in pieces of any size, final for the verdict.
//
// Context (ED25519_VERIFY_CTX_SIZE = 432 bytes, caller-owned):
//   0    u32 state: READY after an init whose checks passed, else 0
//   8    SHA-512 context of R || A || M (200 bytes)
//   208  R, the signature's first half (32 bytes)
//   240  S, the signature's second half (32 bytes)
//   272  A decoded, extended (4 field elements, 160 bytes)
const STATE: usize = 0;
const HASH: usize = 8;
const R_OFF: usize = HASH + SHA512_CTX_SIZE;
const S_OFF: usize = R_OFF + 32;
const A_OFF: usize = S_OFF + 32;
export const ED25519_VERIFY_CTX_SIZE: usize = A_OFF + P3;

// Not 1, so that a context never initialised (or already finalised and
// wiped) is not taken for a ready one by accident.
const READY: u32 = 0x56323535;

/**
 * Starts verifying the 64-byte signature at signature under the 32-byte
 * public key at publicKey. Does the checks that need no message (§5.1.7 step
 * 1: S < L, A decodes; and A not of small order) and starts the hash of
 * R || A (step 2). Returns 1 when those checks pass, else 0; either way the
 * context then takes the message through ed25519VerifyUpdate, and
 * ed25519VerifyFinal returns 0 after a failed init. The inputs must not
 * overlap ctx.
 */
export function ed25519VerifyInit(ctx: usize, publicKey: usize, signature: usize): u32 {
  memory.copy(ctx + R_OFF, signature, 32);
  memory.copy(ctx + S_OFF, signature + 32, 32);
  sha512Init(ctx + HASH);
  sha512Update(ctx + HASH, signature, 32);
  sha512Update(ctx + HASH, publicKey, 32);
  let ok = scIsCanonical(ctx + S_OFF) & decodePoint(ctx + A_OFF, publicKey);
  if (ok != 0) ok = hasSmallOrder(ctx + A_OFF) ^ 1;
  store<u32>(ctx + STATE, ok != 0 ? READY : 0);
  return ok;
}

/** Absorbs len bytes of the message at data, in any split (step 2's M). */
export function ed25519VerifyUpdate(ctx: usize, data: usize, len: usize): void {
  sha512Update(ctx + HASH, data, len);
}

/**
 * Returns 1 when the signature is valid for the key and the whole message,
 * else 0 (§5.1.7 steps 2 and 3): k = SHA-512(R || A || M) mod L, then
 * [S]B - [k]A must encode to R. Wipes the context, so a second final without
 * a new init returns 0.
 */
export function ed25519VerifyFinal(ctx: usize): u32 {
  sha512Final(ctx + HASH, digest);
  let ok: u32 = 0;
  if (load<u32>(ctx + STATE) == READY) {
    scReduce(kBuf, digest);
    doubleScalarMultVartime(ctx + A_OFF, kBuf, ctx + S_OFF);
    encodePoint(encoded, pr);
    let diff: u32 = 0;
    for (let i: usize = 0; i < 32; i++) diff |= <u32>(load<u8>(encoded + i) ^ load<u8>(ctx + R_OFF + i));
    ok = diff == 0 ? 1 : 0;
  }
  memory.fill(ctx, 0, ED25519_VERIFY_CTX_SIZE);
  return ok;
}

/**
 * One call: 1 when the 64-byte signature is a valid signature of the len
 * bytes at message under the 32-byte publicKey, else 0. The composition of
 * init, one update and final, in the context at ctx.
 */
export function ed25519Verify(
  ctx: usize, publicKey: usize, message: usize, len: usize, signature: usize,
): u32 {
  ed25519VerifyInit(ctx, publicKey, signature);
  ed25519VerifyUpdate(ctx, message, len);
  return ed25519VerifyFinal(ctx);
}
