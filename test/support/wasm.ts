// Reads the engine's built modules and the facts the module tests check.
import { readFileSync } from 'node:fs';
import binaryen from 'binaryen';

export const profiles = {
  speed: 'build/ember.wasm',
  speed32: 'build/ember-speed32.wasm',
  size: 'build/ember-size.wasm',
  names: 'build/ember-names.wasm',
} as const;

/** Inert stand-ins for the host functions the engine imports (entropy, clock, trace). */
export const stubImports = { env: { random() {}, time: () => 0n, trace() {} } };

export function readModule(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** Function names from the module's name section (present in the `names` build). */
export function functionNames(wasm: Uint8Array): string[] {
  const module = new WebAssembly.Module(wasm);
  const [section] = WebAssembly.Module.customSections(module, 'name');
  if (!section) return [];
  const bytes = new Uint8Array(section);
  const names: string[] = [];
  let at = 0;
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return result >>> 0;
      shift += 7;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 1) {
      // Function names subsection: vec(index, name).
      for (let count = leb(); count > 0; count--) {
        leb();
        const length = leb();
        names.push(new TextDecoder().decode(bytes.subarray(at, at + length)));
        at += length;
      }
    }
    at = end;
  }
  return names;
}

/** The wasm features wasm3 runs: MVP plus these, and nothing else. */
export const WASM3_FEATURES =
  binaryen.Features.MVP |
  binaryen.Features.SignExt |
  binaryen.Features.MutableGlobals |
  binaryen.Features.BulkMemory |
  // Binaryen splits memory.copy/fill out of bulk memory; wasm3 runs both.
  binaryen.Features.BulkMemoryOpt |
  binaryen.Features.Multivalue;

/** True when the module validates with only the wasm3 feature set enabled. */
export function validatesForWasm3(wasm: Uint8Array): boolean {
  const module = binaryen.readBinary(wasm);
  try {
    module.setFeatures(WASM3_FEATURES);
    return module.validate() === 1;
  } finally {
    module.dispose();
  }
}

export function moduleText(wasm: Uint8Array): string {
  const module = binaryen.readBinary(wasm);
  try {
    return module.emitText();
  } finally {
    module.dispose();
  }
}
