// The server's Certificate message (RFC 8446 §4.4.2), streamed entry by
// entry, and its chain checked by the X.509 validator (assembly/x509/chain.ts).
//
//   struct { opaque certificate_request_context<0..2^8-1>;
//            CertificateEntry certificate_list<0..2^24-1>; } Certificate;
//   struct { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1>; } CertificateEntry;
//
// The message is not held whole: the engine's handshake buffer needs to hold
// only the 8-byte head (message header, the empty context, the list length)
// and then one CertificateEntry at a time, so a 6 KB chain passes through a
// 2 KB buffer. Each piece is added to the transcript as it is consumed (the
// transcript is the same hash of the same bytes, §4.4.1), and each
// certificate goes to the validator as it arrives, leaf first (x509
// AddCertificate parses it whole and keeps a summary). The verdict
// (x509Finish) is taken after the last entry, before CertificateVerify and
// Finished: in VerifyMode.Require a failure ends the handshake with the alert
// errors.ts chainError picks; in VerifyMode.Report it is only kept.
//
// The trust anchors, the expected name and the time were given to the
// validator at configuration (engine.ts clientSetVerifier). Everything here
// is public (certificates, lengths).
import { chainAddCertificate, chainFinish } from "../x509/chain";
import {
  CERT_INDEX, CERT_LEFT, CHAIN_VERDICT, Flag, flagIs, flagSet, FLAGS, LEAF_BUF, LEAF_CAP, LEAF_LEN, SNAPSHOT,
  VERIFY_MODE, VerifyMode, X509_CTX,
} from "./context";
import { chainError, Err } from "./errors";
import { thHash, thUpdate } from "./transcript";

/** Bytes before the first CertificateEntry when the context is empty: header (4), context length (1), list length (3). */
const HEAD_SIZE: u32 = 8;

@inline function u24(p: usize): u32 {
  return (<u32>load<u8>(p) << 16) | (<u32>load<u8>(p, 1) << 8) | <u32>load<u8>(p, 2);
}

/**
 * Starts a Certificate message whose first have bytes are at buf (its whole
 * length is total, header included; the dispatcher checked the state).
 * Returns the bytes consumed (HEAD_SIZE), 0 when more are needed, or a
 * negated Err.
 */
export function certificateBegin(ctx: usize, buf: usize, have: u32, total: u32): i32 {
  if (have < 5) return 0;
  // §4.4.2: the context is empty in server authentication.
  if (load<u8>(buf, 4) != 0) return -Err.IllegalParameter;
  if (have < HEAD_SIZE) return 0;
  const listLen = u24(buf + 5);
  if (total < HEAD_SIZE || listLen != total - HEAD_SIZE) return -Err.DecodeError;
  if (listLen == 0) return -Err.EmptyCertificate; // §4.4.2.4
  thHash(ctx, ctx + SNAPSHOT);
  thUpdate(ctx, buf, HEAD_SIZE);
  store<u32>(ctx, listLen, CERT_LEFT);
  store<u32>(ctx, 0, CERT_INDEX);
  flagSet(ctx, Flag.CertStreaming);
  return <i32>HEAD_SIZE;
}

/**
 * Consumes the next CertificateEntry when all of it is among the have bytes
 * at buf. Returns the bytes consumed, 0 when more are needed (the caller
 * fails when its buffer is full: the entry is larger than it), or a negated
 * Err. After the last entry (Flag.CertStreaming clears) the chain verdict
 * is taken; the caller moves the state on.
 */
export function certificateStep(ctx: usize, buf: usize, have: u32): i32 {
  const left = load<u32>(ctx, CERT_LEFT);
  if (left < 5) return -Err.DecodeError;
  if (have < 3) return 0;
  const certLen = u24(buf);
  if (certLen == 0 || certLen > left - 5) return -Err.DecodeError;
  if (have < certLen + 5) return 0;
  const extLen = (<u32>load<u8>(buf + <usize>(3 + certLen)) << 8) | <u32>load<u8>(buf + <usize>(4 + certLen));
  const size: u32 = certLen + extLen + 5;
  if (extLen > left - 5 - certLen) return -Err.DecodeError;
  // We asked for no OCSP or SCT data (§4.4.2.1), so entries carry none.
  if (extLen != 0) return -Err.UnsupportedExtension;
  if (have < size) return 0;
  thUpdate(ctx, buf, size);
  const der = buf + 3;
  const index = load<u32>(ctx, CERT_INDEX);
  if (index == 0) {
    store<u32>(ctx, certLen, LEAF_LEN);
    const leaf = <usize>load<u32>(ctx, LEAF_BUF);
    if (leaf != 0 && certLen <= load<u32>(ctx, LEAF_CAP)) memory.copy(leaf, der, certLen);
  }
  // Malformed is sticky in the validator and comes back from x509Finish; a
  // certificate over its budget is dropped there and may not be needed.
  chainAddCertificate(<usize>load<u32>(ctx, X509_CTX), der, certLen);
  store<u32>(ctx, index + 1, CERT_INDEX);
  store<u32>(ctx, left - size, CERT_LEFT);
  if (left - size == 0) {
    store<u32>(ctx, load<u32>(ctx, FLAGS) & ~(<u32>Flag.CertStreaming), FLAGS);
    const err = takeVerdict(ctx);
    if (err != 0) return -err;
  }
  return <i32>size;
}

/** x509Finish: keeps the verdict; in Require mode a failure is the handshake's error. */
function takeVerdict(ctx: usize): i32 {
  const verdict = chainFinish(<usize>load<u32>(ctx, X509_CTX));
  store<u32>(ctx, verdict, CHAIN_VERDICT);
  if (verdict == 0) {
    flagSet(ctx, Flag.ChainValidated);
    return 0;
  }
  if (load<u32>(ctx, VERIFY_MODE) == VerifyMode.Report) return 0;
  return chainError(verdict);
}

/** 1 while a Certificate message is being streamed. */
@inline export function certificateStreaming(ctx: usize): u32 {
  return flagIs(ctx, Flag.CertStreaming);
}
