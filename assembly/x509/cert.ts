// One X.509 v1/v3 certificate (RFC 5280 §4.1), parsed whole from strict DER
// into a fixed-size summary (a "slot") that the chain validator keeps after
// the certificate's bytes are gone:
//
//   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
//   TBSCertificate ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, serialNumber, signature,
//     issuer, validity, subject, subjectPublicKeyInfo, issuerUniqueID [1], subjectUniqueID [2],
//     extensions [3] EXPLICIT }
//
// Names are kept as the SHA-256 of their DER (the whole Name TLV). RFC 5280
// §7.1 asks for name comparison after a string-preparation step; comparing
// the DER bytes, as Go, webpki and most validators do, is stricter: two
// spellings of one name fail to chain, never the other way round.
//
// The TBSCertificate is hashed here with the hash of its signature algorithm,
// so the issuer's signature can be checked later without the bytes. Only
// Ed25519 (pure EdDSA hashes R || A || M, RFC 8032 §5.1.7, and A is the
// issuer's key) needs the TBS itself; the parser points at it and the chain
// keeps a copy.
//
// Variable-length parts (the key, the signature, the name constraints, the
// subjectAltName, the TBS for Ed25519) are not copied here: certParse points
// at them in the caller's DER (the CertView record, valid until the next
// call) and the chain decides what to keep.
//
// Strictness: every element must exactly fill its parent and the certificate
// the whole input (der.ts never reads outside it); version 1 is absent, not
// an explicit 0; extensions only in v3, never empty, no known extension twice
// (RFC 5280 §4.2). An explicit critical FALSE or cA FALSE (DER says omit a
// DEFAULT) is accepted: too many deployed certificates carry one.
//
// All of it is public data; the code branches freely.
import {
  derEnd, derExpect, derLength, derRead, derStart, derTag, derUnsignedInteger, derValueEquals,
  DER_ELEMENT_SIZE, DerTag,
} from "./der";
import { spkiParseRsa, SPKI_RSA_SIZE } from "./spki";
import { parseTime, TIME_INVALID } from "./time";
import { hashCompute, hashDigestSize, HASH_CTX_SIZE, HashId } from "../crypto/hash";
import { rsaModulusBits } from "../crypto/rsa";

// ---- The slot: what the validator keeps of one certificate. ----
export const S_FLAGS: usize = 0;
export const S_PATHLEN: usize = 4;
export const S_KEY_USAGE: usize = 8;
export const S_SIG_ALG: usize = 12;
export const S_KEY_TYPE: usize = 16;
export const S_KEY_BITS: usize = 20;
export const S_NOT_BEFORE: usize = 24; // i64 seconds since the epoch
export const S_NOT_AFTER: usize = 32;
export const S_SUBJECT: usize = 40; // SHA-256 of the subject Name's DER
export const S_ISSUER: usize = 72; // SHA-256 of the issuer Name's DER
export const S_TBS_HASH: usize = 104; // up to 64 bytes
export const S_SALT: usize = 168; // RSASSA-PSS salt length
// Pool references (offset, length) the chain fills in: key, signature, name
// constraints, TBS (Ed25519 only).
export const S_KEY_REF: usize = 172;
export const S_SIG_REF: usize = 180;
export const S_NC_REF: usize = 188;
export const S_TBS_REF: usize = 196;
export const SLOT_SIZE: usize = 204;

export const enum CertFlag {
  Present = 1 << 0,
  V3 = 1 << 1,
  BasicConstraints = 1 << 2,
  Ca = 1 << 3,
  PathLen = 1 << 4,
  KeyUsage = 1 << 5,
  ExtKeyUsage = 1 << 6,
  EkuServerAuth = 1 << 7,
  EkuClientAuth = 1 << 8,
  EkuAny = 1 << 9,
  NameConstraints = 1 << 10,
  UnknownCritical = 1 << 11,
  SelfIssued = 1 << 12,
  SubjectAltName = 1 << 13,
  EmptySubject = 1 << 14,
}

/** keyUsage bits as stored: the BIT STRING's first byte in bits 0-7, second in 8-15. */
export const KU_DIGITAL_SIGNATURE: u32 = 0x80; // bit 0 (RFC 5280 §4.2.1.3)
export const KU_KEY_CERT_SIGN: u32 = 0x04; // bit 5

export const enum SigAlg {
  Unsupported = 0,
  EcdsaSha256 = 1,
  EcdsaSha384 = 2,
  EcdsaSha512 = 3,
  RsaPkcs1Sha256 = 4,
  RsaPkcs1Sha384 = 5,
  RsaPkcs1Sha512 = 6,
  RsaPssSha256 = 7,
  RsaPssSha384 = 8,
  RsaPssSha512 = 9,
  Ed25519 = 10,
  /** MD2 or MD5 with RSA: broken, refused as WEAK_ALGORITHM. */
  WeakMd5 = 11,
  /** SHA-1 with RSA, ECDSA or DSA: refused as WEAK_ALGORITHM. */
  WeakSha1 = 12,
}

