// AEAD_CHACHA20_POLY1305, RFC 8439 §2.8, over chacha20.ts and poly1305.ts.
// Constant-time: the two primitives are; this file adds only length
// bookkeeping (public) and a tag check that folds all 16 bytes (ct.ts)
// before its single verdict.
//
// Secret: key, one-time Poly1305 key, keystream, plaintext, computed tag.
// Public: nonce, AAD and text lengths, the verdict of a tag check.
//
// Incremental use (any chunk sizes):
//   seal: init, aad*, encrypt*, finish(tag)
//   open: init, aad*, authenticate*(ciphertext), verify(tag) -> Ok, then
//         init again, decrypt*(ciphertext). Decryption is a second pass so
//         that no plaintext exists before the tag is known to be good.
// finish and verify wipe the whole context.
//
// Context layout (CHACHA20POLY1305_CTX_SIZE bytes, caller-owned):
//   CHACHA   chacha20 context, counter 1 onwards (§2.8)
//   POLY     poly1305 context keyed from block 0 (§2.6)
//   AAD_LEN  u64, TEXT_LEN u64: the §2.8 length block
//   PHASE    u32: 0 while AAD may still come, 1 once the text has started
//   SCRATCH  64 B: block 0 while keying, then the length block and the tag

import { chacha20Block, chacha20Init, chacha20Xor, CHACHA20_CTX_SIZE } from "./chacha20";
import { poly1305Finish, poly1305Init, poly1305Pad16, poly1305Update, POLY1305_CTX_SIZE } from "./poly1305";
import { ctEqual, declassify, wipe } from "./ct";

// Offsets follow from the primitives' sizes, so the regions cannot overlap.
const CHACHA: usize = 0;
const POLY: usize = CHACHA + <usize>CHACHA20_CTX_SIZE;
const AAD_LEN: usize = POLY + <usize>POLY1305_CTX_SIZE;
const TEXT_LEN: usize = AAD_LEN + 8;
const PHASE: usize = TEXT_LEN + 8;
const SCRATCH: usize = PHASE + 8;
export const CHACHA20POLY1305_CTX_SIZE: u32 = <u32>SCRATCH + 64;

// §2.8 (P_MAX): the 32-bit counter starts at 1, so one key and nonce encrypt
// at most 2^32 - 1 blocks of 64 bytes.
const TEXT_MAX: u64 = 274877906880;

/** Status codes: 0 is success; each failure is named for what went wrong. */
export const enum AeadStatus {
  Ok = 0,
  /** AAD came after the text had started: §2.8 MACs all AAD first. */
  AadAfterText = 1,
  /** The text would exceed P_MAX (the block counter would wrap). */
  TextTooLong = 2,
  /** The received tag does not match (the record must be dropped). */
  IncorrectTag = 3,
}

/**
 * Starts a message under key (32 bytes, secret) and nonce (12 bytes, public):
 * §2.6 one-time Poly1305 key = first 32 bytes of block 0, then the
 * cipher continues at counter 1 (§2.8).
 */
export function chacha20Poly1305Init(ctx: usize, key: usize, nonce: usize): void {
  chacha20Init(ctx + CHACHA, key, nonce, 0);
  // Block 0 XOR zeros is block 0: run it in place over a zeroed SCRATCH.
  wipe(ctx + SCRATCH, 64);
  chacha20Block(ctx + CHACHA, ctx + SCRATCH, ctx + SCRATCH);
  poly1305Init(ctx + POLY, ctx + SCRATCH);
  wipe(ctx + SCRATCH, 64);
  store<u64>(ctx, 0, AAD_LEN);
  store<u64>(ctx, 0, TEXT_LEN);
  store<u32>(ctx, 0, PHASE);
}

/** Absorbs len bytes of AAD (public data, any chunking). Must precede the text. */
export function chacha20Poly1305Aad(ctx: usize, aad: usize, len: usize): AeadStatus {
  if (load<u32>(ctx, PHASE) != 0) return AeadStatus.AadAfterText;
  poly1305Update(ctx + POLY, aad, len);
  store<u64>(ctx, load<u64>(ctx, AAD_LEN) + <u64>len, AAD_LEN);
  return AeadStatus.Ok;
}

/**
 * Counts len more bytes of text against P_MAX and, on the first text call,
 * closes the AAD with §2.8 padding1. Lengths only, all public.
 */
function beginText(ctx: usize, len: usize): AeadStatus {
  const total = load<u64>(ctx, TEXT_LEN) + <u64>len;
  if (total > TEXT_MAX) return AeadStatus.TextTooLong;
  store<u64>(ctx, total, TEXT_LEN);
  if (load<u32>(ctx, PHASE) == 0) {
    poly1305Pad16(ctx + POLY);
    store<u32>(ctx, 1, PHASE);
  }
  return AeadStatus.Ok;
}

