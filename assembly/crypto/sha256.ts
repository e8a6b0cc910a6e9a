// SHA-256, FIPS 180-4 §6.2 (functions §4.1.2, constants §4.2.2, initial
// hash value §5.3.3, padding §5.1.1).
//
// Variant: 32-bit words, the 64-word message schedule kept as a rolling
// window of 16 locals (§6.2.2 step 1 computed in place, 16 rounds at a time),
// rounds fully unrolled by 16 so no variable ever moves between rounds: each
// round renames a..h instead. Big-endian words are read with bswap<u32>.
//
// Secrets and timing: the message and the chaining state may be secret
// (HMAC keys, TLS secrets). Nothing here branches on them or uses them as an
// address; the only branches are on lengths, which are public.
//
// Context (SHA256_CTX_SIZE = 104 bytes, caller-owned):
//   0   H0..H7, 8 x u32 (native order)
//   32  u64 number of bytes absorbed so far
//   40  64-byte block buffer (the first count % 64 bytes are pending input)
import { wipe } from "./ct";

export const SHA256_CTX_SIZE: usize = 104;
export const SHA256_DIGEST_SIZE: u32 = 32;
export const SHA256_BLOCK_SIZE: u32 = 64;

const COUNT: usize = 32;
const BUF: usize = 40;

// §4.2.2: the first 32 bits of the fractional parts of the cube roots of the
// first 64 primes.
const K = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// §4.1.2 (4.2)-(4.7). Ch and Maj are written with fewer operations than in
// the standard but compute the same functions.
@inline function ch(x: u32, y: u32, z: u32): u32 { return z ^ (x & (y ^ z)); }
@inline function maj(x: u32, y: u32, z: u32): u32 { return (x & y) | (z & (x | y)); }
@inline function bigSigma0(x: u32): u32 { return rotr<u32>(x, 2) ^ rotr<u32>(x, 13) ^ rotr<u32>(x, 22); }
@inline function bigSigma1(x: u32): u32 { return rotr<u32>(x, 6) ^ rotr<u32>(x, 11) ^ rotr<u32>(x, 25); }
@inline function smallSigma0(x: u32): u32 { return rotr<u32>(x, 7) ^ rotr<u32>(x, 18) ^ (x >>> 3); }
@inline function smallSigma1(x: u32): u32 { return rotr<u32>(x, 17) ^ rotr<u32>(x, 19) ^ (x >>> 10); }

/**
 * §6.2.2: absorbs `blocks` whole 64-byte blocks at `data` into the state H at
 * `ctx`. The state lives in locals for the whole run and is stored once per
 * block (wasm2c bounds-checks every memory access).
 */
