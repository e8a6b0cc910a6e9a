// AES-GCM (NIST SP 800-38D §7) for AES-128 and AES-256, 96-bit IVs only,
// constant-time, incremental. The AES core and GHASH come from gcm_core.ts:
// the 32-bit forms (aes_ct.ts, ghash.ts) or the 64-bit ones (aes_ct64.ts,
// ghash64.ts), chosen at compile time; this file is the same for both.
//
// Secret: the key, H, the keystream, the plaintext, the GHASH state and the
// tag until it is released. Public: the IV (sent in clear in TLS, but never
// branched on here either), every length, the phase of the context and the
// verdict of gcmVerify().
//
// §7.1/§7.2 with len(IV) = 96: J0 = IV || 0^31 || 1; the data is GCTR under
// inc32(J0), so counters 2, 3, ... (mod 2^32) in the last four bytes,
// big-endian; S = GHASH_H(A || 0^v || C || 0^u || [len(A)]64 || [len(C)]64)
// and T = GCTR(J0, S) = S ^ E(K, J0). Counter blocks are encrypted
// AES_BLOCKS (2 or 4) at a time, as the AES core takes them.
//
// Incremental use: gcmInit, then gcmAad any number of times (any chunk
// sizes), then gcmEncrypt (seal) or gcmAuthenticate (open, pass 1) any number
// of times, then gcmFinish or gcmVerify. The CTR stream (gcmCtrXor) has its
// own position, untouched by GHASH: after gcmVerify says 1, gcmCtrXor over
// the same ciphertext from its start gives the plaintext (open, pass 2).
// Nothing is released before the verdict. Chunks need not be block multiples:
// partial GHASH blocks and unused keystream are buffered in the context.

import {
  AES_BLOCKS, AES_KEY_SIZE, GHASH_KEY_SIZE, aesEncryptBlocks, aesKey, ghashKey, ghashUpdate,
} from "./gcm_core";
import { ctEqual, declassify, wipe } from "./ct";

/** Bytes of keystream one AES call yields. */
const KS_SIZE: u32 = AES_BLOCKS << 4;

// Context layout (bytes); both key sizes are multiples of 16.
const RK = 0; // fixsliced round keys, AES_KEY_SIZE (480 or 960)
const HK = RK + AES_KEY_SIZE; // GHASH key material from H, GHASH_KEY_SIZE
const Y = HK + GHASH_KEY_SIZE; // u64 hi, lo: the GHASH state
const EKJ0 = Y + 16; // 16 bytes E(K, J0)
const GBUF = EKJ0 + 16; // a partial GHASH block
const TAG = GBUF + 16; // 16 bytes: the tag computed by gcmVerify
const A_LEN = TAG + 16; // u64 bytes of AAD
const C_LEN = A_LEN + 8; // u64 bytes of text
const NR = C_LEN + 8; // u32 rounds: 10 or 14
const PHASE = NR + 4; // u32 0: AAD, 1: text (AAD block padded), 2: finished
const GBUF_LEN = PHASE + 4; // u32 bytes waiting in GBUF (0..15)
const KS_POS = GBUF_LEN + 4; // u32 next unused byte of KS (KS_SIZE: none)
const NEXT = KS_POS + 4; // u32 next counter value
const CTR = NR + 32; // AES_BLOCKS counter blocks IV || [i]32, IV || [i+1]32, ...
const KS = CTR + KS_SIZE; // KS_SIZE bytes of keystream

/** Bytes a GCM context needs (672 with the 32-bit core, 1968 with the 64-bit one). */
export const GCM_CTX_SIZE: u32 = KS + KS_SIZE;

// §5.2.1.1: len(P) <= 2^39 - 256 bits, that is 2^36 - 32 bytes; one more
// block and the 32-bit counter would wrap onto J0. (At the limit, the last
// AES call may still encrypt counters past it, J0 among them, into KS: those
// bytes are never used, and gcmWipe clears them.)
const MAX_TEXT: u64 = (<u64>1 << 36) - 32;

/**
 * Sets ctx up for key (keyLen = 16 or 32 bytes; public length) and the
 * 12-byte nonce. Returns 1, or 0 for any other key length. Key and context
 * are secret.
 */
