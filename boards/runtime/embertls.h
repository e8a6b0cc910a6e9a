/*
 * embertls.h: the one header a firmware includes to use EmberTLS's engine,
 * built from WebAssembly into C by `npm run build:c -- --board NAME`.
 *
 * The engine runs in a private, statically allocated region (its WebAssembly
 * linear memory, sized by the board profile); nothing here allocates. Calls
 * are synchronous and not reentrant: use the engine from one task at a time.
 *
 * A port (the firmware) supplies:
 *   ember_trap()          what to do when the engine traps (a bug, never bad input);
 *   ember_port_random()   entropy, ember_port_time() wall-clock time,
 *   ember_port_trace()    a debug sink: the engine's imports env.random,
 *                         env.time and env.trace. The TLS client draws its
 *                         randomness (ClientHello random, key shares) from
 *                         ember_port_random and, unless told the time, reads
 *                         ember_port_time; the crypto calls use neither.
 */
#ifndef EMBERTLS_H_
#define EMBERTLS_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Lifecycle ---------------------------------------------------------- */

/* Instantiates the engine: zeroes its memory and copies its constant tables
 * in. Call once at start-up, and again to wipe all engine state. */
void ember_init(void);

/* ---- Supplied by the port ------------------------------------------------ */

/*
 * Called when the engine traps: an out-of-bounds access in its memory, an
 * `unreachable`, or runtime misuse (code: a wasm_rt_trap_t from the runtime,
 * 1 = out of bounds, 5 = unreachable, 100 = runtime misuse). A trap is a bug
 * in the engine or in how it was built, never the result of bad input: a
 * forged tag or a malformed key returns an error code instead. Must not
 * return (reset, or longjmp out and call ember_init() again).
 */
__attribute__((noreturn)) void ember_trap(int code);

/* Fills out[0..len) with cryptographically secure random bytes (the chip's
 * TRNG): the TLS client's private keys come from here. */
void ember_port_random(uint8_t* out, size_t len);
/* Seconds since 1970-01-01 UTC (certificate validity checks). */
uint64_t ember_port_time(void);
/* Receives the engine's debug text; may discard it. */
void ember_port_trace(const char* text, size_t len);

/* ---- Crypto ---------------------------------------------------------------
 * One-shot calls on C buffers of any length. Inputs are streamed through the
 * engine's 16 KiB working buffers; engine memory that held keys or text is
 * zeroed before each call returns. Buffers may not overlap unless noted.
 */

enum ember_status {
  EMBER_OK = 0,
  EMBER_INCORRECT_TAG = 1,       /* AEAD open: the tag does not verify; no plaintext was written */
  EMBER_BAD_ARGUMENT = 2,        /* a length or enum value the call does not accept (e.g. AES key not 16/32) */
  EMBER_WEAK_PUBLIC_KEY = 3,     /* X25519: the peer's point has small order (all-zero secret) */
  EMBER_BAD_SIGNATURE = 4,       /* signature verify: anything but a valid signature under a valid key */
  EMBER_INVALID_PRIVATE_KEY = 5, /* P-256: a private key outside [1, n-1] */
  EMBER_INVALID_POINT = 6        /* ECDH: the peer's key is not a point of the curve */
};

/* SHA-2 (FIPS 180-4). */
void ember_sha256(const uint8_t* data, size_t len, uint8_t digest[32]);
void ember_sha384(const uint8_t* data, size_t len, uint8_t digest[48]);
void ember_sha512(const uint8_t* data, size_t len, uint8_t digest[64]);

/* The same incrementally, for messages that do not fit in RAM at once. The
 * state lives in engine memory: one hash at a time, and no other ember_ call
 * between begin and end. */
enum ember_hash { EMBER_SHA256 = 0, EMBER_SHA384 = 1, EMBER_SHA512 = 2 };
void ember_hash_begin(enum ember_hash hash);
void ember_hash_update(const uint8_t* data, size_t len);
/* Writes the digest (32, 48 or 64 bytes) and returns its length. */
size_t ember_hash_end(uint8_t* digest);