export const enum KeyType {
  Unsupported = 0,
  Rsa = 1,
  EcP256 = 2,
  EcP384 = 3,
  Ed25519 = 4,
}

/** Hash id (hash.ts) that a signature algorithm signs with, or -1 (Ed25519, weak, unknown). */
export function sigAlgHash(alg: u32): i32 {
  if (alg == SigAlg.EcdsaSha256 || alg == SigAlg.RsaPkcs1Sha256 || alg == SigAlg.RsaPssSha256) return HashId.Sha256;
  if (alg == SigAlg.EcdsaSha384 || alg == SigAlg.RsaPkcs1Sha384 || alg == SigAlg.RsaPssSha384) return HashId.Sha384;
  if (alg == SigAlg.EcdsaSha512 || alg == SigAlg.RsaPkcs1Sha512 || alg == SigAlg.RsaPssSha512) return HashId.Sha512;
  return -1;
}

// ---- The view: where the variable-length parts sit in the caller's DER. ----
export const V_KEY: usize = 0; // key bytes: RSA SPKI, EC uncompressed point, Ed25519 32 bytes
export const V_KEY_LEN: usize = 4;
export const V_SIG: usize = 8; // signatureValue content (after the unused-bits octet)
export const V_SIG_LEN: usize = 12;
export const V_NC: usize = 16; // NameConstraints extnValue content
export const V_NC_LEN: usize = 20;
export const V_SAN: usize = 24; // subjectAltName GeneralNames content
export const V_SAN_LEN: usize = 28;
export const V_TBS: usize = 32; // the TBSCertificate TLV
export const V_TBS_LEN: usize = 36;
export const V_SUBJECT: usize = 40; // the subject Name's content (the RDN sequence)
export const V_SUBJECT_LEN: usize = 44;
export const VIEW_SIZE: usize = 48;
export const certView = memory.data(<i32>VIEW_SIZE, 4);

// ---- OIDs (content octets). ----
const OID_ECDSA_SHA256 = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]);
const OID_ECDSA_SHA384 = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03]);
const OID_ECDSA_SHA512 = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04]);
const OID_ECDSA_SHA1 = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01]);
const OID_DSA_SHA1 = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03]);
// 1.2.840.113549.1.1.x (PKCS #1): the last octet picks the algorithm.
const OID_PKCS1_PREFIX = memory.data<u8>([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01]);
const PKCS1_MD2: u8 = 2;
const PKCS1_MD5: u8 = 4;
const PKCS1_SHA1: u8 = 5;
const PKCS1_MGF1: u8 = 8;
const PKCS1_PSS: u8 = 10;
const PKCS1_SHA256: u8 = 11;
const PKCS1_SHA384: u8 = 12;
const PKCS1_SHA512: u8 = 13;
// 2.16.840.1.101.3.4.2.x (NIST hashes): 1 SHA-256, 2 SHA-384, 3 SHA-512.
const OID_NIST_HASH_PREFIX = memory.data<u8>([0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02]);
const OID_SHA1 = memory.data<u8>([0x2b, 0x0e, 0x03, 0x02, 0x1a]);
const OID_ED25519 = memory.data<u8>([0x2b, 0x65, 0x70]);
const OID_EC_PUBLIC_KEY = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
const OID_P256 = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);
const OID_P384 = memory.data<u8>([0x2b, 0x81, 0x04, 0x00, 0x22]);
// 2.5.29.x (id-ce) extensions; the last octet picks the extension.
const OID_CE_PREFIX = memory.data<u8>([0x55, 0x1d]);
const CE_SKI: u8 = 14;
const CE_KEY_USAGE: u8 = 15;
const CE_SAN: u8 = 17;
const CE_BASIC_CONSTRAINTS: u8 = 19;
const CE_NAME_CONSTRAINTS: u8 = 30;
const CE_EXT_KEY_USAGE: u8 = 37;
const CE_AKI: u8 = 35;
// 1.3.6.1.5.5.7.3.x (id-kp) and anyExtendedKeyUsage 2.5.29.37.0.
const OID_KP_PREFIX = memory.data<u8>([0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03]);
const OID_ANY_EKU = memory.data<u8>([0x55, 0x1d, 0x25, 0x00]);

// Scratch element records (one per nesting level that is live at once).
const certEl = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const tbsEl = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const el = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const el2 = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const el3 = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const el4 = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const extEl = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const rsaKey = memory.data(<i32>SPKI_RSA_SIZE, 4);
const hashCtx = memory.data(<i32>HASH_CTX_SIZE, 8);

