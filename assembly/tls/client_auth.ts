// Client authentication (RFC 8446 §4.3.2, §4.4.2, §4.4.3): after a
// CertificateRequest the client answers with its Certificate and, when it
// sent one, a CertificateVerify signed with ECDSA P-256 / SHA-256
// (ecdsa_secp256r1_sha256, the one scheme this client signs with), then
// Finished.
//
//   Certificate:       certificate_request_context (echoed), then one
//                      CertificateEntry per DER certificate of the caller's
//                      chain (leaf first), with no extensions
//   CertificateVerify: ECDSA over SHA-256(64 x 0x20 || "TLS 1.3, client
//                      CertificateVerify" || 0x00 || Transcript-Hash(... Certificate))
//
// The chain stays in the caller's memory (a device keeps it in flash); the
// messages go out through hsWrite, so a chain longer than one record spans
// several. Secret: the private key (a copy in the context, wiped with the
// other secrets) and the signing scratch (RFC 6979 nonce state), wiped after
// use. The chain, the transcript hash and the signature are public.
import { wipe } from "../crypto/ct";
import { ECDSA_CTX_SIZE, ECDSA_MAX_SIG_SIZE, ecdsaSignDigestOn } from "../crypto/ecdsa";
import { HashId, hashCompute, HASH_CTX_SIZE } from "../crypto/hash";
import { P256 } from "../crypto/p256";
import { OWN_CHAIN, OWN_CHAIN_LEN, OWN_KEY } from "./context";
import { Err } from "./errors";
import { HandshakeType, SignatureScheme } from "./client_hello";
import { hsWrite } from "./record";
import { thHash } from "./transcript";

const head = memory.data(8, 4);
const content = memory.data(64 + 33 + 1 + 64, 8);
const digest = memory.data(64, 8);
const sig = memory.data(<i32>(ECDSA_MAX_SIG_SIZE + 8), 8);
const signCtx = memory.data(<i32>ECDSA_CTX_SIZE, 8);
const hashCtx = memory.data(<i32>HASH_CTX_SIZE, 8);
const CLIENT_CONTEXT = memory.data<u8>([
  0x54, 0x4c, 0x53, 0x20, 0x31, 0x2e, 0x33, 0x2c, 0x20, 0x63, 0x6c, 0x69, 0x65, 0x6e, 0x74, 0x20,
  0x43, 0x65, 0x72, 0x74, 0x69, 0x66, 0x69, 0x63, 0x61, 0x74, 0x65, 0x56, 0x65, 0x72, 0x69, 0x66,
  0x79,
]); // "TLS 1.3, client CertificateVerify"

/**
 * Length of the DER element (tag, length, value) at p with at most left
 * bytes, or 0 when it is not one whole element with a definite length.
 */
export function derElementLength(p: usize, left: u32): u32 {
  if (left < 2) return 0;
  const first = <u32>load<u8>(p, 1);
  if (first < 0x80) return first + 2 <= left ? first + 2 : <u32>0;
  const n = first & 0x7f;
  if (n == 0 || n > 3 || left < n + 2) return 0;
  let len: u32 = 0;
  for (let i: u32 = 0; i < n; i++) len = (len << 8) | <u32>load<u8>(p + 2 + <usize>i);
  const total: u32 = n + len + 2;
  return total <= left ? total : 0;
}

@inline function putU24(p: usize, v: u32): void {
  store<u8>(p, <u8>(v >> 16));
  store<u8>(p, <u8>(v >> 8), 1);
  store<u8>(p, <u8>v, 2);
}

/**
 * Writes our Certificate (§4.4.2): the request's (empty) context, then the caller's
 * chain when send is 1, else an empty certificate_list (we have no
 * certificate the server accepts: §4.4.2.4 lets it decide). Returns 0 or an Err.
 */
export function writeClientCertificate(ctx: usize, send: u32): i32 {
  const chain = <usize>load<u32>(ctx, OWN_CHAIN);
  const chainLen = send != 0 ? load<u32>(ctx, OWN_CHAIN_LEN) : 0;
  // Each certificate gains a 3-byte length and a 2-byte empty extensions block.
  let listLen: u32 = 0;
  let off: u32 = 0;
  while (off < chainLen) {
    const n = derElementLength(chain + <usize>off, chainLen - off);
    if (n == 0) return Err.BadConfiguration;
    listLen += n + 5;
    off += n;
  }
  // certificate_request_context: empty, as the server's was (§4.3.2, client.ts).
  store<u8>(head, HandshakeType.Certificate);
  putU24(head + 1, 1 + 3 + listLen);
  store<u8>(head, 0, 4);
  let err = hsWrite(ctx, head, 5);
  putU24(head, listLen);
  if (err == 0) err = hsWrite(ctx, head, 3);
  off = 0;
  while (err == 0 && off < chainLen) {
    const len = derElementLength(chain + <usize>off, chainLen - off);
    putU24(head, len);
    err = hsWrite(ctx, head, 3);
    if (err == 0) err = hsWrite(ctx, chain + <usize>off, len);
    store<u16>(head, 0);
    if (err == 0) err = hsWrite(ctx, head, 2);
    off += len;
  }
  return err;
}

/**
 * Writes our CertificateVerify (§4.4.3) over the transcript through our
 * Certificate, signed with the P-256 key. Returns 0 or an Err.
 */
export function writeClientCertificateVerify(ctx: usize): i32 {
  memory.fill(content, 0x20, 64);
  memory.copy(content + 64, CLIENT_CONTEXT, 33);
  store<u8>(content + 97, 0);
  const hlen = thHash(ctx, content + 98);
  hashCompute(hashCtx, HashId.Sha256, content, 98 + <usize>hlen, digest);
  const sigLen = <u32>ecdsaSignDigestOn(signCtx, P256, HashId.Sha256, ctx + OWN_KEY, digest, 32, sig);
  wipe(signCtx, ECDSA_CTX_SIZE);
  if (sigLen == 0) return Err.BadConfiguration; // a key outside [1, n-1]: checked at configuration too
  store<u8>(head, HandshakeType.CertificateVerify);
  putU24(head + 1, 4 + sigLen);
  store<u8>(head, <u8>(SignatureScheme.EcdsaSecp256r1Sha256 >> 8), 4);
  store<u8>(head, <u8>SignatureScheme.EcdsaSecp256r1Sha256, 5);
  store<u8>(head, <u8>(sigLen >> 8), 6);
  store<u8>(head, <u8>sigLen, 7);
  let err = hsWrite(ctx, head, 8);
  if (err == 0) err = hsWrite(ctx, sig, sigLen);
  return err;
}
