// The TLS 1.3 client handshake (RFC 8446 §2, §4), one handler per state.
//
//   ExpectServerHello           ServerHello or HelloRetryRequest (§4.1.3, §4.1.4)
//   ExpectEncryptedExtensions   §4.3.1
//   ExpectCertificateOrRequest  CertificateRequest (§4.3.2) or Certificate
//   ExpectCertificate           §4.4.2, streamed by engine.ts / server_certificate.ts
//   ExpectCertificateVerify     §4.4.3
//   ExpectFinished              §4.4.4, then our Finished
//   Connected                   NewSessionTicket (§4.6.1, session.ts), KeyUpdate (§4.6.3)
//
// A resumed handshake (session.ts, §2.2) goes from EncryptedExtensions
// straight to Finished: the PSK, not a certificate, authenticates the server.
//
// The dispatcher (handleMessage) rejects a message type the state does not
// expect, so no handler has to; each handler returns 0 or an Err. Every
// message except ServerHello is added to the transcript by the dispatcher,
// after it kept the hash of the transcript before the message in SNAPSHOT
// (CertificateVerify and Finished sign or MAC that one). ServerHello adds
// itself: it decides which hash the transcript keeps.
//
// Secret: the key-share private keys, the shared secret, every secret of the
// key schedule. The Finished check is a constant-time compare.
import { ctEqual, wipe } from "../crypto/ct";
import { x25519ScalarMult } from "../crypto/x25519";
import { ecdhP256Shared } from "../crypto/ecdh_p256";
import { hashDigestSize } from "../crypto/hash";
import { READER_SIZE, rdBytes, rdDone, rdInit, rdLeft, rdOk, rdU16, rdU8, rdVec, rdHere } from "./codec";
import {
  ALPN_LEN, ALPN_OFF, C_TRAFFIC, CFG_ALPN, CFG_ALPN_LEN, CFG_SNI_LEN,
  Flag, flagIs, flagSet, GROUP, HRR_SUITE, HS, P256_PRIV, PEER_LIMIT, RES_MASTER, S_TRAFFIC, SECRET, SESSION_ID,
  SIG_SCHEME, SNAPSHOT, SUITE, X25519_PRIV, WRITE_ON, MFL_SENT, OWN_CHAIN_LEN, OWN_KEY, KEY_UPDATES_IN, KEY_UPDATES_OUT,
} from "./context";
import { Err } from "./errors";
import {
  cfgGroup, cfgSuite, ExtensionType, HandshakeType, NamedGroup, shareSent, sigSchemeOffered, SignatureScheme,
  writeClientHello,
} from "./client_hello";
import { suiteHash, suiteKeyLen } from "./aead";
import { verifyCertificateVerify } from "./certificate";
import {
  deriveSecret, earlySecret, finishedMac, L_C_AP, L_C_HS, L_RES, L_S_AP, L_S_HS, nextStage, nextTrafficSecret,
  trafficKeys,
} from "./keyschedule";
import { ContentType, hsFlush, hsWrite, sealRecord, sendContent, sendRoom, setReadKeys, setWriteKeys } from "./record";
import { writeClientCertificate, writeClientCertificateVerify } from "./client_auth";
import { thChoose, thHash, thInit, thReplaceWithMessageHash, thUpdate } from "./transcript";
import { onNewSessionTicket, sessionAccepted, sessionDeclined, sessionResumed } from "./session";

export const enum Hs {
  Idle = 0,
  ExpectServerHello = 1,
  ExpectEncryptedExtensions = 2,
  ExpectCertificateOrRequest = 3,
  ExpectCertificate = 4,
  ExpectCertificateVerify = 5,
  ExpectFinished = 6,
  Connected = 7,
  Closed = 8,
  Failed = 9,
}

/** Set by a handler that changed the read keys: the record must end with its message (§5.1). */
export let readKeysChanged: u32 = 0;

const r = memory.data(<i32>READER_SIZE, 4);
const exts = memory.data(<i32>READER_SIZE, 4);
const ext = memory.data(<i32>READER_SIZE, 4);
const sub = memory.data(<i32>READER_SIZE, 4);
const shared = memory.data(32, 8);
const hash = memory.data(64, 8);
const mac = memory.data(64, 8);
const key = memory.data(32, 8);
const iv = memory.data(16, 8);
const head = memory.data(4, 4);
const fin = memory.data(64, 8);

