// ChaCha20 stream cipher, RFC 8439 §2.1-2.4 (IETF variant: 96-bit nonce,
// 32-bit block counter). Constant-time by construction: only 32-bit add, xor
// and fixed rotations, no table and no data-dependent branch or address.
//
// Secret: the key, the keystream (state words 4-11 and the STREAM buffer) and
// the data. Public: the nonce, the block counter, every length and the
// position in the current keystream block.
//
// The context keeps the unused tail of the last keystream block, so a message
// may be fed in chunks of any size (the host uses 16 KiB; records are not
// multiples of 64) and still produce the RFC's single keystream.
//
// Context layout (CHACHA20_CTX_SIZE bytes, caller-owned):
//   STATE  16 u32   the §2.3 input state; word 12 is the next block's counter
//   STREAM 64 B     the current keystream block
//   USED   u32      bytes of STREAM already consumed (64 = none left)

const STATE: usize = 0;
const STREAM: usize = 64;
const USED: usize = 128;
export const CHACHA20_CTX_SIZE: u32 = 136;

// Source for chacha20Block: keystream XOR zeros is the keystream itself, so
// one block routine serves both whole-block XOR and tail buffering. Never
// written.
const ZERO_BLOCK: usize = memory.data(64, 16);

/**
 * Sets up ctx for key (32 bytes, secret), nonce (12 bytes, public) and the
 * initial block counter (public): §2.3 state = constants | key | counter |
 * nonce, every word read little-endian.
 */
export function chacha20Init(ctx: usize, key: usize, nonce: usize, counter: u32): void {
  // §2.3: "expand 32-byte k" as four little-endian words.
  store<u32>(ctx, 0x61707865, STATE + 0);
  store<u32>(ctx, 0x3320646e, STATE + 4);
  store<u32>(ctx, 0x79622d32, STATE + 8);
  store<u32>(ctx, 0x6b206574, STATE + 12);
  // Wasm memory is little-endian, so a u32 load is the RFC's word order.
  store<u32>(ctx, load<u32>(key, 0), STATE + 16);
  store<u32>(ctx, load<u32>(key, 4), STATE + 20);
  store<u32>(ctx, load<u32>(key, 8), STATE + 24);
  store<u32>(ctx, load<u32>(key, 12), STATE + 28);
  store<u32>(ctx, load<u32>(key, 16), STATE + 32);
  store<u32>(ctx, load<u32>(key, 20), STATE + 36);
  store<u32>(ctx, load<u32>(key, 24), STATE + 40);
  store<u32>(ctx, load<u32>(key, 28), STATE + 44);
  store<u32>(ctx, counter, STATE + 48);
  store<u32>(ctx, load<u32>(nonce, 0), STATE + 52);
  store<u32>(ctx, load<u32>(nonce, 4), STATE + 56);
  store<u32>(ctx, load<u32>(nonce, 8), STATE + 60);
  store<u32>(ctx, 64, USED);
}

/**
 * One §2.3 block function call: dst[0..64) = src[0..64) XOR
 * chacha20_block(key, counter, nonce), then counter += 1. src and dst may be
 * equal. The counter wraps modulo 2^32 (§2.4: one key and nonce cover 2^32
 * blocks; chacha20poly1305.ts enforces the limit, raw users must).
 */
