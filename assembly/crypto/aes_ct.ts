// AES-128 and AES-256 encryption (FIPS 197), constant-time, fixsliced, two
// blocks per call on eight u32 words.
//
// Variant: the bitsliced representation with "fixslicing" of Adomnicai and
// Peyrin, "Fixslicing AES-like ciphers" (TCHES 2021, issue 1): ShiftRows is
// never computed inside the rounds; each round instead uses one of four
// variants of MixColumns, and the round keys carry the ShiftRows powers. The
// S-box is the 115-gate circuit of Boyar and Peralta ("A new combinational
// logic minimization technique with applications to cryptology", SEA 2010,
// https://eprint.iacr.org/2009/191): 32 AND and 83 XOR/XNOR gates on whole
// words, so each gate works on 32 bytes at once.
//
// Secret: the key, the round keys, the blocks. Public: the key length and the
// number of rounds. Nothing branches on, or indexes memory with, a secret:
// there is no table at all, key schedule included (SubWord goes through the
// same S-box circuit, see subWord()).
//
// Representation (our own derivation, checked against FIPS 197 Appendix C):
// the two blocks are 32 bytes; byte (row r, column c) of block b is
// in[16 b + 4 c + r] (FIPS 197 §3.4). Word q[i] holds bit i of every byte, at
// bit position 8 r + 2 c + b. So a word's byte r is row r, and in that byte
// the two bits of column c sit side by side: rotating a word by 8 moves rows,
// rotating inside a byte by 2 moves columns.
//
// Fixslicing (§3 of the paper, restated for this layout). Let SR be
// ShiftRows, MC MixColumns, SB SubBytes. Keep X_r = SR^-r(S_r) instead of the
// state S_r after round r. Then
//   X_r = MC_m(SB(X_r-1)) ^ SR^-r(K_r),  MC_m = SR^-m . MC . SR^m,  m = r mod 4,
// and the output is S_Nr = SR^Nr(X_Nr) = SR^2(X_Nr) for Nr = 10 and 14.
// MC_m mixes X[r+d][c+m d] (d = 0..3) into X[r][c]; with rho_m the map
// (r, c) <- (r+1, c+m) it is 2.t ^ rho(x) ^ rho^2(t), t = x ^ rho(x), the same
// shape as MixColumns itself. rho_m is "rotate the word by 8, rotate each byte
// by 2m"; for m = 0 it is the plain word rotation of non-fixsliced code.
//
// aes_ct64.ts is the four-block form on u64 words for 64-bit hosts; it takes
// its round keys from aesExpandKey() below and widens them.
//
// The S-box circuit's four XNORs (outputs 0x63 = bits 0, 1, 5, 6) are left
// out: MixColumns maps a column of 0x63 bytes to itself and ShiftRows moves
// nothing, so the constant is folded into round keys 1..Nr instead.

/** Bytes of expanded key for up to 14 rounds: 15 round keys of 8 words. */
export const AES_RK_SIZE: u32 = 480;

// Key schedule scratch: the FIPS 197 §5.2 words w[0..59] (secret, wiped).
const scheduleWords = memory.data(240, 16);
// One two-block state for subWord() (secret, wiped).
const subWordBlock = memory.data(32, 16);
// Two all-zero round keys: subWord() runs one round with them.
const zeroRoundKeys = memory.data(64, 16);

// ---------------------------------------------------------------------------
// Small bit permutations, all on public shift amounts.

/** SWAPMOVE's exchange term: the bits of a at mask << s that go to b at mask. */
@inline function swapTerm(a: u32, b: u32, mask: u32, s: u32): u32 {
  return ((a >> s) ^ b) & mask;
}

// rho_m and rho_m^2 for the four MixColumns variants: a word rotation by 8
// (or 16) fused with the byte rotation, as two rotations and two masks.
@inline function rho0(x: u32): u32 { return rotr<u32>(x, 8); }
@inline function rho0sq(x: u32): u32 { return rotr<u32>(x, 16); }
@inline function rho1(x: u32): u32 {
  return (rotr<u32>(x, 10) & 0x3f3f3f3f) | (rotr<u32>(x, 2) & 0xc0c0c0c0);
}
@inline function rho1sq(x: u32): u32 {
  return (rotr<u32>(x, 20) & 0x0f0f0f0f) | (rotr<u32>(x, 12) & 0xf0f0f0f0);
}
@inline function rho2(x: u32): u32 {
  return (rotr<u32>(x, 12) & 0x0f0f0f0f) | (rotr<u32>(x, 4) & 0xf0f0f0f0);
}
@inline function rho2sq(x: u32): u32 { return rotr<u32>(x, 16); }
@inline function rho3(x: u32): u32 {
  return (rotr<u32>(x, 14) & 0x03030303) | (rotr<u32>(x, 6) & 0xfcfcfcfc);
}
@inline function rho3sq(x: u32): u32 { return rho1sq(x); }