export function sha256Blocks(ctx: usize, data: usize, blocks: usize): void {
  let a = load<u32>(ctx, 0), b = load<u32>(ctx, 4), c = load<u32>(ctx, 8), d = load<u32>(ctx, 12);
  let e = load<u32>(ctx, 16), f = load<u32>(ctx, 20), g = load<u32>(ctx, 24), h = load<u32>(ctx, 28);
  for (let n: usize = 0; n < blocks; n++, data += 64) {
    let w0 = bswap<u32>(load<u32>(data, 0)), w1 = bswap<u32>(load<u32>(data, 4));
    let w2 = bswap<u32>(load<u32>(data, 8)), w3 = bswap<u32>(load<u32>(data, 12));
    let w4 = bswap<u32>(load<u32>(data, 16)), w5 = bswap<u32>(load<u32>(data, 20));
    let w6 = bswap<u32>(load<u32>(data, 24)), w7 = bswap<u32>(load<u32>(data, 28));
    let w8 = bswap<u32>(load<u32>(data, 32)), w9 = bswap<u32>(load<u32>(data, 36));
    let w10 = bswap<u32>(load<u32>(data, 40)), w11 = bswap<u32>(load<u32>(data, 44));
    let w12 = bswap<u32>(load<u32>(data, 48)), w13 = bswap<u32>(load<u32>(data, 52));
    let w14 = bswap<u32>(load<u32>(data, 56)), w15 = bswap<u32>(load<u32>(data, 60));
    // Four passes of 16 rounds; after each of the first three, the window
    // is replaced by the next 16 schedule words W[t] (§6.2.2 step 1), each
    // slot holding W[t-16] until it is overwritten.
    for (let k = K; ; k += 64) {
      h += bigSigma1(e) + ch(e, f, g) + load<u32>(k, 0) + w0; d += h; h += bigSigma0(a) + maj(a, b, c);
      g += bigSigma1(d) + ch(d, e, f) + load<u32>(k, 4) + w1; c += g; g += bigSigma0(h) + maj(h, a, b);
      f += bigSigma1(c) + ch(c, d, e) + load<u32>(k, 8) + w2; b += f; f += bigSigma0(g) + maj(g, h, a);
      e += bigSigma1(b) + ch(b, c, d) + load<u32>(k, 12) + w3; a += e; e += bigSigma0(f) + maj(f, g, h);
      d += bigSigma1(a) + ch(a, b, c) + load<u32>(k, 16) + w4; h += d; d += bigSigma0(e) + maj(e, f, g);
      c += bigSigma1(h) + ch(h, a, b) + load<u32>(k, 20) + w5; g += c; c += bigSigma0(d) + maj(d, e, f);
      b += bigSigma1(g) + ch(g, h, a) + load<u32>(k, 24) + w6; f += b; b += bigSigma0(c) + maj(c, d, e);
      a += bigSigma1(f) + ch(f, g, h) + load<u32>(k, 28) + w7; e += a; a += bigSigma0(b) + maj(b, c, d);
      h += bigSigma1(e) + ch(e, f, g) + load<u32>(k, 32) + w8; d += h; h += bigSigma0(a) + maj(a, b, c);
      g += bigSigma1(d) + ch(d, e, f) + load<u32>(k, 36) + w9; c += g; g += bigSigma0(h) + maj(h, a, b);
      f += bigSigma1(c) + ch(c, d, e) + load<u32>(k, 40) + w10; b += f; f += bigSigma0(g) + maj(g, h, a);
      e += bigSigma1(b) + ch(b, c, d) + load<u32>(k, 44) + w11; a += e; e += bigSigma0(f) + maj(f, g, h);
      d += bigSigma1(a) + ch(a, b, c) + load<u32>(k, 48) + w12; h += d; d += bigSigma0(e) + maj(e, f, g);
      c += bigSigma1(h) + ch(h, a, b) + load<u32>(k, 52) + w13; g += c; c += bigSigma0(d) + maj(d, e, f);
      b += bigSigma1(g) + ch(g, h, a) + load<u32>(k, 56) + w14; f += b; b += bigSigma0(c) + maj(c, d, e);
      a += bigSigma1(f) + ch(f, g, h) + load<u32>(k, 60) + w15; e += a; a += bigSigma0(b) + maj(b, c, d);
      if (k == K + 192) break;
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
    // §6.2.2 step 4: add the block's result to the previous hash value.
    a += load<u32>(ctx, 0); b += load<u32>(ctx, 4); c += load<u32>(ctx, 8); d += load<u32>(ctx, 12);
    e += load<u32>(ctx, 16); f += load<u32>(ctx, 20); g += load<u32>(ctx, 24); h += load<u32>(ctx, 28);
    store<u32>(ctx, a, 0); store<u32>(ctx, b, 4); store<u32>(ctx, c, 8); store<u32>(ctx, d, 12);
    store<u32>(ctx, e, 16); store<u32>(ctx, f, 20); store<u32>(ctx, g, 24); store<u32>(ctx, h, 28);
  }
}

/** §5.3.3: starts a new hash in the 104-byte context at ctx. */
export function sha256Init(ctx: usize): void {
  wipe(ctx, SHA256_CTX_SIZE);
  store<u32>(ctx, 0x6a09e667, 0); store<u32>(ctx, 0xbb67ae85, 4);
  store<u32>(ctx, 0x3c6ef372, 8); store<u32>(ctx, 0xa54ff53a, 12);
  store<u32>(ctx, 0x510e527f, 16); store<u32>(ctx, 0x9b05688c, 20);
  store<u32>(ctx, 0x1f83d9ab, 24); store<u32>(ctx, 0x5be0cd19, 28);
}

/**
 * Absorbs len bytes at data (secret content, public length). Any split of
 * the message into calls gives the same digest: whole blocks are hashed
 * straight from data, only a partial block is copied into the buffer.
 */
export function sha256Update(ctx: usize, data: usize, len: usize): void {
  const count = load<u64>(ctx, COUNT);
  store<u64>(ctx, count + <u64>len, COUNT);
  const buf = ctx + BUF;
  const used = <usize>(<u32>count & 63);
  if (used != 0) {
    const room: usize = 64 - used;
    if (len < room) {
      memory.copy(buf + used, data, len);
      return;
    }
    memory.copy(buf + used, data, room);
    sha256Blocks(ctx, buf, 1);
    data += room;
    len -= room;
  }
  const blocks = len >> 6;
  if (blocks != 0) sha256Blocks(ctx, data, blocks);
  memory.copy(buf, data + (blocks << 6), len & 63);
}

/**
 * §5.1.1 padding, then writes the 32-byte digest to out. The context is
 * wiped afterwards (it held message bytes); call sha256Init to reuse it.
 */
export function sha256Final(ctx: usize, out: usize): void {
  const count = load<u64>(ctx, COUNT);
  const buf = ctx + BUF;
  const used = <usize>(<u32>count & 63);
  store<u8>(buf + used, 0x80);
  // The 64-bit length needs the last 8 bytes of a block: if the 0x80 byte
  // left less room than that, the padding spills into one more block.
  if (used >= 56) {
    memory.fill(buf + used + 1, 0, 63 - used);
    sha256Blocks(ctx, buf, 1);
    memory.fill(buf, 0, 56);
  } else {
    memory.fill(buf + used + 1, 0, 55 - used);
  }
  store<u64>(buf, bswap<u64>(count << 3), 56);
  sha256Blocks(ctx, buf, 1);
  store<u32>(out, bswap<u32>(load<u32>(ctx, 0)), 0); store<u32>(out, bswap<u32>(load<u32>(ctx, 4)), 4);
  store<u32>(out, bswap<u32>(load<u32>(ctx, 8)), 8); store<u32>(out, bswap<u32>(load<u32>(ctx, 12)), 12);
  store<u32>(out, bswap<u32>(load<u32>(ctx, 16)), 16); store<u32>(out, bswap<u32>(load<u32>(ctx, 20)), 20);
  store<u32>(out, bswap<u32>(load<u32>(ctx, 24)), 24); store<u32>(out, bswap<u32>(load<u32>(ctx, 28)), 28);
  wipe(ctx, SHA256_CTX_SIZE);
}
