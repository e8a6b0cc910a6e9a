// Compiles an AssemblyScript test entry (test/assembly/*.ts) in memory, with the
// engine's own options (stub runtime, no assertions), for probes and KAT modules.
import asc from 'assemblyscript/asc';

export async function compileTestModule(entry: string, optimizeLevel = 3): Promise<Uint8Array> {
  let binary: Uint8Array | undefined;
  const { error, stderr } = await asc.main(
    [entry, '--outFile', 'probe.wasm', '--runtime', 'stub', '--noAssert', '--optimizeLevel', String(optimizeLevel),
      '--disable', 'nontrapping-f2i'],
    {
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
