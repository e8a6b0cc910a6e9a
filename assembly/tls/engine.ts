// The sans-IO engine surface (BearSSL's br_ssl_engine): the caller owns every
// byte of memory and moves bytes; the engine never does I/O.
//
// Four buffer pairs, each a "where and how much" and an "n bytes used" call:
//   sendrec  records to send (in the send buffer)        buf / len / ack
//   recvrec  room for received bytes (receive buffer)    buf / len / ack
//   sendapp  room for plaintext to send (inside the send buffer, after the
//            room for a record header), then flush        buf / len / ack / flush
//   recvapp  plaintext received (inside the receive buffer)  buf / len / ack
// and a state word: SENDREC | RECVREC | SENDAPP | RECVAPP | CLOSED. recvrec
// asks for exactly the bytes that complete the current record, so a caller
// never hands over bytes of the next one. The engine offers recvrec only when
// nothing waits to be sent and no plaintext waits to be read, so the send
// buffer is never overwritten and no record is opened over unread data.
//
// Errors are sticky (lastError): a failed engine queues its alert (RFC 8446
// §6.2), wipes its secrets and reports CLOSED, the same way on every call.
import { wipe } from "../crypto/ct";
import {
  C_TRAFFIC, CFG_ALPN, CFG_ALPN_LEN, CFG_ALPN_MAX, CFG_GROUPS, CFG_SHARES, CFG_SNI, CFG_SNI_LEN, CFG_SNI_MAX,
  CFG_SUITES, CFG_TIME, CTX_MAGIC, ERROR, Flag, flagClear, flagIs, flagSet, HS, HS_BUF, HS_CAP, HS_LEN, LIMIT_SENT, MAGIC,
  PEER_LIMIT, RECV_APP_LEN, RECV_APP_OFF, RECV_BUF, RECV_CAP, RECV_HAVE, SECRET, SEND_APP_LEN, SEND_BUF, SEND_CAP,
  SEND_LEN, HS_SKIP, TICKET_BUF, TICKET_CAP, TLS_CLIENT_CTX_SIZE, TRANSCRIPT, WRITE_ON, X25519_PRIV, S_TRAFFIC, RES_MASTER,
  CHAIN_VERDICT, LEAF_BUF, LEAF_CAP, MFL_SENT, OWN_CHAIN, OWN_CHAIN_LEN, OWN_KEY, VERDICT_NONE, VERIFY_MODE, VerifyMode, X509_CAP, X509_CTX,
} from "./context";
import { Alert, Err, alertOf, peerAlert, shouldSendAlert } from "./errors";
import { Hs, handleMessage, readKeysChanged, sendKeyUpdate, startHandshake } from "./client";
import { derElementLength } from "./client_auth";
import { p256DerivePublicKey } from "../crypto/p256";
import { certificateBegin, certificateStep, certificateStreaming } from "./server_certificate";
import { chainAddTrustAnchor, chainBegin, CHAIN_CTX_MIN, Purpose } from "../x509/chain";
import { suiteKnown } from "./aead";
import { HandshakeType, NamedGroup } from "./client_hello";
import {
  checkHeader, ContentType, headerLength, MAX_CIPHERTEXT, MAX_PLAINTEXT, openedLen, openRecord, RECORD_HEADER_SIZE,
  RECORD_OVERHEAD, maxSendPlaintext, sealRecord, sendContent, sendRoom, wipeRecordKeys,
} from "./record";
import { READER_SIZE, rdBytes, rdInit, rdLeft, rdOk, rdU8 } from "./codec";
import { envTime } from "./imports";
import { HASH_CTX_SIZE } from "../crypto/hash";
import { countTicket, SESSION_HEADER, sessionCheck, setResumeSession } from "./session";

export const enum EngineState {
  SendRec = 1,
  RecvRec = 2,
  SendApp = 4,
  RecvApp = 8,
  Closed = 16,
}

/** Smallest record buffers accepted (the floor) and handshake buffer. */
export const MIN_RECORD_BUFFER: u32 = 512;
export const MIN_HANDSHAKE_BUFFER: u32 = 256;

