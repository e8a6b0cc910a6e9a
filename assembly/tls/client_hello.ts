// ClientHello (RFC 8446 §4.1.2) with the extensions this client offers:
//   server_name (RFC 6066 §3), supported_groups (§4.2.7), signature_algorithms
//   and signature_algorithms_cert (§4.2.3), supported_versions = TLS 1.3 only
//   (§4.2.1), key_share (§4.2.8) for x25519 and/or secp256r1, ALPN (RFC 7301),
//   record_size_limit (RFC 8449), and after a HelloRetryRequest the cookie
//   (§4.2.2) and a single share for the group the server asked for (§4.1.2);
//   with a ticket store, psk_key_exchange_modes (§4.2.9), and with a session
//   to resume, pre_shared_key last (§4.2.11, session.ts).
// legacy_session_id is 32 random bytes (middlebox compatibility, §D.4).
//
// Secret: the key-share private keys (kept in the context for ServerHello).
// Everything written to the wire is public.
import { x25519ScalarMultBase } from "../crypto/x25519";
import { p256DerivePublicKey } from "../crypto/p256";
import { wipe } from "../crypto/ct";
import { WRITER_SIZE, wrBytes, wrClose, wrHere, wrInit, wrOk, wrOpen, wrU16, wrU8 } from "./codec";
import {
  CFG_ALPN, CFG_ALPN_LEN, CFG_GROUPS, CFG_SHARES, CFG_SNI, CFG_SNI_LEN, CFG_SUITES,
  HRR_SUITE, LIMIT_SENT, P256_PRIV, RANDOM, SEND_BUF, SEND_LEN, SENT_GROUPS, SESSION_ID, X25519_PRIV, MFL_SENT,
} from "./context";
import { Err } from "./errors";
import { envRandom } from "./imports";
import { ContentType, sealRecord, sendContent, sendRoom } from "./record";
import { thUpdate } from "./transcript";
import { fillBinder, sessionToOffer, wantsTickets, writePreSharedKey, writePskModes } from "./session";

export const enum HandshakeType {
  ClientHello = 1,
  ServerHello = 2,
  NewSessionTicket = 4,
  EndOfEarlyData = 5,
  EncryptedExtensions = 8,
  Certificate = 11,
  CertificateRequest = 13,
  CertificateVerify = 15,
  Finished = 20,
  KeyUpdate = 24,
  MessageHash = 254,
}

export const enum ExtensionType {
  ServerName = 0,
  MaxFragmentLength = 1,
  SupportedGroups = 10,
  SignatureAlgorithms = 13,
  Alpn = 16,
  RecordSizeLimit = 28,
  PreSharedKey = 41,
  EarlyData = 42,
  SupportedVersions = 43,
  Cookie = 44,
  PskKeyExchangeModes = 45,
  CertificateAuthorities = 47,
  SignatureAlgorithmsCert = 50,
  KeyShare = 51,
}

export const enum NamedGroup {
  Secp256r1 = 0x0017,
  X25519 = 0x001d,
}

export const enum SignatureScheme {
  RsaPkcs1Sha256 = 0x0401,
  RsaPkcs1Sha384 = 0x0501,
  RsaPkcs1Sha512 = 0x0601,
  EcdsaSecp256r1Sha256 = 0x0403,
  EcdsaSecp384r1Sha384 = 0x0503,
  RsaPssRsaeSha256 = 0x0804,
  RsaPssRsaeSha384 = 0x0805,
  RsaPssRsaeSha512 = 0x0806,
  Ed25519 = 0x0807,
}

// signature_algorithms: what CertificateVerify may use, best first.
// (ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384, ed25519, rsa_pss_rsae_sha256/384/512)
const SIG_ALGS = memory.data<u16>([0x0403, 0x0503, 0x0807, 0x0804, 0x0805, 0x0806]);
const SIG_ALGS_COUNT: u32 = 6;
// signature_algorithms_cert adds PKCS #1 v1.5, which certificates still use (§4.2.3).
// (rsa_pkcs1_sha256/384/512)
const SIG_ALGS_CERT = memory.data<u16>([0x0401, 0x0501, 0x0601]);
const SIG_ALGS_CERT_COUNT: u32 = 3;

/** 1 when scheme is one we offer for CertificateVerify (signature_algorithms). */
export function sigSchemeOffered(scheme: u32): u32 {
  for (let i: u32 = 0; i < SIG_ALGS_COUNT; i++) {
    if (<u32>load<u16>(SIG_ALGS + (<usize>i << 1)) == scheme) return 1;
  }
  return 0;
}

