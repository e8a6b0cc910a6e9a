// Loads the engine's WebAssembly module (the speed profile) once, synchronously,
// and gives the host typed access to its exports and to the arena: the static
// region where the host puts arguments and reads results (assembly/exports/arena.ts).
import { readFileSync } from 'node:fs';
import { randomFillSync } from 'node:crypto';

/** Every engine export is a function of integers (pointers are u32 offsets). */
export type EngineExports = Record<string, (...args: number[]) => number> & {
  memory: WebAssembly.Memory;
};

const wasmUrl = new URL('../build/ember.wasm', import.meta.url);

/** The compiled engine module (compiled once; each TLS engine instantiates it on its own). */
export const engineModule = new WebAssembly.Module(readFileSync(wasmUrl));

/**
 * The host functions the engine may import (assembly/tls/imports.ts):
 * entropy from node:crypto (or `random`), Unix time from Date, a trace sink. memory() gives
 * the instance's memory once it exists.
 */
export function engineImports(
  memory: () => WebAssembly.Memory,
  trace: (event: number, data: Uint8Array) => void = () => {},
  random: (out: Uint8Array) => void = randomFillSync,
): WebAssembly.Imports {
  return {
    env: {
      random: (ptr: number, len: number) => {
        random(new Uint8Array(memory().buffer, ptr, len));
      },
      time: () => BigInt(Math.floor(Date.now() / 1000)),
      trace: (event: number, ptr: number, len: number) => trace(event, new Uint8Array(memory().buffer).slice(ptr, ptr + len)),
    },
  };
}

function instantiate(): EngineExports {
  const module = engineModule;
  let exportsRef: EngineExports | undefined;
  const instance = new WebAssembly.Instance(module, engineImports(() => exportsRef!.memory));
  const exports = instance.exports as unknown as EngineExports & { _initialize?: () => void };
  exportsRef = exports;
  exports._initialize?.();
  return exports;
}

export const engine: EngineExports = instantiate();

/**
 * The host's layout of the arena. One synchronous call uses it at a time, so
 * every host function may reuse the same slots.
 */
const base = engine.arenaPtr();
export const arena = {
  /** Algorithm contexts (hash, MAC, AEAD state). */
  ctx: base,
  /** Keys, nonces, tags and short results. */
  params: base + 4096,
  /** Input chunks streamed through the engine. */
  input: base + 8192,
  /** Output chunks. */
  output: base + 24576,
  /** Size of one input or output chunk. */
  chunk: 16384,
  end: base + engine.arenaSize(),
} as const;

function bytes(): Uint8Array {
  // Fetched on each use: the view would be detached if the memory ever grew
  // (it never does; a test checks that).
  return new Uint8Array(engine.memory.buffer);
}

/** Arena ranges the host wrote or read since the last wipe (the engine wrote them too). */
const touched: Array<[number, number]> = [];

export function writeBytes(ptr: number, data: Uint8Array): void {
  bytes().set(data, ptr);
  touched.push([ptr, ptr + data.length]);
}

export function readBytes(ptr: number, length: number): Uint8Array {
  touched.push([ptr, ptr + length]);
  return bytes().slice(ptr, ptr + length);
}

/** Copies length bytes at ptr into target at offset (one copy, no temporary). */
export function readInto(ptr: number, length: number, target: Uint8Array, offset: number): void {
  touched.push([ptr, ptr + length]);
  target.set(bytes().subarray(ptr, ptr + length), offset);
}

/**
 * Zeroes the contexts and every arena range used since the last wipe, so keys
 * and plaintext do not stay in engine memory after a call.
 */
export function wipeArena(): void {
  const memory = bytes();
  memory.fill(0, arena.ctx, arena.params);
  for (const [start, end] of touched) memory.fill(0, start, end);
  touched.length = 0;
}
