// AES and AES-GCM on the wasm surface: thin wrappers, integers and pointers
// only. Contracts (secret/public, buffering) are in assembly/crypto/gcm.ts
// and the AES cores gcm_core.ts selects (aes_ct.ts 32-bit, aes_ct64.ts 64-bit).
import * as core from "../crypto/gcm_core";
import * as gcm from "../crypto/gcm";

/** Bytes of the round-key buffer aesExpandKey fills (480 in the 32-bit build, 960 in the 64-bit one). */
export function aesRoundKeysSize(): u32 {
  return core.AES_KEY_SIZE;
}

/** Blocks one aesEncryptBlocks call encrypts (2 in the 32-bit build, 4 in the 64-bit one). */
export function aesBlocksPerCall(): u32 {
  return core.AES_BLOCKS;
}

/** Expands key (keyLen 16 or 32) into rk; returns the rounds (10/14) or 0. */
export function aesExpandKey(rk: usize, key: usize, keyLen: u32): u32 {
  return core.aesKey(rk, key, keyLen);
}

/** Encrypts aesBlocksPerCall() blocks (16 bytes each) at src into dst with nr rounds. */
export function aesEncryptBlocks(rk: usize, nr: u32, src: usize, dst: usize): void {
  core.aesEncryptBlocks(rk, nr, src, dst);
}

/** Bytes of a GCM context (672 in the 32-bit build, 1968 in the 64-bit one). */
export function gcmContextSize(): u32 {
  return gcm.GCM_CTX_SIZE;
}

/** Starts a message: key (16 or 32 bytes), 12-byte nonce. 1, or 0 for a bad key length. */
export function gcmInit(ctx: usize, key: usize, keyLen: u32, nonce: usize): u32 {
  return gcm.gcmInit(ctx, key, keyLen, nonce);
}

/** Absorbs AAD (any length, before any text). 1, or 0 after text started or after the tag. */
export function gcmAad(ctx: usize, aad: usize, len: usize): u32 {
  return gcm.gcmAad(ctx, aad, len);
}

/** Seal: encrypts src into dst and hashes the ciphertext. 1, or 0 after the tag or past the length limit. */
export function gcmEncrypt(ctx: usize, src: usize, dst: usize, len: usize): u32 {
  return gcm.gcmEncrypt(ctx, src, dst, len);
}

/** Open pass 1: hashes ciphertext, decrypts nothing. 1, or 0 after the tag or past the length limit. */
export function gcmAuthenticate(ctx: usize, src: usize, len: usize): u32 {
  return gcm.gcmAuthenticate(ctx, src, len);
}

/** Open pass 2 (only after gcmVerify gave 1): CTR from the start of the stream. */
export function gcmCtrXor(ctx: usize, src: usize, dst: usize, len: usize): void {
  gcm.gcmCtrXor(ctx, src, dst, len);
}

/** Writes the 16-byte tag; call once, the context then takes no more AAD or text. */
export function gcmFinish(ctx: usize, tag: usize): void {
  gcm.gcmFinish(ctx, tag);
}

/** Constant-time check of the 16-byte tag: 1 when it matches, else 0. */
export function gcmVerify(ctx: usize, tag: usize): u32 {
  return gcm.gcmVerify(ctx, tag);
}

/** Zeroes the context. */
export function gcmWipe(ctx: usize): void {
  gcm.gcmWipe(ctx);
}

/** One-shot seal: dst = ciphertext || tag. 1, or 0 for a bad key length. */
export function gcmSeal(
  ctx: usize, key: usize, keyLen: u32, nonce: usize,
  aad: usize, aadLen: usize, src: usize, len: usize, dst: usize,
): u32 {
  return gcm.gcmSeal(ctx, key, keyLen, nonce, aad, aadLen, src, len, dst);
}

/** One-shot open: 1 and plaintext in dst when the tag verifies, else 0 and dst untouched. */
export function gcmOpen(
  ctx: usize, key: usize, keyLen: u32, nonce: usize,
  aad: usize, aadLen: usize, src: usize, len: usize, tag: usize, dst: usize,
): u32 {
  return gcm.gcmOpen(ctx, key, keyLen, nonce, aad, aadLen, src, len, tag, dst);
}