/** The i-th configured suite (0, 1, 2), 0 when none. */
export function cfgSuite(ctx: usize, i: u32): u32 {
  return <u32>load<u16>(ctx + CFG_SUITES + (<usize>i << 1));
}

/** The i-th configured group (0, 1), 0 when none. */
export function cfgGroup(ctx: usize, i: u32): u32 {
  return <u32>load<u16>(ctx + CFG_GROUPS + (<usize>i << 1));
}

/** 1 when the last ClientHello carried a key share for group. */
export function shareSent(ctx: usize, group: u32): u32 {
  return <u32>(group != 0 && (<u32>load<u16>(ctx + SENT_GROUPS) == group || <u32>load<u16>(ctx + SENT_GROUPS, 2) == group));
}

const w = memory.data(<i32>WRITER_SIZE, 4);

/**
 * Writes one KeyShareEntry for group with a fresh private key (kept in the
 * context). Returns 0 or an Err.
 */
function writeKeyShare(ctx: usize, group: u32, fresh: u32): i32 {
  wrU16(w, group);
  if (group == NamedGroup.X25519) {
    wrU16(w, 32);
    if (fresh != 0) envRandom(ctx + X25519_PRIV, 32);
    const pub = wrOpen(w, 32);
    if (pub != 0) x25519ScalarMultBase(pub, ctx + X25519_PRIV);
  } else {
    wrU16(w, 65);
    const pub = wrOpen(w, 65);
    if (pub == 0) return 0;
    // A random 256-bit string is a valid scalar except with probability
    // about 2^-32; draw again then (bounded, so a broken RNG cannot hang us).
    if (fresh == 0 && p256DerivePublicKey(ctx + P256_PRIV, pub) == 0) return 0;
    for (let tries = 0; tries < 8; tries++) {
      envRandom(ctx + P256_PRIV, 32);
      if (p256DerivePublicKey(ctx + P256_PRIV, pub) == 0) return 0;
    }
    wipe(ctx + P256_PRIV, 32);
    return Err.BadConfiguration;
  }
  return 0;
}

/**
 * Writes ClientHello as one record into the send buffer and adds it to the
 * transcript: the first when retry == 0; else the second, after a
 * HelloRetryRequest (§4.1.2), with one fresh share for retryGroup, or, when
 * the HelloRetryRequest named no group (retryGroup == 0), the same shares
 * again, and the HelloRetryRequest's cookie (cookieLen bytes at cookie, 0 for
 * none) echoed (§4.2.2). Returns 0 or an Err.
 */
