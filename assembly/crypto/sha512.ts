// SHA-512, FIPS 180-4 §6.4 (functions §4.1.3, constants §4.2.3, initial
// hash value §5.3.5, padding §5.1.2). Also the core of SHA-384 (§6.5), which
// only changes the initial value and truncates the output (sha384.ts).
//
// Variant: 64-bit words (the algorithm is defined on them; on 32-bit cores
// the compiler splits them), the 80-word schedule kept as a rolling window
// of 16 locals, rounds unrolled by 16 with a..h renamed instead of moved.
//
// Secrets and timing: the message and the chaining state may be secret.
// Nothing branches on them or uses them as an address; the only branches are
// on lengths, which are public.
//
// Context (SHA512_CTX_SIZE = 200 bytes, caller-owned):
//   0   H0..H7, 8 x u64 (native order)
//   64  u64 number of bytes absorbed so far (the 128-bit bit length of §5.1.2
//       is derived from it; 2^64 bytes is beyond any input here)
//   72  128-byte block buffer (the first count % 128 bytes are pending input)
import { wipe } from "./ct";

export const SHA512_CTX_SIZE: usize = 200;
export const SHA512_DIGEST_SIZE: u32 = 64;
export const SHA512_BLOCK_SIZE: u32 = 128;

const COUNT: usize = 64;
const BUF: usize = 72;

// §4.2.3: the first 64 bits of the fractional parts of the cube roots of the
// first 80 primes.
const K = memory.data<u64>([
  0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
  0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
  0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
  0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
  0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
  0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
  0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
  0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
  0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
  0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
  0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
  0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
  0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
  0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
  0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
  0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
  0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
  0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
  0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
  0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
]);

// §4.1.3 (4.8)-(4.13); Ch and Maj in a shorter but equal form.
@inline function ch(x: u64, y: u64, z: u64): u64 { return z ^ (x & (y ^ z)); }
@inline function maj(x: u64, y: u64, z: u64): u64 { return (x & y) | (z & (x | y)); }
@inline function bigSigma0(x: u64): u64 { return rotr<u64>(x, 28) ^ rotr<u64>(x, 34) ^ rotr<u64>(x, 39); }
@inline function bigSigma1(x: u64): u64 { return rotr<u64>(x, 14) ^ rotr<u64>(x, 18) ^ rotr<u64>(x, 41); }
@inline function smallSigma0(x: u64): u64 { return rotr<u64>(x, 1) ^ rotr<u64>(x, 8) ^ (x >>> 7); }
@inline function smallSigma1(x: u64): u64 { return rotr<u64>(x, 19) ^ rotr<u64>(x, 61) ^ (x >>> 6); }

/**
 * §6.4.2: absorbs `blocks` whole 128-byte blocks at `data` into the state H
 * at `ctx`, keeping the state in locals and storing it once per block.
 */
