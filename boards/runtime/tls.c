/*
 * embertls.h's TLS 1.3 client over the engine's exports
 * (assembly/exports/tls.ts). The engine addresses everything it works on, so
 * the connection's memory is carved from its arena, in this order:
 *
 *   context | receive record buffer | send record buffer | handshake buffer | X.509 context | ticket buffer
 *
 * each 16-byte aligned, sizes from ember_tls_config. The buffers are handed
 * to the firmware as C pointers into that memory (zero copy). Until the
 * handshake starts the three buffers are free, so configuration bytes (server
 * name, ALPN, trust anchors) are staged there; the engine copies what it keeps.
 */
#include <string.h>

#include "ember-internal.h"

#define E (&ember_instance)

/* assembly/tls/context.ts VerifyMode: 1 require a valid chain, 2 report it. */
#define VERIFY_REQUIRE 1u
#define VERIFY_REPORT 2u

static struct {
  uint32_t ctx;
  uint32_t staging;     /* the receive buffer's start: the three buffers back to back */
  uint32_t staging_len; /* record buffers + handshake buffer, with alignment */
  uint32_t ram;         /* the whole region, wiped by ember_tls_end */
  uint32_t tickets;     /* the ticket buffer (0: none) and its size */
  uint32_t tickets_len;
} conn;

static uint32_t align16(size_t n) { return (uint32_t)((n + 15u) & ~(size_t)15u); }

static size_t send_bytes(const struct ember_tls_config* c) { return c->send_buffer ? c->send_buffer : c->record_buffer; }

static uint32_t verifier_bytes(const struct ember_tls_config* c) {
  return c->verifier > EMBER_TLS_VERIFIER_MAX ? EMBER_TLS_VERIFIER_MAX : (uint32_t)c->verifier;
}

size_t ember_tls_ram(const struct ember_tls_config* c) {
  return (size_t)align16(Z_emberZ_tlsClientCtxSize(E)) + align16(c->record_buffer) + align16(send_bytes(c)) + align16(c->handshake_buffer) +
         align16(verifier_bytes(c)) + align16(c->ticket_buffer);
}

/* The C address of engine bytes [ptr, ptr + len), with the length as a size_t. */
static uint8_t* span(uint32_t ptr, uint32_t len, size_t* out_len) {
  *out_len = len;
  return ember_span(ptr, len);
}

/* Copies n configuration bytes to the staging room; returns their engine address. */
static uint32_t stage(uint32_t at, const void* src, size_t n) {
  if (n > 0) memcpy(ember_span(conn.staging + at, (uint32_t)n), src, n);
  return conn.staging + at;
}

static uint32_t to_u32(size_t n) { return n > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)n; }