/**
 * Sets up a client context at ctx (TLS_CLIENT_CTX_SIZE bytes) over the
 * caller's buffers: recv (recvCap bytes) takes one whole received record,
 * send (sendCap) the records to send, hs (hsCap) the largest handshake
 * message expected (the server's Certificate). Defaults: all three suites,
 * groups x25519 then secp256r1 with one key share, no SNI, no ALPN. Returns 0
 * or Err.BadConfiguration.
 */
export function clientInit(
  ctx: usize, recv: usize, recvCap: u32, send: usize, sendCap: u32, hs: usize, hsCap: u32,
): i32 {
  wipe(ctx, TLS_CLIENT_CTX_SIZE);
  if (recvCap < MIN_RECORD_BUFFER || sendCap < MIN_RECORD_BUFFER || hsCap < MIN_HANDSHAKE_BUFFER) {
    return Err.BadConfiguration;
  }
  store<u32>(ctx, CTX_MAGIC, MAGIC);
  store<u32>(ctx, <u32>recv, RECV_BUF);
  store<u32>(ctx, recvCap, RECV_CAP);
  store<u32>(ctx, <u32>send, SEND_BUF);
  store<u32>(ctx, sendCap, SEND_CAP);
  store<u32>(ctx, <u32>hs, HS_BUF);
  store<u32>(ctx, hsCap, HS_CAP);
  store<u16>(ctx + CFG_SUITES, 0x1301);
  store<u16>(ctx + CFG_SUITES + 2, 0x1302);
  store<u16>(ctx + CFG_SUITES + 4, 0x1303);
  store<u16>(ctx + CFG_GROUPS, NamedGroup.X25519);
  store<u16>(ctx + CFG_GROUPS + 2, NamedGroup.Secp256r1);
  store<u32>(ctx, 1, CFG_SHARES);
  // RFC 8449 §4: the largest TLSInnerPlaintext (content + type byte) that
  // fits our receive buffer after the header and tag, capped at 2^14 + 1.
  let limit = recvCap - RECORD_HEADER_SIZE - 16;
  if (limit > MAX_PLAINTEXT + 1) limit = MAX_PLAINTEXT + 1;
  store<u32>(ctx, limit, LIMIT_SENT);
  // RFC 6066 §4: with a receive buffer short of a full record, also ask for
  // the largest max_fragment_length (2^9..2^12 bytes of content) it takes,
  // for servers without RFC 8449 (OpenSSL 3.0: which honours this one).
  // RFC 8449 §5: a server that knows record_size_limit ignores it.
  if (limit < MAX_PLAINTEXT + 1) {
    let code: u32 = 0;
    for (let k: u32 = 1; k <= 4; k++) if ((<u32>1 << (8 + k)) + 1 <= limit) code = k;
    store<u32>(ctx, code, MFL_SENT);
  }
  store<u32>(ctx, VERDICT_NONE, CHAIN_VERDICT);
  store<u32>(ctx, Hs.Idle, HS);
  return 0;
}

@inline function configurable(ctx: usize): bool {
  return load<u32>(ctx, MAGIC) == CTX_MAGIC && load<u32>(ctx, HS) == Hs.Idle;
}

/** Configurable, and the verifier has not yet taken the name and time. */
@inline function beforeVerifier(ctx: usize): bool {
  return configurable(ctx) && load<u32>(ctx, X509_CTX) == 0;
}

/** server_name (RFC 6066): len bytes of host name, 0 for none. Before start. */
export function clientSetServerName(ctx: usize, name: usize, len: u32): i32 {
  if (!beforeVerifier(ctx) || len > CFG_SNI_MAX) return Err.BadConfiguration;
  memory.copy(ctx + CFG_SNI, name, len);
  store<u32>(ctx, len, CFG_SNI_LEN);
  return 0;
}

/**
 * ALPN (RFC 7301): the ProtocolNameList body (each name with its one-byte
 * length, names of 1..255 bytes), at most 128 bytes; len 0 for none.
 */
