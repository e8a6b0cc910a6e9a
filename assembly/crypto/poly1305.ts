// Poly1305 one-time authenticator, RFC 8439 §2.5. 32-bit variant: the
// accumulator h and the clamped key r are five 26-bit limbs, products are
// u32 x u32 -> u64 (one mul + mulhu on rv32imc), reduction uses
// 2^130 = 5 (mod p) so no division ever happens. Constant-time: the work
// depends only on the message length, and the final reduction below p picks
// its result with a mask, not a branch.
//
// Secret: the 32-byte one-time key (r, s), the accumulator and the message.
// Public: lengths and how many bytes are buffered.
//
// Context layout (POLY1305_CTX_SIZE bytes, caller-owned):
//   R    5 u32   r in 26-bit limbs, clamped (§2.5)
//   S    4 u32   s, added at the end
//   H    5 u32   accumulator in 26-bit limbs (limb 1 may carry one extra bit)
//   BUF  16 B    a block not yet complete when the last update returned
//   FILL u32     bytes in BUF (0-15)

const R: usize = 0;
const S: usize = 20;
const H: usize = 36;
const BUF: usize = 56;
const FILL: usize = 72;
export const POLY1305_CTX_SIZE: u32 = 80;

const M26: u32 = 0x3ffffff;
// §2.5: every full 16-byte block gets 2^128 added, i.e. bit 24 of limb 4.
const HIBIT: u32 = 1 << 24;

/** Sets up ctx with the one-time key (32 bytes, secret): r = key[0..16) clamped, s = key[16..32). */
export function poly1305Init(ctx: usize, key: usize): void {
  const k0 = load<u32>(key, 0), k1 = load<u32>(key, 4), k2 = load<u32>(key, 8), k3 = load<u32>(key, 12);
  // §2.5 clamp r &= 0x0ffffffc0ffffffc0ffffffc0fffffff, folded into the
  // split into 26-bit limbs (each mask is the clamp seen through its limb).
  store<u32>(ctx, k0 & 0x3ffffff, R + 0);
  store<u32>(ctx, ((k0 >>> 26) | (k1 << 6)) & 0x3ffff03, R + 4);
  store<u32>(ctx, ((k1 >>> 20) | (k2 << 12)) & 0x3ffc0ff, R + 8);
  store<u32>(ctx, ((k2 >>> 14) | (k3 << 18)) & 0x3f03fff, R + 12);
  store<u32>(ctx, (k3 >>> 8) & 0x00fffff, R + 16);
  store<u32>(ctx, load<u32>(key, 16), S + 0);
  store<u32>(ctx, load<u32>(key, 20), S + 4);
  store<u32>(ctx, load<u32>(key, 24), S + 8);
  store<u32>(ctx, load<u32>(key, 28), S + 12);
  memory.fill(ctx + H, 0, 20);
  store<u32>(ctx, 0, FILL);
}

/**
 * h = (h + block) * r mod p for each 16-byte block of m[0..len), len a
 * multiple of 16 (public). hibit is HIBIT for the §2.5 "one bit beyond" of
 * a full block, or 0 for a final short block already padded with 0x01.
 * h and r stay in locals for the whole run; memory is touched once each side.
 */