/** Seal: dst = src XOR keystream, then MACs dst (the ciphertext). src == dst allowed. */
export function chacha20Poly1305Encrypt(ctx: usize, src: usize, dst: usize, len: usize): AeadStatus {
  const status = beginText(ctx, len);
  if (status != AeadStatus.Ok) return status;
  chacha20Xor(ctx + CHACHA, src, dst, len);
  poly1305Update(ctx + POLY, dst, len);
  return AeadStatus.Ok;
}

/** Open, pass 1: MACs len bytes of ciphertext without decrypting anything. */
export function chacha20Poly1305Authenticate(ctx: usize, ciphertext: usize, len: usize): AeadStatus {
  const status = beginText(ctx, len);
  if (status != AeadStatus.Ok) return status;
  poly1305Update(ctx + POLY, ciphertext, len);
  return AeadStatus.Ok;
}

/**
 * Open, pass 2: dst = src XOR keystream, no MAC. Only for a context freshly
 * initialised with the key and nonce whose tag chacha20Poly1305Verify has
 * already accepted over this same ciphertext.
 */
export function chacha20Poly1305Decrypt(ctx: usize, src: usize, dst: usize, len: usize): AeadStatus {
  const status = beginText(ctx, len);
  if (status != AeadStatus.Ok) return status;
  chacha20Xor(ctx + CHACHA, src, dst, len);
  return AeadStatus.Ok;
}

/** §2.8: padding2, the two little-endian u64 lengths, then the Poly1305 tag. */
function computeTag(ctx: usize, tag: usize): void {
  beginText(ctx, 0); // closes the AAD when there was no text at all
  poly1305Pad16(ctx + POLY);
  store<u64>(ctx + SCRATCH, load<u64>(ctx, AAD_LEN), 0);
  store<u64>(ctx + SCRATCH, load<u64>(ctx, TEXT_LEN), 8);
  poly1305Update(ctx + POLY, ctx + SCRATCH, 16);
  poly1305Finish(ctx + POLY, tag);
}

/** Seal: writes the 16-byte tag and wipes ctx. */
export function chacha20Poly1305Finish(ctx: usize, tag: usize): void {
  computeTag(ctx, tag);
  wipe(ctx, CHACHA20POLY1305_CTX_SIZE);
}

/**
 * Open, end of pass 1: compares the computed tag with the received one
 * (16 bytes) in constant time, wipes ctx (computed tag included) and
 * returns Ok or IncorrectTag.
 */
export function chacha20Poly1305Verify(ctx: usize, tag: usize): AeadStatus {
  computeTag(ctx, ctx + SCRATCH);
  // The verdict is public from here on (the peer learns it from the alert).
  const ok = declassify(ctEqual(ctx + SCRATCH, tag, 16));
  wipe(ctx, CHACHA20POLY1305_CTX_SIZE);
  return <AeadStatus>((1 - ok) * <u32>AeadStatus.IncorrectTag);
}

/**
 * One-shot seal of a record in memory: dst = ciphertext of src (len bytes,
 * src == dst allowed), tag = its 16-byte tag. Composed of the incremental
 * calls above; ctx is scratch of CHACHA20POLY1305_CTX_SIZE bytes, wiped.
 */
export function chacha20Poly1305Seal(
  ctx: usize, key: usize, nonce: usize, aad: usize, aadLen: usize,
  src: usize, dst: usize, len: usize, tag: usize,
): AeadStatus {
  chacha20Poly1305Init(ctx, key, nonce);
  chacha20Poly1305Aad(ctx, aad, aadLen);
  const status = chacha20Poly1305Encrypt(ctx, src, dst, len);
  if (status != AeadStatus.Ok) {
    wipe(ctx, CHACHA20POLY1305_CTX_SIZE);
    return status;
  }
  chacha20Poly1305Finish(ctx, tag);
  return AeadStatus.Ok;
}

/**
 * One-shot open of a record in memory: authenticates aad and src (len bytes)
 * against tag first, and only if the tag matches writes the plaintext to dst
 * (src == dst allowed: a rejected record is left untouched). Returns Ok,
 * IncorrectTag or TextTooLong; ctx is scratch, wiped.
 */
export function chacha20Poly1305Open(
  ctx: usize, key: usize, nonce: usize, aad: usize, aadLen: usize,
  src: usize, dst: usize, len: usize, tag: usize,
): AeadStatus {
  chacha20Poly1305Init(ctx, key, nonce);
  chacha20Poly1305Aad(ctx, aad, aadLen);
  let status = chacha20Poly1305Authenticate(ctx, src, len);
  if (status != AeadStatus.Ok) {
    wipe(ctx, CHACHA20POLY1305_CTX_SIZE);
    return status;
  }
  status = chacha20Poly1305Verify(ctx, tag);
  // Branch on the (now public) verdict only: no plaintext before it.
  if (status != AeadStatus.Ok) return status;
  chacha20Poly1305Init(ctx, key, nonce);
  chacha20Poly1305Decrypt(ctx, src, dst, len);
  wipe(ctx, CHACHA20POLY1305_CTX_SIZE);
  return AeadStatus.Ok;
}
