// The server's leaf certificate key and the CertificateVerify check.
//
// Leaf key: the SubjectPublicKeyInfo of the first CertificateEntry (RFC 8446
// §4.4.2), found by walking TBSCertificate strictly with the DER reader
// (RFC 5280 §4.1: version [0] EXPLICIT optional, serialNumber, signature,
// issuer, validity, subject, subjectPublicKeyInfo). Kept in the context:
// the SEC1 point for P-256/P-384 (RFC 5480), the 32-byte key for Ed25519
// (RFC 8410), the whole SPKI for RSA (RFC 3279). The chain itself is checked
// by the X.509 validator as the message streams in (server_certificate.ts).
//
// CertificateVerify (§4.4.3): the signature covers
//   64 x 0x20 || "TLS 1.3, server CertificateVerify" || 0x00 || Transcript-Hash
// with the scheme the server names, which must be one we offered and must
// fit the key: ecdsa_secp256r1_sha256 needs a P-256 key, and so on.
//
// All inputs are public (certificates, signatures, transcript hashes).
import { DER_ELEMENT_SIZE, derEnd, derExpect, derRead, derStart, derTag, derValueEquals, DerTag } from "../x509/der";
import { spkiRsaVerifyDigest } from "../x509/spki";
import { spkiParseRsa, SPKI_RSA_SIZE } from "../x509/spki";
import { ecdsaVerifyDigestOn } from "../crypto/ecdsa";
import { P256 } from "../crypto/p256";
import { P384 } from "../crypto/p384";
import { ED25519_VERIFY_CTX_SIZE, ed25519Verify } from "../crypto/ed25519";
import { HASH_CTX_SIZE, HashId, hashCompute } from "../crypto/hash";
import { RsaScheme } from "../crypto/rsa_verify";
import { PEER_KEY, PEER_KEY_LEN, PEER_KEY_MAX, PEER_KEY_TYPE } from "./context";
import { Err } from "./errors";
import { SignatureScheme } from "./client_hello";

export const enum KeyType {
  None = 0,
  P256 = 1,
  P384 = 2,
  Ed25519 = 3,
  Rsa = 4,
}

const el = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const tbs = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const alg = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const rsaKey = memory.data(<i32>SPKI_RSA_SIZE, 4);

// The TBSCertificate fields before subjectPublicKeyInfo (RFC 5280 §4.1).
const TBS_TAGS = memory.data<u8>([0x02, 0x30, 0x30, 0x30, 0x30]);
const OID_EC_PUBLIC_KEY = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]); // 1.2.840.10045.2.1
const OID_P256 = memory.data<u8>([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]); // 1.2.840.10045.3.1.7
const OID_P384 = memory.data<u8>([0x2b, 0x81, 0x04, 0x00, 0x22]); // 1.3.132.0.34
const OID_ED25519 = memory.data<u8>([0x2b, 0x65, 0x70]); // 1.3.101.112

/**
 * Finds the SubjectPublicKeyInfo in the DER certificate (len bytes at der).
 * Returns its TLV start and sets *spkiEnd, or 0 when the certificate is
 * malformed.
 */
function findSpki(der: usize, len: usize, spkiEnd: usize): usize {
  const end = der + len;
  if (!derExpect(der, end, DerTag.Sequence, el) || derEnd(el) != end) return 0;
  if (!derExpect(derStart(el), derEnd(el), DerTag.Sequence, tbs)) return 0;
  let pos = derStart(tbs);
  const tbsEnd = derEnd(tbs);
  if (!derRead(pos, tbsEnd, el)) return 0;
  if (derTag(el) == 0xa0) { // version [0] EXPLICIT
    pos = derEnd(el);
  }
  // serialNumber, signature, issuer, validity, subject
  const tags = TBS_TAGS;
  for (let i: usize = 0; i < 5; i++) {
    if (!derExpect(pos, tbsEnd, <u32>load<u8>(tags + i), el)) return 0;
    pos = derEnd(el);
  }
  if (!derExpect(pos, tbsEnd, DerTag.Sequence, el)) return 0;
  store<u32>(spkiEnd, <u32>derEnd(el));
  return pos;
}