/** 1 when the OID element's value is prefix followed by exactly one octet, last. */
function oidIsPrefixed(oid: usize, prefix: usize, prefixLen: usize, last: u8): u32 {
  if (derLength(oid) != prefixLen + 1) return 0;
  if (memory.compare(derStart(oid), prefix, prefixLen) != 0) return 0;
  return <u32>(load<u8>(derStart(oid) + prefixLen) == last);
}

/**
 * Reads an AlgorithmIdentifier's optional parameters (after the OID at oid,
 * up to end) and returns 1 when they are absent or a NULL, else 0.
 */
function paramsAbsentOrNull(oid: usize, end: usize): u32 {
  const pos = derEnd(oid);
  if (pos == end) return 1;
  if (!derExpect(pos, end, DerTag.Null, el4)) return 0;
  return <u32>(derLength(el4) == 0 && derEnd(el4) == end);
}

/**
 * A hash AlgorithmIdentifier (RFC 4055 §2.1: sha256/384/512, parameters
 * absent or NULL) in [start, end) filling it exactly. Returns the hash id,
 * -2 for SHA-1 (weak), or -1.
 */
function parseHashAlgorithm(start: usize, end: usize): i32 {
  if (!derExpect(start, end, DerTag.Sequence, el3) || derEnd(el3) != end) return -1;
  const seqEnd = derEnd(el3);
  if (!derExpect(derStart(el3), seqEnd, DerTag.Oid, el3)) return -1;
  if (!paramsAbsentOrNull(el3, seqEnd)) return -1;
  if (derValueEquals(el3, OID_SHA1, 5)) return -2;
  for (let i: u8 = 1; i <= 3; i++) {
    if (oidIsPrefixed(el3, OID_NIST_HASH_PREFIX, 8, i)) return <i32>i - 1; // 1 -> Sha256 (0) ...
  }
  return -1;
}

/** One [n] EXPLICIT wrapper of RSASSA-PSS-params, read into el2. */
function pssField(pos: usize, end: usize, tag: u32): u32 {
  return <u32>(pos < end && <u32>load<u8>(pos) == tag) & derExpect(pos, end, tag, el2);
}

/**
 * RSASSA-PSS-params (RFC 4055 §3.1) in the SEQUENCE [start, end). Accepted:
 * hash SHA-256/384/512, MGF1 with that same hash, trailerField 1; the salt
 * length goes to the slot. The DEFAULTs (SHA-1, MGF1-SHA-1, salt 20) mean
 * SHA-1: weak. Returns the SigAlg.
 */
function parsePssParams(start: usize, end: usize, slot: usize): u32 {
  let pos = start;
  let hash: i32 = -2; // default sha1
  if (pssField(pos, end, 0xa0)) {
    hash = parseHashAlgorithm(derStart(el2), derEnd(el2));
    pos = derEnd(el2);
  }
  let mgfHash: i32 = -2; // default mgf1SHA1
  if (pssField(pos, end, 0xa1)) {
    pos = derEnd(el2);
    // MaskGenAlgorithm ::= SEQUENCE { OID mgf1, HashAlgorithm }
    if (!derExpect(derStart(el2), derEnd(el2), DerTag.Sequence, el3) || derEnd(el3) != derEnd(el2)) return SigAlg.Unsupported;
    const mgfEnd = derEnd(el3);
    if (!derExpect(derStart(el3), mgfEnd, DerTag.Oid, el3)) return SigAlg.Unsupported;
    if (!oidIsPrefixed(el3, OID_PKCS1_PREFIX, 8, PKCS1_MGF1)) return SigAlg.Unsupported;
    mgfHash = parseHashAlgorithm(derEnd(el3), mgfEnd);
  }
  let salt: u32 = 20;
  if (pssField(pos, end, 0xa2)) {
    pos = derEnd(el2);
    if (!derExpect(derStart(el2), derEnd(el2), DerTag.Integer, el3) || derEnd(el3) != derEnd(el2)) return SigAlg.Unsupported;
    if (!derUnsignedInteger(el3) || derLength(el3) > 2) return SigAlg.Unsupported;
    salt = 0;
    for (let p = derStart(el3); p < derEnd(el3); p++) salt = (salt << 8) | <u32>load<u8>(p);
  }
  if (pssField(pos, end, 0xa3)) {
    pos = derEnd(el2);
    if (!derExpect(derStart(el2), derEnd(el2), DerTag.Integer, el3) || derEnd(el3) != derEnd(el2)) return SigAlg.Unsupported;
    if (derLength(el3) != 1 || load<u8>(derStart(el3)) != 1) return SigAlg.Unsupported;
  }
  if (pos != end) return SigAlg.Unsupported;
  if (hash == -2 || mgfHash == -2) return SigAlg.WeakSha1;
  if (hash < 0 || hash != mgfHash) return SigAlg.Unsupported;
  store<u32>(slot + S_SALT, salt);
  return SigAlg.RsaPssSha256 + <u32>hash;
}