/* ChaCha20-Poly1305 (RFC 8439 §2.8). Seal writes len bytes of ciphertext and
 * the 16-byte tag. Open checks the tag over all of the ciphertext first and
 * decrypts only if it verifies (else EMBER_INCORRECT_TAG, out untouched).
 * in and out may be the same buffer. */
int ember_chacha20poly1305_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t* aad,
                                size_t aad_len, const uint8_t* in, size_t len, uint8_t* out,
                                uint8_t tag[16]);
int ember_chacha20poly1305_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t* aad,
                                size_t aad_len, const uint8_t* in, size_t len, const uint8_t tag[16],
                                uint8_t* out);

/* AES-GCM (NIST SP 800-38D) with a 16- or 32-byte key, a 12-byte nonce and a
 * 16-byte tag; same contract as ChaCha20-Poly1305 above. */
int ember_aes_gcm_seal(const uint8_t* key, size_t key_len, const uint8_t nonce[12], const uint8_t* aad,
                       size_t aad_len, const uint8_t* in, size_t len, uint8_t* out, uint8_t tag[16]);
int ember_aes_gcm_open(const uint8_t* key, size_t key_len, const uint8_t nonce[12], const uint8_t* aad,
                       size_t aad_len, const uint8_t* in, size_t len, const uint8_t tag[16], uint8_t* out);

/* X25519 (RFC 7748 §5): out = scalar x point. EMBER_WEAK_PUBLIC_KEY when the
 * result is all zeros (RFC 7748 §6.1: the peer sent a small-order point);
 * out is written either way. */
int ember_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32]);
/* out = scalar x the base point (u = 9): a public key. */
void ember_x25519_public_key(uint8_t out[32], const uint8_t scalar[32]);

/* HMAC (RFC 2104) with SHA-256/384/512: mac = HMAC(key, data), keys of any
 * length. Writes the MAC (32, 48 or 64 bytes) and returns its length, or 0
 * (nothing written) for an unknown hash. */
size_t ember_hmac(enum ember_hash hash, const uint8_t* key, size_t key_len, const uint8_t* data, size_t len,
                  uint8_t* mac);

/* HKDF (RFC 5869 §2.2): prk = HMAC(salt, ikm); an empty salt means HashLen
 * zero bytes. Returns the PRK's length (HashLen), or 0 for an unknown hash. */
size_t ember_hkdf_extract(enum ember_hash hash, const uint8_t* salt, size_t salt_len, const uint8_t* ikm,
                          size_t ikm_len, uint8_t* prk);
/* HKDF-Expand (RFC 5869 §2.3): out_len bytes of OKM from prk and info.
 * EMBER_BAD_ARGUMENT (nothing written) for an unknown hash or out_len above
 * 255 x HashLen. */
int ember_hkdf_expand(enum ember_hash hash, const uint8_t* prk, size_t prk_len, const uint8_t* info,
                      size_t info_len, uint8_t* out, size_t out_len);

/* ---- Public-key crypto -----------------------------------------------------
 * Verification returns EMBER_OK only for a valid signature under a valid key;
 * every malformed key, signature or encoding is EMBER_BAD_SIGNATURE (never a
 * trap). It is a status, not a boolean, on purpose: `if (verify(...) ==
 * EMBER_OK)` is the one test that accepts, so a status mistaken for a
 * boolean rejects a good signature instead of accepting a bad one. Messages
 * of any length are streamed. Private keys are secret and handled in
 * constant time; public keys, signatures and verdicts are public.
 */

enum ember_curve { EMBER_P256 = 0, EMBER_P384 = 1 };

/* SEC1 §3.2.1: the uncompressed public key 04 || X || Y of a P-256 private
 * key (32 bytes, big-endian). EMBER_INVALID_PRIVATE_KEY (nothing written)
 * when it is not in [1, n-1]. */
