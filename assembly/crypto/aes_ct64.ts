// AES-128 and AES-256 encryption (FIPS 197), constant-time, fixsliced, four
// blocks per call on eight u64 words: the 64-bit counterpart of aes_ct.ts for
// hosts with native 64-bit integers (V8 on x86-64 / ARMv8).
//
// Same method as aes_ct.ts (read its header first): the fixsliced round of
// Adomnicai and Peyrin (TCHES 2021, issue 1) with the 115-gate S-box circuit
// of Boyar and Peralta (https://eprint.iacr.org/2009/191). What changes is
// the width: every gate now works on 64 bytes, four blocks, so one call does
// twice the work of aesEncrypt2 for the same number of operations. The wider
// layout is in the manner of BearSSL's aes_ct64 (four blocks in eight u64);
// the layout, the transposes and the fixsliced MixColumns below are our own.
//
// Secret: the key, the round keys, the blocks. Public: the number of rounds.
// No branch on, and no memory index from, a secret; no table.
//
// Representation: the four blocks are 64 bytes; byte (row r, column c) of
// block b is in[16 b + 4 c + r] (FIPS 197 §3.4). Word q[i] holds bit i of
// every byte, at bit position 16 r + 4 c + b. So each 16-bit lane of a word
// is one row, and in a lane the four bits of column c sit side by side:
// rotating the word by 16 moves rows, rotating inside a lane by 4 moves
// columns. (aes_ct.ts: 8 r + 2 c + b; everything below is its scaled form.)
//
// Fixslicing (aes_ct.ts header): rho_m, the map (r, c) <- (r+1, c+m), is
// "rotate the word by 16, rotate each lane by 4m". A column that does not
// wrap inside its lane comes from 16 + 4m bits higher; one that wraps, from
// 4m bits higher (the lane's wrap cancels 16 of the row's shift). Hence each
// rho is two rotations and two lane masks.
//
// Key schedule: FIPS 197 §5.2 is sequential and runs once per key, so this
// file does not redo it: aes_ct.ts computes the 32-bit fixsliced round keys
// (its table-free SubWord included) and widenRoundKey() moves each bit from
// position 8 r + 2 c to 16 r + 4 c and copies it into the four block slots.
// The ShiftRows powers and the folded S-box constant ride along unchanged.

import { aesExpandKey } from "./aes_ct";

/** Bytes of expanded key for up to 14 rounds: 15 round keys of 8 u64. */
export const AES64_RK_SIZE: u32 = 960;

// ---------------------------------------------------------------------------
// Bit permutations, all on public shift amounts.

/** SWAPMOVE's exchange term: the bits of a at mask << s that go to b at mask. */
@inline function swapTerm(a: u64, b: u64, mask: u64, s: u64): u64 {
  return ((a >> s) ^ b) & mask;
}

// rho_m and rho_m^2 for the four MixColumns variants (see the header).
@inline function rho0(x: u64): u64 { return rotr<u64>(x, 16); }
@inline function rho0sq(x: u64): u64 { return rotr<u64>(x, 32); }
@inline function rho1(x: u64): u64 {
  return (rotr<u64>(x, 20) & 0x0fff0fff0fff0fff) | (rotr<u64>(x, 4) & 0xf000f000f000f000);
}
@inline function rho1sq(x: u64): u64 {
  return (rotr<u64>(x, 40) & 0x00ff00ff00ff00ff) | (rotr<u64>(x, 24) & 0xff00ff00ff00ff00);
}
@inline function rho2(x: u64): u64 {
  return (rotr<u64>(x, 24) & 0x00ff00ff00ff00ff) | (rotr<u64>(x, 8) & 0xff00ff00ff00ff00);
}
@inline function rho2sq(x: u64): u64 { return rotr<u64>(x, 32); }
@inline function rho3(x: u64): u64 {
  return (rotr<u64>(x, 28) & 0x000f000f000f000f) | (rotr<u64>(x, 12) & 0xfff0fff0fff0fff0);
}
@inline function rho3sq(x: u64): u64 { return rho1sq(x); }

/** SR^2: rows 1 and 3 move by two columns, a byte swap inside their lanes. */
@inline function shiftRows2(x: u64): u64 {
  return (x & 0x0000ffff0000ffff)
    | ((x >> 8) & 0x00ff000000ff0000)
    | ((x << 8) & 0xff000000ff000000);
}

/**
 * Byte interleave of two columns a, b (u32, byte r = row r): byte 2 r of the
 * result is a's row r, byte 2 r + 1 is b's. Two byte-group swaps.
 */
