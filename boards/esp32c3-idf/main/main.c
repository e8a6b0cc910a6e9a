/*
 * EmberTLS on a real ESP32-C3 through wasm3: instantiates the engine, checks
 * SHA-256 against FIPS 180-4's "abc" example, then times SHA-256 over 16 KiB
 * in CPU cycles. The same calls work for every engine export
 * (assembly/exports/*.ts): write arguments into the arena, pass offsets.
 */
#include <stdio.h>
#include <string.h>

#include "ember_host.h"
#include "esp_cpu.h"

/* FIPS 180-4 example (NIST CSRC "SHA256.pdf"): SHA-256("abc"). */
static const uint8_t ABC_DIGEST[32] = {
    0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
    0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
};

static uint32_t call_u32(const char* name) {
  uint32_t value = 0;
  IM3Function f = ember_host_export(name);
  if (!f || m3_CallV(f) || m3_GetResultsV(f, &value)) printf("ember: %s failed\n", name);
  return value;
}

/* SHA-256 of len bytes already at engine offset data; digest at offset out. */
static const char* sha256(uint32_t ctx, uint32_t data, uint32_t len, uint32_t out) {
  M3Result r = m3_CallV(ember_host_export("sha256Init"), ctx);
  if (!r) r = m3_CallV(ember_host_export("sha256Update"), ctx, data, len);
  if (!r) r = m3_CallV(ember_host_export("sha256Final"), ctx, out);
  return r;
}

void app_main(void) {
  const char* error = ember_host_start();
  if (error) {
    printf("ember: cannot start the engine: %s\n", error);
    return;
  }
  uint32_t size;
  uint8_t* memory = ember_host_memory(&size);
  uint32_t arena = call_u32("arenaPtr");
  uint32_t ctx = arena, out = arena + 4096, data = arena + 8192;

  memcpy(memory + data, "abc", 3);
  error = sha256(ctx, data, 3, out);
  printf("ember: SHA-256(\"abc\") %s\n", !error && memcmp(memory + out, ABC_DIGEST, 32) == 0 ? "ok" : "MISMATCH");

  memset(memory + data, 0x5a, 16384);
  uint32_t start = esp_cpu_get_cycle_count();
  error = sha256(ctx, data, 16384, out);
  uint32_t cycles = esp_cpu_get_cycle_count() - start;
  printf("ember: SHA-256 16 KiB under wasm3: %lu cycles, %lu cycles/byte%s\n", (unsigned long)cycles,
         (unsigned long)(cycles / 16384), error ? " (call failed)" : "");
}