int ember_tls_init(const struct ember_tls_config* c) {
  ember_tls_end();
  if (c->record_buffer < EMBER_TLS_RECORD_MIN || c->record_buffer > EMBER_TLS_RECORD_MAX ||
      send_bytes(c) < EMBER_TLS_RECORD_MIN || send_bytes(c) > EMBER_TLS_RECORD_MAX ||
      c->handshake_buffer < EMBER_TLS_HANDSHAKE_MIN || c->handshake_buffer > EMBER_TLS_RECORD_MAX ||
      c->verifier < EMBER_TLS_VERIFIER_MIN || c->alpn_len > 128u || c->ticket_buffer > 0xFFFFu + 80u)
    return EMBER_BAD_ARGUMENT;
  uint32_t base = Z_emberZ_arenaPtr(E);
  size_t ram = ember_tls_ram(c);
  if (ram > EMBER_MEMORY_BYTES - base) return EMBER_BAD_ARGUMENT;
  conn.ctx = base;
  conn.staging = base + align16(Z_emberZ_tlsClientCtxSize(E));
  uint32_t send = conn.staging + align16(c->record_buffer);
  uint32_t hs = send + align16(send_bytes(c));
  uint32_t x509 = hs + align16(c->handshake_buffer);
  conn.staging_len = x509 - conn.staging;
  conn.tickets = c->ticket_buffer ? x509 + align16(verifier_bytes(c)) : 0;
  conn.tickets_len = (uint32_t)c->ticket_buffer;
  conn.ram = (uint32_t)ram;
  ember_tls_holds_arena = true;

  int rc = Z_emberZ_tlsClientInit(E, conn.ctx, conn.staging, (uint32_t)c->record_buffer, send, (uint32_t)send_bytes(c), hs,
                                  (uint32_t)c->handshake_buffer);
  if (rc == 0 && c->server_name != NULL) {
    size_t n = strlen(c->server_name);
    /* The engine refuses names over 255 bytes; longer ones are not staged. */
    rc = Z_emberZ_tlsClientSetServerName(E, conn.ctx, stage(0, c->server_name, n > 256u ? 256u : n), to_u32(n));
  }
  if (rc == 0 && c->alpn != NULL) rc = Z_emberZ_tlsClientSetAlpn(E, conn.ctx, stage(0, c->alpn, c->alpn_len), (uint32_t)c->alpn_len);
  if (rc == 0 && conn.tickets != 0) rc = Z_emberZ_tlsClientSetTicketBuffer(E, conn.ctx, conn.tickets, conn.tickets_len);
  if (rc == 0 && c->time != 0)
    rc = Z_emberZ_tlsClientSetTime(E, conn.ctx, (uint32_t)c->time, (uint32_t)(c->time >> 32));
  /* Host and IP empty: the certificate is checked against the server name
   * (RFC 6125 §6: the name asked for is the name checked). */
  if (rc == 0)
    rc = Z_emberZ_tlsClientSetVerifier(E, conn.ctx, x509, verifier_bytes(c), 0, 0, 0, 0,
                                       c->verify == EMBER_TLS_VERIFY_REPORT_ONLY ? VERIFY_REPORT : VERIFY_REQUIRE);
  memset(ember_span(conn.staging, conn.staging_len), 0, conn.staging_len);
  if (rc != 0) ember_tls_end();
  return rc;
}

int ember_tls_add_trust_anchor(const uint8_t* der, size_t len) {
  /* Once started the buffers hold records: staging there would corrupt them. */
  if (!ember_tls_holds_arena || Z_emberZ_tlsHandshakeState(E, conn.ctx) != EMBER_TLS_IDLE || len > conn.staging_len)
    return EMBER_TLS_BAD_CONFIGURATION;
  int rc = Z_emberZ_tlsClientAddTrustAnchor(E, conn.ctx, stage(0, der, len), (uint32_t)len);
  memset(ember_span(conn.staging, (uint32_t)len), 0, len);
  return rc;
}

const uint8_t* ember_tls_session(size_t* len) {
  *len = 0;
  if (!ember_tls_holds_arena || conn.tickets == 0 || Z_emberZ_tlsTicketsStored(E, conn.ctx) == 0) return NULL;
  return span(conn.tickets, Z_emberZ_tlsTicketLen(E, conn.ctx), len);
}

int ember_tls_set_session(const uint8_t* session, size_t len) {
  /* The engine reads the session where it will write the next ticket. */
  if (!ember_tls_holds_arena || Z_emberZ_tlsHandshakeState(E, conn.ctx) != EMBER_TLS_IDLE || len > conn.tickets_len)
    return EMBER_TLS_BAD_CONFIGURATION;
  memcpy(ember_span(conn.tickets, (uint32_t)len), session, len);
  return Z_emberZ_tlsClientSetSession(E, conn.ctx, conn.tickets, (uint32_t)len);
}

unsigned ember_tls_resumed(void) { return ember_tls_holds_arena ? Z_emberZ_tlsResumeStatus(E, conn.ctx) : 0; }

int ember_tls_start(void) {
  if (!ember_tls_holds_arena) return EMBER_TLS_BAD_CONFIGURATION;
  return Z_emberZ_tlsClientStart(E, conn.ctx);
}

