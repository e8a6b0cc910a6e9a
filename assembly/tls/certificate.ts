// The server's CertificateVerify check (RFC 8446 §4.4.3): the signature covers
//   64 x 0x20 || "TLS 1.3, server CertificateVerify" || 0x00 || Transcript-Hash
// with the scheme the server names, which must be one we offered and must
// fit the leaf's key: ecdsa_secp256r1_sha256 needs a P-256 key, and so on.
//
// The leaf's key is not copied into the connection: the X.509 validator
// keeps it in its pool as the Certificate message streams in (the SEC1 point
// for P-256/P-384, the 32-byte Ed25519 key, the whole SPKI for RSA), and
// chainLeafKey lends it; so the validator's context must keep the leaf (it
// always does in Require mode, where a dropped leaf fails the chain first).
//
// All inputs are public (certificates, signatures, transcript hashes).
import { spkiRsaVerifyDigest } from "../x509/spki";
import { chainLeafKey } from "../x509/chain";
import { KeyType as CertKeyType } from "../x509/cert";
import { ecdsaVerifyDigestOn } from "../crypto/ecdsa";
import { P256 } from "../crypto/p256";
import { P384 } from "../crypto/p384";
import { ED25519_VERIFY_CTX_SIZE, ed25519Verify } from "../crypto/ed25519";
import { HASH_CTX_SIZE, HashId, hashCompute } from "../crypto/hash";
import { RsaScheme } from "../crypto/rsa_verify";
import { X509_CTX } from "./context";
import { Err } from "./errors";
import { SignatureScheme } from "./client_hello";

/** The leaf key's type as the TLS exports number it (tlsPeerKeyType). */
export const enum KeyType {
  None = 0,
  P256 = 1,
  P384 = 2,
  Ed25519 = 3,
  Rsa = 4,
}

const leafKey = memory.data(8, 4); // chainLeafKey's length and type

/** The leaf's key in the validator's context: its address (0 when none was kept); length and KeyType via leafKey. */
function lendLeafKey(ctx: usize): usize {
  const x509 = <usize>load<u32>(ctx, X509_CTX);
  store<u64>(leafKey, 0);
  return x509 == 0 ? 0 : chainLeafKey(x509, leafKey);
}

/** The TLS KeyType of the key lendLeafKey last lent (its cert.ts type in leafKey[1]). */
function lentKeyType(): u32 {
  const t = load<u32>(leafKey, 4);
  if (t == CertKeyType.EcP256) return KeyType.P256;
  if (t == CertKeyType.EcP384) return KeyType.P384;
  if (t == CertKeyType.Ed25519) return KeyType.Ed25519;
  if (t == CertKeyType.Rsa) return KeyType.Rsa;
  return KeyType.None;
}

/** The server's leaf key type (KeyType), None before its certificate or when the validator did not keep it. */
export function peerKeyType(ctx: usize): u32 {
  return lendLeafKey(ctx) == 0 ? KeyType.None : lentKeyType();
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
 * leaf's key. Returns 0, Err.LeafKeyNotKept when the validator holds no leaf
 * key, Err.UnsupportedCertificate for a key type we cannot use,
 * Err.SignatureSchemeNotOffered when the scheme does not fit the key, or
 * Err.BadCertificateVerify.
 */
export function verifyCertificateVerify(
  ctx: usize, scheme: u32, sig: usize, sigLen: usize, transcriptHash: usize, hlen: usize,
): i32 {
  memory.fill(content, 0x20, 64);
  memory.copy(content + 64, SERVER_CONTEXT, 33);
  store<u8>(content + 97, 0);
  memory.copy(content + CV_PREFIX_LEN, transcriptHash, hlen);
  const len = CV_PREFIX_LEN + hlen;
  const key = lendLeafKey(ctx);
  if (key == 0) return Err.LeafKeyNotKept;
  const type = lentKeyType();
  const keyLen = <usize>load<u32>(leafKey);
  if (type == KeyType.None) return Err.UnsupportedCertificate;
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
