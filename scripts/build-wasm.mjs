// Builds the engine's WebAssembly profiles from asconfig.json:
//   speed   (-O3) build/ember.wasm          the module Node loads (64-bit AES-GCM words)
//   speed32 (-O3) build/ember-speed32.wasm  the boards' speed profile (32-bit words: no 64-bit multiplier there)
//   size    (-Oz) build/ember-size.wasm     the boards' size profile, and the one wasm3 runs
//   names         build/ember-names.wasm    -O3 with its name section, for the allocator check
import { main } from 'assemblyscript/asc';

const targets = process.argv.slice(2);
for (const target of targets.length ? targets : ['speed', 'speed32', 'size', 'names']) {
  const { error, stderr } = await main(['--config', 'asconfig.json', '--target', target]);
  if (error) {
    process.stderr.write(stderr.toString());
    console.error(`build-wasm: target ${target} failed: ${error.message}`);
    process.exit(1);
  }
}