function blocks(ctx: usize, m: usize, len: usize, hibit: u32): void {
  const r0 = load<u32>(ctx, R + 0), r1 = load<u32>(ctx, R + 4), r2 = load<u32>(ctx, R + 8);
  const r3 = load<u32>(ctx, R + 12), r4 = load<u32>(ctx, R + 16);
  // Limbs above 2^130 fold back times 5 (2^130 = 5 mod p).
  const s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
  let h0 = load<u32>(ctx, H + 0), h1 = load<u32>(ctx, H + 4), h2 = load<u32>(ctx, H + 8);
  let h3 = load<u32>(ctx, H + 12), h4 = load<u32>(ctx, H + 16);

  const end = m + len;
  while (m < end) {
    // Four aligned word loads, split into 26-bit limbs in registers:
    // unaligned loads at m+3, m+6, m+9 would be slow or trap on lx106/rv32.
    const w0 = load<u32>(m, 0), w1 = load<u32>(m, 4), w2 = load<u32>(m, 8), w3 = load<u32>(m, 12);
    h0 += w0 & M26;
    h1 += ((w0 >>> 26) | (w1 << 6)) & M26;
    h2 += ((w1 >>> 20) | (w2 << 12)) & M26;
    h3 += ((w2 >>> 14) | (w3 << 18)) & M26;
    h4 += (w3 >>> 8) | hibit;

    // Schoolbook h * r with the high half pre-folded by 5. Each limb of h is
    // below 2^27 and each s_i below 2^29, so five products sum below 2^59.
    const d0 = <u64>h0 * r0 + <u64>h1 * s4 + <u64>h2 * s3 + <u64>h3 * s2 + <u64>h4 * s1;
    let d1 = <u64>h0 * r1 + <u64>h1 * r0 + <u64>h2 * s4 + <u64>h3 * s3 + <u64>h4 * s2;
    let d2 = <u64>h0 * r2 + <u64>h1 * r1 + <u64>h2 * r0 + <u64>h3 * s4 + <u64>h4 * s3;
    let d3 = <u64>h0 * r3 + <u64>h1 * r2 + <u64>h2 * r1 + <u64>h3 * r0 + <u64>h4 * s4;
    let d4 = <u64>h0 * r4 + <u64>h1 * r3 + <u64>h2 * r2 + <u64>h3 * r1 + <u64>h4 * r0;

    // Partial reduction: carry each limb into the next, the top one back
    // into h0 times 5. h ends below 2^130 + a little, which is enough for
    // the next block; the full reduction waits for poly1305Finish.
    let c = <u32>(d0 >> 26); h0 = <u32>d0 & M26;
    d1 += c; c = <u32>(d1 >> 26); h1 = <u32>d1 & M26;
    d2 += c; c = <u32>(d2 >> 26); h2 = <u32>d2 & M26;
    d3 += c; c = <u32>(d3 >> 26); h3 = <u32>d3 & M26;
    d4 += c; c = <u32>(d4 >> 26); h4 = <u32>d4 & M26;
    h0 += c * 5; c = h0 >>> 26; h0 &= M26;
    h1 += c;
    m += 16;
  }

  store<u32>(ctx, h0, H + 0); store<u32>(ctx, h1, H + 4); store<u32>(ctx, h2, H + 8);
  store<u32>(ctx, h3, H + 12); store<u32>(ctx, h4, H + 16);
}

/**
 * Absorbs len bytes of message (secret; len public). Any chunking gives the
 * same tag: a short tail waits in BUF for the next call.
 */
export function poly1305Update(ctx: usize, m: usize, len: usize): void {
  let fill = <usize>load<u32>(ctx, FILL);
  if (fill > 0) {
    let take: usize = 16 - fill;
    if (take > len) take = len;
    memory.copy(ctx + BUF + fill, m, take);
    fill += take; m += take; len -= take;
    if (fill < 16) {
      store<u32>(ctx, <u32>fill, FILL);
      return;
    }
    blocks(ctx, ctx + BUF, 16, HIBIT);
  }
  const whole = len & ~(<usize>15);
  if (whole > 0) blocks(ctx, m, whole, HIBIT);
  fill = len - whole;
  memory.copy(ctx + BUF, m + whole, fill);
  store<u32>(ctx, <u32>fill, FILL);
}

/**
 * RFC 8439 §2.8 pad16: completes a buffered partial block with zero bytes and
 * absorbs it as a full block (with 2^128), so the next input starts on a
 * 16-byte boundary. Does nothing when no partial block is buffered.
 */
