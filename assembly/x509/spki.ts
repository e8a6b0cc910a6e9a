// RSA SubjectPublicKeyInfo parse: RFC 5280 §4.1.2.7 (SubjectPublicKeyInfo),
// RFC 3279 §2.3.1 (rsaEncryption, NULL parameters, RSAPublicKey inside the
// BIT STRING) and RFC 8017 Appendix A.1.1 (RSAPublicKey):
//
//   SubjectPublicKeyInfo ::= SEQUENCE {
//     algorithm  SEQUENCE { OID 1.2.840.113549.1.1.1, NULL },
//     subjectPublicKey BIT STRING (no unused bits) {
//       RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } } }
//
// Every element must exactly fill its parent and the outer SEQUENCE the
// whole input: trailing bytes anywhere are a malformed key. The key is public.
import {
  derEnd, derExpect, derLength, derStart, derUnsignedInteger, derValueEquals,
  DER_ELEMENT_SIZE, DerTag,
} from "./der";
import { rsaVerifyDigest, rsaVerifyFinal } from "../crypto/rsa_verify";

/** Result record: +0 modulus start, +4 modulus length (big-endian magnitude, no leading zero), +8 exponent. */
export const SPKI_RSA_SIZE: usize = 12;

// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 Appendix A.1).
const RSA_ENCRYPTION_OID = memory.data<u8>([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]);

const outer = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const inner = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const item = memory.data(<i32>DER_ELEMENT_SIZE, 4);

/**
 * Parses the len bytes at spki as an RSA SubjectPublicKeyInfo. Returns 1 and
 * fills out (SPKI_RSA_SIZE bytes; the modulus points into spki), or 0 when the
 * bytes are not exactly such a key or the exponent does not fit in 32 bits.
 * Range checks on n and e belong to the RSA code.
 */
export function spkiParseRsa(spki: usize, len: usize, out: usize): u32 {
  const end = spki + len;
  if (!derExpect(spki, end, DerTag.Sequence, outer) || derEnd(outer) != end) return 0;

  // AlgorithmIdentifier: the OID and a NULL, nothing else.
  if (!derExpect(derStart(outer), derEnd(outer), DerTag.Sequence, inner)) return 0;
  const afterAlgorithm = derEnd(inner);
  if (!derExpect(derStart(inner), derEnd(inner), DerTag.Oid, item)) return 0;
  if (!derValueEquals(item, RSA_ENCRYPTION_OID, 9)) return 0;
  if (!derExpect(derEnd(item), derEnd(inner), DerTag.Null, item)) return 0;
  if (derLength(item) != 0 || derEnd(item) != derEnd(inner)) return 0;

  // subjectPublicKey: a BIT STRING with 0 unused bits holding RSAPublicKey.
  if (!derExpect(afterAlgorithm, derEnd(outer), DerTag.BitString, inner)) return 0;
  if (derEnd(inner) != derEnd(outer) || derLength(inner) < 1) return 0;
  if (load<u8>(derStart(inner)) != 0) return 0;
  if (!derExpect(derStart(inner) + 1, derEnd(inner), DerTag.Sequence, inner)) return 0;
  const keyEnd = derEnd(inner);
  if (keyEnd != derEnd(outer)) return 0;

  if (!derExpect(derStart(inner), keyEnd, DerTag.Integer, item) || !derUnsignedInteger(item)) return 0;
  const nStart = derStart(item);
  const nLen = derLength(item);
  if (!derExpect(derEnd(item), keyEnd, DerTag.Integer, item) || !derUnsignedInteger(item)) return 0;
  if (derEnd(item) != keyEnd || derLength(item) > 4) return 0;
  let e: u32 = 0;
  for (let p = derStart(item); p < derEnd(item); p++) e = (e << 8) | <u32>load<u8>(p);

  store<u32>(out, <u32>nStart);
  store<u32>(out, <u32>nLen, 4);
  store<u32>(out, e, 8);
  return 1;
}

const key = memory.data(<i32>SPKI_RSA_SIZE, 4);

/**
 * rsaVerifyDigest (crypto/rsa_verify.ts) with the key given as a DER RSA
 * SubjectPublicKeyInfo: what a certificate's signature check calls with the
 * issuer's key and the digest of the TBSCertificate. 1 valid, 0 otherwise
 * (a malformed key is simply not valid).
 */
export function spkiRsaVerifyDigest(
  spki: usize, spkiLen: u32, id: u32, mHash: usize,
  sig: usize, sigLen: u32, scheme: u32, saltLen: u32,
): u32 {
  if (!spkiParseRsa(spki, spkiLen, key)) return 0;
  return rsaVerifyDigest(load<u32>(key), load<u32>(key, 4), load<u32>(key, 8), id, mHash, sig, sigLen, scheme, saltLen);
}

/** rsaVerifyFinal (crypto/rsa_verify.ts) with the key given as a DER RSA SubjectPublicKeyInfo. */
export function spkiRsaVerifyFinal(
  ctx: usize, spki: usize, spkiLen: u32,
  sig: usize, sigLen: u32, scheme: u32, saltLen: u32,
): u32 {
  if (!spkiParseRsa(spki, spkiLen, key)) {
    // Still finish the hash so the context holds no message state.
    rsaVerifyFinal(ctx, 0, 0, 0, 0, 0, scheme, saltLen);
    return 0;
  }
  return rsaVerifyFinal(ctx, load<u32>(key), load<u32>(key, 4), load<u32>(key, 8), sig, sigLen, scheme, saltLen);
}