/**
 * The AlgorithmIdentifier at el (a SEQUENCE already read) as a SigAlg,
 * or 0xFFFFFFFF when its encoding is malformed. Unknown algorithms are
 * SigAlg.Unsupported, not malformed: an unused extra certificate may use one.
 */
function parseSignatureAlgorithm(alg: usize, slot: usize): u32 {
  const end = derEnd(alg);
  if (!derExpect(derStart(alg), end, DerTag.Oid, el2)) return 0xffffffff;
  // ECDSA (RFC 5758 §3.2): parameters absent.
  const ecdsaAbsent = <u32>(derEnd(el2) == end);
  if (derValueEquals(el2, OID_ECDSA_SHA256, 8)) return ecdsaAbsent ? SigAlg.EcdsaSha256 : 0xffffffff;
  if (derValueEquals(el2, OID_ECDSA_SHA384, 8)) return ecdsaAbsent ? SigAlg.EcdsaSha384 : 0xffffffff;
  if (derValueEquals(el2, OID_ECDSA_SHA512, 8)) return ecdsaAbsent ? SigAlg.EcdsaSha512 : 0xffffffff;
  if (derValueEquals(el2, OID_ECDSA_SHA1, 7) || derValueEquals(el2, OID_DSA_SHA1, 7)) return SigAlg.WeakSha1;
  // Ed25519 (RFC 8410 §3): parameters absent.
  if (derValueEquals(el2, OID_ED25519, 3)) return ecdsaAbsent ? SigAlg.Ed25519 : 0xffffffff;
  if (derLength(el2) == 9 && memory.compare(derStart(el2), OID_PKCS1_PREFIX, 8) == 0) {
    const which = load<u8>(derStart(el2) + 8);
    if (which == PKCS1_PSS) {
      // RFC 4055 §3.1: parameters are a RSASSA-PSS-params SEQUENCE.
      if (!derExpect(derEnd(el2), end, DerTag.Sequence, el) || derEnd(el) != end) return 0xffffffff;
      return parsePssParams(derStart(el), derEnd(el), slot);
    }
    // RFC 4055 §5 / RFC 3279 §2.2.1: NULL parameters (absence tolerated).
    if (!paramsAbsentOrNull(el2, end)) return 0xffffffff;
    if (which == PKCS1_SHA256) return SigAlg.RsaPkcs1Sha256;
    if (which == PKCS1_SHA384) return SigAlg.RsaPkcs1Sha384;
    if (which == PKCS1_SHA512) return SigAlg.RsaPkcs1Sha512;
    if (which == PKCS1_SHA1) return SigAlg.WeakSha1;
    if (which == PKCS1_MD5 || which == PKCS1_MD2) return SigAlg.WeakMd5;
  }
  return SigAlg.Unsupported;
}

/**
 * SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) at [pos, end): key type, size,
 * and where the key bytes are (view). Unknown algorithms and curves are
 * KeyType.Unsupported; a known one that is badly encoded is malformed (0).
 */