export function gcmInit(ctx: usize, key: usize, keyLen: u32, nonce: usize): u32 {
  const nr = aesKey(ctx + RK, key, keyLen);
  if (nr == 0) return 0;
  store<u32>(ctx, nr, NR);
  // One AES call gives both H = E(K, 0^128) (§6.4) and E(K, J0).
  const c = ctx + CTR;
  memory.fill(c, 0, KS_SIZE);
  memory.copy(c + 16, nonce, 12);
  store<u32>(c, bswap<u32>(1), 28);
  aesEncryptBlocks(ctx + RK, nr, c, c);
  ghashKey(ctx + HK, bswap<u64>(load<u64>(c, 0)), bswap<u64>(load<u64>(c, 8)));
  memory.copy(ctx + EKJ0, c + 16, 16);
  // From now on every counter block carries the IV; only the counter words
  // change (zeroed here so no byte of H or E(K, J0) stays behind in them).
  for (let j: u32 = 0; j < AES_BLOCKS; j++) {
    memory.copy(c + (j << 4), nonce, 12);
    store<u32>(c + (j << 4), 0, 12);
  }
  store<u32>(ctx, 2, NEXT);
  store<u32>(ctx, KS_SIZE, KS_POS);
  store<u32>(ctx, 0, PHASE);
  store<u32>(ctx, 0, GBUF_LEN);
  store<u64>(ctx, 0, Y);
  store<u64>(ctx, 0, Y + 8);
  store<u64>(ctx, 0, A_LEN);
  store<u64>(ctx, 0, C_LEN);
  wipe(ctx + KS, KS_SIZE);
  return 1;
}

/** GHASH over len bytes at src, buffering a trailing partial block. */
function ghashAbsorb(ctx: usize, src: usize, len: usize): void {
  let have = <usize>load<u32>(ctx, GBUF_LEN);
  if (have != 0) {
    let take: usize = 16 - have;
    if (take > len) take = len;
    memory.copy(ctx + GBUF + have, src, take);
    have += take;
    src += take;
    len -= take;
    if (have < 16) {
      store<u32>(ctx, <u32>have, GBUF_LEN);
      return;
    }
    ghashUpdate(ctx + Y, ctx + HK, ctx + GBUF, 1);
  }
  const n = len >> 4;
  ghashUpdate(ctx + Y, ctx + HK, src, n);
  const rest = len & 15;
  memory.copy(ctx + GBUF, src + (n << 4), rest);
  store<u32>(ctx, <u32>rest, GBUF_LEN);
}

/** §7.1 step 5: zero-pads the buffered partial block (A or C) into GHASH. */
function ghashPad(ctx: usize): void {
  const have = <usize>load<u32>(ctx, GBUF_LEN);
  if (have != 0) {
    memory.fill(ctx + GBUF + have, 0, 16 - have);
    ghashUpdate(ctx + Y, ctx + HK, ctx + GBUF, 1);
    store<u32>(ctx, 0, GBUF_LEN);
  }
}

/** Ends the AAD: its last partial block is padded before any text. */
function enterText(ctx: usize): void {
  if (load<u32>(ctx, PHASE) == 0) {
    ghashPad(ctx);
    store<u32>(ctx, 1, PHASE);
  }
}

/**
 * Absorbs len bytes of additional data at aad. Returns 1, or 0 (and does
 * nothing) once text has started or the tag was computed. AAD and len are public or secret alike.
 */
export function gcmAad(ctx: usize, aad: usize, len: usize): u32 {
  if (load<u32>(ctx, PHASE) != 0) return 0; // text started, or finished
  store<u64>(ctx, load<u64>(ctx, A_LEN) + len, A_LEN);
  ghashAbsorb(ctx, aad, len);
  return 1;
}

/** Encrypts the next AES_BLOCKS counter blocks into KS. */
@inline function nextKeystream(ctx: usize): void {
  const i = load<u32>(ctx, NEXT);
  for (let j: u32 = 0; j < AES_BLOCKS; j++) {
    store<u32>(ctx + CTR + (j << 4), bswap<u32>(i + j), 12);
  }
  store<u32>(ctx, i + AES_BLOCKS, NEXT);
  aesEncryptBlocks(ctx + RK, load<u32>(ctx, NR), ctx + CTR, ctx + KS);
}

/**
 * GCTR (§6.5) from the current stream position: dst = src ^ keystream for
 * len bytes (src may equal dst). It neither reads nor feeds GHASH; gcmEncrypt
 * uses it, and gcmOpen calls it only after the tag verified.
 */
export function gcmCtrXor(ctx: usize, src: usize, dst: usize, len: usize): void {
  let pos = <usize>load<u32>(ctx, KS_POS);
  let i: usize = 0;
  // Keystream left over from the previous call.
  while (pos < KS_SIZE && i < len) {
    store<u8>(dst + i, load<u8>(src + i) ^ load<u8>(ctx + KS + pos));
    pos++;
    i++;
  }
  const ks = ctx + KS;
  while (len - i >= KS_SIZE) {
    nextKeystream(ctx);
    const s = src + i, d = dst + i;
    for (let w: usize = 0; w < KS_SIZE; w += 16) {
      store<u64>(d + w, load<u64>(s + w, 0) ^ load<u64>(ks + w, 0), 0);
      store<u64>(d + w, load<u64>(s + w, 8) ^ load<u64>(ks + w, 8), 8);
    }
    i += KS_SIZE;
  }
  if (i < len) {
    nextKeystream(ctx);
    pos = 0;
    while (i < len) {
      store<u8>(dst + i, load<u8>(src + i) ^ load<u8>(ks + pos));
      pos++;
      i++;
    }
  }
  store<u32>(ctx, <u32>pos, KS_POS);
}

