// u1 * G + u2 * Q on P-256 and P-384 for ECDSA verification (FIPS 186-5
// §6.4.2 step 8), where the scalars and Q are PUBLIC, so time may follow them.
//
// Variant: variable time. Shamir's trick over width-5 NAFs (one doubling per
// bit, an addition per nonzero digit, about a sixth of them) in Jacobian
// coordinates (X : Y : Z), x = X/Z^2, y = Y/Z^3, with the a = -3 doubling
// "dbl-2001-b" (3M + 5S; Bernstein and Lange, Explicit-Formulas Database,
// https://hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-3.html) and the
// mixed Jacobian + affine addition of Hankerson, Menezes and Vanstone,
// "Guide to Elliptic Curve Cryptography", Algorithm 3.22 (8M + 3S). These
// formulas are not complete: the identity, P + P and P + (-P) are branched
// on explicitly. The odd-multiple tables are made affine with one shared
// inversion (Montgomery's trick: P. L. Montgomery, "Speeding the Pollard
// and elliptic curve methods of factorization", Math. Comp. 48, 1987).
// Constant-time code keeps the complete formulas of weierstrass.ts.
//
// The size profile verifies with pointMulAddComplete instead: the same
// Shamir loop on those complete formulas, which ECDH and signing link
// anyway, so verification adds no formulas, tables or inversion of its own
// (Cortex-M4: about 2.2 KB less flash, 1.6x the instructions).
//
// Point layout as weierstrass.ts (X at PX, Y at PY, Z at PZ, Montgomery form);
// an affine table entry uses X and Y only. The identity is (1 : 1 : 0).
import {
  FE_SIZE, MOD_M, MOD_ONE, limbCount, modAdd, modCopy, modEqual, modIsZero, modSub, montMul, toMont,
} from "./mont";
import { isBelowModulus, modInvVartime } from "./mont_vartime";
import {
  CURVE_GX, CURVE_GY, POINT_SIZE, PX, PY, PZ, curveBytes, curveField, curveOrder, pointAdd, pointCopy, pointDouble,
  pointGenerator, pointIdentity, table,
} from "./weierstrass";

// Formula temporaries (one call at a time; every value here is public).
const t0 = memory.data(48, 8);
const t1 = memory.data(48, 8);
const t2 = memory.data(48, 8);
const t3 = memory.data(48, 8);
const t4 = memory.data(48, 8);
const acc = memory.data(144, 8);
// 2G then a table entry negated; 2Q.
const aux = memory.data(144, 8);
const twiceQ = memory.data(144, 8);
// The odd multiples 1,3,..,15 of G (entries 0-7) and of Q (entries 8-15),
// and the running products of their Z for Montgomery's trick.
// (The table itself is weierstrass.ts's: the static memory is a device's RAM.)
const TABLE_POINTS: usize = 16;
const zProducts = memory.data(16 * 48, 8);
// Signed NAF digits of the two scalars, one per bit + 1.
const naf1 = memory.data(392, 8);
const naf2 = memory.data(392, 8);
const nafWork = memory.data(56, 8);

/** r = the identity (1 : 1 : 0). */
function jacIdentity(f: usize, r: usize): void {
  modCopy(f, r + PX, f + MOD_ONE);
  modCopy(f, r + PY, f + MOD_ONE);
  memory.fill(r + PZ, 0, FE_SIZE);
}

/** r = 2p (Jacobian), dbl-2001-b (a = -3). r may alias p. */
function jacDouble(c: usize, r: usize, p: usize): void {
  const f = curveField(c);
  const X = p + PX, Y = p + PY, Z = p + PZ;
  if (modIsZero(f, Z) != 0) {
    jacIdentity(f, r);
    return;
  }
  const delta = t0, gamma = t1, beta = t2, alpha = t3;
  montMul(f, delta, Z, Z);
  montMul(f, gamma, Y, Y);
  montMul(f, beta, X, gamma);
  modSub(f, t4, X, delta);
  modAdd(f, alpha, X, delta);
  montMul(f, alpha, t4, alpha);
  modAdd(f, t4, alpha, alpha);
  modAdd(f, alpha, t4, alpha); // alpha = 3 (X - delta)(X + delta)
  modAdd(f, t4, Y, Z);
  montMul(f, t4, t4, t4);
  modSub(f, t4, t4, gamma);
  modSub(f, r + PZ, t4, delta); // Z3 = (Y + Z)^2 - gamma - delta = 2YZ
  modAdd(f, beta, beta, beta);
  modAdd(f, beta, beta, beta); // 4 beta
  montMul(f, t4, alpha, alpha);
  modSub(f, t4, t4, beta);
  modSub(f, r + PX, t4, beta); // X3 = alpha^2 - 8 beta
  modSub(f, t4, beta, r + PX);
  montMul(f, t4, alpha, t4);
  montMul(f, gamma, gamma, gamma);
  modAdd(f, gamma, gamma, gamma);
  modAdd(f, gamma, gamma, gamma);
  modAdd(f, gamma, gamma, gamma); // 8 gamma^2
  modSub(f, r + PY, t4, gamma); // Y3 = alpha (4 beta - X3) - 8 gamma^2
}