int ember_p256_public_key(const uint8_t private_key[32], uint8_t public_key[65]);

/* ECDH over P-256 (SEC1 §3.3.1): shared = the x-coordinate of private_key x
 * public_key. The peer's key is a 65-byte uncompressed point; any other
 * length, a coordinate >= p, a point off the curve or the identity is
 * EMBER_INVALID_POINT, a bad private key EMBER_INVALID_PRIVATE_KEY (nothing
 * written either way). */
int ember_ecdh_p256(const uint8_t private_key[32], const uint8_t* public_key, size_t public_key_len,
                    uint8_t shared[32]);

/* The longest DER ECDSA-P256 signature: SEQUENCE { INTEGER r, INTEGER s }. */
#define EMBER_ECDSA_P256_MAX_SIGNATURE 72

/* ECDSA over P-256 with SHA-256 (FIPS 186-5 §6.4.1), the nonce derived as in
 * RFC 6979 §3.2 (deterministic: no entropy needed, and equal to RFC 6979's
 * vectors). Writes the DER signature (at most 72 bytes) and its length.
 * EMBER_INVALID_PRIVATE_KEY (nothing written) for a key not in [1, n-1]. */
int ember_ecdsa_p256_sign(const uint8_t private_key[32], const uint8_t* message, size_t len,
                          uint8_t signature[EMBER_ECDSA_P256_MAX_SIGNATURE], size_t* signature_len);

/* ECDSA verification (FIPS 186-5 §6.4.2) of a DER signature over message
 * hashed with hash, under an uncompressed SEC1 public key on curve (65 bytes
 * for P-256, 97 for P-384). A hash longer than the curve's order is truncated
 * to its leftmost bits (§6.4.2 step 5). EMBER_BAD_ARGUMENT for an unknown
 * curve or hash. */
int ember_ecdsa_verify(enum ember_curve curve, enum ember_hash hash, const uint8_t* public_key,
                       size_t public_key_len, const uint8_t* message, size_t len, const uint8_t* signature,
                       size_t signature_len);

/* Ed25519 verification (RFC 8032 §5.1.7): a key that does not decode or has
 * small order, or S >= L, is EMBER_BAD_SIGNATURE. */
int ember_ed25519_verify(const uint8_t public_key[32], const uint8_t* message, size_t len,
                         const uint8_t signature[64]);

/* RSA signature schemes (RFC 8017 §8.2 and §8.1, MGF1 over the same hash). */
enum ember_rsa_scheme { EMBER_RSA_PKCS1 = 0, EMBER_RSA_PSS = 1 };
/* PSS salt_len that accepts any salt length. */
#define EMBER_RSA_PSS_ANY_SALT ((size_t)-1)

/* RSA verification of signature over message hashed with hash, under the key
 * in spki (DER SubjectPublicKeyInfo, rsaEncryption; 2048 to 4096 bits, any
 * smaller or larger key is EMBER_BAD_SIGNATURE). For PSS, salt_len is the
 * salt length the signature must use, or EMBER_RSA_PSS_ANY_SALT; PKCS #1
 * v1.5 ignores it. EMBER_BAD_ARGUMENT for an unknown scheme or hash. */
int ember_rsa_verify(enum ember_rsa_scheme scheme, enum ember_hash hash, size_t salt_len, const uint8_t* spki,
                     size_t spki_len, const uint8_t* message, size_t len, const uint8_t* signature,
                     size_t signature_len);

