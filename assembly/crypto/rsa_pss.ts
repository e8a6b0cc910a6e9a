// EMSA-PSS verification (RFC 8017 §9.1.2) with MGF1 (Appendix B.2.1) over the
// same hash as the message, for SHA-256, SHA-384 and SHA-512: the encoding
// step of RSASSA-PSS-VERIFY (§8.1.2).
//
// Variant: the salt length is either required (a given sLen: TLS 1.3 fixes
// it to hLen, RFC 8446 §4.2.3; X.509's RSASSA-PSS-params names one) or
// recovered from the encoding (PSS_SALT_ANY: from the position of the 0x01
// separator in DB, §9.1.2 step 10). The mask is applied in place.
//
// Everything here is public in verification (the encoded message comes from
// the signature); only the final digest compare is written constant-time,
// out of habit.
import { ctEqual } from "./ct";
import { hashDigestSize, hashFinal, hashInit, hashUpdate, HASH_CTX_SIZE, HASH_MAX_DIGEST_SIZE } from "./hash";

/** saltLen value that accepts any salt length the encoding carries. */
export const PSS_SALT_ANY: u32 = 0xffffffff;

const hashCtx = memory.data(<i32>HASH_CTX_SIZE, 16);
const block = memory.data(<i32>HASH_MAX_DIGEST_SIZE, 16);
const counter = memory.data(4, 4);
const zeros = memory.data(8, 4);

/**
 * XORs MGF1(seed, len) into the len bytes at db (Appendix B.2.1:
 * T = Hash(seed || C) for the 4-byte big-endian counter C = 0, 1, ...).
 */
export function mgf1Xor(id: u32, seed: usize, seedLen: u32, db: usize, len: u32): void {
  const hLen = hashDigestSize(id);
  let c: u32 = 0;
  for (let done: u32 = 0; done < len; done += hLen) {
    store<u32>(counter, bswap(c));
    hashInit(hashCtx, id);
    hashUpdate(hashCtx, seed, seedLen);
    hashUpdate(hashCtx, counter, 4);
    hashFinal(hashCtx, block);
    const n = min(hLen, len - done);
    for (let i: u32 = 0; i < n; i++) {
      const p = db + <usize>(done + i);
      store<u8>(p, load<u8>(p) ^ load<u8>(block + <usize>i));
    }
    c++;
  }
}

/**
 * EMSA-PSS-VERIFY(mHash, EM, emBits) for hash id: 1 when "consistent", else
 * 0. em holds the emLen = ceil(emBits / 8) bytes of the encoded message and
 * is unmasked in place; mHash is the hLen-byte message digest. saltLen is
 * the required salt length, or PSS_SALT_ANY to accept any.
 */
export function emsaPssVerify(mHash: usize, em: usize, emBits: u32, id: u32, saltLen: u32): u32 {
  const hLen = hashDigestSize(id);
  if (hLen == 0) return 0;
  const emLen = (emBits + 7) >> 3;
  // Step 3 (at its loosest, sLen = 0; a given sLen is checked in step 10).
  if (emLen < hLen + 2) return 0;
  // Step 4: the trailer field.
  if (load<u8>(em + <usize>(emLen - 1)) != 0xbc) return 0;
  // Steps 5-6: maskedDB || H; the 8 emLen - emBits leftmost bits must be 0.
  const dbLen = emLen - hLen - 1;
  const h = em + <usize>dbLen;
  const topMask: u32 = 0xff >> (8 * emLen - emBits);
  if ((<u32>load<u8>(em) & ~topMask) != 0) return 0;
  // Steps 7-9: DB = maskedDB xor MGF(H, dbLen), leftmost bits cleared.
  mgf1Xor(id, h, hLen, em, dbLen);
  store<u8>(em, <u8>(<u32>load<u8>(em) & topMask));
  // Step 10: DB = PS (zeros) || 0x01 || salt. Find the separator; its
  // position gives sLen, which must match a required one.
  let i: u32 = 0;
  while (i < dbLen && load<u8>(em + <usize>i) == 0) i++;
  if (i == dbLen || load<u8>(em + <usize>i) != 0x01) return 0;
  const sLen = dbLen - i - 1;
  if (saltLen != PSS_SALT_ANY && saltLen != sLen) return 0;
  // Steps 11-13: H' = Hash(0x00 * 8 || mHash || salt).
  hashInit(hashCtx, id);
  hashUpdate(hashCtx, zeros, 8);
  hashUpdate(hashCtx, mHash, hLen);
  hashUpdate(hashCtx, em + <usize>(i + 1), sLen);
  hashFinal(hashCtx, block);
  // Step 14.
  return ctEqual(block, h, hLen);
}