/**
 * r = p + q for p Jacobian and q affine (its X and Y; never the identity),
 * HMV Algorithm 3.22. r may alias p.
 */
function jacAddAffine(c: usize, r: usize, p: usize, q: usize): void {
  const f = curveField(c);
  const X1 = p + PX, Y1 = p + PY, Z1 = p + PZ;
  if (modIsZero(f, Z1) != 0) {
    modCopy(f, r + PX, q + PX);
    modCopy(f, r + PY, q + PY);
    modCopy(f, r + PZ, f + MOD_ONE);
    return;
  }
  const H = t0, R = t1;
  montMul(f, H, Z1, Z1);
  montMul(f, R, H, Z1);
  montMul(f, H, H, q + PX);
  montMul(f, R, R, q + PY);
  modSub(f, H, H, X1); // H = x2 Z1^2 - X1: zero when the x coordinates agree
  modSub(f, R, R, Y1); // R = y2 Z1^3 - Y1: then zero for p == q, not for p == -q
  if (modIsZero(f, H) != 0) {
    if (modIsZero(f, R) != 0) jacDouble(c, r, p);
    else jacIdentity(f, r);
    return;
  }
  montMul(f, r + PZ, Z1, H);
  montMul(f, t2, H, H);
  montMul(f, t3, t2, H); // H^3
  montMul(f, t2, t2, X1); // X1 H^2
  montMul(f, t4, R, R);
  modSub(f, t4, t4, t3);
  modSub(f, t4, t4, t2);
  modSub(f, r + PX, t4, t2); // X3 = R^2 - H^3 - 2 X1 H^2
  modSub(f, t2, t2, r + PX);
  montMul(f, t2, t2, R);
  montMul(f, t3, t3, Y1);
  modSub(f, r + PY, t2, t3); // Y3 = R (X1 H^2 - X3) - Y1 H^3
}

/** Rescales the Jacobian point at e to Z = 1, given zInv = Z^-1. */
function scaleToAffine(f: usize, e: usize, zInv: usize): void {
  montMul(f, t4, zInv, zInv);
  montMul(f, e + PX, e + PX, t4);
  montMul(f, t4, t4, zInv);
  montMul(f, e + PY, e + PY, t4);
  modCopy(f, e + PZ, f + MOD_ONE);
}

/**
 * The odd multiples p, 3p, .., 15p (Jacobian) into 8 consecutive points at
 * dst, for an affine p (Z = 1) that is not the identity, given 2p affine at
 * twice: seven mixed additions, (2i+1)p = (2i-1)p + 2p. None meets an
 * exceptional case: (2i-1)p = +-2p would need p's order to divide 2i - 3 or
 * 2i + 1, both below 16, and the order is a large prime.
 */
function oddMultiples(c: usize, dst: usize, p: usize, twice: usize): void {
  const f = curveField(c);
  modCopy(f, dst + PX, p + PX);
  modCopy(f, dst + PY, p + PY);
  modCopy(f, dst + PZ, f + MOD_ONE);
  for (let i: usize = 1; i < 8; i++) {
    jacAddAffine(c, dst + i * POINT_SIZE, dst + (i - 1) * POINT_SIZE, twice);
  }
}

/**
 * 2g and 2q, affine, into twiceG and twiceQ for affine g and q (not the
 * identity, so neither double is): one inversion of Z_g Z_q serves both.
 */
function doublesAffine(c: usize, twiceG: usize, g: usize, twiceQ: usize, q: usize): void {
  const f = curveField(c);
  jacDouble(c, twiceG, g);
  jacDouble(c, twiceQ, q);
  montMul(f, t1, twiceG + PZ, twiceQ + PZ);
  modInvVartime(f, t1, t1);
  montMul(f, t0, t1, twiceQ + PZ); // Z_g^-1
  montMul(f, t1, t1, twiceG + PZ); // Z_q^-1
  scaleToAffine(f, twiceQ, t1);
  scaleToAffine(f, twiceG, t0);
}

