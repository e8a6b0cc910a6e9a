// Points on a prime-order short Weierstrass curve y^2 = x^3 - 3x + b over
// GF(p) (P-256 and P-384, FIPS 186-5 / NIST SP 800-186 §3.2.1), in
// homogeneous projective coordinates (X : Y : Z), x = X/Z, y = Y/Z, with the
// COMPLETE formulas of Renes, Costello and Batina, "Complete addition
// formulas for prime order elliptic curves" (EUROCRYPT 2016,
// https://eprint.iacr.org/2015/1060), Algorithm 4 (addition, a = -3) and
// Algorithm 6 (doubling, a = -3). Complete means one sequence of field
// operations is right for every pair of inputs, the identity (0 : 1 : 0) and
// P + P included, so a scalar multiplication has no exceptional case to
// branch on.
//
// Variant: constant time for secret scalars (pointMulCt: 4-bit fixed windows,
// every table entry read and kept by mask). Verification's variable-time
// u1 * G + u2 * Q is weierstrass_vartime.ts, in Jacobian coordinates. Field
// elements are mont.ts's 12-limb slots in Montgomery form, N limbs used.
//
// Curve descriptor (a static constant per curve; see p256.ts, p384.ts):
//   0    u32 address of the field's modulus descriptor (mont.ts)
//   4    u32 address of the group order's modulus descriptor
//   8    u32 byte length of a coordinate and of a scalar (32 or 48)
//   16   b * R mod p;  64  Gx * R mod p;  112  Gy * R mod p
// Point layout (POINT_SIZE bytes): X at 0, Y at 48, Z at 96.
import { eq, maskOf, wipe } from "./ct";
import {
  FE_SIZE, MOD_ONE, fromMont, modAdd, modCopy, modDecode, modEncode, modEqual,
  modInv, modIsZero, modSub, montMul, toMont, wipeMontScratch,
} from "./mont";

/** Results of the key and point operations (0 is success). */
export const enum EcResult {
  Ok = 0,
  /** A private key outside [1, n-1]. */
  InvalidPrivateKey = 1,
  /** A public key that is not a valid point (wrong encoding, off the curve, the identity). */
  InvalidPoint = 2,
}

export const CURVE_FIELD: usize = 0;
export const CURVE_ORDER: usize = 4;
export const CURVE_BYTES: usize = 8;
export const CURVE_B: usize = 16;
export const CURVE_GX: usize = 64;
export const CURVE_GY: usize = 112;

export const PX: usize = 0;
export const PY: usize = 48;
export const PZ: usize = 96;
export const POINT_SIZE: usize = 144;

@inline export function curveField(c: usize): usize {
  return <usize>load<u32>(c, CURVE_FIELD);
}

@inline export function curveOrder(c: usize): usize {
  return <usize>load<u32>(c, CURVE_ORDER);
}

@inline export function curveBytes(c: usize): usize {
  return <usize>load<u32>(c, CURVE_BYTES);
}

// Formula temporaries and results (one call at a time; wiped by wipeCurveScratch).
const SCRATCH_SIZE: usize = 8 * FE_SIZE;
const scratch = memory.data(8 * 48, 8);
const t0: usize = scratch;
const t1: usize = scratch + FE_SIZE;
const t2: usize = scratch + 2 * FE_SIZE;
const t3: usize = scratch + 3 * FE_SIZE;
const t4: usize = scratch + 4 * FE_SIZE;
const x3: usize = scratch + 5 * FE_SIZE;
const y3: usize = scratch + 6 * FE_SIZE;
const z3: usize = scratch + 7 * FE_SIZE;

// Window table of pointMulCt: 0P..15P.
const TABLE_SIZE: usize = 16 * POINT_SIZE;
/** 16 points of window table; weierstrass_vartime.ts borrows it for its odd multiples (one call at a time). */
export const table = memory.data(16 * 144, 8);
const acc = memory.data(144, 8);
const sel = memory.data(144, 8);

/** Sets r to the identity (0 : 1 : 0). */
export function pointIdentity(c: usize, r: usize): void {
  const f = curveField(c);
  memory.fill(r, 0, POINT_SIZE);
  modCopy(f, r + PY, f + MOD_ONE);
}

/** r = p (whole point). */
@inline export function pointCopy(r: usize, p: usize): void {
  memory.copy(r, p, POINT_SIZE);
}

/**
 * r = p + q, RCB Algorithm 4 (a = -3): 12M + 2 multiplications by b + 29
 * additions, the same sequence for every input. r may alias p or q.
 */
