// The engine carried to C (wasm2c + boards/runtime) and run on each simulated
// board under QEMU: the counter the benchmarks rely on, and every crypto
// vector of test/vectors that embertls.h covers, reported by two firmware
// runners over semihosting: runner.c (NIST SHA-2 and GCM, RFC 8439, RFC 7748,
// RFC 4231 HMAC, RFC 5869 HKDF, forged tags included) and runner-pk.c (RFC
// 6979, RFC 4754, RFC 5903, RFC 8032, Wycheproof RSA; forged signatures and
// invalid points included). Two firmwares because the lx106's DRAM holds
// .rodata and cannot take both sets of vectors at once.
// Each board is built once (size profile, the one boards ship) and cached in build/boards.
import { describe, expect, it } from 'vitest';
import { hasTool } from './support/tools.js';
// @ts-expect-error: plain ESM scripts, no type declarations
import { buildFirmware, requiredTools, runFirmware, SIMULATED_BOARDS } from '../scripts/boards.mjs';
// @ts-expect-error: plain ESM scripts, no type declarations
import { writeVectorHeader } from '../scripts/board-vectors.mjs';

const TIMEOUT_MS = 240_000;

/** Checked once per board, so a missing tool is reported once, loudly (or fails under CI=true). */
const readiness = new Map<string, boolean>();
function ready(board: string): boolean {
  if (!readiness.has(board)) {
    readiness.set(board, (requiredTools(board) as Array<[string, string]>).every(([command, pkg]) => hasTool(command, pkg)));
  }
  return readiness.get(board)!;
}

function run(board: string, program: string, extraInclude: string[] = []) {
  const elf = buildFirmware(board, 'size', program, { extraInclude });
  return runFirmware(board, elf, { timeoutMs: 120_000 }) as { status: number; output: string };
}

describe.each(SIMULATED_BOARDS as string[])('board %s under QEMU', (board) => {
  it.skipIf(!ready(board))(
    'counts instructions exactly: a spin of n iterations costs 2n more (within one counter tick)',
    () => {
      const { status, output } = run(board, 'calibrate');
      expect(status, output).toBe(0);
      const spins = [...output.matchAll(/^spin ([0-9a-f]+) ([0-9a-f]+)$/gm)].map((m) => [parseInt(m[1], 16), parseInt(m[2], 16)]);
      expect(spins).toHaveLength(2);
      const [[n1, c1], [n2, c2]] = spins;
      // Ticks of QEMU's virtual clock (1 ns per instruction under -icount shift=0) become
      // whole instructions only at tick granularity: allow one tick of the largest factor (50).
      expect(Math.abs(c2 - c1 - 2 * (n2 - n1))).toBeLessThanOrEqual(50);
    },
    TIMEOUT_MS,
  );

  /** Runs a runner firmware and checks that every one of its checks passed; returns how many. */
  function passes(program: string): number {
    const { status, output } = run(board, program, [writeVectorHeader()]);
    const failures = output.split('\n').filter((line) => line.startsWith('FAIL'));
    expect(failures, output).toEqual([]);
    const summary = /^summary ([0-9a-f]+) ([0-9a-f]+)$/m.exec(output);
    expect(summary, output).not.toBeNull();
    expect(parseInt(summary![2], 16)).toBe(0);
    expect(status, output).toBe(0);
    return parseInt(summary![1], 16);
  }

  it.skipIf(!ready(board))(
    'passes every symmetric crypto vector, and returns an error code (never a trap) for forged input',
    () => {
      expect(passes('runner')).toBeGreaterThan(140);
    },
    TIMEOUT_MS,
  );

  it.skipIf(!ready(board))(
    'passes every public-key vector, and refuses forged signatures, invalid points and bad keys with an error code (never a trap)',
    () => {
      expect(passes('runner-pk')).toBeGreaterThan(130);
    },
    TIMEOUT_MS,
  );
});