/* ---- TLS 1.3 client --------------------------------------------------------
 * The engine of assembly/tls (RFC 8446, client side), sans-IO as BearSSL's:
 * it never touches a socket. The firmware moves bytes between the engine's
 * buffers and its transport (socket, UART) through four buffer pairs, each a
 * "where and how much" call and an "I used n bytes" acknowledgement, guided
 * by the state word:
 *
 *   EMBER_TLS_SENDREC  records to send:        ember_tls_sendrec_buf / _ack
 *   EMBER_TLS_RECVREC  room for received bytes: ember_tls_recvrec_buf / _ack
 *   EMBER_TLS_SENDAPP  room for plaintext:      ember_tls_sendapp_buf / _ack, ember_tls_flush
 *   EMBER_TLS_RECVAPP  plaintext received:      ember_tls_recvapp_buf / _ack
 *   EMBER_TLS_CLOSED   the connection is over (ember_tls_error says how)
 *
 * The buffers are returned as C pointers into the engine's memory: read from
 * and write to them directly, then acknowledge. recvrec asks for exactly the
 * bytes that complete the current record, never more. One connection at a
 * time. Its context, the two record buffers, the handshake buffer and the
 * X.509 validator's context all live in the engine's arena (the staging area
 * the crypto calls use), sized by ember_tls_config: from ember_tls_init to
 * ember_tls_end the connection owns the arena, and a crypto call in between
 * is a runtime-misuse trap (code 100). Defaults: all three suites
 * (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305), x25519 with a P-256 key
 * share on a HelloRetryRequest. The server's certificate chain is always
 * checked (there is no unauthenticated mode).
 */

/* State word bits (ember_tls_state). */
#define EMBER_TLS_SENDREC 1u
#define EMBER_TLS_RECVREC 2u
#define EMBER_TLS_SENDAPP 4u
#define EMBER_TLS_RECVAPP 8u
#define EMBER_TLS_CLOSED 16u

/* Record buffers: at least 512 bytes; 16,645 (2^14 + 256 + 5) takes any
 * record. A buffer short of that makes the engine announce a smaller
 * record_size_limit (RFC 8449) and max_fragment_length (RFC 6066, which
 * OpenSSL 3.0 honours): 2,070 bytes take 2 KiB records. */
#define EMBER_TLS_RECORD_MIN 512u
#define EMBER_TLS_RECORD_2K 2070u
#define EMBER_TLS_RECORD_MAX 16645u
/* The handshake buffer holds the largest handshake message but Certificate,
 * which streams through it certificate by certificate: at least 256 bytes,
 * and at least the server's largest certificate (2 KiB suits most chains). */
#define EMBER_TLS_HANDSHAKE_MIN 256u
/* The X.509 validator's context; its size picks how many certificates it
 * keeps: from the minimum 3 of the server's and 2 trust anchors (a P-256
 * chain of 3), from EMBER_TLS_VERIFIER_FULL 8 and 8; the rest holds keys and
 * signatures, the maximum being the full budget (assembly/x509/chain.ts). */
#define EMBER_TLS_VERIFIER_MIN 2452u
#define EMBER_TLS_VERIFIER_FULL 5408u
#define EMBER_TLS_VERIFIER_MAX 15136u

enum ember_tls_verify {
  EMBER_TLS_VERIFY_REQUIRE = 0,    /* a chain the validator refuses fails the handshake */
  EMBER_TLS_VERIFY_REPORT_ONLY = 1 /* the handshake goes on; ember_tls_chain_verdict() says what was wrong */
};

struct ember_tls_config {
  size_t record_buffer;      /* bytes of the receive record buffer (and of the send one, unless send_buffer) */
  size_t send_buffer;        /* bytes of the send record buffer; 0: record_buffer. It holds our largest
                                flight: the ClientHello (about 300 bytes, plus the server name, ALPN
                                and a resumed session's ticket) or our certificate chain: 1 KiB suits a
                                device without a client certificate */
  size_t handshake_buffer;   /* bytes of the handshake buffer */
  size_t verifier;           /* bytes of the X.509 validator context */
  const char* server_name;   /* NUL-terminated: sent as SNI (RFC 6066) and the name the certificate
                                must carry (RFC 6125); NULL: none, and no name is checked */
  uint64_t time;             /* Unix seconds to check certificates at; 0: ember_port_time() */
  const uint8_t* alpn;       /* ALPN ProtocolNameList body (RFC 7301: each name after its length
                                byte), at most 128 bytes; NULL: none */
  size_t alpn_len;
  enum ember_tls_verify verify;
  size_t ticket_buffer;      /* bytes for the session of the server's latest NewSessionTicket (80 +
                                the ticket; 512 suits OpenSSL's and Node's tickets); 0: the server is
                                told nothing and sends no tickets. Also where ember_tls_set_session
                                puts a session to resume. */
};

