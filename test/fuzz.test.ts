// The libFuzzer targets of fuzz/ (scripts/fuzz.mjs), built over the native
// wasm2c build with ASan and UBSan: each runs a short bounded smoke run, and
// every regression input (fuzz/crashes/TARGET) and corpus input
// (fuzz/corpus/TARGET) replays without a crash. A trap, a sanitizer report, a
// hang (-timeout) or a leak fails. Long runs: npm run fuzz:long.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool } from './support/tools.js';
// @ts-expect-error: plain ESM scripts, no type declarations
import { buildTargets, crashInputs, replay, run, TARGETS } from '../scripts/fuzz.mjs';
// @ts-expect-error: plain ESM scripts, no type declarations
import { root } from '../scripts/boards.mjs';
import { readdirSync } from 'node:fs';

const SMOKE_SECONDS = 10;
const ready = hasTool('clang', 'clang') && hasTool('wasm2c', 'wabt');

describe.skipIf(!ready)('fuzz targets (libFuzzer, ASan + UBSan)', () => {
  it('all three targets build over the native wasm2c build', () => {
    buildTargets();
  }, 300_000);

  describe.each(TARGETS as string[])('%s', (target) => {
    it(`every regression input in fuzz/crashes/${target} replays without a crash`, () => {
      const { ok, output } = replay(target, crashInputs(target));
      expect(ok, output).toBe(true);
    }, 120_000);

    it(`every input of the committed corpus fuzz/corpus/${target} replays without a crash`, () => {
      const dir = join(root, 'fuzz', 'corpus', target);
      const files = readdirSync(dir).map((f) => join(dir, f));
      expect(files.length).toBeGreaterThan(0);
      const { ok, output } = replay(target, files);
      expect(ok, output).toBe(true);
    }, 120_000);

    it(`survives a ${SMOKE_SECONDS} s smoke run: no trap, sanitizer report, hang or leak`, () => {
      // Finds go to build/, not fuzz/crashes: a test must not edit the tree; the message names the file.
      const r = run(target, { time: SMOKE_SECONDS, crashDir: join(root, 'build', 'fuzz', 'smoke-crashes', target) });
      expect(r.ok, `${r.found.join(', ')}\n${r.output.split('\n').slice(-60).join('\n')}`).toBe(true);
      expect(r.executions).toBeGreaterThan(1000);
    }, (SMOKE_SECONDS + 150) * 1000);
  });
});