export function clientSetAlpn(ctx: usize, list: usize, len: u32): i32 {
  if (!configurable(ctx) || len > CFG_ALPN_MAX || len == 1) return Err.BadConfiguration;
  const rd = alpnReader;
  rdInit(rd, list, len);
  while (rdLeft(rd) != 0) {
    const n = rdU8(rd);
    rdBytes(rd, n);
    if (n == 0 || rdOk(rd) == 0) return Err.BadConfiguration;
  }
  memory.copy(ctx + CFG_ALPN, list, len);
  store<u32>(ctx, len, CFG_ALPN_LEN);
  return 0;
}
const alpnReader = memory.data(<i32>READER_SIZE, 4);

/** Cipher suites to offer, in order (0 = none); at least one. */
export function clientSetSuites(ctx: usize, a: u32, b: u32, c: u32): i32 {
  if (!configurable(ctx) || suiteKnown(a) == 0) return Err.BadConfiguration;
  if (b != 0 && suiteKnown(b) == 0 || c != 0 && suiteKnown(c) == 0) return Err.BadConfiguration;
  store<u16>(ctx + CFG_SUITES, <u16>a);
  store<u16>(ctx + CFG_SUITES + 2, <u16>b);
  store<u16>(ctx + CFG_SUITES + 4, <u16>c);
  return 0;
}

/** Groups to offer, in order (b = 0 for one), and how many key shares ClientHello1 carries (1 or 2). */
export function clientSetGroups(ctx: usize, a: u32, b: u32, shares: u32): i32 {
  if (!configurable(ctx)) return Err.BadConfiguration;
  if (a != NamedGroup.X25519 && a != NamedGroup.Secp256r1) return Err.BadConfiguration;
  if (b != 0 && (b == a || b != NamedGroup.X25519 && b != NamedGroup.Secp256r1)) return Err.BadConfiguration;
  if (shares < 1 || shares > 2 || shares == 2 && b == 0) return Err.BadConfiguration;
  store<u16>(ctx + CFG_GROUPS, <u16>a);
  store<u16>(ctx + CFG_GROUPS + 2, <u16>b);
  store<u32>(ctx, shares, CFG_SHARES);
  return 0;
}

/** The time certificates are checked at (Unix seconds); 0 = ask env.time at start. */
export function clientSetTime(ctx: usize, seconds: i64): i32 {
  if (!beforeVerifier(ctx)) return Err.BadConfiguration;
  store<i64>(ctx, seconds, CFG_TIME);
  return 0;
}

/**
 * The server's chain is checked by the X.509 validator in the caller's
 * context x509 (x509Len bytes, from x509CtxMinSize() to x509CtxSize(); under
 * x509CtxFullMinSize() it keeps 3 of the server's certificates and 2 anchors),
 * begun here for serverAuth at the configured time (clientSetTime, else
 * env.time now) and for the expected name: host (hostLen ASCII bytes) or ip
 * (4 or 16 bytes); both empty = the server name set before (RFC 6125 §6: the
 * name asked for is the name checked); no name at all = no name check. mode:
 * VerifyMode.Require (1) or Report (2). Call after clientSetServerName and
 * clientSetTime (they refuse afterwards), then clientAddTrustAnchor, then
 * clientStart. The context must stay untouched until the handshake ends; its
 * verdict and reasons stay readable (x509ErrorReason ...). Returns 0 or
 * Err.BadConfiguration.
 */
export function clientSetVerifier(
  ctx: usize, x509: usize, x509Len: u32, host: usize, hostLen: u32, ip: usize, ipLen: u32, mode: u32,
): i32 {
  if (!beforeVerifier(ctx) || x509 == 0 || <usize>x509Len < CHAIN_CTX_MIN) return Err.BadConfiguration;
  if (mode != VerifyMode.Require && mode != VerifyMode.Report) return Err.BadConfiguration;
  if (hostLen == 0 && ipLen == 0) {
    host = ctx + CFG_SNI;
    hostLen = load<u32>(ctx, CFG_SNI_LEN);
  }
  if (load<i64>(ctx, CFG_TIME) == 0) store<i64>(ctx, envTime(), CFG_TIME);
  const r = chainBegin(x509, <usize>x509Len, host, hostLen, ip, ipLen, load<i64>(ctx, CFG_TIME), Purpose.ServerAuth);
  if (r != 0) return Err.BadConfiguration;
  store<u32>(ctx, <u32>x509, X509_CTX);
  store<u32>(ctx, x509Len, X509_CAP);
  store<u32>(ctx, mode, VERIFY_MODE);
  return 0;
}