export function pointAdd(c: usize, r: usize, p: usize, q: usize): void {
  const f = curveField(c);
  const b = c + CURVE_B;
  const X1 = p + PX, Y1 = p + PY, Z1 = p + PZ;
  const X2 = q + PX, Y2 = q + PY, Z2 = q + PZ;
  montMul(f, t0, X1, X2);
  montMul(f, t1, Y1, Y2);
  montMul(f, t2, Z1, Z2);
  modAdd(f, t3, X1, Y1);
  modAdd(f, t4, X2, Y2);
  montMul(f, t3, t3, t4);
  modAdd(f, t4, t0, t1);
  modSub(f, t3, t3, t4); // t3 = X1*Y2 + X2*Y1
  modAdd(f, t4, Y1, Z1);
  modAdd(f, x3, Y2, Z2);
  montMul(f, t4, t4, x3);
  modAdd(f, x3, t1, t2);
  modSub(f, t4, t4, x3); // t4 = Y1*Z2 + Y2*Z1
  modAdd(f, x3, X1, Z1);
  modAdd(f, y3, X2, Z2);
  montMul(f, x3, x3, y3);
  modAdd(f, y3, t0, t2);
  modSub(f, y3, x3, y3); // y3 = X1*Z2 + X2*Z1
  montMul(f, z3, b, t2);
  modSub(f, x3, y3, z3);
  modAdd(f, z3, x3, x3);
  modAdd(f, x3, x3, z3);
  modSub(f, z3, t1, x3);
  modAdd(f, x3, t1, x3);
  montMul(f, y3, b, y3);
  modAdd(f, t1, t2, t2);
  modAdd(f, t2, t1, t2);
  modSub(f, y3, y3, t2);
  modSub(f, y3, y3, t0);
  modAdd(f, t1, y3, y3);
  modAdd(f, y3, t1, y3);
  modAdd(f, t1, t0, t0);
  modAdd(f, t0, t1, t0);
  modSub(f, t0, t0, t2);
  montMul(f, t1, t4, y3);
  montMul(f, t2, t0, y3);
  montMul(f, y3, x3, z3);
  modAdd(f, y3, y3, t2);
  montMul(f, x3, t3, x3);
  modSub(f, x3, x3, t1);
  montMul(f, z3, t4, z3);
  montMul(f, t1, t3, t0);
  modAdd(f, z3, z3, t1);
  modCopy(f, r + PX, x3);
  modCopy(f, r + PY, y3);
  modCopy(f, r + PZ, z3);
}

/**
 * r = 2p, RCB Algorithm 6 (a = -3): 8M + 3S + 2 multiplications by b + 21
 * additions, right for the identity too. r may alias p.
 */
export function pointDouble(c: usize, r: usize, p: usize): void {
  const f = curveField(c);
  const b = c + CURVE_B;
  const X = p + PX, Y = p + PY, Z = p + PZ;
  montMul(f, t0, X, X);
  montMul(f, t1, Y, Y);
  montMul(f, t2, Z, Z);
  montMul(f, t3, X, Y);
  modAdd(f, t3, t3, t3);
  montMul(f, z3, X, Z);
  modAdd(f, z3, z3, z3);
  montMul(f, y3, b, t2);
  modSub(f, y3, y3, z3);
  modAdd(f, x3, y3, y3);
  modAdd(f, y3, x3, y3);
  modSub(f, x3, t1, y3);
  modAdd(f, y3, t1, y3);
  montMul(f, y3, x3, y3);
  montMul(f, x3, x3, t3);
  modAdd(f, t3, t2, t2);
  modAdd(f, t2, t2, t3);
  montMul(f, z3, b, z3);
  modSub(f, z3, z3, t2);
  modSub(f, z3, z3, t0);
  modAdd(f, t3, z3, z3);
  modAdd(f, z3, z3, t3);
  modAdd(f, t3, t0, t0);
  modAdd(f, t0, t3, t0);
  modSub(f, t0, t0, t2);
  montMul(f, t0, t0, z3);
  modAdd(f, y3, y3, t0);
  montMul(f, t0, Y, Z);
  modAdd(f, t0, t0, t0);
  montMul(f, z3, t0, z3);
  modSub(f, x3, x3, z3);
  montMul(f, z3, t0, t1);
  modAdd(f, z3, z3, z3);
  modAdd(f, z3, z3, z3);
  modCopy(f, r + PX, x3);
  modCopy(f, r + PY, y3);
  modCopy(f, r + PZ, z3);
}

/** Sets r to the base point G (Z = 1). */
export function pointGenerator(c: usize, r: usize): void {
  const f = curveField(c);
  memory.fill(r, 0, POINT_SIZE);
  modCopy(f, r + PX, c + CURVE_GX);
  modCopy(f, r + PY, c + CURVE_GY);
  modCopy(f, r + PZ, f + MOD_ONE);
}

