/*
 * embertls.h's TLS calls against their contract, without a peer: sizes that
 * do not fit are refused, calls without a connection are harmless, a
 * connection refuses configuration once started, and ember_tls_end gives the
 * arena back to the crypto calls. Same report format as runner.c. Last, on
 * purpose, a crypto call while a connection holds the arena: it must trap
 * (runtime misuse, 100), so a run that passes ends in "FAIL engine trap 64"
 * and status 2, which test/boards-tls.test.ts expects after the summary.
 */
#include <string.h>

#include "board.h"
#include "embertls.h"
#include "report.h"

static const struct ember_tls_config good = {
    .record_buffer = EMBER_TLS_RECORD_2K,
    .handshake_buffer = 2048,
    .verifier = EMBER_TLS_VERIFIER_MIN,
    .server_name = "localhost",
};

static int init_with(size_t record, size_t handshake, size_t verifier) {
  struct ember_tls_config c = good;
  c.record_buffer = record;
  c.handshake_buffer = handshake;
  c.verifier = verifier;
  return ember_tls_init(&c);
}

static void sizes(void) {
  report_check("ember_tls_init refuses", "a record buffer under 512 bytes",
               init_with(EMBER_TLS_RECORD_MIN - 1, 2048, EMBER_TLS_VERIFIER_MIN) == EMBER_BAD_ARGUMENT);
  report_check("ember_tls_init refuses", "a record buffer over 2^14 + 261 bytes",
               init_with(EMBER_TLS_RECORD_MAX + 1, 2048, EMBER_TLS_VERIFIER_MIN) == EMBER_BAD_ARGUMENT);
  report_check("ember_tls_init refuses", "a handshake buffer under 256 bytes",
               init_with(EMBER_TLS_RECORD_2K, EMBER_TLS_HANDSHAKE_MIN - 1, EMBER_TLS_VERIFIER_MIN) == EMBER_BAD_ARGUMENT);
  report_check("ember_tls_init refuses", "a validator context under the minimum",
               init_with(EMBER_TLS_RECORD_2K, 2048, EMBER_TLS_VERIFIER_MIN - 1) == EMBER_BAD_ARGUMENT);
  report_check("ember_tls_init refuses", "16 KiB records with a full validator in a 64 KiB memory",
               init_with(EMBER_TLS_RECORD_MAX, 16384, EMBER_TLS_VERIFIER_MAX) == EMBER_BAD_ARGUMENT);
  struct ember_tls_config long_name = good;
  long_name.server_name =
      "a-name-of-256-bytes-one-more-than-server-name-takes-0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
      "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567"
      "89abcdef0123456789abcdef0123456789ab";
  report_check("ember_tls_init refuses", "a server name over 255 bytes, with the engine's code",
               strlen(long_name.server_name) == 256 && ember_tls_init(&long_name) == EMBER_TLS_BAD_CONFIGURATION);
  report_check("ember_tls_ram", "2 KiB records take under 15 KB", ember_tls_ram(&good) < 15 * 1024);
}

static void without_connection(void) {
  size_t n = 1;
  report_check("without a connection", "the state is CLOSED", ember_tls_state() == EMBER_TLS_CLOSED);
  report_check("without a connection", "no records to send", ember_tls_sendrec_buf(&n) == NULL && n == 0);
  report_check("without a connection", "no error", ember_tls_error() == 0);
  report_check("without a connection", "start is refused", ember_tls_start() == EMBER_TLS_BAD_CONFIGURATION);
}

static void configuration(void) {
  static const uint8_t not_a_certificate[] = {0x30, 0x03, 0x02, 0x01, 0x01};
  report_check("ember_tls_init", "takes 2 KiB records", ember_tls_init(&good) == EMBER_OK);
  report_check("ember_tls_add_trust_anchor", "refuses DER that is not a certificate",
               ember_tls_add_trust_anchor(not_a_certificate, sizeof not_a_certificate) == EMBER_TLS_BAD_CONFIGURATION);
  report_check("ember_tls_start", "writes a ClientHello", ember_tls_start() == EMBER_OK && ember_tls_state() == EMBER_TLS_SENDREC);
  size_t n;
  const uint8_t* hello = ember_tls_sendrec_buf(&n);
  /* A handshake record (22) carrying a ClientHello (1), RFC 8446 §5.1 and §4. */
  report_check("ember_tls_start", "the record is a ClientHello", n > 9 && hello[0] == 22 && hello[5] == 1);
  report_check("ember_tls_add_trust_anchor", "is refused once started",
               ember_tls_add_trust_anchor(not_a_certificate, sizeof not_a_certificate) == EMBER_TLS_BAD_CONFIGURATION);
  report_check("ember_tls_start", "is refused a second time", ember_tls_start() == EMBER_TLS_BAD_CONFIGURATION);
  ember_tls_close();
  report_check("ember_tls_close", "before the handshake is done cancels it (user_canceled)",
               EMBER_TLS_ALERT(ember_tls_error()) == 90 && (ember_tls_state() & EMBER_TLS_CLOSED) != 0);
  ember_tls_end();
}

static void arena_returns(void) {
  static const uint8_t abc_sha256[32] = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
                                         0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
                                         0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
  uint8_t digest[32];
  ember_sha256((const uint8_t*)"abc", 3, digest);
  report_check("after ember_tls_end", "the crypto calls work again (FIPS 180-4 SHA-256 'abc')",
               memcmp(digest, abc_sha256, 32) == 0);
}

int main(void) {
  ember_init();
  sizes();
  without_connection();
  configuration();
  arena_returns();
  int status = report_summary();
  ember_tls_init(&good);
  report_text("expect trap: a crypto call while a connection holds the arena\n");
  uint8_t digest[32];
  ember_sha256(digest, 0, digest);
  report_text("FAIL no trap\n");
  return status == 0 ? 3 : status;
}
