// The handshake transcript hash (RFC 8446 §4.4.1): the hash of every
// handshake message so far, header included, with the suite's hash.
//
// Before ServerHello the hash is not known, so the client keeps two running
// hashes (SHA-256 in TRANSCRIPT, SHA-384 in TRANSCRIPT_ALT) and keeps the one
// the chosen suite names (thChoose). After a HelloRetryRequest the first
// ClientHello is replaced by the synthetic message_hash message (§4.4.1):
//   Transcript-Hash(ClientHello1, HRR, ...) =
//     Hash(message_hash(254) || 00 00 Hash.length || Hash(ClientHello1) || HRR || ...)
//
// The transcript covers plaintext handshake messages (secret in part, e.g.
// the server's certificate is sent encrypted); hashing is constant time.
import { HASH_CTX_SIZE, HashId, hashCopy, hashFinal, hashInit, hashUpdate } from "../crypto/hash";
import { wipe } from "../crypto/ct";
import { FLAGS, Flag, TRANSCRIPT, TRANSCRIPT_ALT, flagIs, flagSet } from "./context";

const fork = memory.data(<i32>HASH_CTX_SIZE, 8);
const header = memory.data(4, 4);
const digest = memory.data(64, 8);

/** Starts an empty transcript with both candidate hashes. */
export function thInit(ctx: usize): void {
  hashInit(ctx + TRANSCRIPT, HashId.Sha256);
  hashInit(ctx + TRANSCRIPT_ALT, HashId.Sha384);
  store<u32>(ctx, load<u32>(ctx, FLAGS) & ~(<u32>Flag.TranscriptChosen), FLAGS);
}

/** Absorbs len bytes of handshake messages. */
export function thUpdate(ctx: usize, p: usize, len: usize): void {
  hashUpdate(ctx + TRANSCRIPT, p, len);
  if (flagIs(ctx, Flag.TranscriptChosen) == 0) hashUpdate(ctx + TRANSCRIPT_ALT, p, len);
}

/** Keeps only the hash with id (the negotiated suite's), from now on. */
export function thChoose(ctx: usize, id: u32): void {
  if (flagIs(ctx, Flag.TranscriptChosen) != 0) return;
  if (id == HashId.Sha384) hashCopy(ctx + TRANSCRIPT, ctx + TRANSCRIPT_ALT);
  wipe(ctx + TRANSCRIPT_ALT, HASH_CTX_SIZE);
  flagSet(ctx, Flag.TranscriptChosen);
}

/** Writes the current transcript hash (of the chosen hash) to out; the transcript runs on. */
export function thHash(ctx: usize, out: usize): u32 {
  hashCopy(fork, ctx + TRANSCRIPT);
  const n = hashFinal(fork, out);
  wipe(fork, HASH_CTX_SIZE);
  return n;
}

/**
 * The hash (with id) of the transcript followed by len bytes at p that it
 * does not keep: a PSK binder's input, the transcript then a truncated
 * ClientHello (§4.2.11.2). Before ServerHello either candidate hash serves.
 */
export function thHashWith(ctx: usize, id: u32, p: usize, len: usize, out: usize): u32 {
  const alt = flagIs(ctx, Flag.TranscriptChosen) == 0 && id == HashId.Sha384;
  hashCopy(fork, ctx + (alt ? TRANSCRIPT_ALT : TRANSCRIPT));
  hashUpdate(fork, p, len);
  const n = hashFinal(fork, out);
  wipe(fork, HASH_CTX_SIZE);
  return n;
}

/**
 * §4.4.1: after a HelloRetryRequest, replaces ClientHello1 (all the chosen
 * transcript holds so far) by message_hash carrying its hash.
 */
export function thReplaceWithMessageHash(ctx: usize): void {
  const n = thHash(ctx, digest);
  const id = load<u32>(ctx + TRANSCRIPT);
  hashInit(ctx + TRANSCRIPT, id);
  store<u32>(header, 0xfe | (n << 24)); // bytes fe 00 00 n
  hashUpdate(ctx + TRANSCRIPT, header, 4);
  hashUpdate(ctx + TRANSCRIPT, digest, n);
  wipe(digest, 64);
}