/**
 * Decodes a SEC1 uncompressed point 0x04 || X || Y (SEC1 §2.3.4, 1 + 2*len
 * bytes) into r, checking everything SP 800-56A §5.6.2.3.4 (partial public
 * key validation) asks of a prime-order curve: the prefix, X and Y each
 * below p, and y^2 = x^3 - 3x + b. The identity has no uncompressed form
 * (SEC1 encodes it as the single byte 0x00), so it is rejected by length.
 * Returns 1 when valid, else 0. The point is public: this may branch.
 */
export function pointDecode(c: usize, r: usize, src: usize, len: usize): u32 {
  const f = curveField(c);
  const size = curveBytes(c);
  if (len != 1 + 2 * size) return 0;
  if (load<u8>(src) != 0x04) return 0;
  memory.fill(r, 0, POINT_SIZE);
  if (modDecode(f, r + PX, src + 1) == 0) return 0;
  if (modDecode(f, r + PY, src + 1 + size) == 0) return 0;
  toMont(f, r + PX, r + PX);
  toMont(f, r + PY, r + PY);
  modCopy(f, r + PZ, f + MOD_ONE);
  return pointOnCurve(c, r);
}

/** 1 when the affine point (X, Y) of p (Z = 1) satisfies y^2 = x^3 - 3x + b. */
function pointOnCurve(c: usize, p: usize): u32 {
  const f = curveField(c);
  const x = p + PX, y = p + PY;
  montMul(f, t0, y, y); // y^2
  montMul(f, t1, x, x);
  montMul(f, t1, t1, x); // x^3
  modAdd(f, t2, x, x);
  modAdd(f, t2, t2, x); // 3x
  modSub(f, t1, t1, t2);
  modAdd(f, t1, t1, c + CURVE_B);
  return modEqual(f, t0, t1);
}

/**
 * Writes p's affine x (and y when yOut != 0) as big-endian bytes, plain.
 * Returns 1, or 0 when p is the identity (Z = 0; nothing useful is written).
 * Constant time: Z^-1 is Fermat's fixed chain, and the identity verdict is a
 * value the caller branches on once (it is public: no valid secret scalar
 * yields it).
 */
export function pointEncodeAffine(c: usize, xOut: usize, yOut: usize, p: usize): u32 {
  const f = curveField(c);
  const notInfinity = modIsZero(f, p + PZ) ^ 1;
  modInv(f, t4, p + PZ);
  montMul(f, t0, p + PX, t4);
  fromMont(f, t0, t0);
  modEncode(f, xOut, t0);
  if (yOut != 0) {
    montMul(f, t0, p + PY, t4);
    fromMont(f, t0, t0);
    modEncode(f, yOut, t0);
  }
  return notInfinity;
}

/**
 * r = k * p for a SECRET scalar k (curveBytes(c) big-endian bytes at k, any
 * value), constant time: 4-bit fixed windows from the top, four doublings
 * and one complete addition per window whatever the digit, and the table
 * entry chosen by reading all 16 and keeping one by mask (no secret address).
 * r must not alias the window table; p may be anything else.
 */
export function pointMulCt(c: usize, r: usize, p: usize, k: usize): void {
  const words = POINT_SIZE >> 2;
  pointIdentity(c, table);
  pointCopy(table + POINT_SIZE, p);
  for (let i: usize = 2; i < 16; i++) {
    const e = table + i * POINT_SIZE;
    if ((i & 1) == 0) pointDouble(c, e, table + (i >> 1) * POINT_SIZE);
    else pointAdd(c, e, e - POINT_SIZE, p);
  }
  pointIdentity(c, acc);
  const digits = curveBytes(c) << 1;
  for (let j: usize = 0; j < digits; j++) {
    for (let s = 0; s < 4; s++) pointDouble(c, acc, acc);
    // Digit j from the top: the high nibble of byte j/2 first. The position
    // is public; the digit's value only ever reaches masks.
    const byte = <u32>load<u8>(k + (j >> 1));
    const digit = (byte >> (((<u32>j & 1) ^ 1) << 2)) & 15;
    memory.fill(sel, 0, POINT_SIZE);
    for (let i: u32 = 0; i < 16; i++) {
      const mask = maskOf(eq(i, digit));
      const e = table + <usize>i * POINT_SIZE;
      for (let w: usize = 0; w < words; w++) {
        store<u32>(sel + (w << 2), load<u32>(sel + (w << 2)) | (load<u32>(e + (w << 2)) & mask));
      }
    }
    pointAdd(c, acc, acc, sel);
  }
  pointCopy(r, acc);
  wipe(table, TABLE_SIZE);
  wipe(acc, POINT_SIZE);
  wipe(sel, POINT_SIZE);
}

/** Zeroes every scratch buffer of the curve code and of mont.ts. */
export function wipeCurveScratch(): void {
  wipe(scratch, SCRATCH_SIZE);
  wipe(table, TABLE_SIZE);
  wipe(acc, POINT_SIZE);
  wipe(sel, POINT_SIZE);
  wipeMontScratch();
}
