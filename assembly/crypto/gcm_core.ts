// The word-size-dependent half of AES-GCM: the AES core and GHASH, chosen at
// compile time by one switch, EMBER_WORD64 (asc `--use EMBER_WORD64=1`, set
// in asconfig.json's targets).
//
//   EMBER_WORD64 = 1: aes_ct64.ts (four blocks per call on u64 words) and
//     ghash64.ts (64-bit multiplications, four blocks per reduction): the
//     fast form where the host has native 64-bit integers (V8).
//   EMBER_WORD64 = 0 or absent: aes_ct.ts (two blocks on u32 words) and
//     ghash.ts (32 x 32 -> 64 products): the form for rv32imc and Cortex-M,
//     where a 64 x 64 multiplication costs several instructions.
//
// Both forms are constant-time and table-free; the contracts (what is secret,
// what is public) are those of the files named above. The condition below
// is a compile-time constant, so only one form reaches the module.

import { AES_RK_SIZE, aesEncrypt2, aesExpandKey } from "./aes_ct";
import { AES64_RK_SIZE, aesEncrypt4, aesExpandKey64 } from "./aes_ct64";
import { ghashBlocks } from "./ghash";
import { GHASH64_KEY_SIZE, ghashBlocks64, ghashKey64 } from "./ghash64";

// @ts-ignore: EMBER_WORD64 is introduced by asc --use; isDefined() makes it optional.
export const WORD64: bool = isDefined(EMBER_WORD64) ? EMBER_WORD64 != 0 : false;

/** Blocks one aesEncryptBlocks() call encrypts. */
export const AES_BLOCKS: u32 = WORD64 ? 4 : 2;

/** Bytes of expanded AES key. */
export const AES_KEY_SIZE: u32 = WORD64 ? AES64_RK_SIZE : AES_RK_SIZE;

/** Bytes of GHASH key material (derived from H). */
export const GHASH_KEY_SIZE: u32 = WORD64 ? GHASH64_KEY_SIZE : 16;

/** Expands key (keyLen 16 or 32; public) into rk; returns the rounds (10, 14) or 0. */
@inline export function aesKey(rk: usize, key: usize, keyLen: u32): u32 {
  if (WORD64) return aesExpandKey64(rk, key, keyLen);
  return aesExpandKey(rk, key, keyLen);
}

/** Encrypts AES_BLOCKS blocks at src into dst (may be equal). */
@inline export function aesEncryptBlocks(rk: usize, nr: u32, src: usize, dst: usize): void {
  if (WORD64) aesEncrypt4(rk, nr, src, dst);
  else aesEncrypt2(rk, nr, src, dst);
}

/**
 * Writes the GHASH key material for H = (hi, lo) at hk: ghash.ts takes H as
 * it is, ghash64.ts its first four powers, pre-split.
 */
@inline export function ghashKey(hk: usize, hi: u64, lo: u64): void {
  if (WORD64) {
    ghashKey64(hk, hi, lo);
  } else {
    store<u64>(hk, hi, 0);
    store<u64>(hk, lo, 8);
  }
}

/** Y = (Y ^ X_i) . H over the n blocks at src (n public). */
@inline export function ghashUpdate(y: usize, hk: usize, src: usize, n: usize): void {
  if (WORD64) ghashBlocks64(y, hk, src, n);
  else ghashBlocks(y, hk, src, n);
}
