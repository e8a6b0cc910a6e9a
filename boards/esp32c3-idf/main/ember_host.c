/*
 * Host side of the engine under wasm3: the module embedded by EMBED_FILES,
 * and the engine's imports in C. Each import checks that the (pointer,
 * length) it receives lies inside the engine's memory before touching it.
 */
#include "ember_host.h"

#include <stdio.h>
#include <time.h>

#include "esp_random.h"
#include "m3_env.h"

extern const uint8_t ember_wasm_start[] asm("_binary_ember_size_wasm_start");
extern const uint8_t ember_wasm_end[] asm("_binary_ember_size_wasm_end");

/* wasm3 keeps the interpreter's value stack on the heap; the engine's deepest
 * call chain (X25519) stays well inside 32 KB. */
#define WASM3_STACK_BYTES (32 * 1024)

static IM3Environment env;
static IM3Runtime runtime;

m3ApiRawFunction(env_random) {
  m3ApiGetArgMem(uint8_t*, out);
  m3ApiGetArg(uint32_t, len);
  m3ApiCheckMem(out, len);
  esp_fill_random(out, len);
  m3ApiSuccess();
}

m3ApiRawFunction(env_time) {
  m3ApiReturnType(uint64_t);
  m3ApiReturn((uint64_t)time(NULL));
}

m3ApiRawFunction(env_trace) {
  m3ApiGetArgMem(const char*, text);
  m3ApiGetArg(uint32_t, len);
  m3ApiCheckMem(text, len);
  printf("ember: %.*s\n", (int)len, text);
  m3ApiSuccess();
}

/* Linking fails with m3Err_functionLookupFailed when the module does not
 * import that name: that is fine, the crypto core imports nothing. */
static M3Result link_optional(IM3Module module, const char* name, const char* signature, M3RawCall call) {
  M3Result result = m3_LinkRawFunction(module, "env", name, signature, call);
  return result == m3Err_functionLookupFailed ? m3Err_none : result;
}

const char* ember_host_start(void) {
  IM3Module module;
  M3Result result;
  env = m3_NewEnvironment();
  runtime = env ? m3_NewRuntime(env, WASM3_STACK_BYTES, NULL) : NULL;
  if (!runtime) return "out of memory";
  result = m3_ParseModule(env, &module, ember_wasm_start, (uint32_t)(ember_wasm_end - ember_wasm_start));
  if (!result) result = m3_LoadModule(runtime, module);
  if (!result) result = link_optional(module, "random", "v(ii)", env_random);
  if (!result) result = link_optional(module, "time", "I()", env_time);
  if (!result) result = link_optional(module, "trace", "v(ii)", env_trace);
  if (result) return result;
  IM3Function start = ember_host_export("_initialize");
  return start ? m3_CallV(start) : NULL;
}

IM3Function ember_host_export(const char* name) {
  IM3Function function;
  return m3_FindFunction(&function, runtime, name) ? NULL : function;
}

uint8_t* ember_host_memory(uint32_t* size) { return m3_GetMemory(runtime, size, 0); }
