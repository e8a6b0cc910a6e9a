// EMSA-PKCS1-v1_5 verification (RFC 8017 §9.2, used by RSASSA-PKCS1-v1_5-
// VERIFY, §8.2.2 steps 3-4) for SHA-256, SHA-384 and SHA-512.
//
// Variant: encode-and-compare, as §8.2.2 step 3 prescribes, never parse the
// decrypted block. Parsing (finding the 0x00 after the padding, reading the
// DigestInfo) is where Bleichenbacher's 2006 e = 3 forgery and its many
// descendants live; building the one valid block and comparing all k bytes
// leaves no room for garbage in the padding or after the digest.
//
// The encoded block and the digest are public in verification; the compare
// is constant-time anyway (ctEqual), so this is also safe to reuse for
// checking a value that must not leak.
import { ctEqual } from "./ct";
import { hashDigestSize, HashId } from "./hash";

// DigestInfo DER prefixes (§9.2 note 1): SEQUENCE { SEQUENCE { OID, NULL },
// OCTET STRING of hLen bytes }, followed by the hash value. Only the form
// with explicit NULL parameters is valid (the note lists no other).
const PREFIX_LEN: u32 = 19;
const PREFIX_SHA256 = memory.data<u8>([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
]);
const PREFIX_SHA384 = memory.data<u8>([
  0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30,
]);
const PREFIX_SHA512 = memory.data<u8>([
  0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40,
]);

// The expected encoding, built here and compared with the caller's.
const expected = memory.data(512, 16);

/**
 * 1 when the k bytes at em are exactly EMSA-PKCS1-v1_5(digest) for hash id,
 * i.e. 0x00 || 0x01 || PS (0xff, at least 8 bytes) || 0x00 || DigestInfo; 0
 * otherwise (also for an unknown id or a k too small or above 512).
 */
export function emsaPkcs1Check(em: usize, k: u32, id: u32, digest: usize): u32 {
  const hLen = hashDigestSize(id);
  if (hLen == 0 || k > 512) return 0;
  const tLen = PREFIX_LEN + hLen;
  if (k < tLen + 11) return 0; // §9.2 step 3: "intended encoded message length too short"
  const prefix = id == HashId.Sha256 ? PREFIX_SHA256 : id == HashId.Sha384 ? PREFIX_SHA384 : PREFIX_SHA512;
  const psLen = k - tLen - 3;
  store<u8>(expected, 0x00);
  store<u8>(expected, 0x01, 1);
  memory.fill(expected + 2, 0xff, psLen);
  store<u8>(expected + 2 + <usize>psLen, 0x00);
  memory.copy(expected + 3 + <usize>psLen, prefix, PREFIX_LEN);
  memory.copy(expected + 3 + <usize>(psLen + PREFIX_LEN), digest, hLen);
  return ctEqual(em, expected, k);
}