/**
 * Adds a trust anchor (len DER bytes of a certificate: its subject name and
 * key are trusted, RFC 5280 §6.1.1 d). After clientSetVerifier, before
 * clientStart; the validator keeps up to 8. Returns 0, or Err.BadConfiguration
 * for a malformed certificate or one past the budget.
 */
export function clientAddTrustAnchor(ctx: usize, der: usize, len: u32): i32 {
  if (!configurable(ctx) || load<u32>(ctx, X509_CTX) == 0) return Err.BadConfiguration;
  if (chainAddTrustAnchor(<usize>load<u32>(ctx, X509_CTX), der, <usize>len) != 0) return Err.BadConfiguration;
  return 0;
}

/**
 * Where the engine copies the leaf certificate's DER as it passes (cap bytes
 * at buf; a longer leaf is not copied, tlsPeerLeafLen still says its
 * length). Optional: for a host that shows the peer's certificate.
 */
export function clientSetLeafBuffer(ctx: usize, buf: usize, cap: u32): i32 {
  if (!configurable(ctx)) return Err.BadConfiguration;
  store<u32>(ctx, <u32>buf, LEAF_BUF);
  store<u32>(ctx, cap, LEAF_CAP);
  return 0;
}

/**
 * Our certificate for client authentication (RFC 8446 §4.4.2): chain holds
 * chainLen bytes of DER certificates one after the other, leaf first (it
 * stays in the caller's memory, read when the server asks); key is the
 * leaf's P-256 private key (32 big-endian bytes, SECRET: copied, wiped after
 * the one signature). Only an ECDSA P-256 leaf is supported. Returns 0 or
 * Err.BadConfiguration (an empty or malformed chain, a key outside [1, n-1]).
 */
export function clientSetCertificate(ctx: usize, chain: usize, chainLen: u32, key: usize): i32 {
  if (!configurable(ctx) || chainLen == 0) return Err.BadConfiguration;
  let off: u32 = 0;
  while (off < chainLen) {
    const n = derElementLength(chain + <usize>off, chainLen - off);
    if (n == 0) return Err.BadConfiguration;
    off += n;
  }
  if (p256DerivePublicKey(key, pubScratch) != 0) return Err.BadConfiguration;
  memory.copy(ctx + OWN_KEY, key, 32);
  store<u32>(ctx, <u32>chain, OWN_CHAIN);
  store<u32>(ctx, chainLen, OWN_CHAIN_LEN);
  return 0;
}
const pubScratch = memory.data(65, 4);

/**
 * A session to resume (session.ts): len bytes at s, as the engine wrote them
 * to a ticket buffer. It stays in place until the handshake ends. Whether it
 * was offered and taken: tlsResumeStatus. Returns 0 or Err.BadConfiguration.
 */
export function clientSetSession(ctx: usize, s: usize, len: u32): i32 {
  if (!configurable(ctx) || sessionCheck(s, len) != 0) return Err.BadConfiguration;
  setResumeSession(ctx, s);
  return 0;
}

/**
 * Where each NewSessionTicket is written as a session (cap bytes at buf, at
 * least SESSION_HEADER + the ticket; a longer ticket is not kept). Setting
 * one makes ClientHello carry psk_key_exchange_modes, without which servers
 * send no tickets (§4.2.9). Returns 0 or Err.BadConfiguration.
 */
export function clientSetTicketBuffer(ctx: usize, buf: usize, cap: u32): i32 {
  if (!configurable(ctx) || cap <= SESSION_HEADER) return Err.BadConfiguration;
  store<u32>(ctx, <u32>buf, TICKET_BUF);
  store<u32>(ctx, cap, TICKET_CAP);
  return 0;
}

