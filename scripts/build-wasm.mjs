// Builds the engine's WebAssembly profiles from asconfig.json:
//   speed (-O3) build/ember.wasm        the module the host loads
//   size  (-Oz) build/ember-size.wasm   the module carried to boards
//   names       build/ember-names.wasm  -O3 with its name section, for the allocator check
import { main } from 'assemblyscript/asc';

const targets = process.argv.slice(2);
for (const target of targets.length ? targets : ['speed', 'size', 'names']) {
  const { error, stderr } = await main(['--config', 'asconfig.json', '--target', target]);
  if (error) {
    process.stderr.write(stderr.toString());
    console.error(`build-wasm: target ${target} failed: ${error.message}`);
    process.exit(1);
  }
}
