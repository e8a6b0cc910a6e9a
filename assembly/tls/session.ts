// Session resumption with tickets (RFC 8446 §2.2, §4.2.9, §4.2.11, §4.6.1):
// psk_dhe_ke only, so every resumed handshake still does a fresh (EC)DHE
// exchange (forward secrecy); no 0-RTT early data.
//
// The engine keeps no ticket store: the caller gives a ticket buffer, where
// each NewSessionTicket is written as a session (the layout below, the
// engine's own format, little-endian), and later hands a session back to
// resume. A session holds its PSK: it is as secret as a private key.
//
//    0  u32  SESSION_MAGIC
//    4  u32  cipher suite of the connection that got the ticket
//    8  u32  ticket_lifetime (seconds, <= 604800, §4.6.1)
//   12  u32  ticket_age_add
//   16  i64  when it was received (env.time, Unix seconds)
//   24  u32  max_early_data_size (0 = none; kept, not used)
//   28  u32  ticket length
//   32  48   PSK = HKDF-Expand-Label(resumption_master_secret,
//            "resumption", ticket_nonce, Hash.length) (§4.6.1)
//   80       ticket
//
// Secret: the PSK, the early secret, the binder key. The ticket, its age
// and the binder are sent in the clear.
import { wipe } from "../crypto/ct";
import { hashDigestSize } from "../crypto/hash";
import { READER_SIZE, rdBytes, rdDone, rdHere, rdInit, rdLeft, rdOk, rdU16, rdU32, rdVec, wrBytes, wrClose, wrOpen, wrU16, wrU8, wrUint } from "./codec";
import {
  CFG_SUITES, RES_MASTER, RESUME_BUF, RESUME_STATUS, SECRET, SUITE, TICKET_BUF, TICKET_CAP, TICKET_LEN, TICKETS_SEEN,
  TICKETS_STORED,
} from "./context";
import { suiteHash, suiteKnown } from "./aead";
import { Err } from "./errors";
import { envTime } from "./imports";
import { binderKey, earlySecret, expandLabel, finishedMac, L_RESUMPTION } from "./keyschedule";
import { thHashWith } from "./transcript";

export const SESSION_MAGIC: u32 = 0x31535445; // "ETS1"
export const SESSION_HEADER: u32 = 80;
const S_SUITE: usize = 4;
const S_LIFETIME: usize = 8;
const S_AGE_ADD: usize = 12;
const S_RECEIVED: usize = 16;
const S_EARLY_DATA: usize = 24;
const S_TICKET_LEN: usize = 28;
const S_PSK: usize = 32;

/** §4.6.1: servers MUST NOT give a ticket a longer lifetime; clients MUST NOT keep one longer. */
const MAX_LIFETIME: u32 = 604800;
const PSK_DHE_KE: u32 = 1; // §4.2.9
const PRE_SHARED_KEY: u32 = 41;
const PSK_KEY_EXCHANGE_MODES: u32 = 45;
const EARLY_DATA: u32 = 42;

/** What became of the session the caller asked to resume (RESUME_STATUS). */
export const enum ResumeStatus {
  /** No session was given. */
  None = 0,
  /** Offered in the last ClientHello; ServerHello not yet seen. */
  Offered = 1,
  /** The server took it: no certificate was sent, the PSK authenticated it (§2.2). */
  Accepted = 2,
  /** The server went on without it: a full handshake. */
  Declined = 3,
  /** Not offered: older than its lifetime (§4.6.1). */
  Expired = 4,
  /** Not offered: its suite (hash) is not among those offered, or a HelloRetryRequest chose another hash (§4.1.4). */
  SuiteMismatch = 5,
}

const r = memory.data(<i32>READER_SIZE, 4);
const sub = memory.data(<i32>READER_SIZE, 4);
const truncHash = memory.data(64, 8);
const binder = memory.data(64, 8);

@inline function sessionTicketLen(s: usize): u32 {
  return load<u32>(s, S_TICKET_LEN);
}

/**
 * Checks a session (len bytes at s) a caller wants to resume: its form, not
 * its age (that is checked when ClientHello is written). Returns 0 or
 * Err.BadConfiguration.
 */