/**
 * Makes the TABLE_POINTS table entries affine with one inversion
 * (Montgomery's trick): with c_i = Z_0 .. Z_i, Z_i^-1 = c_i^-1 c_(i-1) and
 * c_(i-1)^-1 = c_i^-1 Z_i. No Z is zero (no entry is the identity).
 */
function normalizeTable(f: usize): void {
  modCopy(f, zProducts, table + PZ);
  for (let i: usize = 1; i < TABLE_POINTS; i++) {
    montMul(f, zProducts + i * FE_SIZE, zProducts + (i - 1) * FE_SIZE, table + i * POINT_SIZE + PZ);
  }
  modInvVartime(f, t0, zProducts + (TABLE_POINTS - 1) * FE_SIZE); // t0 = c_i^-1, from the top
  for (let i = TABLE_POINTS - 1; i > 0; i--) {
    const e = table + i * POINT_SIZE;
    montMul(f, t1, t0, zProducts + (i - 1) * FE_SIZE);
    montMul(f, t0, t0, e + PZ);
    scaleToAffine(f, e, t1);
  }
  scaleToAffine(f, table, t0);
}

/**
 * Width-5 NAF of the scalar at k (curveBytes(c) big-endian bytes, PUBLIC):
 * digits in {0, +-1, +-3, .., +-15} at out[0..bits], least significant first,
 * with at least 4 zeros after every nonzero digit. Returns the digit count.
 */
function wnaf(c: usize, out: usize, k: usize): usize {
  const size = curveBytes(c);
  const n = size >> 2;
  const bits = size << 3;
  // Little-endian limbs plus one spare limb for the carry of k + |digit|.
  for (let i: usize = 0; i < n; i++) {
    store<u32>(nafWork + (i << 2), bswap<u32>(load<u32>(k + ((n - 1 - i) << 2))));
  }
  store<u32>(nafWork + (n << 2), 0);
  for (let i: usize = 0; i <= bits; i++) {
    const lo = load<u32>(nafWork);
    let d: i32 = 0;
    if ((lo & 1) != 0) {
      d = <i32>(lo & 31);
      if (d >= 16) d -= 32;
      if (d > 0) {
        // k -= d only clears the low bits: they equal d.
        store<u32>(nafWork, lo - <u32>d);
      } else {
        // k += |d| carries upward.
        let carry: u64 = <u64>(<u32>(-d));
        for (let j: usize = 0; j <= n; j++) {
          carry += <u64>load<u32>(nafWork + (j << 2));
          store<u32>(nafWork + (j << 2), <u32>carry);
          carry >>= 32;
        }
      }
    }
    store<i8>(out + i, <i8>d);
    // k >>= 1
    for (let j: usize = 0; j < n; j++) {
      const w = load<u32>(nafWork + (j << 2));
      const next = load<u32>(nafWork + ((j + 1) << 2));
      store<u32>(nafWork + (j << 2), (w >> 1) | (next << 31));
    }
    store<u32>(nafWork + (n << 2), load<u32>(nafWork + (n << 2)) >> 1);
  }
  return bits + 1;
}

/** acc += (digit / |digit|) * entry |digit| of the affine odd-multiple table at t. */
function addDigit(c: usize, t: usize, d: i32): void {
  if (d > 0) {
    jacAddAffine(c, acc, acc, t + <usize>(d >> 1) * POINT_SIZE);
  } else if (d < 0) {
    // -(x, y) = (x, -y)
    const f = curveField(c);
    const e = t + <usize>((-d) >> 1) * POINT_SIZE;
    memory.fill(t0, 0, FE_SIZE);
    modCopy(f, aux + PX, e + PX);
    modSub(f, aux + PY, t0, e + PY);
    jacAddAffine(c, acc, acc, aux);
  }
}

/**
 * r = u1 * G + u2 * q (Jacobian; the identity has Z = 0) for PUBLIC scalars
 * u1, u2 (curveBytes(c) big-endian bytes each, any value) and a PUBLIC
 * affine point q that is not the identity (its Z = 1, as pointDecode leaves
 * it). Variable time: verification only.
 */