@inline function zipColumns(a: u32, b: u32): u64 {
  let x = <u64>a | (<u64>b << 32);
  let t = ((x >> 16) ^ x) & 0x00000000ffff0000; x ^= t ^ (t << 16);
  t = ((x >> 8) ^ x) & 0x0000ff000000ff00; x ^= t ^ (t << 8);
  return x;
}

/** Inverse of zipColumns: low half a, high half b. */
@inline function unzipColumns(x: u64): u64 {
  let t = ((x >> 8) ^ x) & 0x0000ff000000ff00; x ^= t ^ (t << 8);
  t = ((x >> 16) ^ x) & 0x00000000ffff0000; x ^= t ^ (t << 16);
  return x;
}

// ---------------------------------------------------------------------------

/**
 * Encrypts the four 16-byte blocks at src (64 bytes) into dst with the round
 * keys at rk (from aesExpandKey64), nr rounds (10 or 14; public). src and dst
 * may be the same. Blocks and round keys are secret.
 */
export function aesEncrypt4(rk: usize, nr: u32, src: usize, dst: usize): void {
  // Word j = 4 c0 + b holds columns c0 and c0 + 2 of block b, interleaved:
  // byte 2 r + c1 is (row r, column c0 + 2 c1). The 8x8 bit transpose then
  // puts bit i of that byte at position 8 (2 r + c1) + j = 16 r + 4 c + b.
  let q0 = zipColumns(load<u32>(src, 0), load<u32>(src, 8));
  let q1 = zipColumns(load<u32>(src, 16), load<u32>(src, 24));
  let q2 = zipColumns(load<u32>(src, 32), load<u32>(src, 40));
  let q3 = zipColumns(load<u32>(src, 48), load<u32>(src, 56));
  let q4 = zipColumns(load<u32>(src, 4), load<u32>(src, 12));
  let q5 = zipColumns(load<u32>(src, 20), load<u32>(src, 28));
  let q6 = zipColumns(load<u32>(src, 36), load<u32>(src, 44));
  let q7 = zipColumns(load<u32>(src, 52), load<u32>(src, 60));
  let t: u64;

  // 8x8 bit transpose between the word index and the bit index in a byte.
  t = swapTerm(q0, q1, 0x5555555555555555, 1); q1 ^= t; q0 ^= t << 1;
  t = swapTerm(q2, q3, 0x5555555555555555, 1); q3 ^= t; q2 ^= t << 1;
  t = swapTerm(q4, q5, 0x5555555555555555, 1); q5 ^= t; q4 ^= t << 1;
  t = swapTerm(q6, q7, 0x5555555555555555, 1); q7 ^= t; q6 ^= t << 1;
  t = swapTerm(q0, q2, 0x3333333333333333, 2); q2 ^= t; q0 ^= t << 2;
  t = swapTerm(q1, q3, 0x3333333333333333, 2); q3 ^= t; q1 ^= t << 2;
  t = swapTerm(q4, q6, 0x3333333333333333, 2); q6 ^= t; q4 ^= t << 2;
  t = swapTerm(q5, q7, 0x3333333333333333, 2); q7 ^= t; q5 ^= t << 2;
  t = swapTerm(q0, q4, 0x0f0f0f0f0f0f0f0f, 4); q4 ^= t; q0 ^= t << 4;
  t = swapTerm(q1, q5, 0x0f0f0f0f0f0f0f0f, 4); q5 ^= t; q1 ^= t << 4;
  t = swapTerm(q2, q6, 0x0f0f0f0f0f0f0f0f, 4); q6 ^= t; q2 ^= t << 4;
  t = swapTerm(q3, q7, 0x0f0f0f0f0f0f0f0f, 4); q7 ^= t; q3 ^= t << 4;

  // FIPS 197 §5.1.4: AddRoundKey with the cipher key before round 1.
  q0 ^= load<u64>(rk, 0);
  q1 ^= load<u64>(rk, 8);
  q2 ^= load<u64>(rk, 16);
  q3 ^= load<u64>(rk, 24);
  q4 ^= load<u64>(rk, 32);
  q5 ^= load<u64>(rk, 40);
  q6 ^= load<u64>(rk, 48);
  q7 ^= load<u64>(rk, 56);

  for (let r: u32 = 1; r <= nr; r++) {
    // SubBytes (FIPS 197 §5.1.1): the Boyar-Peralta circuit, as in
    // aes_ct.ts (input x0 and output s0 are the most significant bits, q7).
    const x0 = q7, x1 = q6, x2 = q5, x3 = q4, x4 = q3, x5 = q2, x6 = q1, x7 = q0;
    const y14 = x3 ^ x5, y13 = x0 ^ x6, y9 = x0 ^ x3, y8 = x0 ^ x5, t0 = x1 ^ x2;
    const y1 = t0 ^ x7, y4 = y1 ^ x3, y12 = y13 ^ y14, y2 = y1 ^ x0, y5 = y1 ^ x6;
    const y3 = y5 ^ y8, t1 = x4 ^ y12, y15 = t1 ^ x5, y20 = t1 ^ x1, y6 = y15 ^ x7;
    const y10 = y15 ^ t0, y11 = y20 ^ y9, y7 = x7 ^ y11, y17 = y10 ^ y11, y19 = y10 ^ y8;
    const y16 = t0 ^ y11, y21 = y13 ^ y16, y18 = x0 ^ y16;
    const t2 = y12 & y15, t3 = y3 & y6, t4 = t3 ^ t2, t5 = y4 & x7, t6 = t5 ^ t2;
    const t7 = y13 & y16, t8 = y5 & y1, t9 = t8 ^ t7, t10 = y2 & y7, t11 = t10 ^ t7;
    const t12 = y9 & y11, t13 = y14 & y17, t14 = t13 ^ t12, t15 = y8 & y10, t16 = t15 ^ t12;
    const t17 = t4 ^ t14, t18 = t6 ^ t16, t19 = t9 ^ t14, t20 = t11 ^ t16;
    const t21 = t17 ^ y20, t22 = t18 ^ y19, t23 = t19 ^ y21, t24 = t20 ^ y18;
    const t25 = t21 ^ t22, t26 = t21 & t23, t27 = t24 ^ t26, t28 = t25 & t27, t29 = t28 ^ t22;
    const t30 = t23 ^ t24, t31 = t22 ^ t26, t32 = t31 & t30, t33 = t32 ^ t24, t34 = t23 ^ t33;
    const t35 = t27 ^ t33, t36 = t24 & t35, t37 = t36 ^ t34, t38 = t27 ^ t36, t39 = t29 & t38;
    const t40 = t25 ^ t39, t41 = t40 ^ t37, t42 = t29 ^ t33, t43 = t29 ^ t40, t44 = t33 ^ t37;
    const t45 = t42 ^ t41;
    const z0 = t44 & y15, z1 = t37 & y6, z2 = t33 & x7, z3 = t43 & y16, z4 = t40 & y1;
    const z5 = t29 & y7, z6 = t42 & y11, z7 = t45 & y17, z8 = t41 & y10, z9 = t44 & y12;
    const z10 = t37 & y3, z11 = t33 & y4, z12 = t43 & y13, z13 = t40 & y5, z14 = t29 & y2;
    const z15 = t42 & y9, z16 = t45 & y14, z17 = t41 & y8;
    const t46 = z15 ^ z16, t47 = z10 ^ z11, t48 = z5 ^ z13, t49 = z9 ^ z10, t50 = z2 ^ z12;
    const t51 = z2 ^ z5, t52 = z7 ^ z8, t53 = z0 ^ z3, t54 = z6 ^ z7, t55 = z16 ^ z17;
    const t56 = z12 ^ t48, t57 = t50 ^ t53, t58 = z4 ^ t46, t59 = z3 ^ t54, t60 = t46 ^ t57;
    const t61 = z14 ^ t57, t62 = t52 ^ t58, t63 = t49 ^ t58, t64 = z4 ^ t59, t65 = t61 ^ t62;
    const t66 = z1 ^ t63, t67 = t64 ^ t65;
    const s3 = t53 ^ t66;
    q7 = t59 ^ t63; // s0
    q6 = t64 ^ s3; // s1
    q5 = t55 ^ t67; // s2
    q4 = s3;
    q3 = t51 ^ t66; // s4
    q2 = t47 ^ t65; // s5
    q1 = t56 ^ t62; // s6
    q0 = t48 ^ t60; // s7

    // MixColumns in its fixsliced form MC_m, m = r mod 4 (none in the last
    // round): per bit plane out = 2.t ^ rho(x) ^ rho^2(t), t = x ^ rho(x).
    if (r != nr) {
      switch (r & 3) {
      case 1: {
        const x7 = rho1(q7), s7 = q7 ^ x7;
        let x = rho1(q0), s = q0 ^ x, p = s;
        q0 = s7 ^ x ^ rho1sq(s);
        x = rho1(q1); s = q1 ^ x;
        q1 = p ^ s7 ^ x ^ rho1sq(s); p = s;
        x = rho1(q2); s = q2 ^ x;
        q2 = p ^ x ^ rho1sq(s); p = s;
        x = rho1(q3); s = q3 ^ x;
        q3 = p ^ s7 ^ x ^ rho1sq(s); p = s;
        x = rho1(q4); s = q4 ^ x;
        q4 = p ^ s7 ^ x ^ rho1sq(s); p = s;
        x = rho1(q5); s = q5 ^ x;
        q5 = p ^ x ^ rho1sq(s); p = s;
        x = rho1(q6); s = q6 ^ x;
        q6 = p ^ x ^ rho1sq(s); p = s;
        q7 = p ^ x7 ^ rho1sq(s7);
        break;
      }
      case 2: {
        const x7 = rho2(q7), s7 = q7 ^ x7;
        let x = rho2(q0), s = q0 ^ x, p = s;
        q0 = s7 ^ x ^ rho2sq(s);
        x = rho2(q1); s = q1 ^ x;
        q1 = p ^ s7 ^ x ^ rho2sq(s); p = s;
        x = rho2(q2); s = q2 ^ x;
        q2 = p ^ x ^ rho2sq(s); p = s;
        x = rho2(q3); s = q3 ^ x;
        q3 = p ^ s7 ^ x ^ rho2sq(s); p = s;
        x = rho2(q4); s = q4 ^ x;
        q4 = p ^ s7 ^ x ^ rho2sq(s); p = s;
        x = rho2(q5); s = q5 ^ x;
        q5 = p ^ x ^ rho2sq(s); p = s;
        x = rho2(q6); s = q6 ^ x;
        q6 = p ^ x ^ rho2sq(s); p = s;
        q7 = p ^ x7 ^ rho2sq(s7);
        break;
      }
      case 3: {
        const x7 = rho3(q7), s7 = q7 ^ x7;
        let x = rho3(q0), s = q0 ^ x, p = s;
        q0 = s7 ^ x ^ rho3sq(s);
        x = rho3(q1); s = q1 ^ x;
        q1 = p ^ s7 ^ x ^ rho3sq(s); p = s;
        x = rho3(q2); s = q2 ^ x;
        q2 = p ^ x ^ rho3sq(s); p = s;
        x = rho3(q3); s = q3 ^ x;
        q3 = p ^ s7 ^ x ^ rho3sq(s); p = s;
        x = rho3(q4); s = q4 ^ x;
        q4 = p ^ s7 ^ x ^ rho3sq(s); p = s;
        x = rho3(q5); s = q5 ^ x;
        q5 = p ^ x ^ rho3sq(s); p = s;
        x = rho3(q6); s = q6 ^ x;
        q6 = p ^ x ^ rho3sq(s); p = s;
        q7 = p ^ x7 ^ rho3sq(s7);
        break;
      }
      case 0: {
        const x7 = rho0(q7), s7 = q7 ^ x7;
        let x = rho0(q0), s = q0 ^ x, p = s;
        q0 = s7 ^ x ^ rho0sq(s);
        x = rho0(q1); s = q1 ^ x;
        q1 = p ^ s7 ^ x ^ rho0sq(s); p = s;
        x = rho0(q2); s = q2 ^ x;
        q2 = p ^ x ^ rho0sq(s); p = s;
        x = rho0(q3); s = q3 ^ x;
        q3 = p ^ s7 ^ x ^ rho0sq(s); p = s;
        x = rho0(q4); s = q4 ^ x;
        q4 = p ^ s7 ^ x ^ rho0sq(s); p = s;
        x = rho0(q5); s = q5 ^ x;
        q5 = p ^ x ^ rho0sq(s); p = s;
        x = rho0(q6); s = q6 ^ x;
        q6 = p ^ x ^ rho0sq(s); p = s;
        q7 = p ^ x7 ^ rho0sq(s7);
        break;
      }
      }
    }

    // AddRoundKey with SR^-r(K_r) (and the folded 0x63).
    const k = rk + (<usize>r << 6);
    q0 ^= load<u64>(k, 0);
    q1 ^= load<u64>(k, 8);
    q2 ^= load<u64>(k, 16);
    q3 ^= load<u64>(k, 24);
    q4 ^= load<u64>(k, 32);
    q5 ^= load<u64>(k, 40);
    q6 ^= load<u64>(k, 48);
    q7 ^= load<u64>(k, 56);
  }

  // S_Nr = SR^Nr(X_Nr), and Nr = 2 (mod 4) for AES-128 and AES-256.
  q0 = shiftRows2(q0);
  q1 = shiftRows2(q1);
  q2 = shiftRows2(q2);
  q3 = shiftRows2(q3);
  q4 = shiftRows2(q4);
  q5 = shiftRows2(q5);
  q6 = shiftRows2(q6);
  q7 = shiftRows2(q7);

  // The transpose is its own inverse; then undo the column interleave.
  t = swapTerm(q0, q1, 0x5555555555555555, 1); q1 ^= t; q0 ^= t << 1;
  t = swapTerm(q2, q3, 0x5555555555555555, 1); q3 ^= t; q2 ^= t << 1;
  t = swapTerm(q4, q5, 0x5555555555555555, 1); q5 ^= t; q4 ^= t << 1;
  t = swapTerm(q6, q7, 0x5555555555555555, 1); q7 ^= t; q6 ^= t << 1;
  t = swapTerm(q0, q2, 0x3333333333333333, 2); q2 ^= t; q0 ^= t << 2;
  t = swapTerm(q1, q3, 0x3333333333333333, 2); q3 ^= t; q1 ^= t << 2;
  t = swapTerm(q4, q6, 0x3333333333333333, 2); q6 ^= t; q4 ^= t << 2;
  t = swapTerm(q5, q7, 0x3333333333333333, 2); q7 ^= t; q5 ^= t << 2;
  t = swapTerm(q0, q4, 0x0f0f0f0f0f0f0f0f, 4); q4 ^= t; q0 ^= t << 4;
  t = swapTerm(q1, q5, 0x0f0f0f0f0f0f0f0f, 4); q5 ^= t; q1 ^= t << 4;
  t = swapTerm(q2, q6, 0x0f0f0f0f0f0f0f0f, 4); q6 ^= t; q2 ^= t << 4;
  t = swapTerm(q3, q7, 0x0f0f0f0f0f0f0f0f, 4); q7 ^= t; q3 ^= t << 4;

  q0 = unzipColumns(q0);
  q1 = unzipColumns(q1);
  q2 = unzipColumns(q2);
  q3 = unzipColumns(q3);
  q4 = unzipColumns(q4);
  q5 = unzipColumns(q5);
  q6 = unzipColumns(q6);
  q7 = unzipColumns(q7);
  // Word 4 c0 + b: columns c0 (low half) and c0 + 2 (high half) of block b.
  store<u32>(dst, <u32>q0, 0);
  store<u32>(dst, <u32>(q0 >> 32), 8);
  store<u32>(dst, <u32>q4, 4);
  store<u32>(dst, <u32>(q4 >> 32), 12);
  store<u32>(dst, <u32>q1, 16);
  store<u32>(dst, <u32>(q1 >> 32), 24);
  store<u32>(dst, <u32>q5, 20);
  store<u32>(dst, <u32>(q5 >> 32), 28);
  store<u32>(dst, <u32>q2, 32);
  store<u32>(dst, <u32>(q2 >> 32), 40);
  store<u32>(dst, <u32>q6, 36);
  store<u32>(dst, <u32>(q6 >> 32), 44);
  store<u32>(dst, <u32>q3, 48);
  store<u32>(dst, <u32>(q3 >> 32), 56);
  store<u32>(dst, <u32>q7, 52);
  store<u32>(dst, <u32>(q7 >> 32), 60);
}