export function sessionCheck(s: usize, len: u32): i32 {
  if (len < SESSION_HEADER || load<u32>(s) != SESSION_MAGIC) return Err.BadConfiguration;
  if (suiteKnown(load<u32>(s, S_SUITE)) == 0 || load<u32>(s, S_LIFETIME) > MAX_LIFETIME) return Err.BadConfiguration;
  const n = sessionTicketLen(s);
  if (n == 0 || n > 0xffff || len - SESSION_HEADER != n) return Err.BadConfiguration;
  return 0;
}

/** 1 when a ClientHello should carry psk_key_exchange_modes: we can store tickets or resume one. */
export function wantsTickets(ctx: usize): u32 {
  return <u32>(load<u32>(ctx, TICKET_CAP) != 0 || load<u32>(ctx, RESUME_BUF) != 0);
}

/** psk_key_exchange_modes (§4.2.9): psk_dhe_ke only. */
export function writePskModes(w: usize): void {
  wrU16(w, PSK_KEY_EXCHANGE_MODES);
  wrU16(w, 2);
  wrU8(w, 1);
  wrU8(w, PSK_DHE_KE);
}

/**
 * Decides whether this ClientHello offers the session: retrySuite = 0 for
 * the first ClientHello, else the suite a HelloRetryRequest chose. Sets
 * RESUME_STATUS and returns 1 to offer.
 */
export function sessionToOffer(ctx: usize, retrySuite: u32): u32 {
  const s = <usize>load<u32>(ctx, RESUME_BUF);
  if (s == 0) return 0;
  const id = suiteHash(load<u32>(s, S_SUITE));
  let hashOffered = false;
  for (let i: usize = 0; i < 3; i++) {
    const suite = <u32>load<u16>(ctx + CFG_SUITES + (i << 1));
    if (suite != 0 && suiteHash(suite) == id) hashOffered = true;
  }
  let status = ResumeStatus.Offered;
  const age = envTime() - load<i64>(s, S_RECEIVED);
  if (age > <i64>load<u32>(s, S_LIFETIME)) status = ResumeStatus.Expired;
  else if (retrySuite != 0 ? suiteHash(retrySuite) != id : !hashOffered) status = ResumeStatus.SuiteMismatch;
  store<u32>(ctx, status, RESUME_STATUS);
  return <u32>(status == ResumeStatus.Offered);
}

/** The hash id of the session being resumed. */
export function sessionHash(ctx: usize): u32 {
  return suiteHash(load<u32>(<usize>load<u32>(ctx, RESUME_BUF), S_SUITE));
}

/**
 * Writes pre_shared_key (§4.2.11), which must be the last extension, with
 * one identity and a zero binder; returns the binder's address (0 when the
 * writer ran out of room). fillBinder computes it once the message is whole.
 */
export function writePreSharedKey(ctx: usize, w: usize): usize {
  const s = <usize>load<u32>(ctx, RESUME_BUF);
  const hlen = hashDigestSize(sessionHash(ctx));
  // §4.2.11.1: obfuscated_ticket_age = age in ms + ticket_age_add (mod 2^32).
  let age = envTime() - load<i64>(s, S_RECEIVED);
  if (age < 0) age = 0;
  const obfuscated = <u32>(age * 1000) + load<u32>(s, S_AGE_ADD);
  wrU16(w, PRE_SHARED_KEY);
  const ext = wrOpen(w, 2);
  const identities = wrOpen(w, 2);
  wrU16(w, sessionTicketLen(s));
  wrBytes(w, s + SESSION_HEADER, sessionTicketLen(s));
  wrUint(w, obfuscated, 4);
  wrClose(w, identities, 2);
  const binders = wrOpen(w, 2);
  wrU8(w, hlen);
  const at = wrOpen(w, hlen);
  wrClose(w, binders, 2);
  wrClose(w, ext, 2);
  return at;
}

/**
 * The binder (§4.2.11.2) at binderAt, over the transcript so far and the
 * ClientHello at msg up to its binders list (the 2-byte list length and one
 * length byte before binderAt); also leaves the early secret of the PSK in
 * SECRET for ServerHello.
 */
export function fillBinder(ctx: usize, msg: usize, binderAt: usize): void {
  const s = <usize>load<u32>(ctx, RESUME_BUF);
  const id = sessionHash(ctx);
  earlySecret(id, s + S_PSK, hashDigestSize(id), ctx + SECRET);
  thHashWith(ctx, id, msg, binderAt - 3 - msg, truncHash);
  binderKey(id, ctx + SECRET, binder);
  finishedMac(id, binder, truncHash, binderAt);
  wipe(binder, 64);
}

