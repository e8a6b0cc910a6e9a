// The TLS presentation language's wire form (RFC 8446 §3): big-endian
// integers of 1, 2, 3 and 4 bytes and vectors with a 1-, 2- or 3-byte length
// prefix. A bounds-checked reader and a capacity-checked writer over raw
// memory, so that no length read from the network can make the engine read
// or write outside the message it was given.
//
// Reader (READER_SIZE bytes, caller-owned): +0 pos, +4 end, +8 failed flag.
// A failed read (past the end, or a vector length outside <min..max>) sets
// the flag, moves pos to end and returns 0; the flag is sticky, so a handler
// may read a whole structure and test rdOk once at the end.
//
// Writer (WRITER_SIZE bytes): +0 pos, +4 end (capacity limit), +8 failed. A
// write that does not fit sets the flag and writes nothing. Nested vectors
// are written in the RFC's own shape: wrOpen reserves the length, the body is
// written, wrClose fills the length in.
//
// Everything parsed here is public protocol framing, so branching is fine.

export const READER_SIZE: usize = 12;
export const WRITER_SIZE: usize = 12;

const POS: usize = 0;
const END: usize = 4;
const FAIL: usize = 8;

@inline function rdPos(r: usize): usize { return <usize>load<u32>(r, POS); }
@inline function rdEnd(r: usize): usize { return <usize>load<u32>(r, END); }

/** Starts a reader over len bytes at p. */
export function rdInit(r: usize, p: usize, len: usize): void {
  store<u32>(r, <u32>p, POS);
  store<u32>(r, <u32>(p + len), END);
  store<u32>(r, 0, FAIL);
}

/** Marks r failed (sticky) and empties it. */
export function rdFail(r: usize): void {
  store<u32>(r, 1, FAIL);
  store<u32>(r, load<u32>(r, END), POS);
}

/** Bytes left to read. */
export function rdLeft(r: usize): usize {
  return rdEnd(r) - rdPos(r);
}

/** Current position (the address of the next byte). */
export function rdHere(r: usize): usize {
  return rdPos(r);
}

/** 1 when no read has failed. */
export function rdOk(r: usize): u32 {
  return <u32>(load<u32>(r, FAIL) == 0);
}

/** 1 when no read has failed and every byte was consumed. */
export function rdDone(r: usize): u32 {
  return <u32>(load<u32>(r, FAIL) == 0 && rdPos(r) == rdEnd(r));
}

/** Skips n bytes and returns their address, or 0 (failing r) when fewer are left. */
export function rdBytes(r: usize, n: usize): usize {
  const p = rdPos(r);
  if (n > rdEnd(r) - p) {
    rdFail(r);
    return 0;
  }
  store<u32>(r, <u32>(p + n), POS);
  return p;
}

/** Reads an unsigned big-endian integer of n (1 to 4) bytes, or 0 (failing r). */
export function rdUint(r: usize, n: usize): u32 {
  const p = rdBytes(r, n);
  if (p == 0) return 0;
  let v: u32 = 0;
  for (let i: usize = 0; i < n; i++) v = (v << 8) | <u32>load<u8>(p + i);
  return v;
}

@inline export function rdU8(r: usize): u32 { return rdUint(r, 1); }
@inline export function rdU16(r: usize): u32 { return rdUint(r, 2); }
@inline export function rdU24(r: usize): u32 { return rdUint(r, 3); }
@inline export function rdU32(r: usize): u32 { return rdUint(r, 4); }

/**
 * Reads a vector <min..max> with an n-byte length prefix: sub becomes a
 * reader over its body and r moves past it. On a short input or a length
 * outside [min, max], both r and sub fail. Returns the body length.
 */
export function rdVec(r: usize, sub: usize, n: usize, min: u32, max: u32): u32 {
  const len = rdUint(r, n);
  if (rdOk(r) == 0 || len < min || len > max || <usize>len > rdLeft(r)) {
    rdFail(r);
    rdInit(sub, rdPos(r), 0);
    rdFail(sub);
    return 0;
  }
  const body = rdPos(r);
  store<u32>(r, <u32>(body + <usize>len), POS);
  rdInit(sub, body, <usize>len);
  return len;
}

/** Starts a writer over cap bytes at p. */
export function wrInit(w: usize, p: usize, cap: usize): void {
  store<u32>(w, <u32>p, POS);
  store<u32>(w, <u32>(p + cap), END);
  store<u32>(w, 0, FAIL);
}

/** Current position (the address the next byte goes to). */
export function wrHere(w: usize): usize {
  return <usize>load<u32>(w, POS);
}

/** 1 when every write fitted. */
export function wrOk(w: usize): u32 {
  return <u32>(load<u32>(w, FAIL) == 0);
}

/** Reserves n bytes and returns their address, or 0 (failing w) when they do not fit. */
export function wrReserve(w: usize, n: usize): usize {
  const p = wrHere(w);
  if (load<u32>(w, FAIL) != 0 || n > <usize>load<u32>(w, END) - p) {
    store<u32>(w, 1, FAIL);
    return 0;
  }
  store<u32>(w, <u32>(p + n), POS);
  return p;
}

/** Writes v as an n-byte (1 to 4) big-endian integer. */
export function wrUint(w: usize, v: u32, n: usize): void {
  const p = wrReserve(w, n);
  if (p == 0) return;
  for (let i: usize = 0; i < n; i++) store<u8>(p + i, <u8>(v >> <u32>(8 * (n - 1 - i))));
}

@inline export function wrU8(w: usize, v: u32): void { wrUint(w, v, 1); }
@inline export function wrU16(w: usize, v: u32): void { wrUint(w, v, 2); }
@inline export function wrU24(w: usize, v: u32): void { wrUint(w, v, 3); }

/** Copies len bytes from src. */
export function wrBytes(w: usize, src: usize, len: usize): void {
  const p = wrReserve(w, len);
  if (p != 0) memory.copy(p, src, len);
}

/** Opens a vector with an n-byte length prefix; returns the mark wrClose needs. */
export function wrOpen(w: usize, n: usize): usize {
  return wrReserve(w, n);
}

/** Closes the vector opened at mark (n-byte prefix): its length is what was written since. */
export function wrClose(w: usize, mark: usize, n: usize): void {
  if (mark == 0 || wrOk(w) == 0) return;
  const len = <u32>(wrHere(w) - mark - n);
  if (n < 4 && len >> <u32>(8 * n) != 0) {
    store<u32>(w, 1, FAIL);
    return;
  }
  for (let i: usize = 0; i < n; i++) store<u8>(mark + i, <u8>(len >> <u32>(8 * (n - 1 - i))));
}
