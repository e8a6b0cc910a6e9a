// The record layer (RFC 8446 §5): TLSPlaintext before keys, TLSCiphertext
// after, for the three suites of aead.ts.
//
//   TLSPlaintext   { ContentType type; uint16 legacy_record_version;
//                    uint16 length; opaque fragment[length]; }         §5.1
//   TLSInnerPlaintext { opaque content[]; ContentType type; uint8 zeros[]; } §5.2
//   TLSCiphertext  { 23; 0x0303; uint16 length; opaque encrypted_record[length]; }
//
// nonce = iv XOR (64-bit sequence number, left-padded to 12 bytes) (§5.3);
// additional_data = the 5-byte record header (§5.2). A record is opened in
// place in the receive buffer and nothing of it is used before its tag
// verified. Limits: TLSCiphertext.length <= 2^14 + 256 (§5.2), plaintext
// <= 2^14, and <= the record_size_limit we advertised (RFC 8449 §4).
//
// Secret: keys, IVs, plaintext. Public: lengths, types after decryption,
// sequence numbers. Removing the padding scans from the end for the first
// non-zero byte: its running time tells the padding length, which §5.4
// leaves to the sender and which only hides the content length, as in every
// TLS 1.3 implementation we know.
import { wipe } from "../crypto/ct";
import { AEAD_TAG_SIZE, aeadOpen, aeadSeal, suiteKeyLen } from "./aead";
import {
  HS_OUT, PEER_LIMIT, LIMIT_SENT, READ_IV, READ_KEY, READ_ON, READ_SEQ, RECV_BUF, SEND_BUF, SEND_CAP, SEND_LEN, SUITE,
  WRITE_IV, WRITE_KEY, WRITE_ON, WRITE_SEQ, Flag, flagIs,
} from "./context";
import { Err } from "./errors";
import { thUpdate } from "./transcript";

export const enum ContentType {
  ChangeCipherSpec = 20,
  Alert = 21,
  Handshake = 22,
  ApplicationData = 23,
}

export const RECORD_HEADER_SIZE: u32 = 5;
/** §5.1: the most plaintext a record carries. */
export const MAX_PLAINTEXT: u32 = 16384;
/** §5.2: the most a protected record's length field may say. */
export const MAX_CIPHERTEXT: u32 = 16384 + 256;
/** Bytes a protected record adds to its content: header, inner type, tag. */
export const RECORD_OVERHEAD: u32 = RECORD_HEADER_SIZE + 1 + AEAD_TAG_SIZE;

const nonce = memory.data(12, 4);

/** nonce = iv XOR seq (§5.3), into the static nonce buffer. */
function makeNonce(iv: usize, seq: u64): void {
  memory.copy(nonce, iv, 12);
  store<u64>(nonce, load<u64>(nonce, 4) ^ bswap<u64>(seq), 4);
}

/** Installs read keys (key, iv) for the negotiated suite; the sequence restarts at 0 (§5.3). */
export function setReadKeys(ctx: usize, key: usize, iv: usize): void {
  memory.copy(ctx + READ_KEY, key, suiteKeyLen(load<u32>(ctx, SUITE)));
  memory.copy(ctx + READ_IV, iv, 12);
  store<u64>(ctx, 0, READ_SEQ);
  store<u32>(ctx, 1, READ_ON);
}

/** Installs write keys; the sequence restarts at 0. */
export function setWriteKeys(ctx: usize, key: usize, iv: usize): void {
  memory.copy(ctx + WRITE_KEY, key, suiteKeyLen(load<u32>(ctx, SUITE)));
  memory.copy(ctx + WRITE_IV, iv, 12);
  store<u64>(ctx, 0, WRITE_SEQ);
  store<u32>(ctx, 1, WRITE_ON);
}

/** Wipes both directions' keys and IVs. */
export function wipeRecordKeys(ctx: usize): void {
  wipe(ctx + READ_KEY, 48);
  wipe(ctx + WRITE_KEY, 48);
}

/** Address where the content of the next outgoing record goes (after its header). */
export function sendContent(ctx: usize): usize {
  return <usize>load<u32>(ctx, SEND_BUF) + <usize>load<u32>(ctx, SEND_LEN) + RECORD_HEADER_SIZE;
}