function parseSpki(pos: usize, end: usize, slot: usize, view: usize): u32 {
  if (!derExpect(pos, end, DerTag.Sequence, el) || derEnd(el) != end) return 0;
  const spkiEnd = end;
  if (!derExpect(derStart(el), spkiEnd, DerTag.Sequence, el2)) return 0;
  const algEnd = derEnd(el2);
  if (!derExpect(algEnd, spkiEnd, DerTag.BitString, el3) || derEnd(el3) != spkiEnd) return 0;
  if (derLength(el3) < 1 || load<u8>(derStart(el3)) != 0) return 0; // keys are whole octets
  const keyStart = derStart(el3) + 1;
  const keyLen = derEnd(el3) - keyStart;
  if (!derExpect(derStart(el2), algEnd, DerTag.Oid, el2)) return 0;
  store<u32>(slot + S_KEY_TYPE, KeyType.Unsupported);
  store<u32>(view + V_KEY, <u32>pos);
  store<u32>(view + V_KEY_LEN, <u32>(end - pos));
  if (oidIsPrefixed(el2, OID_PKCS1_PREFIX, 8, 1)) {
    // rsaEncryption: spki.ts checks the whole SPKI (NULL parameters, RSAPublicKey).
    if (!spkiParseRsa(pos, end - pos, rsaKey)) return 0;
    store<u32>(slot + S_KEY_TYPE, KeyType.Rsa);
    // rsaModulusBits refuses moduli longer than 4096 bits (0): keep them as "too big".
    const nLen = load<u32>(rsaKey, 4);
    const bits = rsaModulusBits(<usize>load<u32>(rsaKey), nLen);
    store<u32>(slot + S_KEY_BITS, bits == 0 ? 0xffffffff : bits);
    return 1;
  }
  if (derValueEquals(el2, OID_EC_PUBLIC_KEY, 7)) {
    // RFC 5480 §2.1.1: parameters are a namedCurve OID; SEC1 uncompressed points only.
    if (!derExpect(derEnd(el2), algEnd, DerTag.Oid, el2) || derEnd(el2) != algEnd) return 0;
    let type = KeyType.Unsupported;
    let size: usize = 0;
    if (derValueEquals(el2, OID_P256, 8)) { type = KeyType.EcP256; size = 65; }
    if (derValueEquals(el2, OID_P384, 5)) { type = KeyType.EcP384; size = 97; }
    if (type != KeyType.Unsupported && keyLen == size && load<u8>(keyStart) == 0x04) {
      store<u32>(slot + S_KEY_TYPE, type);
      store<u32>(slot + S_KEY_BITS, type == KeyType.EcP256 ? 256 : 384);
      store<u32>(view + V_KEY, <u32>keyStart);
      store<u32>(view + V_KEY_LEN, <u32>keyLen);
    }
    return 1;
  }
  if (derValueEquals(el2, OID_ED25519, 3)) {
    // RFC 8410 §3: parameters absent, the key is 32 bytes.
    if (derEnd(el2) != algEnd || keyLen != 32) return 0;
    store<u32>(slot + S_KEY_TYPE, KeyType.Ed25519);
    store<u32>(slot + S_KEY_BITS, 256);
    store<u32>(view + V_KEY, <u32>keyStart);
    store<u32>(view + V_KEY_LEN, 32);
    return 1;
  }
  return 1;
}

/** A BOOLEAN element's value: 1 TRUE (0xFF), 0 FALSE (0x00), -1 malformed (X.690 §11.1). */
function readBoolean(b: usize): i32 {
  if (derTag(b) != 0x01 || derLength(b) != 1) return -1;
  const v = load<u8>(derStart(b));
  if (v == 0xff) return 1;
  if (v == 0) return 0;
  return -1;
}

/** basicConstraints (RFC 5280 §4.2.1.9) value in [start, end). 1 ok, 0 malformed. */
function parseBasicConstraints(start: usize, end: usize, slot: usize): u32 {
  if (!derExpect(start, end, DerTag.Sequence, el) || derEnd(el) != end) return 0;
  let pos = derStart(el);
  const seqEnd = derEnd(el);
  let flags = load<u32>(slot + S_FLAGS) | CertFlag.BasicConstraints;
  if (pos < seqEnd && load<u8>(pos) == 0x01) {
    if (!derRead(pos, seqEnd, el2)) return 0;
    const ca = readBoolean(el2);
    if (ca < 0) return 0;
    if (ca == 1) flags |= CertFlag.Ca;
    pos = derEnd(el2);
  }
  if (pos < seqEnd) {
    if (!derExpect(pos, seqEnd, DerTag.Integer, el2) || derEnd(el2) != seqEnd) return 0;
    if (!derUnsignedInteger(el2)) return 0;
    // Any pathLen above 255 is as good as unlimited for an 8-certificate budget.
    let v: u32 = 0;
    for (let p = derStart(el2); p < derEnd(el2); p++) v = v > 0xffff ? v : (v << 8) | <u32>load<u8>(p);
    store<u32>(slot + S_PATHLEN, v > 255 ? 255 : v);
    flags |= CertFlag.PathLen;
    pos = seqEnd;
  }
  store<u32>(slot + S_FLAGS, flags);
  return 1;
}

/** keyUsage (RFC 5280 §4.2.1.3): a BIT STRING, at least one bit set. 1 ok, 0 malformed. */
function parseKeyUsage(start: usize, end: usize, slot: usize): u32 {
  if (!derExpect(start, end, DerTag.BitString, el) || derEnd(el) != end) return 0;
  const len = derLength(el);
  if (len < 2 || len > 3) return 0; // 9 named bits: at most two content octets
  const p = derStart(el);
  const unused = <u32>load<u8>(p);
  if (unused > 7) return 0;
  const lastByte = <u32>load<u8>(p + len - 1);
  if ((lastByte & ((1 << unused) - 1)) != 0) return 0; // unused bits must be zero (X.690 §11.2.1)
  let bits = <u32>load<u8>(p + 1);
  if (len == 3) bits |= <u32>load<u8>(p + 2) << 8;
  if (bits == 0) return 0;
  store<u32>(slot + S_KEY_USAGE, bits);
  store<u32>(slot + S_FLAGS, load<u32>(slot + S_FLAGS) | CertFlag.KeyUsage);
  return 1;
}