export function sha512Blocks(ctx: usize, data: usize, blocks: usize): void {
  let a = load<u64>(ctx, 0), b = load<u64>(ctx, 8), c = load<u64>(ctx, 16), d = load<u64>(ctx, 24);
  let e = load<u64>(ctx, 32), f = load<u64>(ctx, 40), g = load<u64>(ctx, 48), h = load<u64>(ctx, 56);
  for (let n: usize = 0; n < blocks; n++, data += 128) {
    let w0 = bswap<u64>(load<u64>(data, 0)), w1 = bswap<u64>(load<u64>(data, 8));
    let w2 = bswap<u64>(load<u64>(data, 16)), w3 = bswap<u64>(load<u64>(data, 24));
    let w4 = bswap<u64>(load<u64>(data, 32)), w5 = bswap<u64>(load<u64>(data, 40));
    let w6 = bswap<u64>(load<u64>(data, 48)), w7 = bswap<u64>(load<u64>(data, 56));
    let w8 = bswap<u64>(load<u64>(data, 64)), w9 = bswap<u64>(load<u64>(data, 72));
    let w10 = bswap<u64>(load<u64>(data, 80)), w11 = bswap<u64>(load<u64>(data, 88));
    let w12 = bswap<u64>(load<u64>(data, 96)), w13 = bswap<u64>(load<u64>(data, 104));
    let w14 = bswap<u64>(load<u64>(data, 112)), w15 = bswap<u64>(load<u64>(data, 120));
    // Five passes of 16 rounds; after each of the first four, the window is
    // replaced by the next 16 schedule words W[t] (§6.4.2 step 1).
    for (let k = K; ; k += 128) {
      h += bigSigma1(e) + ch(e, f, g) + load<u64>(k, 0) + w0; d += h; h += bigSigma0(a) + maj(a, b, c);
      g += bigSigma1(d) + ch(d, e, f) + load<u64>(k, 8) + w1; c += g; g += bigSigma0(h) + maj(h, a, b);
      f += bigSigma1(c) + ch(c, d, e) + load<u64>(k, 16) + w2; b += f; f += bigSigma0(g) + maj(g, h, a);
      e += bigSigma1(b) + ch(b, c, d) + load<u64>(k, 24) + w3; a += e; e += bigSigma0(f) + maj(f, g, h);
      d += bigSigma1(a) + ch(a, b, c) + load<u64>(k, 32) + w4; h += d; d += bigSigma0(e) + maj(e, f, g);
      c += bigSigma1(h) + ch(h, a, b) + load<u64>(k, 40) + w5; g += c; c += bigSigma0(d) + maj(d, e, f);
      b += bigSigma1(g) + ch(g, h, a) + load<u64>(k, 48) + w6; f += b; b += bigSigma0(c) + maj(c, d, e);
      a += bigSigma1(f) + ch(f, g, h) + load<u64>(k, 56) + w7; e += a; a += bigSigma0(b) + maj(b, c, d);
      h += bigSigma1(e) + ch(e, f, g) + load<u64>(k, 64) + w8; d += h; h += bigSigma0(a) + maj(a, b, c);
      g += bigSigma1(d) + ch(d, e, f) + load<u64>(k, 72) + w9; c += g; g += bigSigma0(h) + maj(h, a, b);
      f += bigSigma1(c) + ch(c, d, e) + load<u64>(k, 80) + w10; b += f; f += bigSigma0(g) + maj(g, h, a);
      e += bigSigma1(b) + ch(b, c, d) + load<u64>(k, 88) + w11; a += e; e += bigSigma0(f) + maj(f, g, h);
      d += bigSigma1(a) + ch(a, b, c) + load<u64>(k, 96) + w12; h += d; d += bigSigma0(e) + maj(e, f, g);
      c += bigSigma1(h) + ch(h, a, b) + load<u64>(k, 104) + w13; g += c; c += bigSigma0(d) + maj(d, e, f);
      b += bigSigma1(g) + ch(g, h, a) + load<u64>(k, 112) + w14; f += b; b += bigSigma0(c) + maj(c, d, e);
      a += bigSigma1(f) + ch(f, g, h) + load<u64>(k, 120) + w15; e += a; a += bigSigma0(b) + maj(b, c, d);
      if (k == K + 512) break;
      w0 += smallSigma1(w14) + w9 + smallSigma0(w1);
      w1 += smallSigma1(w15) + w10 + smallSigma0(w2);
      w2 += smallSigma1(w0) + w11 + smallSigma0(w3);
      w3 += smallSigma1(w1) + w12 + smallSigma0(w4);
      w4 += smallSigma1(w2) + w13 + smallSigma0(w5);
      w5 += smallSigma1(w3) + w14 + smallSigma0(w6);
      w6 += smallSigma1(w4) + w15 + smallSigma0(w7);
      w7 += smallSigma1(w5) + w0 + smallSigma0(w8);
      w8 += smallSigma1(w6) + w1 + smallSigma0(w9);
      w9 += smallSigma1(w7) + w2 + smallSigma0(w10);
      w10 += smallSigma1(w8) + w3 + smallSigma0(w11);
      w11 += smallSigma1(w9) + w4 + smallSigma0(w12);
      w12 += smallSigma1(w10) + w5 + smallSigma0(w13);
      w13 += smallSigma1(w11) + w6 + smallSigma0(w14);
      w14 += smallSigma1(w12) + w7 + smallSigma0(w15);
      w15 += smallSigma1(w13) + w8 + smallSigma0(w0);
    }
    // §6.4.2 step 4: add the block's result to the previous hash value.
    a += load<u64>(ctx, 0); b += load<u64>(ctx, 8); c += load<u64>(ctx, 16); d += load<u64>(ctx, 24);
    e += load<u64>(ctx, 32); f += load<u64>(ctx, 40); g += load<u64>(ctx, 48); h += load<u64>(ctx, 56);
    store<u64>(ctx, a, 0); store<u64>(ctx, b, 8); store<u64>(ctx, c, 16); store<u64>(ctx, d, 24);
    store<u64>(ctx, e, 32); store<u64>(ctx, f, 40); store<u64>(ctx, g, 48); store<u64>(ctx, h, 56);
  }
}