const spkiEndBox = memory.data(4, 4);

/**
 * Keeps the leaf's public key (from the certificate's DER) in the context.
 * Returns 0, Err.BadCertificate for a malformed certificate or key, or
 * Err.UnsupportedCertificate for a key type we cannot use.
 */
export function keepLeafKey(ctx: usize, der: usize, len: usize): i32 {
  store<u32>(ctx, KeyType.None, PEER_KEY_TYPE);
  const spki = findSpki(der, len, spkiEndBox);
  if (spki == 0) return Err.BadCertificate;
  const spkiEnd = <usize>load<u32>(spkiEndBox);
  if (!derExpect(spki, spkiEnd, DerTag.Sequence, el)) return Err.BadCertificate;
  const body = derStart(el);
  const bodyEnd = derEnd(el);
  if (!derExpect(body, bodyEnd, DerTag.Sequence, alg)) return Err.BadCertificate;
  const keyPos = derEnd(alg);
  if (!derExpect(derStart(alg), derEnd(alg), DerTag.Oid, el)) return Err.BadCertificate;
  const oidEnd = derEnd(el);
  if (derValueEquals(el, OID_EC_PUBLIC_KEY, 7)) {
    // RFC 5480 §2.1.1: namedCurve parameters.
    if (!derExpect(oidEnd, derEnd(alg), DerTag.Oid, el) || derEnd(el) != derEnd(alg)) return Err.BadCertificate;
    let type: u32 = KeyType.None;
    let pointLen: usize = 0;
    if (derValueEquals(el, OID_P256, 8)) { type = KeyType.P256; pointLen = 65; }
    else if (derValueEquals(el, OID_P384, 5)) { type = KeyType.P384; pointLen = 97; }
    else return Err.UnsupportedCertificate;
    if (!derExpect(keyPos, bodyEnd, DerTag.BitString, el) || derEnd(el) != bodyEnd) return Err.BadCertificate;
    // BIT STRING: 0 unused bits, then the uncompressed point (validated when used).
    if (derEnd(el) - derStart(el) != pointLen + 1 || load<u8>(derStart(el)) != 0) return Err.BadCertificate;
    memory.copy(ctx + PEER_KEY, derStart(el) + 1, pointLen);
    store<u32>(ctx, <u32>pointLen, PEER_KEY_LEN);
    store<u32>(ctx, type, PEER_KEY_TYPE);
    return 0;
  }
  if (derValueEquals(el, OID_ED25519, 3)) {
    // RFC 8410 §3: no parameters; the key is 32 bytes.
    if (oidEnd != derEnd(alg)) return Err.BadCertificate;
    if (!derExpect(keyPos, bodyEnd, DerTag.BitString, el) || derEnd(el) != bodyEnd) return Err.BadCertificate;
    if (derEnd(el) - derStart(el) != 33 || load<u8>(derStart(el)) != 0) return Err.BadCertificate;
    memory.copy(ctx + PEER_KEY, derStart(el) + 1, 32);
    store<u32>(ctx, 32, PEER_KEY_LEN);
    store<u32>(ctx, KeyType.Ed25519, PEER_KEY_TYPE);
    return 0;
  }
  const spkiLen = spkiEnd - spki;
  if (spkiParseRsa(spki, spkiLen, rsaKey)) {
    if (spkiLen > <usize>PEER_KEY_MAX) return Err.UnsupportedCertificate;
    memory.copy(ctx + PEER_KEY, spki, spkiLen);
    store<u32>(ctx, <u32>spkiLen, PEER_KEY_LEN);
    store<u32>(ctx, KeyType.Rsa, PEER_KEY_TYPE);
    return 0;
  }
  return Err.UnsupportedCertificate;
}