/**
 * One 32-bit fixsliced round-key word (bit 8 r + 2 c + b, both slots b equal)
 * in the 64-bit layout: bit 16 r + 4 c + b for b = 0..3. Spreads the b = 0
 * bits from position 2 k to 4 k (Morton spread, public shifts), then copies
 * each into the three slots above it.
 */
@inline function widenRoundKey(w: u32): u64 {
  let x = <u64>(w & 0x55555555);
  x = (x | (x << 16)) & 0x0000ffff0000ffff;
  x = (x | (x << 8)) & 0x00ff00ff00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f0f0f0f0f;
  x = (x | (x << 2)) & 0x3333333333333333;
  x = (x | (x << 1)) & 0x5555555555555555;
  x |= x << 1;
  return x | (x << 2);
}

/**
 * Expands the key at key (keyLen bytes: 16 or 32; public) into the 64-bit
 * fixsliced round keys at rk (AES64_RK_SIZE bytes). Returns the number of
 * rounds (10 or 14), or 0 for any other key length. The key and the round
 * keys are secret.
 */
export function aesExpandKey64(rk: usize, key: usize, keyLen: u32): u32 {
  // The 32-bit schedule fills the first half of rk; widening word i (u32 at
  // 4 i) into u64 at 8 i from the last word down only ever overwrites words
  // already read.
  const nr = aesExpandKey(rk, key, keyLen);
  if (nr == 0) return 0;
  for (let i = <i32>((nr + 1) << 3) - 1; i >= 0; i--) {
    store<u64>(rk + (<usize>i << 3), widenRoundKey(load<u32>(rk + (<usize>i << 2))));
  }
  return nr;
}