/**
 * Starts a hash from the initial value H0..H7 given as arguments: §5.3.5 for
 * SHA-512, §5.3.4 for SHA-384 (sha384.ts).
 */
export function sha512Start(
  ctx: usize, h0: u64, h1: u64, h2: u64, h3: u64, h4: u64, h5: u64, h6: u64, h7: u64,
): void {
  wipe(ctx, SHA512_CTX_SIZE);
  store<u64>(ctx, h0, 0); store<u64>(ctx, h1, 8); store<u64>(ctx, h2, 16); store<u64>(ctx, h3, 24);
  store<u64>(ctx, h4, 32); store<u64>(ctx, h5, 40); store<u64>(ctx, h6, 48); store<u64>(ctx, h7, 56);
}

/** §5.3.5: starts a new SHA-512 hash in the 200-byte context at ctx. */
export function sha512Init(ctx: usize): void {
  sha512Start(ctx,
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179);
}

/**
 * Absorbs len bytes at data (secret content, public length), in any split:
 * whole blocks are hashed straight from data, a partial one is buffered.
 */
export function sha512Update(ctx: usize, data: usize, len: usize): void {
  const count = load<u64>(ctx, COUNT);
  store<u64>(ctx, count + <u64>len, COUNT);
  const buf = ctx + BUF;
  const used = <usize>(<u32>count & 127);
  if (used != 0) {
    const room: usize = 128 - used;
    if (len < room) {
      memory.copy(buf + used, data, len);
      return;
    }
    memory.copy(buf + used, data, room);
    sha512Blocks(ctx, buf, 1);
    data += room;
    len -= room;
  }
  const blocks = len >> 7;
  if (blocks != 0) sha512Blocks(ctx, data, blocks);
  memory.copy(buf, data + (blocks << 7), len & 127);
}

/**
 * §5.1.2 padding, then writes the first `words` 64-bit words of H to out,
 * big-endian (8 for SHA-512, 6 for SHA-384: §6.5 step 4), and wipes the
 * context.
 */
export function sha512Finish(ctx: usize, out: usize, words: usize): void {
  const count = load<u64>(ctx, COUNT);
  const buf = ctx + BUF;
  const used = <usize>(<u32>count & 127);
  store<u8>(buf + used, 0x80);
  // The 128-bit length takes the last 16 bytes of a block; with less room
  // left after the 0x80 byte, the padding spills into one more block.
  if (used >= 112) {
    memory.fill(buf + used + 1, 0, 127 - used);
    sha512Blocks(ctx, buf, 1);
    memory.fill(buf, 0, 112);
  } else {
    memory.fill(buf + used + 1, 0, 111 - used);
  }
  store<u64>(buf, bswap<u64>(count >>> 61), 112);
  store<u64>(buf, bswap<u64>(count << 3), 120);
  sha512Blocks(ctx, buf, 1);
  for (let i: usize = 0; i < words; i++) {
    store<u64>(out + (i << 3), bswap<u64>(load<u64>(ctx + (i << 3))));
  }
  wipe(ctx, SHA512_CTX_SIZE);
}

/** Writes the 64-byte SHA-512 digest to out; the context is wiped after. */
export function sha512Final(ctx: usize, out: usize): void {
  sha512Finish(ctx, out, 8);
}
