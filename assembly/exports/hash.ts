// The hash area's wasm surface (SHA-2, HMAC, HKDF): integers and pointers
// only. Contexts and buffers are memory the caller owns (the host uses the
// arena); contracts are in the assembly/crypto/ file each name comes from.
import { HASH_CTX_SIZE } from "../crypto/hash";
import { HMAC_CTX_SIZE } from "../crypto/hmac";
import { HKDF_CTX_SIZE } from "../crypto/hkdf";
import { SHA256_CTX_SIZE } from "../crypto/sha256";
import { SHA512_CTX_SIZE } from "../crypto/sha512";

export { sha256Init, sha256Update, sha256Final } from "../crypto/sha256";
export { sha384Init, sha384Update, sha384Final } from "../crypto/sha384";
export { sha512Init, sha512Update, sha512Final } from "../crypto/sha512";
export {
  hashDigestSize, hashBlockSize, hashInit, hashUpdate, hashFinal, hashCopy, hashCompute,
} from "../crypto/hash";
export {
  hmacKeyInit, hmacKeyUpdate, hmacKeyFinal, hmacInit, hmacReset, hmacUpdate, hmacFinal, hmacCompute,
} from "../crypto/hmac";
export {
  hkdfExtract, hkdfExpandInit, hkdfExpandKey, hkdfExpandBlockStart, hkdfExpandInfo,
  hkdfExpandBlockEnd, hkdfExpand,
} from "../crypto/hkdf";

/** Context sizes in bytes: SHA-256 104, SHA-384/512 200. */
export function sha256CtxSize(): u32 { return <u32>SHA256_CTX_SIZE; }
export function sha512CtxSize(): u32 { return <u32>SHA512_CTX_SIZE; }
/** Generic hash context (any id): 208 bytes. */
export function hashCtxSize(): u32 { return <u32>HASH_CTX_SIZE; }
/** HMAC context: 640 bytes. */
export function hmacCtxSize(): u32 { return <u32>HMAC_CTX_SIZE; }
/** HKDF-Expand context: 712 bytes (Extract needs only hmacCtxSize()). */
export function hkdfCtxSize(): u32 { return <u32>HKDF_CTX_SIZE; }
