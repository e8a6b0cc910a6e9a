// Modular inversion of PUBLIC values by the binary extended Euclidean
// algorithm (Hankerson, Menezes, Vanstone, "Guide to Elliptic Curve
// Cryptography", 2004, Algorithm 2.22), for the moduli of mont.ts.
//
// Variant: VARIABLE time (the loop count and every branch follow the value),
// u32 limbs little-endian, N limbs as in mont.ts. For verification only,
// where every input is public (a signature's s, coordinates of points made
// from a public key and public scalars). Secrets go to mont.ts's modInv
// (Fermat, fixed chain), which costs more than a product per bit.
import { FE_SIZE, MOD_M, fromMont, limbCount, modIsZero, modSub, toMont } from "./mont";

// u and v shrink to 1; x1 and x2 (in [0, m)) keep x1 * a = u and
// x2 * a = v (mod m). One call at a time.
const u = memory.data(48, 8);
const v = memory.data(48, 8);
const x1 = memory.data(48, 8);
const x2 = memory.data(48, 8);

@inline function lw(p: usize, i: usize): u32 {
  return load<u32>(p + (i << 2));
}

@inline function sw(p: usize, i: usize, w: u32): void {
  store<u32>(p + (i << 2), w);
}

/** 1 when the N-limb a is exactly 1. */
function isOne(n: usize, a: usize): bool {
  if (lw(a, 0) != 1) return false;
  for (let i: usize = 1; i < n; i++) if (lw(a, i) != 0) return false;
  return true;
}

/** a >>= 1 over N limbs, with hi (0 or 1) shifted in at the top. */
function halve(n: usize, a: usize, hi: u32): void {
  for (let i: usize = 0; i < n - 1; i++) sw(a, i, (lw(a, i) >> 1) | (lw(a, i + 1) << 31));
  sw(a, n - 1, (lw(a, n - 1) >> 1) | (hi << 31));
}

/** x = x / 2 mod m for x in [0, m): x or x + m, whichever is even, halved. */
function halveMod(m: usize, x: usize): void {
  const n = limbCount(m);
  let carry: u64 = 0;
  if ((lw(x, 0) & 1) != 0) {
    for (let i: usize = 0; i < n; i++) {
      carry += <u64>lw(x, i) + <u64>lw(m + MOD_M, i);
      sw(x, i, <u32>carry);
      carry >>= 32;
    }
  }
  halve(n, x, <u32>carry);
}

/** 1 when the N-limb a >= b. */
function geq(n: usize, a: usize, b: usize): bool {
  for (let i = <isize>n - 1; i >= 0; i--) {
    const ai = lw(a, <usize>i), bi = lw(b, <usize>i);
    if (ai != bi) return ai > bi;
  }
  return true;
}

/** true when the N-limb a (PUBLIC) is below m. */
export function isBelowModulus(m: usize, a: usize): bool {
  return !geq(limbCount(m), a, m + MOD_M);
}

/** a -= b over N limbs, for a >= b. */
function subInPlace(n: usize, a: usize, b: usize): void {
  let borrow: u64 = 0;
  for (let i: usize = 0; i < n; i++) {
    const d = <u64>lw(a, i) - <u64>lw(b, i) - borrow;
    sw(a, i, <u32>d);
    borrow = d >> 63;
  }
}

/**
 * r = a^-1 mod m (Montgomery form in and out, like mont.ts's modInv) for a
 * PUBLIC a; 0 maps to 0. m must be prime (every nonzero a is invertible,
 * so the loop ends). r may alias a.
 */
export function modInvVartime(m: usize, r: usize, a: usize): void {
  const n = limbCount(m);
  if (modIsZero(m, a) != 0) {
    memory.fill(r, 0, n << 2);
    return;
  }
  // The binary algorithm inverts the plain value: leave the domain first.
  fromMont(m, u, a);
  memory.copy(v, m + MOD_M, n << 2);
  memory.fill(x1, 0, FE_SIZE);
  memory.fill(x2, 0, FE_SIZE);
  sw(x1, 0, 1);
  while (!isOne(n, u) && !isOne(n, v)) {
    while ((lw(u, 0) & 1) == 0) {
      halve(n, u, 0);
      halveMod(m, x1);
    }
    while ((lw(v, 0) & 1) == 0) {
      halve(n, v, 0);
      halveMod(m, x2);
    }
    if (geq(n, u, v)) {
      subInPlace(n, u, v);
      modSub(m, x1, x1, x2);
    } else {
      subInPlace(n, v, u);
      modSub(m, x2, x2, x1);
    }
  }
  toMont(m, r, isOne(n, u) ? x1 : x2);
}