/** Sends ClientHello. Returns 0 or the (sticky) error. */
export function clientStart(ctx: usize): i32 {
  if (!configurable(ctx)) return Err.BadConfiguration;
  if (load<u32>(ctx, VERIFY_MODE) == VerifyMode.Unset) {
    flagSet(ctx, Flag.CloseSent); // nothing was sent: no alert either
    fail(ctx, Err.NoVerifier);
    return lastError(ctx);
  }
  flagSet(ctx, Flag.Started);
  const err = startHandshake(ctx);
  if (err != 0) fail(ctx, err);
  return lastError(ctx);
}

/** The sticky error: 0 while all is well. */
export function lastError(ctx: usize): i32 {
  return load<i32>(ctx, ERROR);
}

/** The handshake state (client.ts Hs). */
export function handshakeState(ctx: usize): u32 {
  return load<u32>(ctx, HS);
}

/** The state word. */
export function engineState(ctx: usize): u32 {
  const hs = load<u32>(ctx, HS);
  let s: u32 = 0;
  const sendLen = load<u32>(ctx, SEND_LEN);
  if (sendLen != 0) s |= EngineState.SendRec;
  if (hs == Hs.Failed || hs == Hs.Closed) return s | EngineState.Closed;
  if (hs == Hs.Idle) return s;
  if (load<u32>(ctx, RECV_APP_LEN) != 0) s |= EngineState.RecvApp;
  else if (sendLen == 0 && flagIs(ctx, Flag.CloseReceived) == 0) s |= EngineState.RecvRec;
  if (hs == Hs.Connected && sendLen == 0 && flagIs(ctx, Flag.CloseSent) == 0) s |= EngineState.SendApp;
  return s;
}

/**
 * Fails the engine with err (kept if an error is already set): queues the
 * alert when err is ours to report, wipes every secret, state Failed.
 */
export function fail(ctx: usize, err: i32): void {
  if (load<i32>(ctx, ERROR) != 0) return;
  store<i32>(ctx, err, ERROR);
  if (shouldSendAlert(err) != 0 && flagIs(ctx, Flag.CloseSent) == 0) {
    // Not flushApp: it fails on error, and the call graph must stay acyclic
    // (boards bound the stack by it). The alert matters, not this record.
    sealPendingApp(ctx);
    sendAlert(ctx, 2, alertOf(err)); // fatal; if it does not fit, the peer sees the close
  }
  flagSet(ctx, Flag.CloseSent);
  store<u32>(ctx, Hs.Failed, HS);
  wipeSecrets(ctx);
}

function wipeSecrets(ctx: usize): void {
  wipeRecordKeys(ctx);
  wipe(ctx + SECRET, 48 * 4); // SECRET, C_TRAFFIC, S_TRAFFIC, RES_MASTER
  wipe(ctx + X25519_PRIV, 64);
  wipe(ctx + OWN_KEY, 32);
  wipe(ctx + TRANSCRIPT, 2 * HASH_CTX_SIZE);
  wipe(<usize>load<u32>(ctx, HS_BUF), <usize>load<u32>(ctx, HS_CAP));
  store<u32>(ctx, 0, HS_LEN);
}

function sendAlert(ctx: usize, level: u32, description: u32): i32 {
  if (sendRoom(ctx) < 2) return Err.SendBufferTooSmall;
  const p = sendContent(ctx);
  store<u8>(p, <u8>level);
  store<u8>(p, <u8>description, 1);
  return sealRecord(ctx, ContentType.Alert, 2);
}

// ---- sendrec ----

export function sendrecBuf(ctx: usize): usize {
  return <usize>load<u32>(ctx, SEND_BUF);
}

export function sendrecLen(ctx: usize): u32 {
  return load<u32>(ctx, SEND_LEN);
}

/** The caller sent n bytes from sendrecBuf. */
export function sendrecAck(ctx: usize, n: u32): void {
  const len = load<u32>(ctx, SEND_LEN);
  if (n > len) n = len;
  const buf = <usize>load<u32>(ctx, SEND_BUF);
  memory.copy(buf, buf + <usize>n, <usize>(len - n));
  store<u32>(ctx, len - n, SEND_LEN);
}

// ---- recvrec ----

export function recvrecBuf(ctx: usize): usize {
  return <usize>load<u32>(ctx, RECV_BUF) + <usize>load<u32>(ctx, RECV_HAVE);
}