// 64 spaces, the context string and its zero separator (§4.4.3).
const CV_PREFIX_LEN: usize = 64 + 33 + 1;
const content = memory.data(<i32>(CV_PREFIX_LEN + 64), 8);
const SERVER_CONTEXT = memory.data<u8>([
  0x54, 0x4c, 0x53, 0x20, 0x31, 0x2e, 0x33, 0x2c, 0x20, 0x73, 0x65, 0x72, 0x76, 0x65, 0x72, 0x20,
  0x43, 0x65, 0x72, 0x74, 0x69, 0x66, 0x69, 0x63, 0x61, 0x74, 0x65, 0x56, 0x65, 0x72, 0x69, 0x66,
  0x79,
]); // "TLS 1.3, server CertificateVerify"
const digest = memory.data(64, 8);
const hashCtx = memory.data(<i32>HASH_CTX_SIZE, 8);
const edCtx = memory.data(<i32>ED25519_VERIFY_CTX_SIZE, 8);

/**
 * Verifies the server's CertificateVerify: scheme (already checked to be
 * offered), signature (sigLen bytes) over transcriptHash (hlen bytes) with the
 * kept leaf key. Returns 0, Err.SignatureSchemeNotOffered when the scheme does
 * not fit the key, or Err.BadCertificateVerify.
 */
export function verifyCertificateVerify(
  ctx: usize, scheme: u32, sig: usize, sigLen: usize, transcriptHash: usize, hlen: usize,
): i32 {
  memory.fill(content, 0x20, 64);
  memory.copy(content + 64, SERVER_CONTEXT, 33);
  store<u8>(content + 97, 0);
  memory.copy(content + CV_PREFIX_LEN, transcriptHash, hlen);
  const len = CV_PREFIX_LEN + hlen;
  const type = load<u32>(ctx, PEER_KEY_TYPE);
  const key = ctx + PEER_KEY;
  const keyLen = <usize>load<u32>(ctx, PEER_KEY_LEN);
  let ok: u32 = 0;
  if (scheme == SignatureScheme.EcdsaSecp256r1Sha256) {
    if (type != KeyType.P256) return Err.SignatureSchemeNotOffered;
    hashCompute(hashCtx, HashId.Sha256, content, len, digest);
    ok = ecdsaVerifyDigestOn(P256, key, keyLen, digest, 32, sig, sigLen);
  } else if (scheme == SignatureScheme.EcdsaSecp384r1Sha384) {
    if (type != KeyType.P384) return Err.SignatureSchemeNotOffered;
    hashCompute(hashCtx, HashId.Sha384, content, len, digest);
    ok = ecdsaVerifyDigestOn(P384, key, keyLen, digest, 48, sig, sigLen);
  } else if (scheme == SignatureScheme.Ed25519) {
    if (type != KeyType.Ed25519) return Err.SignatureSchemeNotOffered;
    if (sigLen != 64) return Err.BadCertificateVerify;
    ok = ed25519Verify(edCtx, key, content, len, sig);
  } else if (scheme == SignatureScheme.RsaPssRsaeSha256 || scheme == SignatureScheme.RsaPssRsaeSha384
      || scheme == SignatureScheme.RsaPssRsaeSha512) {
    if (type != KeyType.Rsa) return Err.SignatureSchemeNotOffered;
    const id: u32 = scheme == SignatureScheme.RsaPssRsaeSha256 ? HashId.Sha256
      : scheme == SignatureScheme.RsaPssRsaeSha384 ? HashId.Sha384 : HashId.Sha512;
    const dlen = hashCompute(hashCtx, id, content, len, digest);
    // RFC 8446 §4.2.3: the PSS salt is as long as the digest.
    ok = spkiRsaVerifyDigest(key, <u32>keyLen, id, digest, sig, <u32>sigLen, RsaScheme.Pss, dlen);
  } else {
    return Err.SignatureSchemeNotOffered;
  }
  return ok != 0 ? 0 : Err.BadCertificateVerify;
}
