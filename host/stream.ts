// Streams caller data of any length through the arena's fixed chunks: the
// engine only ever sees pieces of at most arena.chunk bytes.
import { arena, readInto, writeBytes } from './engine.js';

/** Feeds data to absorb(ptr, len) one chunk at a time (nothing for empty data). */
export function streamIn(data: Uint8Array, absorb: (ptr: number, len: number) => void): void {
  for (let offset = 0; offset < data.length; offset += arena.chunk) {
    const piece = data.subarray(offset, offset + arena.chunk);
    writeBytes(arena.input, piece);
    absorb(arena.input, piece.length);
  }
}

/**
 * Runs data through transform(inPtr, outPtr, len), which writes len bytes
 * for len bytes read, and returns the concatenated output: in out from
 * index 0 when given (it may be longer, e.g. room for a tag), else new.
 */
export function streamThrough(
  data: Uint8Array,
  transform: (inPtr: number, outPtr: number, len: number) => void,
  out: Uint8Array = new Uint8Array(data.length),
): Uint8Array {
  for (let offset = 0; offset < data.length; offset += arena.chunk) {
    const piece = data.subarray(offset, offset + arena.chunk);
    writeBytes(arena.input, piece);
    transform(arena.input, arena.output, piece.length);
    readInto(arena.output, piece.length, out, offset);
  }
  return out;
}
