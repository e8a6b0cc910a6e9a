/*
 * Footprint firmware (see footprint-none.c): SHA-256 and HMAC, which any
 * TLS 1.3 stack links for its transcript and key schedule.
 */
#include "embertls.h"

/* volatile: the compiler must keep every call and cannot fold the inputs. */
static volatile uint8_t buffer[128];

int main(void) {
  uint8_t* b = (uint8_t*)buffer;
  ember_init();
  ember_sha256(b, buffer[0], b);
  ember_hmac(EMBER_SHA256, b, 32, b, buffer[1], b + 32);
  return 0;
}