/* Without a connection, every call below reports CLOSED and empty buffers:
 * the context at the arena's start is then zeroes, which the engine reads as
 * an idle context without buffers. Guard instead of relying on that. */
unsigned ember_tls_state(void) { return ember_tls_holds_arena ? Z_emberZ_tlsEngineState(E, conn.ctx) : EMBER_TLS_CLOSED; }

const uint8_t* ember_tls_sendrec_buf(size_t* len) {
  *len = 0;
  if (!ember_tls_holds_arena) return NULL;
  return span(Z_emberZ_tlsSendrecBuf(E, conn.ctx), Z_emberZ_tlsSendrecLen(E, conn.ctx), len);
}

void ember_tls_sendrec_ack(size_t n) {
  if (ember_tls_holds_arena) Z_emberZ_tlsSendrecAck(E, conn.ctx, to_u32(n));
}

uint8_t* ember_tls_recvrec_buf(size_t* len) {
  *len = 0;
  if (!ember_tls_holds_arena) return NULL;
  return span(Z_emberZ_tlsRecvrecBuf(E, conn.ctx), Z_emberZ_tlsRecvrecLen(E, conn.ctx), len);
}

void ember_tls_recvrec_ack(size_t n) {
  if (ember_tls_holds_arena) Z_emberZ_tlsRecvrecAck(E, conn.ctx, to_u32(n));
}

uint8_t* ember_tls_sendapp_buf(size_t* len) {
  *len = 0;
  if (!ember_tls_holds_arena) return NULL;
  return span(Z_emberZ_tlsSendappBuf(E, conn.ctx), Z_emberZ_tlsSendappLen(E, conn.ctx), len);
}

void ember_tls_sendapp_ack(size_t n) {
  if (ember_tls_holds_arena) Z_emberZ_tlsSendappAck(E, conn.ctx, to_u32(n));
}

void ember_tls_flush(void) {
  if (ember_tls_holds_arena) Z_emberZ_tlsSendappFlush(E, conn.ctx);
}

const uint8_t* ember_tls_recvapp_buf(size_t* len) {
  *len = 0;
  if (!ember_tls_holds_arena) return NULL;
  return span(Z_emberZ_tlsRecvappBuf(E, conn.ctx), Z_emberZ_tlsRecvappLen(E, conn.ctx), len);
}

void ember_tls_recvapp_ack(size_t n) {
  if (ember_tls_holds_arena) Z_emberZ_tlsRecvappAck(E, conn.ctx, to_u32(n));
}

void ember_tls_close(void) {
  if (ember_tls_holds_arena) Z_emberZ_tlsClientClose(E, conn.ctx);
}

void ember_tls_eof(void) {
  if (ember_tls_holds_arena) Z_emberZ_tlsClientEof(E, conn.ctx);
}

void ember_tls_end(void) {
  if (!ember_tls_holds_arena) return;
  memset(ember_span(conn.ctx, conn.ram), 0, conn.ram);
  ember_tls_holds_arena = false;
}

int ember_tls_error(void) { return ember_tls_holds_arena ? Z_emberZ_tlsLastError(E, conn.ctx) : 0; }

enum ember_tls_handshake ember_tls_handshake_state(void) {
  return ember_tls_holds_arena ? (enum ember_tls_handshake)Z_emberZ_tlsHandshakeState(E, conn.ctx) : EMBER_TLS_IDLE;
}

unsigned ember_tls_cipher_suite(void) { return ember_tls_holds_arena ? Z_emberZ_tlsSuite(E, conn.ctx) : 0; }
unsigned ember_tls_group(void) { return ember_tls_holds_arena ? Z_emberZ_tlsGroup(E, conn.ctx) : 0; }
unsigned ember_tls_chain_verdict(void) { return ember_tls_holds_arena ? Z_emberZ_tlsChainVerdict(E, conn.ctx) : 255u; }