/** Room for content in the next outgoing record, its protection overhead taken off. */
export function sendRoom(ctx: usize): u32 {
  const free = load<u32>(ctx, SEND_CAP) - load<u32>(ctx, SEND_LEN);
  const overhead = load<u32>(ctx, WRITE_ON) != 0 ? RECORD_OVERHEAD : RECORD_HEADER_SIZE;
  return free > overhead ? free - overhead : 0;
}

/**
 * The most plaintext one record may carry toward the server: 2^14, the
 * server's record_size_limit less the inner type byte (RFC 8449 §4) or its
 * max_fragment_length (RFC 6066 §4, kept in PEER_LIMIT the same way), and
 * what one record in our send buffer can hold.
 */
export function maxSendPlaintext(ctx: usize): u32 {
  let max = MAX_PLAINTEXT;
  const peer = load<u32>(ctx, PEER_LIMIT);
  if (peer != 0 && peer - 1 < max) max = peer - 1;
  const cap = load<u32>(ctx, SEND_CAP) - RECORD_OVERHEAD;
  return cap < max ? cap : max;
}

/**
 * Writes len bytes of our handshake messages (and adds them to the
 * transcript): they fill the outgoing record at sendContent(), which is
 * sealed whenever it holds maxSendPlaintext bytes, so a message longer than
 * one record (our Certificate) spans several (§5.1). hsFlush seals the rest.
 * Every record must fit the send buffer at once. Returns 0 or an Err.
 */
export function hsWrite(ctx: usize, src: usize, len: u32): i32 {
  thUpdate(ctx, src, <usize>len);
  let off: u32 = 0;
  while (off < len) {
    const have = load<u32>(ctx, HS_OUT);
    let room = maxSendPlaintext(ctx);
    const fits = sendRoom(ctx);
    if (fits < room) room = fits;
    if (room <= have) return Err.SendBufferTooSmall;
    let n = len - off;
    if (n > room - have) n = room - have;
    memory.copy(sendContent(ctx) + <usize>have, src + <usize>off, <usize>n);
    off += n;
    store<u32>(ctx, have + n, HS_OUT);
    if (have + n == room && off < len) {
      const err = hsFlush(ctx);
      if (err != 0) return err;
    }
  }
  return 0;
}

/** Seals the handshake bytes hsWrite left in the outgoing record, if any. */
export function hsFlush(ctx: usize): i32 {
  const n = load<u32>(ctx, HS_OUT);
  if (n == 0) return 0;
  store<u32>(ctx, 0, HS_OUT);
  return sealRecord(ctx, ContentType.Handshake, n);
}

/**
 * Closes the outgoing record whose len content bytes are at sendContent():
 * writes its header, protects it when write keys are on (outer type 23, inner
 * type appended, no padding) and queues it. Returns 0 or an Err.
 */
export function sealRecord(ctx: usize, type: u32, len: u32): i32 {
  if (len > sendRoom(ctx)) return Err.SendBufferTooSmall;
  const header = <usize>load<u32>(ctx, SEND_BUF) + <usize>load<u32>(ctx, SEND_LEN);
  const content = header + RECORD_HEADER_SIZE;
  let total = len;
  if (load<u32>(ctx, WRITE_ON) != 0) {
    const seq = load<u64>(ctx, WRITE_SEQ);
    if (seq == 0xffffffffffffffff) return Err.SequenceExhausted;
    store<u8>(content + <usize>len, <u8>type);
    total = len + 1 + AEAD_TAG_SIZE;
    writeHeader(header, ContentType.ApplicationData, total);
    makeNonce(ctx + WRITE_IV, seq);
    aeadSeal(load<u32>(ctx, SUITE), ctx + WRITE_KEY, nonce, header, RECORD_HEADER_SIZE, content, <usize>len + 1);
    store<u64>(ctx, seq + 1, WRITE_SEQ);
  } else {
    writeHeader(header, type, total);
  }
  store<u32>(ctx, load<u32>(ctx, SEND_LEN) + RECORD_HEADER_SIZE + total, SEND_LEN);
  return 0;
}