export function chacha20Block(ctx: usize, src: usize, dst: usize): void {
  // All 16 words live in locals for the 20 rounds; the input state is
  // re-read from ctx at the end rather than kept in 16 more locals, which
  // would spill on rv32 and x86 alike.
  let x0: u32 = 0x61707865, x1: u32 = 0x3320646e, x2: u32 = 0x79622d32, x3: u32 = 0x6b206574;
  let x4 = load<u32>(ctx, STATE + 16), x5 = load<u32>(ctx, STATE + 20);
  let x6 = load<u32>(ctx, STATE + 24), x7 = load<u32>(ctx, STATE + 28);
  let x8 = load<u32>(ctx, STATE + 32), x9 = load<u32>(ctx, STATE + 36);
  let x10 = load<u32>(ctx, STATE + 40), x11 = load<u32>(ctx, STATE + 44);
  const counter = load<u32>(ctx, STATE + 48);
  let x12 = counter, x13 = load<u32>(ctx, STATE + 52);
  let x14 = load<u32>(ctx, STATE + 56), x15 = load<u32>(ctx, STATE + 60);

  // §2.3: 20 rounds = 10 double rounds, a column round
  // (QUARTERROUND(0,4,8,12) .. (3,7,11,15)) then a diagonal round
  // (QUARTERROUND(0,5,10,15) .. (3,4,9,14)). The four quarter rounds (§2.1)
  // of a round are independent, so they advance in step, one line per
  // operation: a += b; d ^= a; d <<<= 16; c += d; b ^= c; b <<<= 12;
  // a += b; d ^= a; d <<<= 8; c += d; b ^= c; b <<<= 7.
  if (ASC_SHRINK_LEVEL == 0) {
    // Speed build (Node): the ten double rounds written out. Measured on V8
    // x64: 16 live words do not fit its registers, and a loop back-edge
    // forces spills that straight-line code avoids (about +25%).
    // Double round 1 of 10.
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
    // Double round 2 of 10.
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
    // Double round 3 of 10.
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
    // Double round 4 of 10.
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
    // Double round 5 of 10.
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
    // Double round 6 of 10.
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
    // Double round 7 of 10.
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
    // Double round 8 of 10.
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
    // Double round 9 of 10.
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
    // Double round 10 of 10.
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
    x0 += x4; x1 += x5; x2 += x6; x3 += x7;
    x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
    x8 += x12; x9 += x13; x10 += x14; x11 += x15;
    x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
    x0 += x5; x1 += x6; x2 += x7; x3 += x4;
    x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
    x10 += x15; x11 += x12; x8 += x13; x9 += x14;
    x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
  } else {
    // Size build (boards): one double round in a loop, a tenth of the code
    // for flash and instruction cache; rv32 and Xtensa hold 16 words in
    // registers, so the loop costs only its counter there.
    for (let i = 0; i < 10; i++) {
      x0 += x4; x1 += x5; x2 += x6; x3 += x7;
      x12 = rotl<u32>(x12 ^ x0, 16); x13 = rotl<u32>(x13 ^ x1, 16); x14 = rotl<u32>(x14 ^ x2, 16); x15 = rotl<u32>(x15 ^ x3, 16);
      x8 += x12; x9 += x13; x10 += x14; x11 += x15;
      x4 = rotl<u32>(x4 ^ x8, 12); x5 = rotl<u32>(x5 ^ x9, 12); x6 = rotl<u32>(x6 ^ x10, 12); x7 = rotl<u32>(x7 ^ x11, 12);
      x0 += x4; x1 += x5; x2 += x6; x3 += x7;
      x12 = rotl<u32>(x12 ^ x0, 8); x13 = rotl<u32>(x13 ^ x1, 8); x14 = rotl<u32>(x14 ^ x2, 8); x15 = rotl<u32>(x15 ^ x3, 8);
      x8 += x12; x9 += x13; x10 += x14; x11 += x15;
      x4 = rotl<u32>(x4 ^ x8, 7); x5 = rotl<u32>(x5 ^ x9, 7); x6 = rotl<u32>(x6 ^ x10, 7); x7 = rotl<u32>(x7 ^ x11, 7);
      x0 += x5; x1 += x6; x2 += x7; x3 += x4;
      x15 = rotl<u32>(x15 ^ x0, 16); x12 = rotl<u32>(x12 ^ x1, 16); x13 = rotl<u32>(x13 ^ x2, 16); x14 = rotl<u32>(x14 ^ x3, 16);
      x10 += x15; x11 += x12; x8 += x13; x9 += x14;
      x5 = rotl<u32>(x5 ^ x10, 12); x6 = rotl<u32>(x6 ^ x11, 12); x7 = rotl<u32>(x7 ^ x8, 12); x4 = rotl<u32>(x4 ^ x9, 12);
      x0 += x5; x1 += x6; x2 += x7; x3 += x4;
      x15 = rotl<u32>(x15 ^ x0, 8); x12 = rotl<u32>(x12 ^ x1, 8); x13 = rotl<u32>(x13 ^ x2, 8); x14 = rotl<u32>(x14 ^ x3, 8);
      x10 += x15; x11 += x12; x8 += x13; x9 += x14;
      x5 = rotl<u32>(x5 ^ x10, 7); x6 = rotl<u32>(x6 ^ x11, 7); x7 = rotl<u32>(x7 ^ x8, 7); x4 = rotl<u32>(x4 ^ x9, 7);
    }
  }

  // §2.3: add the input state, serialize little-endian, XOR into the data.
  store<u32>(dst, load<u32>(src, 0) ^ (x0 + 0x61707865), 0);
  store<u32>(dst, load<u32>(src, 4) ^ (x1 + 0x3320646e), 4);
  store<u32>(dst, load<u32>(src, 8) ^ (x2 + 0x79622d32), 8);
  store<u32>(dst, load<u32>(src, 12) ^ (x3 + 0x6b206574), 12);
  store<u32>(dst, load<u32>(src, 16) ^ (x4 + load<u32>(ctx, STATE + 16)), 16);
  store<u32>(dst, load<u32>(src, 20) ^ (x5 + load<u32>(ctx, STATE + 20)), 20);
  store<u32>(dst, load<u32>(src, 24) ^ (x6 + load<u32>(ctx, STATE + 24)), 24);
  store<u32>(dst, load<u32>(src, 28) ^ (x7 + load<u32>(ctx, STATE + 28)), 28);
  store<u32>(dst, load<u32>(src, 32) ^ (x8 + load<u32>(ctx, STATE + 32)), 32);
  store<u32>(dst, load<u32>(src, 36) ^ (x9 + load<u32>(ctx, STATE + 36)), 36);
  store<u32>(dst, load<u32>(src, 40) ^ (x10 + load<u32>(ctx, STATE + 40)), 40);
  store<u32>(dst, load<u32>(src, 44) ^ (x11 + load<u32>(ctx, STATE + 44)), 44);
  store<u32>(dst, load<u32>(src, 48) ^ (x12 + counter), 48);
  store<u32>(dst, load<u32>(src, 52) ^ (x13 + load<u32>(ctx, STATE + 52)), 52);
  store<u32>(dst, load<u32>(src, 56) ^ (x14 + load<u32>(ctx, STATE + 56)), 56);
  store<u32>(dst, load<u32>(src, 60) ^ (x15 + load<u32>(ctx, STATE + 60)), 60);
  store<u32>(ctx, counter + 1, STATE + 48);
}

