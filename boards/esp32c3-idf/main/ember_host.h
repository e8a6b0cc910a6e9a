/* EmberTLS's engine under wasm3 on ESP-IDF: load the module, link the host
 * imports, find exports, reach the engine's memory. */
#ifndef EMBER_HOST_H_
#define EMBER_HOST_H_

#include <stddef.h>
#include <stdint.h>

#include "wasm3.h"

/* Parses and instantiates the embedded module, links env.random / env.time /
 * env.trace when it imports them, and runs its _initialize export. NULL on
 * success, else wasm3's error text. */
const char* ember_host_start(void);

/* The export called name, or NULL. */
IM3Function ember_host_export(const char* name);

/* The engine's linear memory and its size in bytes. The pointer stays valid:
 * the module's memory has a fixed size and never grows. */
uint8_t* ember_host_memory(uint32_t* size);

#endif /* EMBER_HOST_H_ */
