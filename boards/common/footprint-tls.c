/*
 * Footprint firmware (see footprint-none.c): the TLS 1.3 client alone, every
 * ember_tls_* call a firmware makes to connect, move bytes and close, and no
 * one-shot crypto call. What it links from libembertls.a is the client's
 * flash: the engine's TLS code with every suite, group and signature scheme
 * it can negotiate (chosen at run time, so all are linked), the X.509
 * validator, and the C wrappers.
 */
#include "embertls.h"

static volatile uint8_t buffer[256];

int main(void) {
  struct ember_tls_config config = {
      .record_buffer = EMBER_TLS_RECORD_2K, .handshake_buffer = 2048, .verifier = EMBER_TLS_VERIFIER_MIN};
  size_t n;
  ember_init();
  ember_tls_init(&config);
  ember_tls_add_trust_anchor((const uint8_t*)buffer, buffer[0]);
  ember_tls_start();
  while ((ember_tls_state() & EMBER_TLS_CLOSED) == 0) {
    buffer[1] = *ember_tls_sendrec_buf(&n);
    ember_tls_sendrec_ack(n);
    *ember_tls_recvrec_buf(&n) = buffer[2];
    ember_tls_recvrec_ack(n);
    *ember_tls_sendapp_buf(&n) = buffer[3];
    ember_tls_sendapp_ack(n);
    ember_tls_flush();
    buffer[4] = *ember_tls_recvapp_buf(&n);
    ember_tls_recvapp_ack(n);
    if (buffer[5]) ember_tls_close();
    if (buffer[6]) ember_tls_eof();
  }
  int error = ember_tls_error();
  ember_tls_end();
  return error;
}