/** Bytes that complete the current record's header, then its body. */
export function recvrecLen(ctx: usize): u32 {
  if ((engineState(ctx) & EngineState.RecvRec) == 0) return 0;
  const have = load<u32>(ctx, RECV_HAVE);
  if (have < RECORD_HEADER_SIZE) return RECORD_HEADER_SIZE - have;
  return RECORD_HEADER_SIZE + headerLength(<usize>load<u32>(ctx, RECV_BUF)) - have;
}

/** The caller wrote n received bytes at recvrecBuf (n <= recvrecLen). */
export function recvrecAck(ctx: usize, n: u32): void {
  const want = recvrecLen(ctx);
  if (n > want) n = want;
  if (n == 0) return;
  const have = load<u32>(ctx, RECV_HAVE) + n;
  store<u32>(ctx, have, RECV_HAVE);
  const buf = <usize>load<u32>(ctx, RECV_BUF);
  if (have == RECORD_HEADER_SIZE) {
    let err = checkHeader(ctx, buf);
    const total = RECORD_HEADER_SIZE + headerLength(buf);
    if (err == 0 && total > load<u32>(ctx, RECV_CAP)) err = Err.RecordTooLargeForBuffer;
    if (err != 0) {
      fail(ctx, err);
      return;
    }
  }
  if (have >= RECORD_HEADER_SIZE && have == RECORD_HEADER_SIZE + headerLength(buf)) {
    const err = processRecord(ctx);
    if (err != 0) fail(ctx, err);
    if (load<u32>(ctx, RECV_APP_LEN) == 0) store<u32>(ctx, 0, RECV_HAVE);
  }
}

/** One whole record is in the receive buffer: open it and act on it. */
function processRecord(ctx: usize): i32 {
  const type = openRecord(ctx);
  if (type < 0) return -type;
  const len = openedLen();
  const content = <usize>load<u32>(ctx, RECV_BUF) + RECORD_HEADER_SIZE;
  const hs = load<u32>(ctx, HS);
  // §5.1: handshake messages are not interleaved with other record types.
  // A streamed Certificate may leave the buffer empty between two entries: still mid-message.
  const midMessage = load<u32>(ctx, HS_LEN) != 0 || certificateStreaming(ctx) != 0 || load<u32>(ctx, HS_SKIP) != 0;
  if (type != ContentType.Handshake && midMessage) {
    return Err.UnexpectedMessage;
  }
  if (type == ContentType.ChangeCipherSpec) {
    // §5 / §D.4: one unprotected 0x01 between ClientHello and the server's Finished.
    if (len != 1 || load<u8>(content) != 1 || flagIs(ctx, Flag.CcsSeen) != 0) return Err.UnexpectedChangeCipherSpec;
    if (hs < <u32>Hs.ExpectServerHello || hs > <u32>Hs.ExpectFinished) return Err.UnexpectedChangeCipherSpec;
    flagSet(ctx, Flag.CcsSeen);
    return 0;
  }
  if (type == ContentType.Alert) return onAlert(ctx, content, len);
  if (type == ContentType.Handshake) {
    if (len == 0) return Err.EmptyRecord;
    return absorbHandshake(ctx, content, len);
  }
  // application_data
  if (hs != Hs.Connected) return Err.EarlyApplicationData;
  if (len != 0) {
    store<u32>(ctx, RECORD_HEADER_SIZE, RECV_APP_OFF);
    store<u32>(ctx, len, RECV_APP_LEN);
  }
  return 0;
}

/** Alert (§6): close_notify ends reading; user_canceled is noted; every other alert is fatal. */
function onAlert(ctx: usize, p: usize, len: u32): i32 {
  if (len != 2) return Err.DecodeError;
  const description = <u32>load<u8>(p, 1);
  if (description == Alert.UserCanceled) return 0;
  if (description != Alert.CloseNotify) return peerAlert(description);
  flagSet(ctx, Flag.CloseReceived);
  if (load<u32>(ctx, HS) != Hs.Connected) return peerAlert(Alert.CloseNotify);
  // §6.1: answer with our own close_notify, then the connection is over.
  if (flagIs(ctx, Flag.CloseSent) == 0) {
    flushApp(ctx);
    sendAlert(ctx, 1, Alert.CloseNotify);
    flagSet(ctx, Flag.CloseSent);
  }
  store<u32>(ctx, Hs.Closed, HS);
  wipeSecrets(ctx);
  return 0;
}

