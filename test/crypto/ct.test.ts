// assembly/crypto/ct.ts against plain operators: the constant-time helpers
// must compute exactly what the branches they replace would.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instantiateTestModule } from '../support/asc.js';

let probe: Record<string, any>;
beforeAll(async () => {
  probe = await instantiateTestModule('test/assembly/ct-probe.ts');
});

const EDGES = [0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff];
const u32 = fc.oneof(fc.constantFrom(...EDGES), fc.integer({ min: 0, max: 0xffffffff }));

describe('ct.ts helpers', () => {
  it('eq, neq and gt match ===, !== and > at the edge values', () => {
    for (const x of EDGES) {
      for (const y of EDGES) {
        expect(probe.probeEq(x, y)).toBe(x === y ? 1 : 0);
        expect(probe.probeNeq(x, y)).toBe(x !== y ? 1 : 0);
        expect(probe.probeGt(x, y)).toBe(x > y ? 1 : 0);
      }
    }
  });

  it('eq, neq and gt match the plain operators on random u32 pairs', () => {
    fc.assert(
      fc.property(u32, u32, (x, y) => {
        expect(probe.probeEq(x, y)).toBe(x === y ? 1 : 0);
        expect(probe.probeNeq(x, y)).toBe(x !== y ? 1 : 0);
        expect(probe.probeGt(x, y)).toBe(x > y ? 1 : 0);
      }),
    );
  });

  it('mux picks x when ctl is 1 and y when ctl is 0; maskOf spreads ctl to all bits', () => {
    fc.assert(
      fc.property(u32, u32, (x, y) => {
        expect(probe.probeMux(1, x, y) >>> 0).toBe(x);
        expect(probe.probeMux(0, x, y) >>> 0).toBe(y);
      }),
    );
    expect(probe.probeMaskOf(1) >>> 0).toBe(0xffffffff);
    expect(probe.probeMaskOf(0)).toBe(0);
  });

  it('ctEqual says whether two byte strings are equal, whichever byte differs', () => {
    const memory = new Uint8Array((probe.memory as WebAssembly.Memory).buffer);
    const a = probe.probeScratch();
    const b = a + 32;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat(31), fc.integer({ min: 1, max: 255 }), (bytes, at, flip) => {
        memory.set(bytes, a);
        memory.set(bytes, b);
        expect(probe.probeCtEqual(a, b, 32)).toBe(1);
        memory[b + at] ^= flip;
        expect(probe.probeCtEqual(a, b, 32)).toBe(0);
      }),
    );
    expect(probe.probeCtEqual(a, b, 0)).toBe(1);
  });

  it('ctCopy copies when ctl is 1 and leaves the destination when ctl is 0', () => {
    const memory = new Uint8Array((probe.memory as WebAssembly.Memory).buffer);
    const dst = probe.probeScratch();
    const src = dst + 32;
    memory.fill(0xaa, dst, dst + 32);
    memory.fill(0x55, src, src + 32);
    probe.probeCtCopy(0, dst, src, 32);
    expect(memory.subarray(dst, dst + 32).every((v) => v === 0xaa)).toBe(true);
    probe.probeCtCopy(1, dst, src, 32);
    expect(memory.subarray(dst, dst + 32).every((v) => v === 0x55)).toBe(true);
  });
});