/** extendedKeyUsage (RFC 5280 §4.2.1.12): SEQUENCE SIZE (1..MAX) OF OID. 1 ok, 0 malformed. */
function parseExtKeyUsage(start: usize, end: usize, slot: usize): u32 {
  if (!derExpect(start, end, DerTag.Sequence, el) || derEnd(el) != end || derLength(el) == 0) return 0;
  let flags = load<u32>(slot + S_FLAGS) | CertFlag.ExtKeyUsage;
  let pos = derStart(el);
  while (pos < end) {
    if (!derExpect(pos, end, DerTag.Oid, el2) || derLength(el2) == 0) return 0;
    if (oidIsPrefixed(el2, OID_KP_PREFIX, 7, 1)) flags |= CertFlag.EkuServerAuth;
    if (oidIsPrefixed(el2, OID_KP_PREFIX, 7, 2)) flags |= CertFlag.EkuClientAuth;
    if (derValueEquals(el2, OID_ANY_EKU, 4)) flags |= CertFlag.EkuAny;
    pos = derEnd(el2);
  }
  store<u32>(slot + S_FLAGS, flags);
  return 1;
}

/**
 * GeneralNames (RFC 5280 §4.2.1.6) content in [start, end): every element a
 * GeneralName CHOICE tag ([0]..[8]), iPAddress 4 or 16 octets, at least
 * one. 1 ok, 0 malformed. Entries are read again by names.ts.
 */
function checkGeneralNames(start: usize, end: usize): u32 {
  if (start == end) return 0;
  let pos = start;
  while (pos < end) {
    if (!derRead(pos, end, el2)) return 0;
    const tag = derTag(el2);
    const num = tag & 0x1f;
    if ((tag & 0xc0) != 0x80 || num > 8) return 0;
    if (num == 7 && derLength(el2) != 4 && derLength(el2) != 16) return 0;
    pos = derEnd(el2);
  }
  return 1;
}

/**
 * NameConstraints (RFC 5280 §4.2.1.10) value in [start, end): SEQUENCE {
 * permittedSubtrees [0] OPTIONAL, excludedSubtrees [1] OPTIONAL }, at least
 * one, each a non-empty SEQUENCE OF GeneralSubtree { base, minimum [0]
 * DEFAULT 0, maximum [1] OPTIONAL }. The profile (§4.2.1.10) says minimum is
 * 0 and maximum absent; anything else is refused as malformed, as are
 * iPAddress bases that are not 8 or 32 octets (address and mask).
 */
function checkNameConstraints(start: usize, end: usize, view: usize): u32 {
  if (!derExpect(start, end, DerTag.Sequence, el) || derEnd(el) != end || derLength(el) == 0) return 0;
  let pos = derStart(el);
  let lastTag: u32 = 0;
  while (pos < end) {
    if (!derRead(pos, end, el)) return 0;
    const tag = derTag(el);
    if ((tag != 0xa0 && tag != 0xa1) || tag <= lastTag || derLength(el) == 0) return 0;
    lastTag = tag;
    let sub = derStart(el);
    const listEnd = derEnd(el);
    while (sub < listEnd) {
      if (!derExpect(sub, listEnd, DerTag.Sequence, el2) || derLength(el2) == 0) return 0;
      const subEnd = derEnd(el2);
      if (!derRead(derStart(el2), subEnd, el3) || derEnd(el3) != subEnd) return 0; // base only
      const t = derTag(el3);
      if ((t & 0xc0) != 0x80 || (t & 0x1f) > 8) return 0;
      if ((t & 0x1f) == 7 && derLength(el3) != 8 && derLength(el3) != 32) return 0;
      sub = subEnd;
    }
    pos = listEnd;
  }
  store<u32>(view + V_NC, <u32>start);
  store<u32>(view + V_NC_LEN, <u32>(end - start));
  return 1;
}

/**
 * Extensions (RFC 5280 §4.2) content in [start, end). Known extensions are
 * parsed; unknown non-critical ones are skipped; an unknown critical one sets
 * CertFlag.UnknownCritical (the chain refuses the certificate if it uses
 * it). Known extensions that are only ever informative here (SKI, AKI) are
 * skipped. 1 ok, 0 malformed.
 */