/**
 * Appends len handshake bytes to the handshake buffer and handles every whole
 * message in it. A message larger than the buffer fails (HandshakeTooLarge).
 */
function absorbHandshake(ctx: usize, p: usize, len: u32): i32 {
  const buf = <usize>load<u32>(ctx, HS_BUF);
  const cap = load<u32>(ctx, HS_CAP);
  let off: u32 = 0;
  while (off < len) {
    const have = load<u32>(ctx, HS_LEN);
    let n = len - off;
    if (n > cap - have) n = cap - have;
    if (n == 0) return Err.HandshakeTooLarge;
    memory.copy(buf + <usize>have, p + <usize>off, <usize>n);
    store<u32>(ctx, have + n, HS_LEN);
    off += n;
    const err = drainMessages(ctx, len - off);
    if (err != 0) return err;
  }
  return 0;
}

/**
 * Handles every whole message at the start of the handshake buffer, and the
 * server's Certificate piece by piece (server_certificate.ts), so only its
 * largest CertificateEntry must fit the buffer. rest: record bytes not yet
 * absorbed.
 */
function drainMessages(ctx: usize, rest: u32): i32 {
  const buf = <usize>load<u32>(ctx, HS_BUF);
  const cap = load<u32>(ctx, HS_CAP);
  for (;;) {
    const have = load<u32>(ctx, HS_LEN);
    let used: u32 = 0;
    readKeysChanged = 0;
    const skip = load<u32>(ctx, HS_SKIP);
    if (skip != 0) {
      if (have == 0) return 0;
      used = min<u32>(skip, have);
      store<u32>(ctx, skip - used, HS_SKIP);
    } else if (certificateStreaming(ctx) != 0) {
      const r = certificateStep(ctx, buf, have);
      if (r < 0) return -r;
      if (r == 0) return have == cap ? Err.HandshakeTooLarge : 0;
      if (certificateStreaming(ctx) == 0) store<u32>(ctx, Hs.ExpectCertificateVerify, HS);
      used = <u32>r;
    } else {
      if (have < 4) return 0;
      const type = <u32>load<u8>(buf);
      const total: u32 = 4 + ((<u32>load<u8>(buf, 1) << 16) | (<u32>load<u8>(buf, 2) << 8) | <u32>load<u8>(buf, 3));
      const hs = load<u32>(ctx, HS);
      if (type == HandshakeType.Certificate && (hs == Hs.ExpectCertificateOrRequest || hs == Hs.ExpectCertificate)) {
        const r = certificateBegin(ctx, buf, have, total);
        if (r < 0) return -r;
        if (r == 0) return 0;
        used = <u32>r;
      } else if (total > cap && type == HandshakeType.NewSessionTicket && hs == Hs.Connected) {
        // A ticket larger than the handshake buffer could not be kept anyway;
        // post-handshake messages are not in the transcript (§4.6), so it is
        // skipped rather than fatal: small devices meet servers with big tickets.
        countTicket(ctx);
        store<u32>(ctx, total, HS_SKIP);
        continue;
      } else {
        if (total > cap) return Err.HandshakeTooLarge;
        if (have < total) return 0;
        const err = handleMessage(ctx, buf, total);
        if (err != 0) return err;
        used = total;
      }
    }
    memory.copy(buf, buf + <usize>used, <usize>(have - used));
    store<u32>(ctx, have - used, HS_LEN);
    // §5.1: a message that changes the read keys must end its record.
    if (readKeysChanged != 0 && (have - used != 0 || rest != 0)) return Err.KeyChangeNotOnRecordBoundary;
  }
  return 0;
}

// ---- sendapp ----

export function sendappBuf(ctx: usize): usize {
  return <usize>load<u32>(ctx, SEND_BUF) + RECORD_HEADER_SIZE + <usize>load<u32>(ctx, SEND_APP_LEN);
}