export function writeClientHello(ctx: usize, retry: u32, retryGroup: u32, cookie: usize, cookieLen: u32): i32 {
  const msg = sendContent(ctx);
  wrInit(w, msg, <usize>sendRoom(ctx));
  wrU8(w, HandshakeType.ClientHello);
  const body = wrOpen(w, 3);
  wrU16(w, 0x0303); // legacy_version (§4.1.2)
  if (retry == 0) {
    envRandom(ctx + RANDOM, 32);
    envRandom(ctx + SESSION_ID, 32);
  }
  wrBytes(w, ctx + RANDOM, 32); // the same random in ClientHello2 (§4.1.2)
  wrU8(w, 32);
  wrBytes(w, ctx + SESSION_ID, 32);
  let mark = wrOpen(w, 2); // cipher_suites
  for (let i: u32 = 0; i < 3; i++) if (cfgSuite(ctx, i) != 0) wrU16(w, cfgSuite(ctx, i));
  wrClose(w, mark, 2);
  wrU8(w, 1); // legacy_compression_methods: null only
  wrU8(w, 0);

  const exts = wrOpen(w, 2);
  const sniLen = load<u32>(ctx, CFG_SNI_LEN);
  if (sniLen != 0) {
    // RFC 6066 §3: ServerNameList { NameType host_name(0); HostName<1..2^16-1> }
    wrU16(w, ExtensionType.ServerName);
    const ext = wrOpen(w, 2);
    const list = wrOpen(w, 2);
    wrU8(w, 0);
    wrU16(w, sniLen);
    wrBytes(w, ctx + CFG_SNI, sniLen);
    wrClose(w, list, 2);
    wrClose(w, ext, 2);
  }

  wrU16(w, ExtensionType.SupportedGroups);
  mark = wrOpen(w, 2);
  const groups = wrOpen(w, 2);
  for (let i: u32 = 0; i < 2; i++) if (cfgGroup(ctx, i) != 0) wrU16(w, cfgGroup(ctx, i));
  wrClose(w, groups, 2);
  wrClose(w, mark, 2);

  wrU16(w, ExtensionType.SignatureAlgorithms);
  mark = wrOpen(w, 2);
  wrU16(w, SIG_ALGS_COUNT * 2);
  for (let i: u32 = 0; i < SIG_ALGS_COUNT; i++) wrU16(w, <u32>load<u16>(SIG_ALGS + (<usize>i << 1)));
  wrClose(w, mark, 2);

  wrU16(w, ExtensionType.SignatureAlgorithmsCert);
  mark = wrOpen(w, 2);
  wrU16(w, (SIG_ALGS_COUNT + SIG_ALGS_CERT_COUNT) * 2);
  for (let i: u32 = 0; i < SIG_ALGS_COUNT; i++) wrU16(w, <u32>load<u16>(SIG_ALGS + (<usize>i << 1)));
  for (let i: u32 = 0; i < SIG_ALGS_CERT_COUNT; i++) wrU16(w, <u32>load<u16>(SIG_ALGS_CERT + (<usize>i << 1)));
  wrClose(w, mark, 2);

  wrU16(w, ExtensionType.SupportedVersions);
  wrU16(w, 3);
  wrU8(w, 2);
  wrU16(w, 0x0304);

  // key_share (§4.2.8): client_shares<0..2^16-1>.
  wrU16(w, ExtensionType.KeyShare);
  mark = wrOpen(w, 2);
  const shares = wrOpen(w, 2);
  let err: i32 = 0;
  if (retryGroup != 0) {
    err = writeKeyShare(ctx, retryGroup, 1);
    store<u32>(ctx + SENT_GROUPS, retryGroup);
  } else if (retry != 0) {
    for (let i: usize = 0; i < 2 && err == 0; i++) {
      const g = <u32>load<u16>(ctx + SENT_GROUPS + (i << 1));
      if (g != 0) err = writeKeyShare(ctx, g, 0);
    }
  } else {
    store<u32>(ctx + SENT_GROUPS, 0);
    const count = load<u32>(ctx, CFG_SHARES);
    for (let i: u32 = 0; i < count && i < 2 && err == 0; i++) {
      const g = cfgGroup(ctx, i);
      if (g == 0) break;
      err = writeKeyShare(ctx, g, 1);
      store<u16>(ctx + SENT_GROUPS + (<usize>i << 1), <u16>g);
    }
  }
  if (err != 0) return err;
  wrClose(w, shares, 2);
  wrClose(w, mark, 2);

  const alpnLen = load<u32>(ctx, CFG_ALPN_LEN);
  if (alpnLen != 0) {
    wrU16(w, ExtensionType.Alpn);
    mark = wrOpen(w, 2);
    wrU16(w, alpnLen); // ProtocolNameList<2..2^16-1>, body checked at configuration
    wrBytes(w, ctx + CFG_ALPN, alpnLen);
    wrClose(w, mark, 2);
  }

  // RFC 8449 §4: the largest TLSInnerPlaintext we can take.
  wrU16(w, ExtensionType.RecordSizeLimit);
  wrU16(w, 2);
  wrU16(w, load<u32>(ctx, LIMIT_SENT));

  // RFC 6066 §4: MaxFragmentLength, one byte, 2^(8+code) (engine.ts chose it).
  const mfl = load<u32>(ctx, MFL_SENT);
  if (mfl != 0) {
    wrU16(w, ExtensionType.MaxFragmentLength);
    wrU16(w, 1);
    wrU8(w, mfl);
  }

  if (cookieLen != 0) {
    wrU16(w, ExtensionType.Cookie);
    mark = wrOpen(w, 2);
    wrU16(w, cookieLen);
    wrBytes(w, cookie, cookieLen);
    wrClose(w, mark, 2);
  }
  if (wantsTickets(ctx) != 0) writePskModes(w);
  let binderAt: usize = 0;
  if (sessionToOffer(ctx, retry != 0 ? load<u32>(ctx, HRR_SUITE) : 0) != 0) binderAt = writePreSharedKey(ctx, w);
  wrClose(w, exts, 2);
  wrClose(w, body, 3);
  if (wrOk(w) == 0) return Err.SendBufferTooSmall;
  if (binderAt != 0) fillBinder(ctx, msg, binderAt);

  const len = <u32>(wrHere(w) - msg);
  thUpdate(ctx, msg, len);
  const header = <usize>load<u32>(ctx, SEND_BUF) + <usize>load<u32>(ctx, SEND_LEN);
  err = sealRecord(ctx, ContentType.Handshake, len);
  // §5.1: the initial ClientHello may say 0x0301 for old middleboxes.
  if (err == 0 && retry == 0) store<u8>(header, 1, 2);
  return err;
}