// SHA-256("HelloRetryRequest") (§4.1.3): the random of a HelloRetryRequest.
const HRR_RANDOM = memory.data<u8>([
  0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
  0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
]);
// §4.1.3: the last 8 bytes of ServerHello.random when a TLS 1.3 server
// negotiates TLS 1.2 ("DOWNGRD" 01) or below ("DOWNGRD" 00).
const DOWNGRADE = memory.data<u8>([0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44]);

@inline function hashId(ctx: usize): u32 {
  return suiteHash(load<u32>(ctx, SUITE));
}

/** Starts the handshake: the transcript, then ClientHello1. */
export function startHandshake(ctx: usize): i32 {
  thInit(ctx);
  store<u32>(ctx, Hs.ExpectServerHello, HS);
  return writeClientHello(ctx, 0, 0, 0, 0);
}

/** Dispatches one whole handshake message (len bytes at msg, header included). */
export function handleMessage(ctx: usize, msg: usize, len: usize): i32 {
  const type = <u32>load<u8>(msg);
  const state = load<u32>(ctx, HS);
  const body = msg + 4;
  const bodyLen = len - 4;
  if (state == Hs.ExpectServerHello) {
    if (type != HandshakeType.ServerHello) return Err.UnexpectedMessage;
    return onServerHello(ctx, msg, len);
  }
  if (state == Hs.Connected) {
    // Post-handshake messages are not part of the transcript (§4.6).
    if (type == HandshakeType.NewSessionTicket) return onNewSessionTicket(ctx, body, bodyLen);
    if (type == HandshakeType.KeyUpdate) return onKeyUpdate(ctx, body, bodyLen);
    return Err.UnexpectedMessage;
  }
  let expected = true;
  if (state == Hs.ExpectEncryptedExtensions) expected = type == HandshakeType.EncryptedExtensions;
  else if (state == Hs.ExpectCertificateOrRequest) {
    // Certificate itself is streamed before it gets here (engine.ts, server_certificate.ts).
    expected = type == HandshakeType.CertificateRequest;
  } else if (state == Hs.ExpectCertificateVerify) expected = type == HandshakeType.CertificateVerify;
  else if (state == Hs.ExpectFinished) expected = type == HandshakeType.Finished;
  else expected = false;
  if (!expected) return Err.UnexpectedMessage;

  thHash(ctx, ctx + SNAPSHOT);
  thUpdate(ctx, msg, len);
  if (type == HandshakeType.EncryptedExtensions) return onEncryptedExtensions(ctx, body, bodyLen);
  if (type == HandshakeType.CertificateRequest) return onCertificateRequest(ctx, body, bodyLen);
  if (type == HandshakeType.CertificateVerify) return onCertificateVerify(ctx, body, bodyLen);
  return onFinished(ctx, body, bodyLen);
}

/** 1 when suite is one of those we offered. */
function suiteOffered(ctx: usize, suite: u32): u32 {
  for (let i: u32 = 0; i < 3; i++) if (suite != 0 && cfgSuite(ctx, i) == suite) return 1;
  return 0;
}