function writeHeader(p: usize, type: u32, len: u32): void {
  store<u8>(p, <u8>type);
  // §5.1: legacy_record_version 0x0303 (0x0301 is allowed only for the first ClientHello).
  store<u8>(p, 3, 1);
  store<u8>(p, 3, 2);
  store<u8>(p, <u8>(len >> 8), 3);
  store<u8>(p, <u8>len, 4);
}

/** Length field of the record header at p. */
export function headerLength(p: usize): u32 {
  return (<u32>load<u8>(p, 3) << 8) | <u32>load<u8>(p, 4);
}

/**
 * Checks a received record header (§5.1, §5.2) before its body is read:
 * returns 0 when the length is acceptable, or an Err. Types are checked when
 * the record is opened.
 */
export function checkHeader(ctx: usize, p: usize): i32 {
  const len = headerLength(p);
  if (load<u32>(ctx, READ_ON) != 0) {
    if (len > MAX_CIPHERTEXT) return Err.RecordOverflow;
  } else if (len > MAX_PLAINTEXT) {
    return Err.RecordOverflow;
  }
  return 0;
}

// Result of openRecord besides its type: the content's length (at RECV_BUF + 5).
let openedLength: u32 = 0;

/** Content length of the record openRecord just returned. */
export function openedLen(): u32 {
  return openedLength;
}

/**
 * Opens the whole record in the receive buffer (header at RECV_BUF) in place.
 * Returns its (inner) content type, with the content at RECV_BUF + 5 and its
 * length from openedLen(), or a negated Err. A plaintext ChangeCipherSpec is
 * passed through even when read keys are on (§5: the client decides).
 */
export function openRecord(ctx: usize): i32 {
  const header = <usize>load<u32>(ctx, RECV_BUF);
  const type = <u32>load<u8>(header);
  const len = headerLength(header);
  const body = header + RECORD_HEADER_SIZE;
  openedLength = len;
  if (load<u32>(ctx, READ_ON) == 0 || type == ContentType.ChangeCipherSpec) {
    if (type < <u32>ContentType.ChangeCipherSpec || type > <u32>ContentType.ApplicationData) return -Err.UnexpectedContentType;
    return <i32>type;
  }
  // §5.2: once protected, every record is an opaque application_data.
  if (type != ContentType.ApplicationData) return -Err.UnexpectedContentType;
  if (len < 1 + AEAD_TAG_SIZE) return -Err.BadRecordMac;
  const seq = load<u64>(ctx, READ_SEQ);
  if (seq == 0xffffffffffffffff) return -Err.SequenceExhausted;
  makeNonce(ctx + READ_IV, seq);
  const textLen = len - AEAD_TAG_SIZE;
  if (aeadOpen(load<u32>(ctx, SUITE), ctx + READ_KEY, nonce, header, RECORD_HEADER_SIZE, body, textLen) == 0) {
    return -Err.BadRecordMac;
  }
  store<u64>(ctx, seq + 1, READ_SEQ);
  // §5.4: the inner type is the last non-zero byte; all zeros is an error.
  let n = textLen;
  while (n > 0 && load<u8>(body + <usize>n - 1) == 0) n--;
  if (n == 0) return -Err.EmptyRecord;
  const inner = <u32>load<u8>(body + <usize>n - 1);
  n--;
  // §5.2: TLSInnerPlaintext.content is at most 2^14 bytes; RFC 8449 §4: the
  // whole TLSInnerPlaintext is at most the limit we advertised.
  // The limit binds the server only once it acknowledged it in
  // EncryptedExtensions; a server that ignored it is held to 2^14 (and to the
  // receive buffer, which checkHeader's caller enforces).
  if (n > MAX_PLAINTEXT) return -Err.PlaintextOverflow;
  if (flagIs(ctx, Flag.LimitAcked) != 0 && textLen > load<u32>(ctx, LIMIT_SENT)) return -Err.PlaintextOverflow;
  if (inner < <u32>ContentType.ChangeCipherSpec || inner > <u32>ContentType.ApplicationData) return -Err.UnexpectedContentType;
  // A protected ChangeCipherSpec does not exist (§5).
  if (inner == ContentType.ChangeCipherSpec) return -Err.UnexpectedChangeCipherSpec;
  openedLength = n;
  return <i32>inner;
}