/**
 * §2.4 encryption (and decryption, the same operation) of len bytes: dst =
 * src XOR the next len keystream bytes. Continues where the previous call
 * stopped, so any split of a message gives the same output as one call.
 * src and dst may be equal (in place) but must not otherwise overlap.
 * Branches only on len and the keystream position, both public.
 */
export function chacha20Xor(ctx: usize, src: usize, dst: usize, len: usize): void {
  let used = <usize>load<u32>(ctx, USED);
  // 1. Spend what is left of the block an earlier call started.
  while (used < 64 && len > 0) {
    store<u8>(dst, load<u8>(src) ^ load<u8>(ctx + STREAM + used));
    src++; dst++; len--; used++;
  }
  // 2. Whole blocks go straight from src to dst, never through the buffer.
  while (len >= 64) {
    chacha20Block(ctx, src, dst);
    src += 64; dst += 64; len -= 64;
  }
  // 3. A final partial block: keep its keystream for the next call.
  if (len > 0) {
    chacha20Block(ctx, ZERO_BLOCK, ctx + STREAM);
    for (used = 0; used < len; used++) {
      store<u8>(dst + used, load<u8>(src + used) ^ load<u8>(ctx + STREAM + used));
    }
  }
  store<u32>(ctx, <u32>used, USED);
}

/**
 * The §2.1 quarter round on words a, b, c, d (indices 0-15, public) of the
 * 16-word state at state. The reference form of what chacha20Block inlines,
 * kept so the §2.1.1 and §2.2.1 vectors can be checked on their own.
 */
export function chacha20QuarterRound(state: usize, a: u32, b: u32, c: u32, d: u32): void {
  const pa = state + (<usize>a << 2), pb = state + (<usize>b << 2);
  const pc = state + (<usize>c << 2), pd = state + (<usize>d << 2);
  let xa = load<u32>(pa), xb = load<u32>(pb), xc = load<u32>(pc), xd = load<u32>(pd);
  xa += xb; xd = rotl<u32>(xd ^ xa, 16); xc += xd; xb = rotl<u32>(xb ^ xc, 12);
  xa += xb; xd = rotl<u32>(xd ^ xa, 8); xc += xd; xb = rotl<u32>(xb ^ xc, 7);
  store<u32>(pa, xa); store<u32>(pb, xb); store<u32>(pc, xc); store<u32>(pd, xd);
}