/** ServerHello and HelloRetryRequest (§4.1.3, §4.1.4). */
function onServerHello(ctx: usize, msg: usize, len: usize): i32 {
  rdInit(r, msg + 4, len - 4);
  const version = rdU16(r);
  const random = rdBytes(r, 32);
  const sidLen = rdVec(r, sub, 1, 0, 32);
  const sid = rdHere(sub);
  const suite = rdU16(r);
  const compression = rdU8(r);
  rdVec(r, exts, 2, 0, 0xffff);
  if (rdDone(r) == 0) return Err.DecodeError;
  const isHrr = memory.compare(random, HRR_RANDOM, 32) == 0;

  let seen: u32 = 0;
  let selectedVersion: u32 = 0;
  let group: u32 = 0;
  let peerShare: usize = 0;
  let peerShareLen: u32 = 0;
  let pskSelected: u32 = 0;
  let cookie: usize = 0;
  let cookieLen: u32 = 0;
  while (rdLeft(exts) != 0) {
    const type = rdU16(exts);
    rdVec(exts, ext, 2, 0, 0xffff);
    if (rdOk(exts) == 0) return Err.DecodeError;
    let bit: u32 = 0;
    if (type == ExtensionType.SupportedVersions) {
      bit = 1;
      selectedVersion = rdU16(ext);
    } else if (type == ExtensionType.KeyShare) {
      bit = 2;
      group = rdU16(ext);
      if (!isHrr) {
        // KeyShareEntry server_share (§4.2.8): key_exchange<1..2^16-1>.
        peerShareLen = rdVec(ext, sub, 2, 1, 0xffff);
        peerShare = rdHere(sub);
      }
    } else if (type == ExtensionType.Cookie && isHrr) {
      // Echoed from where it lies (the handshake buffer) into ClientHello2 below.
      bit = 4;
      cookieLen = rdVec(ext, sub, 2, 1, 0xffff);
      cookie = rdHere(sub);
      rdBytes(sub, cookieLen);
    } else if (type == ExtensionType.PreSharedKey && !isHrr) {
      bit = 8;
      pskSelected = rdU16(ext);
    } else {
      // §4.1.3/§4.1.4: nothing else was offered (no early data).
      return Err.UnsupportedExtension;
    }
    if (rdDone(ext) == 0) return Err.DecodeError;
    if ((seen & bit) != 0) return Err.DuplicateExtension;
    seen |= bit;
  }

  if ((seen & 1) == 0) {
    // No supported_versions: the server negotiated TLS 1.2 or below (§4.2.1),
    // which this client never offers. §4.1.3: the sentinel says a TLS 1.3
    // server was made to do that.
    if (memory.compare(random + 24, DOWNGRADE, 7) == 0 && load<u8>(random + 31) <= 1) return Err.DowngradeDetected;
    return Err.ProtocolVersion;
  }
  if (version != 0x0303) return Err.ProtocolVersion;
  if (selectedVersion != 0x0304) return Err.BadSelectedVersion;
  // §4.1.3: legacy_session_id_echo is exactly what we sent.
  const sidSent: u32 = flagIs(ctx, Flag.EmptySessionId) != 0 ? 0 : 32;
  if (sidLen != sidSent || memory.compare(sid, ctx + SESSION_ID, sidLen) != 0) return Err.SessionIdMismatch;
  if (suiteOffered(ctx, suite) == 0) return Err.SuiteNotOffered;
  if (flagIs(ctx, Flag.HrrSeen) != 0 && suite != load<u32>(ctx, HRR_SUITE)) return Err.SuiteNotOffered;
  if (compression != 0) return Err.BadCompressionMethod;

  if (isHrr) {
    if (flagIs(ctx, Flag.HrrSeen) != 0) return Err.SecondHelloRetryRequest;
    if ((seen & 6) == 0) return Err.HelloRetryRequestChangesNothing;
    if ((seen & 2) != 0) {
      // §4.2.8: a group we support, and not one we already sent a share for.
      if (group != cfgGroup(ctx, 0) && group != cfgGroup(ctx, 1) || group == 0) return Err.GroupNotOffered;
      if (shareSent(ctx, group) != 0) return Err.GroupNotOffered;
    }
    flagSet(ctx, Flag.HrrSeen);
    store<u32>(ctx, suite, HRR_SUITE);
    store<u32>(ctx, suite, SUITE);
    thChoose(ctx, hashId(ctx));
    thReplaceWithMessageHash(ctx); // §4.4.1
    thUpdate(ctx, msg, len);
    // §D.4: the dummy ChangeCipherSpec goes before our second flight.
    const err = sendChangeCipherSpec(ctx);
    if (err != 0) return err;
    return writeClientHello(ctx, 1, group, cookie, cookieLen);
  }

  // psk_dhe_ke (§4.2.9): a key share even when the server takes the PSK.
  if ((seen & 2) == 0) return Err.MissingExtension;
  if (shareSent(ctx, group) == 0) return Err.GroupNotOffered;
  if ((seen & 8) != 0) {
    const err = sessionAccepted(ctx, pskSelected, suite);
    if (err != 0) return err;
  } else sessionDeclined(ctx);
  store<u32>(ctx, suite, SUITE);
  store<u32>(ctx, group, GROUP);
  const id = hashId(ctx);
  thChoose(ctx, id);
  thUpdate(ctx, msg, len);

  // (EC)DHE shared secret (§7.4): X25519 (§7.4.2, all-zero result refused)
  // or the P-256 x-coordinate (§7.4.1) of a validated point.
  let sharedLen: u32 = 32;
  if (group == NamedGroup.X25519) {
    if (peerShareLen != 32) return Err.BadKeyShare;
    if (x25519ScalarMult(shared, ctx + X25519_PRIV, peerShare) != 0) return Err.BadKeyShare;
  } else {
    if (peerShareLen != 65) return Err.BadKeyShare;
    if (ecdhP256Shared(ctx + P256_PRIV, peerShare, 65, shared) != 0) return Err.BadKeyShare;
  }
  wipe(ctx + X25519_PRIV, 64); // both private keys: one use only

  // The PSK's early secret is already in SECRET (session.ts fillBinder).
  if (sessionResumed(ctx) == 0) earlySecret(id, 0, 0, ctx + SECRET);
  nextStage(id, ctx + SECRET, shared, sharedLen); // handshake secret
  wipe(shared, 32);
  thHash(ctx, hash);
  deriveSecret(id, ctx + SECRET, L_C_HS, 12, hash, ctx + C_TRAFFIC);
  deriveSecret(id, ctx + SECRET, L_S_HS, 12, hash, ctx + S_TRAFFIC);
  installReadKeys(ctx);
  store<u32>(ctx, Hs.ExpectEncryptedExtensions, HS);
  return 0;
}