export function poly1305Pad16(ctx: usize): void {
  const fill = <usize>load<u32>(ctx, FILL);
  if (fill > 0) {
    memory.fill(ctx + BUF + fill, 0, 16 - fill);
    blocks(ctx, ctx + BUF, 16, HIBIT);
    store<u32>(ctx, 0, FILL);
  }
}

/**
 * Writes the 16-byte tag (§2.5: (h mod p) + s mod 2^128, little-endian) to
 * tag and wipes ctx: the key must not be used twice.
 */
export function poly1305Finish(ctx: usize, tag: usize): void {
  const fill = <usize>load<u32>(ctx, FILL);
  if (fill > 0) {
    // §2.5: a short last block gets its "one bit beyond" as a 0x01 byte,
    // then zeros, and no 2^128.
    store<u8>(ctx + BUF + fill, 1);
    memory.fill(ctx + BUF + fill + 1, 0, 15 - fill);
    blocks(ctx, ctx + BUF, 16, 0);
  }

  let h0 = load<u32>(ctx, H + 0), h1 = load<u32>(ctx, H + 4), h2 = load<u32>(ctx, H + 8);
  let h3 = load<u32>(ctx, H + 12), h4 = load<u32>(ctx, H + 16);

  // Full carry: every limb below 2^26, h below 2^130 + 5 * small.
  let c = h1 >>> 26; h1 &= M26;
  h2 += c; c = h2 >>> 26; h2 &= M26;
  h3 += c; c = h3 >>> 26; h3 &= M26;
  h4 += c; c = h4 >>> 26; h4 &= M26;
  h0 += c * 5; c = h0 >>> 26; h0 &= M26;
  h1 += c;

  // g = h + 5 - 2^130 = h - p. If it did not borrow (h >= p), g is h mod p.
  // The borrow is bit 31 of g4; turning it into a mask keeps the choice out
  // of branches (RFC 8439 §3 asks for constant time, and h is secret).
  let g0 = h0 + 5; c = g0 >>> 26; g0 &= M26;
  let g1 = h1 + c; c = g1 >>> 26; g1 &= M26;
  let g2 = h2 + c; c = g2 >>> 26; g2 &= M26;
  let g3 = h3 + c; c = g3 >>> 26; g3 &= M26;
  let g4 = h4 + c - (1 << 26);
  const takeG = (g4 >>> 31) - 1; // mask: all ones when h >= p
  const keepH = ~takeG;
  h0 = (h0 & keepH) | (g0 & takeG);
  h1 = (h1 & keepH) | (g1 & takeG);
  h2 = (h2 & keepH) | (g2 & takeG);
  h3 = (h3 & keepH) | (g3 & takeG);
  h4 = (h4 & keepH) | (g4 & takeG);

  // Repack into four 32-bit words (h mod 2^128), then add s mod 2^128 with
  // 32-bit carries: carry out of a + b is bit 31 of (a & b) | ((a | b) & ~sum),
  // which needs neither a comparison nor i64 arithmetic.
  const a0 = h0 | (h1 << 26);
  const a1 = (h1 >>> 6) | (h2 << 20);
  const a2 = (h2 >>> 12) | (h3 << 14);
  const a3 = (h3 >>> 18) | (h4 << 8);
  const b0 = load<u32>(ctx, S + 0), b1 = load<u32>(ctx, S + 4);
  const b2 = load<u32>(ctx, S + 8), b3 = load<u32>(ctx, S + 12);
  const t0 = a0 + b0;
  c = ((a0 & b0) | ((a0 | b0) & ~t0)) >>> 31;
  const t1 = a1 + b1 + c;
  c = ((a1 & b1) | ((a1 | b1) & ~t1)) >>> 31;
  const t2 = a2 + b2 + c;
  c = ((a2 & b2) | ((a2 | b2) & ~t2)) >>> 31;
  const t3 = a3 + b3 + c;
  store<u32>(tag, t0, 0); store<u32>(tag, t1, 4); store<u32>(tag, t2, 8); store<u32>(tag, t3, 12);

  memory.fill(ctx, 0, POLY1305_CTX_SIZE);
}