/**
 * ServerHello's pre_shared_key (§4.2.11): selected_identity (ext, 2 bytes)
 * must be our one identity, for a suite with the PSK's hash. Returns 0 or
 * an Err; the status becomes Accepted.
 */
export function sessionAccepted(ctx: usize, selected: u32, suite: u32): i32 {
  if (load<u32>(ctx, RESUME_STATUS) != ResumeStatus.Offered) return Err.UnsupportedExtension;
  if (selected != 0 || suiteHash(suite) != sessionHash(ctx)) return Err.BadPskSelection;
  store<u32>(ctx, ResumeStatus.Accepted, RESUME_STATUS);
  return 0;
}

/** After a ServerHello without pre_shared_key: an offered session was declined. */
export function sessionDeclined(ctx: usize): void {
  if (load<u32>(ctx, RESUME_STATUS) == ResumeStatus.Offered) store<u32>(ctx, ResumeStatus.Declined, RESUME_STATUS);
}

/** 1 when the handshake resumed a session (no certificate, §2.2). */
export function sessionResumed(ctx: usize): u32 {
  return <u32>(load<u32>(ctx, RESUME_STATUS) == ResumeStatus.Accepted);
}

/**
 * NewSessionTicket (§4.6.1), body of len bytes: checked for form; written as
 * a session to the ticket buffer when there is one, the ticket fits and its
 * lifetime is 1..604800 s (a lifetime of 0 means discard it; a longer one
 * breaks the rule, so the ticket is not kept, and the connection goes on).
 */
export function onNewSessionTicket(ctx: usize, body: usize, len: usize): i32 {
  rdInit(r, body, len);
  const lifetime = rdU32(r);
  const ageAdd = rdU32(r);
  const nonceLen = rdVec(r, sub, 1, 0, 255);
  const nonce = rdHere(sub);
  const ticketLen = rdVec(r, sub, 2, 1, 0xffff);
  const ticket = rdHere(sub);
  rdVec(r, sub, 2, 0, 0xfffe);
  if (rdDone(r) == 0) return Err.DecodeError;
  let earlyData: u32 = 0;
  while (rdLeft(sub) != 0) {
    const type = rdU16(sub);
    const n = rdU16(sub);
    // §4.2.10: early_data in a ticket carries max_early_data_size; other extensions are ignored (§4.6.1).
    if (type == EARLY_DATA && n == 4) earlyData = rdU32(sub);
    else rdBytes(sub, n);
    if (rdOk(sub) == 0) return Err.DecodeError;
  }
  countTicket(ctx);

  const s = <usize>load<u32>(ctx, TICKET_BUF);
  const total = SESSION_HEADER + ticketLen;
  if (s == 0 || total > load<u32>(ctx, TICKET_CAP) || lifetime == 0 || lifetime > MAX_LIFETIME) return 0;
  const suite = load<u32>(ctx, SUITE);
  const id = suiteHash(suite);
  store<u32>(s, SESSION_MAGIC);
  store<u32>(s, suite, S_SUITE);
  store<u32>(s, lifetime, S_LIFETIME);
  store<u32>(s, ageAdd, S_AGE_ADD);
  store<i64>(s, envTime(), S_RECEIVED);
  store<u32>(s, earlyData, S_EARLY_DATA);
  store<u32>(s, ticketLen, S_TICKET_LEN);
  wipe(s + S_PSK, 48);
  expandLabel(id, ctx + RES_MASTER, L_RESUMPTION, 10, nonce, nonceLen, s + S_PSK, hashDigestSize(id));
  memory.copy(s + SESSION_HEADER, ticket, ticketLen);
  store<u32>(ctx, total, TICKET_LEN);
  store<u32>(ctx, load<u32>(ctx, TICKETS_STORED) + 1, TICKETS_STORED);
  return 0;
}

/** Counts a NewSessionTicket received, kept or not (engine.ts skips one too large to hold). */
export function countTicket(ctx: usize): void {
  store<u32>(ctx, load<u32>(ctx, TICKETS_SEEN) + 1, TICKETS_SEEN);
}

/** The session to resume: len bytes at s (sessionCheck), kept in place until the handshake ends. */
export function setResumeSession(ctx: usize, s: usize): void {
  store<u32>(ctx, <u32>s, RESUME_BUF);
}