function installReadKeys(ctx: usize): void {
  const suite = load<u32>(ctx, SUITE);
  trafficKeys(suiteHash(suite), ctx + S_TRAFFIC, suiteKeyLen(suite), key, iv);
  setReadKeys(ctx, key, iv);
  wipe(key, 32);
  wipe(iv, 16);
  readKeysChanged = 1;
}

function installWriteKeys(ctx: usize): void {
  const suite = load<u32>(ctx, SUITE);
  trafficKeys(suiteHash(suite), ctx + C_TRAFFIC, suiteKeyLen(suite), key, iv);
  setWriteKeys(ctx, key, iv);
  wipe(key, 32);
  wipe(iv, 16);
}

/** §D.4 middlebox compatibility: one ChangeCipherSpec (0x01), once, unprotected. */
function sendChangeCipherSpec(ctx: usize): i32 {
  if (flagIs(ctx, Flag.CcsSent) != 0 || load<u32>(ctx, WRITE_ON) != 0) return 0;
  if (sendRoom(ctx) < 1) return Err.SendBufferTooSmall;
  store<u8>(sendContent(ctx), 1);
  flagSet(ctx, Flag.CcsSent);
  return sealRecord(ctx, ContentType.ChangeCipherSpec, 1);
}

/** Where the name (len bytes at p) is in our ALPN ProtocolNameList: its offset there, or -1. */
function alpnOffered(ctx: usize, p: usize, len: u32): i32 {
  rdInit(sub, ctx + CFG_ALPN, <usize>load<u32>(ctx, CFG_ALPN_LEN));
  while (rdLeft(sub) != 0) {
    const n = rdU8(sub);
    const name = rdBytes(sub, <usize>n);
    if (rdOk(sub) == 0) return -1;
    if (n == len && memory.compare(name, p, len) == 0) return <i32>(name - (ctx + CFG_ALPN));
  }
  return -1;
}

