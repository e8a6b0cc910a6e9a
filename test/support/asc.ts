// Compiles an AssemblyScript test entry in memory, with the engine's own
// options (stub runtime, no assertions): probes that expose internals to the
// tests, and known-answer modules for other engines. Never shipped.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import asc from 'assemblyscript/asc';

/**
 * Compiles entry (a path under test/assembly/). When source is given it is
 * used as the entry's text, so a test can generate it (e.g. to embed vectors).
 * extraArgs go to asc after the engine's options (e.g. `--use NAME=value` to
 * define a compile-time constant only this test build sees).
 */
export async function compileTestModule(entry: string, source?: string, extraArgs: string[] = []): Promise<Uint8Array> {
  let binary: Uint8Array | undefined;
  const { error, stderr } = await asc.main(
    [entry, '--outFile', 'probe.wasm', '--runtime', 'stub', '--noAssert', '--optimizeLevel', '3',
      '--disable', 'nontrapping-f2i', ...extraArgs],
    {
      readFile: (name: string, baseDir: string) => {
        const path = join(baseDir, name);
        // Only the test entry and what it imports: not the engine's asconfig.json entries.
        if (name.endsWith('asconfig.json')) return null;
        if (source !== undefined && resolve(path) === resolve(entry)) return source;
        try {
          return readFileSync(path, 'utf8');
        } catch {
          return null;
        }
      },
      writeFile: (name: string, contents: Uint8Array | string) => {
        if (name.endsWith('.wasm')) binary = contents as Uint8Array;
      },
    },
  );
  if (error || !binary) throw new Error(`asc ${entry}: ${error?.message}\n${stderr}`);
  return binary;
}

export async function instantiateTestModule(entry: string): Promise<Record<string, any>> {
  const wasm = await compileTestModule(entry);
  const { instance } = await WebAssembly.instantiate(wasm, {});
  return instance.exports as Record<string, any>;
}