/**
 * SR^2 on the bitsliced words: rows 1 and 3 move by two columns, which is a
 * nibble swap of bytes 1 and 3; rows 0 and 2 stay.
 */
@inline function shiftRows2(x: u32): u32 {
  return (x & 0x00ff00ff) | ((x >> 4) & 0x0f000f00) | ((x << 4) & 0xf000f000);
}

// ---------------------------------------------------------------------------

/**
 * Encrypts the two 16-byte blocks at src (32 bytes) into dst with the round
 * keys at rk (from aesExpandKey), nr rounds (10 or 14; public). src and dst
 * may be the same. Blocks and round keys are secret.
 */
export function aesEncrypt2(rk: usize, nr: u32, src: usize, dst: usize): void {
  // Word j = 2 c + b holds column c of block b (little-endian, byte r = row r).
  let q0 = load<u32>(src, 0);
  let q1 = load<u32>(src, 16);
  let q2 = load<u32>(src, 4);
  let q3 = load<u32>(src, 20);
  let q4 = load<u32>(src, 8);
  let q5 = load<u32>(src, 24);
  let q6 = load<u32>(src, 12);
  let q7 = load<u32>(src, 28);
  let t: u32;

  // 8x8 bit transpose between the word index j and the bit index inside each
  // byte: afterwards q[i] holds bit i of every byte at position 8 r + j.
  t = swapTerm(q0, q1, 0x55555555, 1); q1 ^= t; q0 ^= t << 1;
  t = swapTerm(q2, q3, 0x55555555, 1); q3 ^= t; q2 ^= t << 1;
  t = swapTerm(q4, q5, 0x55555555, 1); q5 ^= t; q4 ^= t << 1;
  t = swapTerm(q6, q7, 0x55555555, 1); q7 ^= t; q6 ^= t << 1;
  t = swapTerm(q0, q2, 0x33333333, 2); q2 ^= t; q0 ^= t << 2;
  t = swapTerm(q1, q3, 0x33333333, 2); q3 ^= t; q1 ^= t << 2;
  t = swapTerm(q4, q6, 0x33333333, 2); q6 ^= t; q4 ^= t << 2;
  t = swapTerm(q5, q7, 0x33333333, 2); q7 ^= t; q5 ^= t << 2;
  t = swapTerm(q0, q4, 0x0f0f0f0f, 4); q4 ^= t; q0 ^= t << 4;
  t = swapTerm(q1, q5, 0x0f0f0f0f, 4); q5 ^= t; q1 ^= t << 4;
  t = swapTerm(q2, q6, 0x0f0f0f0f, 4); q6 ^= t; q2 ^= t << 4;
  t = swapTerm(q3, q7, 0x0f0f0f0f, 4); q7 ^= t; q3 ^= t << 4;

  // FIPS 197 §5.1.4: AddRoundKey with the cipher key before round 1.
  q0 ^= load<u32>(rk, 0);
  q1 ^= load<u32>(rk, 4);
  q2 ^= load<u32>(rk, 8);
  q3 ^= load<u32>(rk, 12);
  q4 ^= load<u32>(rk, 16);
  q5 ^= load<u32>(rk, 20);
  q6 ^= load<u32>(rk, 24);
  q7 ^= load<u32>(rk, 28);

  for (let r: u32 = 1; r <= nr; r++) {
    // SubBytes (FIPS 197 §5.1.1): the Boyar-Peralta circuit, gate for gate,
    // with the paper's names; its input x0 and output s0 are the most
    // significant bits (q7).
    const x0 = q7, x1 = q6, x2 = q5, x3 = q4, x4 = q3, x5 = q2, x6 = q1, x7 = q0;
    // Top linear layer: 23 XOR.
    const y14 = x3 ^ x5, y13 = x0 ^ x6, y9 = x0 ^ x3, y8 = x0 ^ x5, t0 = x1 ^ x2;
    const y1 = t0 ^ x7, y4 = y1 ^ x3, y12 = y13 ^ y14, y2 = y1 ^ x0, y5 = y1 ^ x6;
    const y3 = y5 ^ y8, t1 = x4 ^ y12, y15 = t1 ^ x5, y20 = t1 ^ x1, y6 = y15 ^ x7;
    const y10 = y15 ^ t0, y11 = y20 ^ y9, y7 = x7 ^ y11, y17 = y10 ^ y11, y19 = y10 ^ y8;
    const y16 = t0 ^ y11, y21 = y13 ^ y16, y18 = x0 ^ y16;
    // Non-linear middle: inversion in GF(2^8) through GF(2^4); 32 AND.
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
    // Bottom linear layer: 30 XOR; the four XNORs of s1, s2, s6, s7 are plain
    // XORs here (their constant 0x63 lives in the round keys, see the header).
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

    // MixColumns (FIPS 197 §5.1.3) in its fixsliced form MC_m, m = r mod 4;
    // the last round has none. Per bit plane: out = 2.t ^ rho(x) ^ rho^2(t)
    // with t = x ^ rho(x); doubling (xtime) moves plane i to i+1 and folds
    // plane 7 into planes 0, 1, 3 and 4 (0x1b).
    if (r != nr) {
      // Word by word, keeping only s7 and the previous s alive: fewer
      // registers, which matters on V8 and on rv32 alike.
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
    const k = rk + (<usize>r << 5);
    q0 ^= load<u32>(k, 0);
    q1 ^= load<u32>(k, 4);
    q2 ^= load<u32>(k, 8);
    q3 ^= load<u32>(k, 12);
    q4 ^= load<u32>(k, 16);
    q5 ^= load<u32>(k, 20);
    q6 ^= load<u32>(k, 24);
    q7 ^= load<u32>(k, 28);
  }

  // S_Nr = SR^Nr(X_Nr) and Nr = 2 (mod 4) for AES-128 and AES-256. For the
  // one-round call of subWord() only row 0 matters, which SR never moves.
  q0 = shiftRows2(q0);
  q1 = shiftRows2(q1);
  q2 = shiftRows2(q2);
  q3 = shiftRows2(q3);
  q4 = shiftRows2(q4);
  q5 = shiftRows2(q5);
  q6 = shiftRows2(q6);
  q7 = shiftRows2(q7);

  // The transpose is its own inverse.
  t = swapTerm(q0, q1, 0x55555555, 1); q1 ^= t; q0 ^= t << 1;
  t = swapTerm(q2, q3, 0x55555555, 1); q3 ^= t; q2 ^= t << 1;
  t = swapTerm(q4, q5, 0x55555555, 1); q5 ^= t; q4 ^= t << 1;
  t = swapTerm(q6, q7, 0x55555555, 1); q7 ^= t; q6 ^= t << 1;
  t = swapTerm(q0, q2, 0x33333333, 2); q2 ^= t; q0 ^= t << 2;
  t = swapTerm(q1, q3, 0x33333333, 2); q3 ^= t; q1 ^= t << 2;
  t = swapTerm(q4, q6, 0x33333333, 2); q6 ^= t; q4 ^= t << 2;
  t = swapTerm(q5, q7, 0x33333333, 2); q7 ^= t; q5 ^= t << 2;
  t = swapTerm(q0, q4, 0x0f0f0f0f, 4); q4 ^= t; q0 ^= t << 4;
  t = swapTerm(q1, q5, 0x0f0f0f0f, 4); q5 ^= t; q1 ^= t << 4;
  t = swapTerm(q2, q6, 0x0f0f0f0f, 4); q6 ^= t; q2 ^= t << 4;
  t = swapTerm(q3, q7, 0x0f0f0f0f, 4); q7 ^= t; q3 ^= t << 4;

  store<u32>(dst, q0, 0);
  store<u32>(dst, q1, 16);
  store<u32>(dst, q2, 4);
  store<u32>(dst, q3, 20);
  store<u32>(dst, q4, 8);
  store<u32>(dst, q5, 24);
  store<u32>(dst, q6, 12);
  store<u32>(dst, q7, 28);
}

/**
 * FIPS 197 §5.2 SubWord on the little-endian word x (secret), without a
 * table: the word's bytes go to row 0 of a block (bytes 0, 4, 8, 12), and one
 * round with zero round keys applies the S-box circuit (without its 0x63,
 * added back here); row 0 is never moved by ShiftRows and the last round has
 * no MixColumns, so those bytes come out as S(x_i).
 */
function subWord(x: u32): u32 {
  const p = subWordBlock;
  store<u32>(p, x & 0xff, 0);
  store<u32>(p, (x >> 8) & 0xff, 4);
  store<u32>(p, (x >> 16) & 0xff, 8);
  store<u32>(p, x >> 24, 12);
  aesEncrypt2(zeroRoundKeys, 1, p, p);
  const y = (load<u32>(p, 0) & 0xff)
    | ((load<u32>(p, 4) & 0xff) << 8)
    | ((load<u32>(p, 8) & 0xff) << 16)
    | ((load<u32>(p, 12) & 0xff) << 24);
  memory.fill(p, 0, 32);
  return y ^ 0x63636363;
}

/**
 * Expands the key at key (keyLen bytes: 16 for AES-128, 32 for AES-256;
 * public) into the fixsliced round keys at rk (AES_RK_SIZE bytes). Returns
 * the number of rounds (10 or 14), or 0 for any other key length (nothing
 * written then). The key and the round keys are secret.
 *
 * Round key r is stored as SR^-r(K_r) in the bitsliced layout, both block
 * slots holding the same key; for r >= 1 it also carries the S-box constant
 * 0x63 (bit planes 0, 1, 5 and 6 inverted).
 */
export function aesExpandKey(rk: usize, key: usize, keyLen: u32): u32 {
  if (keyLen != 16 && keyLen != 32) return 0;
  const nk = keyLen >> 2;
  const nr = nk + 6;
  const total = (nr + 1) << 2;
  const w = scheduleWords;

  // FIPS 197 §5.2 KeyExpansion, words little-endian: RotWord is a rotation
  // right by 8 and Rcon sits in the low byte. i, nk and rcon are public.
  for (let i: u32 = 0; i < nk; i++) store<u32>(w + (i << 2), load<u32>(key + (i << 2)));
  let rcon: u32 = 1;
  for (let i: u32 = nk; i < total; i++) {
    let x = load<u32>(w + ((i - 1) << 2));
    if (i % nk == 0) {
      x = subWord(rotr<u32>(x, 8)) ^ rcon;
      rcon = ((rcon << 1) ^ ((rcon >> 7) * 0x11b)) & 0xff;
    } else if (nk == 8 && i % nk == 4) {
      x = subWord(x);
    }
    store<u32>(w + (i << 2), load<u32>(w + ((i - nk) << 2)) ^ x);
  }

  for (let r: u32 = 0; r <= nr; r++) {
    // SR^-r: byte (row, c) of the stored key is byte (row, c - r.row) of
    // K_r. The shifts depend on r and the row only, which are public.
    const c0 = load<u32>(w + (r << 4), 0);
    const c1 = load<u32>(w + (r << 4), 4);
    const c2 = load<u32>(w + (r << 4), 8);
    const c3 = load<u32>(w + (r << 4), 12);
    let d0: u32 = 0, d1: u32 = 0, d2: u32 = 0, d3: u32 = 0;
    for (let row: u32 = 0; row < 4; row++) {
      const mask: u32 = 0xff << (row << 3);
      const s = (r * row) & 3;
      // Column c takes its byte from column (c - s) mod 4.
      const a0 = c0 & mask, a1 = c1 & mask, a2 = c2 & mask, a3 = c3 & mask;
      if (s == 0) { d0 |= a0; d1 |= a1; d2 |= a2; d3 |= a3; }
      else if (s == 1) { d0 |= a3; d1 |= a0; d2 |= a1; d3 |= a2; }
      else if (s == 2) { d0 |= a2; d1 |= a3; d2 |= a0; d3 |= a1; }
      else { d0 |= a1; d1 |= a2; d2 |= a3; d3 |= a0; }
    }
    let q0 = d0, q1 = d0, q2 = d1, q3 = d1, q4 = d2, q5 = d2, q6 = d3, q7 = d3;
    let t: u32;
    t = swapTerm(q0, q1, 0x55555555, 1); q1 ^= t; q0 ^= t << 1;
    t = swapTerm(q2, q3, 0x55555555, 1); q3 ^= t; q2 ^= t << 1;
    t = swapTerm(q4, q5, 0x55555555, 1); q5 ^= t; q4 ^= t << 1;
    t = swapTerm(q6, q7, 0x55555555, 1); q7 ^= t; q6 ^= t << 1;
    t = swapTerm(q0, q2, 0x33333333, 2); q2 ^= t; q0 ^= t << 2;
    t = swapTerm(q1, q3, 0x33333333, 2); q3 ^= t; q1 ^= t << 2;
    t = swapTerm(q4, q6, 0x33333333, 2); q6 ^= t; q4 ^= t << 2;
    t = swapTerm(q5, q7, 0x33333333, 2); q7 ^= t; q5 ^= t << 2;
    t = swapTerm(q0, q4, 0x0f0f0f0f, 4); q4 ^= t; q0 ^= t << 4;
    t = swapTerm(q1, q5, 0x0f0f0f0f, 4); q5 ^= t; q1 ^= t << 4;
    t = swapTerm(q2, q6, 0x0f0f0f0f, 4); q6 ^= t; q2 ^= t << 4;
    t = swapTerm(q3, q7, 0x0f0f0f0f, 4); q7 ^= t; q3 ^= t << 4;
    // 0 - min(r, 1): all ones from round 1 on (r is public).
    const c: u32 = 0 - <u32>(r != 0);
    const k = rk + (r << 5);
    store<u32>(k, q0 ^ c, 0);
    store<u32>(k, q1 ^ c, 4);
    store<u32>(k, q2, 8);
    store<u32>(k, q3, 12);
    store<u32>(k, q4, 16);
    store<u32>(k, q5 ^ c, 20);
    store<u32>(k, q6 ^ c, 24);
    store<u32>(k, q7, 28);
  }
  memory.fill(w, 0, 240);
  return nr;
}