function parseExtensions(start: usize, end: usize, slot: usize, view: usize): u32 {
  if (start == end) return 0; // SIZE (1..MAX)
  let seen: u64 = 0;
  let pos = start;
  while (pos < end) {
    if (!derExpect(pos, end, DerTag.Sequence, extEl)) return 0;
    const extEnd = derEnd(extEl);
    pos = extEnd;
    if (!derExpect(derStart(extEl), extEnd, DerTag.Oid, el) || derLength(el) == 0) return 0;
    const isCe = <u32>(derLength(el) == 3) & <u32>(memory.compare(derStart(el), OID_CE_PREFIX, 2) == 0);
    const which = isCe ? <u32>load<u8>(derStart(el) + 2) : 0xffffffff;
    let next = derEnd(el);
    let critical = 0;
    if (next < extEnd && load<u8>(next) == 0x01) {
      if (!derRead(next, extEnd, el)) return 0;
      const b = readBoolean(el);
      if (b < 0) return 0;
      critical = b;
      next = derEnd(el);
    }
    if (!derExpect(next, extEnd, DerTag.OctetString, el) || derEnd(el) != extEnd) return 0;
    const vStart = derStart(el);
    const vEnd = derEnd(el);
    if (which < 64) {
      const bit: u64 = <u64>1 << which;
      if (seen & bit) return 0; // §4.2: at most one instance of an extension
      seen |= bit;
    }
    let known: u32 = 1;
    if (which == CE_BASIC_CONSTRAINTS) {
      if (!parseBasicConstraints(vStart, vEnd, slot)) return 0;
    } else if (which == CE_KEY_USAGE) {
      if (!parseKeyUsage(vStart, vEnd, slot)) return 0;
    } else if (which == CE_EXT_KEY_USAGE) {
      if (!parseExtKeyUsage(vStart, vEnd, slot)) return 0;
    } else if (which == CE_SAN) {
      if (!derExpect(vStart, vEnd, DerTag.Sequence, el) || derEnd(el) != vEnd) return 0;
      if (!checkGeneralNames(derStart(el), vEnd)) return 0;
      store<u32>(view + V_SAN, <u32>derStart(el));
      store<u32>(view + V_SAN_LEN, <u32>derLength(el));
      store<u32>(slot + S_FLAGS, load<u32>(slot + S_FLAGS) | CertFlag.SubjectAltName);
    } else if (which == CE_NAME_CONSTRAINTS) {
      if (!checkNameConstraints(vStart, vEnd, view)) return 0;
      store<u32>(slot + S_FLAGS, load<u32>(slot + S_FLAGS) | CertFlag.NameConstraints);
    } else if (which != CE_SKI && which != CE_AKI) {
      known = 0;
    }
    if (critical != 0 && known == 0) {
      store<u32>(slot + S_FLAGS, load<u32>(slot + S_FLAGS) | CertFlag.UnknownCritical);
    }
  }
  return 1;
}

/**
 * SHA-256 of the Name TLV [pos, name's end) into out. The RDNs inside are not
 * parsed: names are only ever compared as bytes (see the header).
 */
function hashName(pos: usize, name: usize, out: usize): void {
  hashCompute(hashCtx, HashId.Sha256, pos, derEnd(name) - pos, out);
}

/**
 * Parses the len bytes at der as one certificate into slot (SLOT_SIZE bytes,
 * cleared first) and certView (pointers into der). Returns 1, or 0 when the
 * bytes are not a well-formed certificate.
 */