/* Engine RAM a configuration takes in the arena: context + buffers +
 * validator + ticket buffer, with alignment (the figures of the simulated
 * boards' configuration are in the README). */
size_t ember_tls_ram(const struct ember_tls_config* config);

/* Sets up a connection in the arena. EMBER_OK, or EMBER_BAD_ARGUMENT when a
 * size is out of range or the whole does not fit the engine's memory
 * (EMBER_MEMORY_BYTES in the board profile), or an engine error code (below)
 * for a configuration the engine refuses (a server name over 255 bytes, a
 * malformed ALPN list). Then add trust anchors, then ember_tls_start(). */
int ember_tls_init(const struct ember_tls_config* config);

/* A trust anchor: a DER certificate whose subject and key are trusted (RFC
 * 5280 §6.1.1 d). At most 8, before ember_tls_start. The DER is copied.
 * EMBER_OK, or EMBER_TLS_BAD_CONFIGURATION for a malformed certificate or one
 * past the validator's budget or the staging room (the record buffers and
 * the handshake buffer together). */
int ember_tls_add_trust_anchor(const uint8_t* der, size_t len);

/*
 * Session resumption (RFC 8446 §2.2, psk_dhe_ke: the PSK with a fresh x25519
 * exchange, so still forward secret). A resumed handshake sends and checks no
 * certificate, so it skips both signature verifications: on rv32imc most of
 * a full handshake's cost (README).
 *
 * ember_tls_session gives the session of the server's latest ticket (*len 0
 * when none came): the engine's own format, 80 bytes and the ticket. It holds
 * the session's key: keep it like a private key (RTC RAM, encrypted flash),
 * for the same server name only, and no longer than its lifetime (the engine
 * refuses to offer an older one). Copy it out before ember_tls_end.
 * ember_tls_set_session offers it on the next connection: after
 * ember_tls_init (with ticket_buffer at least len), before ember_tls_start.
 * EMBER_OK, or EMBER_TLS_BAD_CONFIGURATION for bytes that are not a session.
 * ember_tls_resumed says whether the server took it: 0 none was offered, 1
 * offered, 2 taken (resumed), 3 declined (a full handshake: it forgot the
 * ticket), 4 not offered because expired, 5 not offered: its suite's hash is
 * not among those offered.
 */
const uint8_t* ember_tls_session(size_t* len);
int ember_tls_set_session(const uint8_t* session, size_t len);
unsigned ember_tls_resumed(void);

/* Writes ClientHello (then EMBER_TLS_SENDREC). EMBER_OK or the error. */
int ember_tls_start(void);

/* The state word (EMBER_TLS_* bits above). */
unsigned ember_tls_state(void);

/* Each _buf call returns where the bytes are and sets *len (0 when the state
 * word does not offer that direction); each _ack says how many were used. */
const uint8_t* ember_tls_sendrec_buf(size_t* len);
void ember_tls_sendrec_ack(size_t n);
uint8_t* ember_tls_recvrec_buf(size_t* len);
void ember_tls_recvrec_ack(size_t n);
uint8_t* ember_tls_sendapp_buf(size_t* len);
/* A full record is sealed at once; ember_tls_flush seals what is there now. */
void ember_tls_sendapp_ack(size_t n);
void ember_tls_flush(void);
const uint8_t* ember_tls_recvapp_buf(size_t* len);
void ember_tls_recvapp_ack(size_t n);

