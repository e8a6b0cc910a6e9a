// The built module itself: no allocator, fixed memory, only the imports a
// board port supplies, and only the wasm features the wasm3 interpreter runs.
import { describe, expect, it } from 'vitest';
import asc from 'assemblyscript/asc';
import { hasTool, run } from './support/tools.js';
import { functionNames, moduleText, profiles, readModule, stubImports, validatesForWasm3 } from './support/wasm.js';

const shipped = [profiles.speed, profiles.speed32, profiles.size];

/** The only host functions the engine may import (brief: entropy, clock, trace). */
const allowedImports = ['env.random', 'env.time', 'env.trace'];

describe('the engine module', () => {
  it('keeps no AssemblyScript allocator or runtime function (checked by name)', () => {
    const names = functionNames(readModule(profiles.names));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => /~lib\/rt\/|__new|__alloc|__renew|__realloc|__collect|__pin/.test(n))).toEqual([]);
  });

  it('the allocator check finds the allocator in a module that allocates', async () => {
    const { binary, error } = await asc.compileString(
      'export function make(n: i32): i32 { return new Uint8Array(n).length; }',
      { runtime: 'stub', optimizeLevel: 3, debug: true },
    );
    expect(error).toBeNull();
    expect(functionNames(binary!).some((n) => n.startsWith('~lib/rt/stub/'))).toBe(true);
  });

  it.each(shipped)('%s never grows its memory and declares a fixed size', (path) => {
    const wasm = readModule(path);
    expect(moduleText(wasm)).not.toMatch(/memory\.grow/);
    const memory = new WebAssembly.Instance(new WebAssembly.Module(wasm), stubImports).exports.memory as WebAssembly.Memory;
    expect(memory.grow(0)).toBeGreaterThan(0);
    expect(() => memory.grow(1)).toThrow(RangeError);
  });

  it.each(shipped)('%s keeps the host arena past its static data and inside its fixed memory', (path) => {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(readModule(path)), stubImports);
    const { arenaPtr, arenaSize, memory } = exports as Record<string, any>;
    expect(arenaPtr() % 16).toBe(0);
    expect(arenaPtr() + arenaSize()).toBeLessThanOrEqual((memory as WebAssembly.Memory).buffer.byteLength);
  });

  it.each(shipped)('%s imports only entropy, time and trace from the host', (path) => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(readModule(path)));
    for (const { module, name } of imports) expect(allowedImports).toContain(`${module}.${name}`);
  });

  it.each(shipped)('%s validates with only MVP, sign-ext, mutable globals, bulk memory and multi-value', (path) => {
    expect(validatesForWasm3(readModule(path))).toBe(true);
  });

  it('the feature check rejects a module that uses SIMD', async () => {
    const { binary, error } = await asc.compileString(
      'export function lane(x: i32): i32 { return i32x4.extract_lane(i32x4.splat(x), 0); }',
      { enable: ['simd'], runtime: 'stub', optimizeLevel: 0 },
    );
    expect(error).toBeNull();
    expect(validatesForWasm3(binary!)).toBe(false);
  });
});

describe.runIf(hasTool('wasm-validate', 'wabt'))('the engine module under wabt', () => {
  it.each(shipped)('wasm-validate accepts %s with SIMD, reference types and saturating conversions disabled', (path) => {
    run('wasm-validate', [
      '--disable-simd',
      '--disable-reference-types',
      '--disable-saturating-float-to-int',
      path,
    ]);
  });
});