export function pointMulAddVartime(c: usize, r: usize, u1: usize, q: usize, u2: usize): void {
  const f = curveField(c);
  const count = wnaf(c, naf1, u1);
  wnaf(c, naf2, u2);
  modCopy(f, acc + PX, c + CURVE_GX);
  modCopy(f, acc + PY, c + CURVE_GY);
  modCopy(f, acc + PZ, f + MOD_ONE);
  doublesAffine(c, aux, acc, twiceQ, q);
  oddMultiples(c, table, acc, aux);
  oddMultiples(c, table + 8 * POINT_SIZE, q, twiceQ);
  normalizeTable(f);
  jacIdentity(f, acc);
  for (let i = <isize>count - 1; i >= 0; i--) {
    jacDouble(c, acc, acc);
    addDigit(c, table, <i32>load<i8>(naf1 + i));
    addDigit(c, table + 8 * POINT_SIZE, <i32>load<i8>(naf2 + i));
  }
  memory.copy(r, acc, POINT_SIZE);
}

/** The odd multiples p, 3p, .., 15p (projective, complete formulas) into 8 consecutive points at dst. */
function oddMultiplesComplete(c: usize, dst: usize, p: usize): void {
  pointDouble(c, aux, p); // 2p
  pointCopy(dst, p);
  for (let i: usize = 1; i < 8; i++) pointAdd(c, dst + i * POINT_SIZE, dst + (i - 1) * POINT_SIZE, aux);
}

/** acc += (digit / |digit|) * entry |digit| of the projective table at t (complete formulas). */
function addDigitComplete(c: usize, t: usize, d: i32): void {
  if (d == 0) return;
  const e = t + <usize>((d < 0 ? -d : d) >> 1) * POINT_SIZE;
  if (d > 0) {
    pointAdd(c, acc, acc, e);
    return;
  }
  // -(X : Y : Z) = (X : -Y : Z)
  const f = curveField(c);
  memory.fill(t0, 0, FE_SIZE);
  pointCopy(aux, e);
  modSub(f, aux + PY, t0, e + PY);
  pointAdd(c, acc, acc, aux);
}

/**
 * r = u1 * G + u2 * q, projective, with the complete formulas of
 * weierstrass.ts (the size profile's verification: see the header), for
 * PUBLIC u1, u2 and q. Variable time: verification only.
 */
export function pointMulAddComplete(c: usize, r: usize, u1: usize, q: usize, u2: usize): void {
  const count = wnaf(c, naf1, u1);
  wnaf(c, naf2, u2);
  pointGenerator(c, twiceQ);
  oddMultiplesComplete(c, table, twiceQ);
  oddMultiplesComplete(c, table + 8 * POINT_SIZE, q);
  pointIdentity(c, acc);
  for (let i = <isize>count - 1; i >= 0; i--) {
    pointDouble(c, acc, acc);
    addDigitComplete(c, table, <i32>load<i8>(naf1 + i));
    addDigitComplete(c, table + 8 * POINT_SIZE, <i32>load<i8>(naf2 + i));
  }
  pointCopy(r, acc);
}

/**
 * 1 when the Jacobian point p is not the identity and its x mod n equals
 * the PUBLIC rPlain (plain limbs in [1, n-1]), else 0: ECDSA's final check
 * (FIPS 186-5 §6.4.2 steps 9-11), made without inverting Z. x = X / Z^2, so
 * x == v iff X == v Z^2 for a field element v; and x < p < 2n on both
 * curves, so x mod n == r iff x == r, or x == r + n when r + n < p.
 */
export function pointXModOrderEquals(c: usize, p: usize, rPlain: usize): u32 {
  const f = curveField(c);
  if (modIsZero(f, p + PZ) != 0) return 0;
  montMul(f, t1, p + PZ, p + PZ);
  // r < n < p: r is already a field element.
  toMont(f, t0, rPlain);
  montMul(f, t0, t0, t1);
  if (modEqual(f, t0, p + PX) != 0) return 1;
  const n = curveOrder(c);
  const limbs = limbCount(f);
  let carry: u64 = 0;
  for (let i: usize = 0; i < limbs; i++) {
    carry += <u64>load<u32>(rPlain + (i << 2)) + <u64>load<u32>(n + MOD_M + (i << 2));
    store<u32>(t0 + (i << 2), <u32>carry);
    carry >>= 32;
  }
  if (carry != 0 || !isBelowModulus(f, t0)) return 0;
  toMont(f, t0, t0);
  montMul(f, t0, t0, t1);
  return modEqual(f, t0, p + PX);
}