/** EncryptedExtensions (§4.3.1). */
function onEncryptedExtensions(ctx: usize, body: usize, len: usize): i32 {
  rdInit(r, body, len);
  rdVec(r, exts, 2, 0, 0xffff);
  if (rdDone(r) == 0) return Err.DecodeError;
  let seen: u32 = 0;
  while (rdLeft(exts) != 0) {
    const type = rdU16(exts);
    rdVec(exts, ext, 2, 0, 0xffff);
    if (rdOk(exts) == 0) return Err.DecodeError;
    let bit: u32 = 0;
    if (type == ExtensionType.ServerName) {
      // RFC 6066 §3: empty, and only when we sent a name.
      bit = 1;
      if (load<u32>(ctx, CFG_SNI_LEN) == 0) return Err.UnsupportedExtension;
      flagSet(ctx, Flag.SniAcked);
    } else if (type == ExtensionType.SupportedGroups) {
      // §4.2.7: the server's preferences, for later connections; ignored.
      bit = 2;
      rdBytes(ext, rdLeft(ext));
    } else if (type == ExtensionType.Alpn) {
      bit = 4;
      if (load<u32>(ctx, CFG_ALPN_LEN) == 0) return Err.UnsupportedExtension;
      // RFC 7301 §3.1: exactly one ProtocolName, one we offered.
      rdVec(ext, sub, 2, 2, 0xffff);
      const n = rdU8(sub);
      const name = rdBytes(sub, <usize>n);
      if (rdDone(sub) == 0 || n == 0) return Err.DecodeError;
      const at = alpnOffered(ctx, name, n);
      if (at < 0) return Err.AlpnNotOffered;
      store<u32>(ctx, <u32>at, ALPN_OFF);
      store<u32>(ctx, n, ALPN_LEN);
    } else if (type == ExtensionType.RecordSizeLimit) {
      bit = 8;
      const limit = rdU16(ext);
      if (rdOk(ext) != 0 && limit < 64) return Err.BadRecordSizeLimit;
      store<u32>(ctx, limit, PEER_LIMIT);
      flagSet(ctx, Flag.LimitAcked);
    } else if (type == ExtensionType.MaxFragmentLength) {
      // RFC 6066 §4: the server echoes our value or says nothing.
      bit = 16;
      const code = rdU8(ext);
      if (load<u32>(ctx, MFL_SENT) == 0) return Err.UnsupportedExtension;
      if (rdOk(ext) != 0 && code != load<u32>(ctx, MFL_SENT)) return Err.IllegalParameter;
      flagSet(ctx, Flag.MflAcked);
    } else {
      // Anything else was not offered (or never belongs here): §4.2.
      return Err.UnsupportedExtension;
    }
    if (rdDone(ext) == 0) return Err.DecodeError;
    if ((seen & bit) != 0) return Err.DuplicateExtension;
    seen |= bit;
  }
  // We send at most 2^(8+code) bytes of content per record (RFC 6066 §4),
  // unless record_size_limit, which overrides it (RFC 8449 §5), was acked.
  if ((seen & 24) == 16) store<u32>(ctx, (<u32>1 << (8 + load<u32>(ctx, MFL_SENT))) + 1, PEER_LIMIT);
  store<u32>(ctx, sessionResumed(ctx) != 0 ? Hs.ExpectFinished : Hs.ExpectCertificateOrRequest, HS);
  return 0;
}

/**
 * CertificateRequest (§4.3.2): its context is echoed in our Certificate; we
 * send our chain when we have one and signature_algorithms (which it must
 * carry) allows ecdsa_secp256r1_sha256, else an empty Certificate.
 */
function onCertificateRequest(ctx: usize, body: usize, len: usize): i32 {
  rdInit(r, body, len);
  const n = rdVec(r, sub, 1, 0, 255);
  const context = rdHere(sub);
  rdVec(r, exts, 2, 2, 0xffff);
  if (rdDone(r) == 0) return Err.DecodeError;
  // §4.3.2: the context SHALL be empty but for post-handshake authentication.
  if (n != 0) return Err.IllegalParameter;
  let seen: u32 = 0;
  let p256: u32 = 0;
  while (rdLeft(exts) != 0) {
    const type = rdU16(exts);
    rdVec(exts, ext, 2, 0, 0xffff);
    if (rdOk(exts) == 0) return Err.DecodeError;
    if (type == ExtensionType.SignatureAlgorithms) {
      if ((seen & 1) != 0) return Err.DuplicateExtension;
      seen |= 1;
      // SignatureSchemeList: supported_signature_algorithms<2..2^16-2>
      rdVec(ext, sub, 2, 2, 0xfffe);
      while (rdLeft(sub) >= 2) if (rdU16(sub) == SignatureScheme.EcdsaSecp256r1Sha256) p256 = 1;
      if (rdDone(sub) == 0 || rdDone(ext) == 0) return Err.DecodeError;
    }
    // Other extensions (certificate_authorities, oid_filters, ...) are hints we may ignore (§4.2).
  }
  if ((seen & 1) == 0) return Err.MissingExtension;
  flagSet(ctx, Flag.CertRequested);
  if (p256 != 0 && load<u32>(ctx, OWN_CHAIN_LEN) != 0) flagSet(ctx, Flag.SendOwnCertificate);
  store<u32>(ctx, Hs.ExpectCertificate, HS);
  return 0;
}

/** CertificateVerify (§4.4.3) over the transcript through Certificate. */
function onCertificateVerify(ctx: usize, body: usize, len: usize): i32 {
  rdInit(r, body, len);
  const scheme = rdU16(r);
  const sigLen = rdVec(r, sub, 2, 1, 0xffff);
  const sig = rdHere(sub);
  if (rdDone(r) == 0) return Err.DecodeError;
  if (sigSchemeOffered(scheme) == 0) return Err.SignatureSchemeNotOffered;
  const err = verifyCertificateVerify(ctx, scheme, sig, sigLen, ctx + SNAPSHOT, hashDigestSize(hashId(ctx)));
  if (err != 0) return err;
  store<u32>(ctx, scheme, SIG_SCHEME);
  store<u32>(ctx, Hs.ExpectFinished, HS);
  return 0;
}