export function sendappLen(ctx: usize): u32 {
  if ((engineState(ctx) & EngineState.SendApp) == 0) return 0;
  return maxSendPlaintext(ctx) - load<u32>(ctx, SEND_APP_LEN);
}

/** The caller wrote n plaintext bytes at sendappBuf; a full record is sealed at once. */
export function sendappAck(ctx: usize, n: u32): void {
  const room = sendappLen(ctx);
  if (n > room) n = room;
  const total = load<u32>(ctx, SEND_APP_LEN) + n;
  store<u32>(ctx, total, SEND_APP_LEN);
  if (total == maxSendPlaintext(ctx)) flushApp(ctx);
}

/** Seals the plaintext written so far into a record. */
export function flushApp(ctx: usize): void {
  const err = sealPendingApp(ctx);
  if (err != 0) fail(ctx, err);
}

/** Seals the plaintext written so far, if any; returns 0 or the Err. */
function sealPendingApp(ctx: usize): i32 {
  const n = load<u32>(ctx, SEND_APP_LEN);
  if (n == 0) return 0;
  store<u32>(ctx, 0, SEND_APP_LEN);
  // Data under our current keys: a later KeyUpdate request needs a new answer (§4.6.3).
  flagClear(ctx, Flag.KeyUpdateAnswered);
  return sealRecord(ctx, ContentType.ApplicationData, n);
}

// ---- recvapp ----

export function recvappBuf(ctx: usize): usize {
  return <usize>load<u32>(ctx, RECV_BUF) + <usize>load<u32>(ctx, RECV_APP_OFF);
}

export function recvappLen(ctx: usize): u32 {
  return load<u32>(ctx, RECV_APP_LEN);
}

/** The caller consumed n plaintext bytes. */
export function recvappAck(ctx: usize, n: u32): void {
  const len = load<u32>(ctx, RECV_APP_LEN);
  if (n > len) n = len;
  store<u32>(ctx, load<u32>(ctx, RECV_APP_OFF) + n, RECV_APP_OFF);
  store<u32>(ctx, len - n, RECV_APP_LEN);
  if (len - n == 0) {
    wipe(<usize>load<u32>(ctx, RECV_BUF), <usize>load<u32>(ctx, RECV_HAVE));
    store<u32>(ctx, 0, RECV_HAVE);
  }
}

// ---- closing ----

/** Sends close_notify (§6.1) after any pending plaintext. */
export function clientClose(ctx: usize): void {
  const hs = load<u32>(ctx, HS);
  if (hs == Hs.Failed || hs == Hs.Closed || flagIs(ctx, Flag.CloseSent) != 0) return;
  if (hs != Hs.Connected) {
    fail(ctx, Err.Canceled);
    return;
  }
  flushApp(ctx);
  const err = sendAlert(ctx, 1, Alert.CloseNotify);
  if (err != 0) {
    fail(ctx, err);
    return;
  }
  flagSet(ctx, Flag.CloseSent);
  if (flagIs(ctx, Flag.CloseReceived) != 0) store<u32>(ctx, Hs.Closed, HS);
}

/**
 * Sends a KeyUpdate (§4.6.3) once queued plaintext is sealed: our traffic
 * keys move on; request = 1 asks the server to move its keys too. Only when
 * Connected and no record waits in the send buffer (state SENDAPP); returns 0,
 * Err.BadConfiguration when the engine cannot send now, or the sticky error.
 */
export function clientKeyUpdate(ctx: usize, request: u32): i32 {
  if ((engineState(ctx) & EngineState.SendApp) == 0 || request > 1) return Err.BadConfiguration;
  flushApp(ctx); // plaintext written so far goes out under the old keys
  const err = lastError(ctx) == 0 ? sendKeyUpdate(ctx, request) : 0;
  if (err != 0) fail(ctx, err);
  return lastError(ctx);
}

/**
 * The transport reached its end. Without the server's close_notify first
 * (§6.1) this is a truncation: Err.ConnectionClosed.
 */
export function clientEof(ctx: usize): void {
  const hs = load<u32>(ctx, HS);
  if (hs == Hs.Failed || hs == Hs.Closed) return;
  if (flagIs(ctx, Flag.CloseReceived) == 0) fail(ctx, Err.ConnectionClosed);
}
