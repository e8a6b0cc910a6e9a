// AES-128 and AES-256 encryption (FIPS 197), constant-time, fixsliced, two
// blocks per call on eight u32 words.
//
// Variant: the bitsliced representation with "fixslicing" of Adomnicai and
// Peyrin, "Fixslicing AES-like ciphers" (TCHES 2021, issue 1): ShiftRows is
// never computed inside the rounds; each round instead uses one of four
// variants of MixColumns, and the round keys carry the ShiftRows powers. The
// S-box is the 113-gate circuit of Boyar and Peralta ("A new combinational
// logic minimization technique with applications to cryptology", SEA 2010;
// "A depth-16 circuit for the AES S-box", 2011): 32 AND and 81 XOR/XNOR gates
// on whole words, so each gate works on 32 bytes at once.
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

/** Rotates each byte of x right by 2 bits (column c+1 lands on column c). */
@inline function byteRotR2(x: u32): u32 {
  return ((x >> 2) & 0x3f3f3f3f) | ((x << 6) & 0xc0c0c0c0);
}

/** Rotates each byte of x by 4 bits (columns move by two). */
@inline function byteRotR4(x: u32): u32 {
  return ((x >> 4) & 0x0f0f0f0f) | ((x << 4) & 0xf0f0f0f0);
}

/** Rotates each byte of x right by 6 bits (column c+3 lands on column c). */
@inline function byteRotR6(x: u32): u32 {
  return ((x >> 6) & 0x03030303) | ((x << 2) & 0xfcfcfcfc);
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
    // SubBytes (FIPS 197 §5.1.1): Boyar-Peralta circuit, U0 is the most
    // significant bit (q7), S0 the most significant output bit.
    // Top linear layer.
    const u0 = q7, u1 = q6, u2 = q5, u3 = q4, u4 = q3, u5 = q2, u6 = q1, u7 = q0;
    const t1 = u0 ^ u3, t2 = u0 ^ u5, t3 = u0 ^ u6, t4 = u3 ^ u5, t5 = u4 ^ u6;
    const t6 = t1 ^ t5, t7 = u1 ^ u2, t8 = u7 ^ t6, t9 = u7 ^ t7, t10 = t6 ^ t7;
    const t11 = u1 ^ u5, t12 = u2 ^ u5, t13 = t3 ^ t4, t14 = t6 ^ t11, t15 = t5 ^ t11;
    const t16 = t5 ^ t12, t17 = t9 ^ t16, t18 = u3 ^ u7, t19 = t7 ^ t18, t20 = t1 ^ t19;
    const t21 = u6 ^ u7, t22 = t7 ^ t21, t23 = t2 ^ t22, t24 = t2 ^ t10, t25 = t20 ^ t17;
    const t26 = t3 ^ t16, t27 = t1 ^ t12;
    // Shared non-linear middle: inversion in GF(2^4)^2.
    const m1 = t13 & t6, m2 = t23 & t8, m3 = t14 ^ m1, m4 = t19 & u7, m5 = m4 ^ m1;
    const m6 = t3 & t16, m7 = t22 & t9, m8 = t26 ^ m6, m9 = t20 & t17, m10 = m9 ^ m6;
    const m11 = t1 & t15, m12 = t4 & t27, m13 = m12 ^ m11, m14 = t2 & t10, m15 = m14 ^ m11;
    const m16 = m3 ^ m2, m17 = m5 ^ t24, m18 = m8 ^ m7, m19 = m10 ^ m15, m20 = m16 ^ m13;
    const m21 = m17 ^ m15, m22 = m18 ^ m13, m23 = m19 ^ t25, m24 = m22 ^ m23, m25 = m22 & m20;
    const m26 = m21 ^ m25, m27 = m20 ^ m21, m28 = m23 ^ m25, m29 = m28 & m27, m30 = m26 & m24;
    const m31 = m20 & m23, m32 = m27 & m31, m33 = m27 ^ m25, m34 = m21 & m22, m35 = m24 & m34;
    const m36 = m24 ^ m25, m37 = m21 ^ m29, m38 = m32 ^ m33, m39 = m23 ^ m30, m40 = m35 ^ m36;
    const m41 = m38 ^ m40, m42 = m37 ^ m39, m43 = m37 ^ m38, m44 = m39 ^ m40, m45 = m42 ^ m41;
    const m46 = m44 & t6, m47 = m40 & t8, m48 = m39 & u7, m49 = m43 & t16, m50 = m38 & t9;
    const m51 = m37 & t17, m52 = m42 & t15, m53 = m45 & t27, m54 = m41 & t10, m55 = m44 & t13;
    const m56 = m40 & t23, m57 = m39 & t19, m58 = m43 & t3, m59 = m38 & t22, m60 = m37 & t20;
    const m61 = m42 & t1, m62 = m45 & t4, m63 = m41 & t2;
    // Bottom linear layer (XNORs dropped, see the header).
    const l0 = m61 ^ m62, l1 = m50 ^ m56, l2 = m46 ^ m48, l3 = m47 ^ m55, l4 = m54 ^ m58;
    const l5 = m49 ^ m61, l6 = m62 ^ l5, l7 = m46 ^ l3, l8 = m51 ^ m59, l9 = m52 ^ m53;
    const l10 = m53 ^ l4, l11 = m60 ^ l2, l12 = m48 ^ m51, l13 = m50 ^ l0, l14 = m52 ^ m61;
    const l15 = m55 ^ l1, l16 = m56 ^ l0, l17 = m57 ^ l1, l18 = m58 ^ l8, l19 = m63 ^ l4;
    const l20 = l0 ^ l1, l21 = l1 ^ l7, l22 = l3 ^ l12, l23 = l18 ^ l2, l24 = l15 ^ l9;
    const l25 = l6 ^ l10, l26 = l7 ^ l9, l27 = l8 ^ l10, l28 = l11 ^ l14, l29 = l11 ^ l17;
    q7 = l6 ^ l24;
    q6 = l16 ^ l26;
    q5 = l19 ^ l28;
    q4 = l6 ^ l21;
    q3 = l20 ^ l22;
    q2 = l25 ^ l29;
    q1 = l13 ^ l27;
    q0 = l6 ^ l23;

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