/* Sends close_notify (RFC 8446 §6.1) after any pending plaintext; before the
 * handshake is done it cancels it (user_canceled). */
void ember_tls_close(void);
/* The transport ended. Before the server's close_notify it is a truncation:
 * the connection fails with EMBER_TLS_CONNECTION_CLOSED. */
void ember_tls_eof(void);

/* Wipes the whole connection (keys, buffers, validator) and gives the arena
 * back to the crypto calls. */
void ember_tls_end(void);

/*
 * The error that ended the connection, sticky: 0 while all is well. Engine
 * codes (assembly/tls/errors.ts, picotls style): the low byte is the TLS
 * alert sent (RFC 8446 §6.2); 0x100 set: the server sent that alert; 0x200
 * set: our own limit or misuse; bits 12 and up tell apart causes that share
 * an alert. A few a firmware meets most:
 */
#define EMBER_TLS_ALERT(code) ((code) & 0xFF)
#define EMBER_TLS_FROM_PEER(code) (((code) & 0x100) != 0)
#define EMBER_TLS_BAD_CONFIGURATION 0x4250      /* a call out of order or a size the engine refuses */
#define EMBER_TLS_CONNECTION_CLOSED 0x7250      /* transport ended without close_notify */
#define EMBER_TLS_HANDSHAKE_TOO_LARGE 0x1250    /* a handshake message over the handshake buffer */
#define EMBER_TLS_CHAIN_UNKNOWN_CA 0x22030      /* the chain ends at no trust anchor (unknown_ca) */
#define EMBER_TLS_CHAIN_EXPIRED 0x2402D         /* a certificate expired at the check time */
#define EMBER_TLS_CHAIN_NOT_YET_VALID 0x2502D   /* ... or is not yet valid: a device clock is wrong */
#define EMBER_TLS_CHAIN_HOSTNAME_MISMATCH 0x2602A /* the leaf is not for server_name */
/* Read it before ember_tls_end, which forgets the connection. */
int ember_tls_error(void);

/* Where the handshake is: 0 idle, 1 ExpectServerHello, 2
 * ExpectEncryptedExtensions, 3 ExpectCertificateOrRequest, 4
 * ExpectCertificate, 5 ExpectCertificateVerify, 6 ExpectFinished, 7
 * Connected, 8 Closed, 9 Failed. */
enum ember_tls_handshake {
  EMBER_TLS_IDLE = 0,
  EMBER_TLS_EXPECT_SERVER_HELLO = 1,
  EMBER_TLS_EXPECT_ENCRYPTED_EXTENSIONS = 2,
  EMBER_TLS_EXPECT_CERTIFICATE_OR_REQUEST = 3,
  EMBER_TLS_EXPECT_CERTIFICATE = 4,
  EMBER_TLS_EXPECT_CERTIFICATE_VERIFY = 5,
  EMBER_TLS_EXPECT_FINISHED = 6,
  EMBER_TLS_CONNECTED = 7,
  EMBER_TLS_CLOSED_CLEANLY = 8,
  EMBER_TLS_FAILED = 9
};
enum ember_tls_handshake ember_tls_handshake_state(void);

/* What was negotiated: the cipher suite (0x1301 TLS_AES_128_GCM_SHA256,
 * 0x1302, 0x1303) and group (0x001d x25519, 0x0017 secp256r1), 0 before
 * ServerHello; the validator's verdict on the chain (0 valid, an X509Error
 * 1..13 of assembly/x509/codes.ts, 255 before the Certificate message). */
unsigned ember_tls_cipher_suite(void);
unsigned ember_tls_group(void);
unsigned ember_tls_chain_verdict(void);

#ifdef __cplusplus
}
#endif

#endif /* EMBERTLS_H_ */
