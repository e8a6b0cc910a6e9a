// Wasm surface of the TLS 1.3 client engine (assembly/tls/): integers and
// pointers only, thin wrappers over engine.ts. The context is
// tlsClientCtxSize() bytes at a caller-chosen address; the three buffers are
// the caller's too (see tlsClientInit). State word bits: 1 SENDREC,
// 2 RECVREC, 4 SENDAPP, 8 RECVAPP, 16 CLOSED.
import {
  clientAddTrustAnchor, clientSetCertificate, clientSetLeafBuffer, clientSetVerifier,
  clientClose, clientEof, clientInit, clientKeyUpdate, clientSetSession, clientSetTicketBuffer, clientSetAlpn, clientSetGroups, clientSetServerName, clientSetSuites,
  clientSetTime, clientStart, engineState, flushApp, handshakeState, lastError, recvappAck, recvappBuf, recvappLen,
  recvrecAck, recvrecBuf, recvrecLen, sendappAck, sendappBuf, sendappLen, sendrecAck, sendrecBuf, sendrecLen,
} from "../tls/engine";
import {
  CFG_TIME, CHAIN_VERDICT, LEAF_LEN, MFL_SENT,
  ALPN_LEN, ALPN_OFF, CFG_ALPN, Flag, GROUP, LIMIT_SENT, PEER_LIMIT, SIG_SCHEME, SUITE, TLS_CLIENT_CTX_SIZE,
  flagIs, KEY_UPDATES_IN, KEY_UPDATES_OUT, RESUME_STATUS, TICKET_LEN, TICKETS_SEEN, TICKETS_STORED,
} from "../tls/context";
import { peerKeyType } from "../tls/certificate";

export function tlsClientCtxSize(): u32 { return <u32>TLS_CLIENT_CTX_SIZE; }
export function tlsClientInit(ctx: usize, recv: usize, recvCap: u32, send: usize, sendCap: u32, hs: usize, hsCap: u32): i32 {
  return clientInit(ctx, recv, recvCap, send, sendCap, hs, hsCap);
}
export function tlsClientSetServerName(ctx: usize, name: usize, len: u32): i32 { return clientSetServerName(ctx, name, len); }
export function tlsClientSetAlpn(ctx: usize, list: usize, len: u32): i32 { return clientSetAlpn(ctx, list, len); }
export function tlsClientSetSuites(ctx: usize, a: u32, b: u32, c: u32): i32 { return clientSetSuites(ctx, a, b, c); }
export function tlsClientSetGroups(ctx: usize, a: u32, b: u32, shares: u32): i32 { return clientSetGroups(ctx, a, b, shares); }
/** Unix seconds as two u32 halves (no i64 across the boundary). */
export function tlsClientSetTime(ctx: usize, lo: u32, hi: u32): i32 {
  return clientSetTime(ctx, <i64>(((<u64>hi) << 32) | <u64>lo));
}
/**
 * The validator for the server's chain: the X.509 context x509 (x509Len
 * bytes, x509CtxMinSize()..x509CtxSize(); 3 server certificates and 2
 * anchors under x509CtxFullMinSize(), else 8 and 8), the expected host
 * name (hostLen ASCII bytes) or IP (4/16 bytes), both empty = the server name; mode 1
 * require a valid chain, 2 report the verdict only. After SetServerName and
 * SetTime, before AddTrustAnchor and Start. Start refuses without it.
 */
export function tlsClientSetVerifier(
  ctx: usize, x509: usize, x509Len: u32, host: usize, hostLen: u32, ip: usize, ipLen: u32, mode: u32,
): i32 {
  return clientSetVerifier(ctx, x509, x509Len, host, hostLen, ip, ipLen, mode);
}
/** A trust anchor (DER certificate), after SetVerifier, before Start. */
export function tlsClientAddTrustAnchor(ctx: usize, der: usize, len: u32): i32 { return clientAddTrustAnchor(ctx, der, len); }
/** Where to copy the server's leaf certificate (DER) as it passes; optional. */
export function tlsClientSetLeafBuffer(ctx: usize, buf: usize, cap: u32): i32 { return clientSetLeafBuffer(ctx, buf, cap); }
/**
 * Client authentication: chainLen bytes of DER certificates back to back
 * (leaf first; must stay in place during the handshake) and the leaf's P-256
 * private key (32 bytes, copied). Before Start.
 */
export function tlsClientSetCertificate(ctx: usize, chain: usize, chainLen: u32, key: usize): i32 {
  return clientSetCertificate(ctx, chain, chainLen, key);
}
/** 1 when the server asked for our certificate, 2 when we sent one (and signed CertificateVerify). */
export function tlsClientAuth(ctx: usize): u32 {
  return flagIs(ctx, Flag.CertRequested) | (flagIs(ctx, Flag.SendOwnCertificate) << 1);
}
/**
 * Session resumption (assembly/tls/session.ts): the session to resume (len
 * bytes at s, written by the engine into a ticket buffer earlier; it stays in
 * place until the handshake ends), before Start.
 */