/**
 * Server Finished (§4.4.4), then our flight: [ChangeCipherSpec], [our
 * Certificate and CertificateVerify if one was requested], Finished; then the application traffic
 * keys (§7.1) and resumption_master_secret.
 */
function onFinished(ctx: usize, body: usize, len: usize): i32 {
  const id = hashId(ctx);
  const hlen = hashDigestSize(id);
  if (len != <usize>hlen) return Err.DecodeError;
  finishedMac(id, ctx + S_TRAFFIC, ctx + SNAPSHOT, mac);
  // Constant time: how many leading bytes matched must not show.
  const ok = ctEqual(mac, body, hlen);
  wipe(mac, 64);
  if (ok == 0) return Err.IncorrectFinished;

  thHash(ctx, hash); // ClientHello..server Finished
  nextStage(id, ctx + SECRET, 0, 0); // master secret

  let err = sendChangeCipherSpec(ctx);
  if (err != 0) return err;
  installWriteKeys(ctx); // client handshake traffic keys
  if (flagIs(ctx, Flag.CertRequested) != 0) {
    const send = flagIs(ctx, Flag.SendOwnCertificate);
    err = writeClientCertificate(ctx, send);
    if (err == 0 && send != 0) err = writeClientCertificateVerify(ctx);
    if (err != 0) return err;
  }
  thHash(ctx, mac);
  store<u32>(head, HandshakeType.Finished | (hlen << 24));
  finishedMac(id, ctx + C_TRAFFIC, mac, fin);
  err = hsWrite(ctx, head, 4);
  if (err == 0) err = hsWrite(ctx, fin, hlen);
  if (err == 0) err = hsFlush(ctx);
  wipe(ctx + OWN_KEY, 32); // signed once; post-handshake authentication is not offered
  if (err != 0) return err;

  deriveSecret(id, ctx + SECRET, L_C_AP, 12, hash, ctx + C_TRAFFIC);
  deriveSecret(id, ctx + SECRET, L_S_AP, 12, hash, ctx + S_TRAFFIC);
  installReadKeys(ctx);
  installWriteKeys(ctx);
  thHash(ctx, hash); // ClientHello..client Finished
  deriveSecret(id, ctx + SECRET, L_RES, 10, hash, ctx + RES_MASTER);
  wipe(ctx + SECRET, 48);
  wipe(hash, 64);
  wipe(mac, 64);
  store<u32>(ctx, Hs.Connected, HS);
  return 0;
}

/** KeyUpdate (§4.6.3): new read keys; answer a request with our own update. */
function onKeyUpdate(ctx: usize, body: usize, len: usize): i32 {
  rdInit(r, body, len);
  const request = rdU8(r);
  if (rdDone(r) == 0) return Err.DecodeError;
  if (request > 1) return Err.IllegalParameter;
  nextTrafficSecret(hashId(ctx), ctx + S_TRAFFIC);
  installReadKeys(ctx);
  store<u32>(ctx, load<u32>(ctx, KEY_UPDATES_IN) + 1, KEY_UPDATES_IN);
  // §4.6.3: requests that come while we send nothing are answered by one update.
  return request == 1 && flagIs(ctx, Flag.KeyUpdateAnswered) == 0 ? sendKeyUpdate(ctx, 0) : 0;
}

/**
 * Sends KeyUpdate (§4.6.3) under the current keys, then moves our write keys
 * on; request = 1 asks the server to update its keys too. Returns 0 or an Err.
 */
export function sendKeyUpdate(ctx: usize, request: u32): i32 {
  const msg = sendContent(ctx);
  if (sendRoom(ctx) < 5) return Err.SendBufferTooSmall;
  store<u32>(msg, HandshakeType.KeyUpdate | (1 << 24));
  store<u8>(msg, <u8>request, 4);
  const err = sealRecord(ctx, ContentType.Handshake, 5);
  if (err != 0) return err;
  nextTrafficSecret(hashId(ctx), ctx + C_TRAFFIC);
  installWriteKeys(ctx);
  store<u32>(ctx, load<u32>(ctx, KEY_UPDATES_OUT) + 1, KEY_UPDATES_OUT);
  flagSet(ctx, Flag.KeyUpdateAnswered);
  return 0;
}