/**
 * Counts len more bytes of text; 0 when the tag was already computed or when
 * that passes the §5.2.1.1 limit.
 */
function countText(ctx: usize, len: usize): u32 {
  if (load<u32>(ctx, PHASE) == 2) return 0;
  const total = load<u64>(ctx, C_LEN) + len;
  if (total > MAX_TEXT) return 0;
  store<u64>(ctx, total, C_LEN);
  return 1;
}

/**
 * Seal: encrypts len bytes at src into dst (src may equal dst) and hashes
 * the ciphertext. Returns 1, or 0 (nothing done) after gcmFinish or past the
 * length limit.
 */
export function gcmEncrypt(ctx: usize, src: usize, dst: usize, len: usize): u32 {
  if (countText(ctx, len) == 0) return 0;
  enterText(ctx);
  gcmCtrXor(ctx, src, dst, len);
  ghashAbsorb(ctx, dst, len);
  return 1;
}

/**
 * Open, pass 1: hashes len bytes of ciphertext at src without decrypting
 * anything. Returns 1, or 0 (nothing done) after gcmVerify or past the
 * length limit.
 */
export function gcmAuthenticate(ctx: usize, src: usize, len: usize): u32 {
  if (countText(ctx, len) == 0) return 0;
  enterText(ctx);
  ghashAbsorb(ctx, src, len);
  return 1;
}

/**
 * Writes the 16-byte tag T = GHASH(...) ^ E(K, J0) to tag (§7.1 steps 5-6).
 * Call it once: the context takes no more AAD or text afterwards (only
 * gcmCtrXor, for the second pass of an open).
 */
export function gcmFinish(ctx: usize, tag: usize): void {
  enterText(ctx);
  ghashPad(ctx);
  // [len(A)]64 || [len(C)]64, in bits.
  const b = ctx + GBUF;
  store<u64>(b, bswap<u64>(load<u64>(ctx, A_LEN) << 3), 0);
  store<u64>(b, bswap<u64>(load<u64>(ctx, C_LEN) << 3), 8);
  ghashUpdate(ctx + Y, ctx + HK, b, 1);
  store<u64>(tag, bswap<u64>(load<u64>(ctx, Y)) ^ load<u64>(ctx, EKJ0), 0);
  store<u64>(tag, bswap<u64>(load<u64>(ctx, Y + 8)) ^ load<u64>(ctx, EKJ0 + 8), 8);
  wipe(ctx + Y, 16);
  wipe(b, 16);
  store<u32>(ctx, 2, PHASE);
}

/**
 * Computes the tag and compares it with the 16 bytes at tag in constant
 * time (§7.2 step 8). Returns 1 when they match, else 0; the verdict is the
 * only public output. The computed tag is wiped.
 */
export function gcmVerify(ctx: usize, tag: usize): u32 {
  gcmFinish(ctx, ctx + TAG);
  // The verdict is public from here on (the peer learns it from the alert).
  const ok = declassify(ctEqual(ctx + TAG, tag, 16));
  wipe(ctx + TAG, 16);
  return ok;
}

/** Zeroes the whole context: round keys, H, keystream, state. */
export function gcmWipe(ctx: usize): void {
  wipe(ctx, GCM_CTX_SIZE);
}

/**
 * One-shot seal on records in memory: dst gets the len-byte ciphertext then
 * the 16-byte tag. Returns 1, or 0 for a bad key length. ctx is wiped.
 */
export function gcmSeal(
  ctx: usize, key: usize, keyLen: u32, nonce: usize,
  aad: usize, aadLen: usize, src: usize, len: usize, dst: usize,
): u32 {
  let ok = gcmInit(ctx, key, keyLen, nonce);
  if (ok != 0) {
    gcmAad(ctx, aad, aadLen);
    ok = gcmEncrypt(ctx, src, dst, len);
    if (ok != 0) gcmFinish(ctx, dst + len);
  }
  gcmWipe(ctx);
  return ok;
}

/**
 * One-shot open: authenticates aad and the len-byte ciphertext at src
 * against the tag at tag, then, only if it verifies, decrypts into dst (may
 * equal src). Returns 1 when the tag verified, else 0 with dst untouched.
 * ctx is wiped.
 */
export function gcmOpen(
  ctx: usize, key: usize, keyLen: u32, nonce: usize,
  aad: usize, aadLen: usize, src: usize, len: usize, tag: usize, dst: usize,
): u32 {
  let ok = gcmInit(ctx, key, keyLen, nonce);
  if (ok != 0) {
    gcmAad(ctx, aad, aadLen);
    ok = gcmAuthenticate(ctx, src, len);
    if (ok != 0) ok = gcmVerify(ctx, tag);
    // Branch on the public verdict only, after every tag byte was compared.
    if (ok != 0) gcmCtrXor(ctx, src, dst, len);
  }
  gcmWipe(ctx);
  return ok;
}