export function certParse(der: usize, len: usize, slot: usize): u32 {
  memory.fill(slot, 0, SLOT_SIZE);
  memory.fill(certView, 0, VIEW_SIZE);
  const view = certView;
  const end = der + len;
  if (!derExpect(der, end, DerTag.Sequence, certEl) || derEnd(certEl) != end) return 0;

  // tbsCertificate, signatureAlgorithm, signatureValue: exactly these three.
  const tbsPos = derStart(certEl);
  if (!derExpect(tbsPos, end, DerTag.Sequence, tbsEl)) return 0;
  const tbsEnd = derEnd(tbsEl);
  if (!derExpect(tbsEnd, end, DerTag.Sequence, el)) return 0;
  const outerAlgPos = tbsEnd;
  const outerAlgEnd = derEnd(el);
  const alg = parseSignatureAlgorithm(el, slot);
  if (alg == 0xffffffff) return 0;
  if (!derExpect(outerAlgEnd, end, DerTag.BitString, el) || derEnd(el) != end) return 0;
  if (derLength(el) < 2 || load<u8>(derStart(el)) != 0) return 0;
  store<u32>(view + V_SIG, <u32>(derStart(el) + 1));
  store<u32>(view + V_SIG_LEN, <u32>(derLength(el) - 1));
  store<u32>(slot + S_SIG_ALG, alg);
  store<u32>(view + V_TBS, <u32>tbsPos);
  store<u32>(view + V_TBS_LEN, <u32>(tbsEnd - tbsPos));

  // version [0] EXPLICIT INTEGER: absent means v1; an explicit v1 is not DER.
  let pos = derStart(tbsEl);
  let version: u32 = 0;
  if (pos < tbsEnd && load<u8>(pos) == 0xa0) {
    if (!derExpect(pos, tbsEnd, 0xa0, el)) return 0;
    if (!derExpect(derStart(el), derEnd(el), DerTag.Integer, el2) || derEnd(el2) != derEnd(el)) return 0;
    if (derLength(el2) != 1) return 0;
    version = <u32>load<u8>(derStart(el2));
    if (version != 1 && version != 2) return 0;
    pos = derEnd(el);
  }
  // serialNumber: RFC 5280 §4.1.2.2 allows up to 20 octets; non-conforming
  // negative serials exist, so only the length is checked.
  if (!derExpect(pos, tbsEnd, DerTag.Integer, el) || derLength(el) == 0 || derLength(el) > 21) return 0;
  pos = derEnd(el);
  // signature: must be the same AlgorithmIdentifier as the outer one (§4.1.1.2).
  if (!derExpect(pos, tbsEnd, DerTag.Sequence, el)) return 0;
  if (derEnd(el) - pos != outerAlgEnd - outerAlgPos) return 0;
  if (memory.compare(pos, outerAlgPos, outerAlgEnd - outerAlgPos) != 0) return 0;
  pos = derEnd(el);
  // issuer
  if (!derExpect(pos, tbsEnd, DerTag.Sequence, el)) return 0;
  hashName(pos, el, slot + S_ISSUER);
  pos = derEnd(el);
  // validity
  if (!derExpect(pos, tbsEnd, DerTag.Sequence, el)) return 0;
  const validityEnd = derEnd(el);
  if (!derRead(derStart(el), validityEnd, el2)) return 0;
  const notBefore = parseTime(derTag(el2), derStart(el2), derLength(el2));
  if (!derRead(derEnd(el2), validityEnd, el2) || derEnd(el2) != validityEnd) return 0;
  const notAfter = parseTime(derTag(el2), derStart(el2), derLength(el2));
  if (notBefore == TIME_INVALID || notAfter == TIME_INVALID) return 0;
  store<i64>(slot + S_NOT_BEFORE, notBefore);
  store<i64>(slot + S_NOT_AFTER, notAfter);
  pos = validityEnd;
  // subject
  if (!derExpect(pos, tbsEnd, DerTag.Sequence, el)) return 0;
  hashName(pos, el, slot + S_SUBJECT);
  store<u32>(view + V_SUBJECT, <u32>derStart(el));
  store<u32>(view + V_SUBJECT_LEN, <u32>derLength(el));
  let flags: u32 = CertFlag.Present;
  if (derLength(el) == 0) flags |= CertFlag.EmptySubject;
  if (memory.compare(slot + S_SUBJECT, slot + S_ISSUER, 32) == 0) flags |= CertFlag.SelfIssued;
  if (version == 2) flags |= CertFlag.V3;
  store<u32>(slot + S_FLAGS, flags);
  pos = derEnd(el);
  // subjectPublicKeyInfo
  if (!derExpect(pos, tbsEnd, DerTag.Sequence, el)) return 0;
  const spkiEnd = derEnd(el);
  if (!parseSpki(pos, spkiEnd, slot, view)) return 0;
  pos = spkiEnd;
  // issuerUniqueID [1], subjectUniqueID [2] (v2 and v3 only, §4.1.2.8): skipped.
  if (version >= 1 && pos < tbsEnd && load<u8>(pos) == 0x81) {
    if (!derRead(pos, tbsEnd, el)) return 0;
    pos = derEnd(el);
  }
  if (version >= 1 && pos < tbsEnd && load<u8>(pos) == 0x82) {
    if (!derRead(pos, tbsEnd, el)) return 0;
    pos = derEnd(el);
  }
  // extensions [3] EXPLICIT (v3 only).
  if (version == 2 && pos < tbsEnd) {
    if (!derExpect(pos, tbsEnd, 0xa3, el) || derEnd(el) != tbsEnd) return 0;
    if (!derExpect(derStart(el), tbsEnd, DerTag.Sequence, el) || derEnd(el) != tbsEnd) return 0;
    if (!parseExtensions(derStart(el), tbsEnd, slot, view)) return 0;
    pos = tbsEnd;
  }
  if (pos != tbsEnd) return 0;

  // Hash the TBSCertificate now, with the hash its signature algorithm names.
  const h = sigAlgHash(alg);
  if (h >= 0) hashCompute(hashCtx, <u32>h, tbsPos, tbsEnd - tbsPos, slot + S_TBS_HASH);
  return 1;
}

/** Digest length of the slot's TBS hash (0 when none was made). */
export function certTbsHashLength(slot: usize): u32 {
  const h = sigAlgHash(load<u32>(slot + S_SIG_ALG));
  return h < 0 ? 0 : hashDigestSize(<u32>h);
}