export function tlsClientSetSession(ctx: usize, s: usize, len: u32): i32 { return clientSetSession(ctx, s, len); }
/** Where received tickets are written as sessions (cap bytes), before Start. */
export function tlsClientSetTicketBuffer(ctx: usize, buf: usize, cap: u32): i32 { return clientSetTicketBuffer(ctx, buf, cap); }
/** ResumeStatus: 0 none, 1 offered, 2 accepted, 3 declined by the server, 4 expired, 5 suite mismatch. */
export function tlsResumeStatus(ctx: usize): u32 { return load<u32>(ctx, RESUME_STATUS); }
/** NewSessionTickets received, and those written to the ticket buffer (the last one is there). */
export function tlsTicketsSeen(ctx: usize): u32 { return load<u32>(ctx, TICKETS_SEEN); }
export function tlsTicketsStored(ctx: usize): u32 { return load<u32>(ctx, TICKETS_STORED); }
/** Length of the session last written to the ticket buffer. */
export function tlsTicketLen(ctx: usize): u32 { return load<u32>(ctx, TICKET_LEN); }
export function tlsClientStart(ctx: usize): i32 { return clientStart(ctx); }
/** Sends a KeyUpdate (request 1: the server must update too); 0 or an error code. */
export function tlsClientKeyUpdate(ctx: usize, request: u32): i32 { return clientKeyUpdate(ctx, request); }
/** KeyUpdates so far: the server's (low 16 bits) and ours (high 16 bits), each saturating at 0xffff. */
export function tlsKeyUpdates(ctx: usize): u32 {
  const inbound = min<u32>(load<u32>(ctx, KEY_UPDATES_IN), 0xffff);
  const outbound = min<u32>(load<u32>(ctx, KEY_UPDATES_OUT), 0xffff);
  return inbound | (outbound << 16);
}
export function tlsClientClose(ctx: usize): void { clientClose(ctx); }
export function tlsClientEof(ctx: usize): void { clientEof(ctx); }

export function tlsEngineState(ctx: usize): u32 { return engineState(ctx); }
export function tlsLastError(ctx: usize): i32 { return lastError(ctx); }
export function tlsHandshakeState(ctx: usize): u32 { return handshakeState(ctx); }

export function tlsSendrecBuf(ctx: usize): usize { return sendrecBuf(ctx); }
export function tlsSendrecLen(ctx: usize): u32 { return sendrecLen(ctx); }
export function tlsSendrecAck(ctx: usize, n: u32): void { sendrecAck(ctx, n); }
export function tlsRecvrecBuf(ctx: usize): usize { return recvrecBuf(ctx); }
export function tlsRecvrecLen(ctx: usize): u32 { return recvrecLen(ctx); }
export function tlsRecvrecAck(ctx: usize, n: u32): void { recvrecAck(ctx, n); }
export function tlsSendappBuf(ctx: usize): usize { return sendappBuf(ctx); }
export function tlsSendappLen(ctx: usize): u32 { return sendappLen(ctx); }
export function tlsSendappAck(ctx: usize, n: u32): void { sendappAck(ctx, n); }
export function tlsSendappFlush(ctx: usize): void { flushApp(ctx); }
export function tlsRecvappBuf(ctx: usize): usize { return recvappBuf(ctx); }
export function tlsRecvappLen(ctx: usize): u32 { return recvappLen(ctx); }
export function tlsRecvappAck(ctx: usize, n: u32): void { recvappAck(ctx, n); }

/** Negotiated cipher suite (0x1301..0x1303), 0 before ServerHello. */
export function tlsSuite(ctx: usize): u32 { return load<u32>(ctx, SUITE); }
/** Key-exchange group (0x001d x25519, 0x0017 secp256r1). */
export function tlsGroup(ctx: usize): u32 { return load<u32>(ctx, GROUP); }
/** The server's CertificateVerify signature scheme. */
export function tlsSignatureScheme(ctx: usize): u32 { return load<u32>(ctx, SIG_SCHEME); }
/** Leaf key type: 1 P-256, 2 P-384, 3 Ed25519, 4 RSA. */
export function tlsPeerKeyType(ctx: usize): u32 { return peerKeyType(ctx); }
/** 1 when the server's chain was validated against a trust anchor. */
export function tlsChainValidated(ctx: usize): u32 { return flagIs(ctx, Flag.ChainValidated); }
/**
 * The validator's verdict on the server's chain: 0 valid, an X509Error
 * (1..13, assembly/x509/codes.ts), or 255 before the Certificate message
 * was complete. Reason and entity: x509ErrorReason / x509ErrorEntity on the
 * verifier context.
 */
export function tlsChainVerdict(ctx: usize): u32 { return load<u32>(ctx, CHAIN_VERDICT); }
/** The time certificates are checked at (Unix seconds; set at SetVerifier). */
export function tlsCheckTime(ctx: usize): i64 { return load<i64>(ctx, CFG_TIME); }
/** The server's leaf certificate length (copied to the leaf buffer when it fitted), 0 before. */
export function tlsPeerLeafLen(ctx: usize): u32 { return load<u32>(ctx, LEAF_LEN); }
/** max_fragment_length code we sent (RFC 6066: 1..4 = 2^9..2^12, 0 none), and 1 when the server echoed it. */
export function tlsMaxFragmentSent(ctx: usize): u32 { return load<u32>(ctx, MFL_SENT); }
export function tlsMaxFragmentAcked(ctx: usize): u32 { return flagIs(ctx, Flag.MflAcked); }
/** The ALPN protocol the server chose: pointer and length (0 when none). */
export function tlsAlpnBuf(ctx: usize): usize { return ctx + CFG_ALPN + <usize>load<u32>(ctx, ALPN_OFF); }
export function tlsAlpnLen(ctx: usize): u32 { return load<u32>(ctx, ALPN_LEN); }
/** record_size_limit we advertised, and the server's (0 = none). */
export function tlsRecordLimitSent(ctx: usize): u32 { return load<u32>(ctx, LIMIT_SENT); }
export function tlsPeerRecordLimit(ctx: usize): u32 { return load<u32>(ctx, PEER_LIMIT); }
