// The connection context: one fixed struct at a caller-given address
// (BearSSL's br_ssl_client_context, as plain offsets). Nothing else holds
// per-connection state; the static scratch that the crypto calls use is
// wiped before each call returns. Field groups, in order:
//   engine     state word inputs, handshake state, the sticky error
//   config     what ClientHello offers (set before start)
//   buffers    the caller's record and handshake buffers and their fill
//   record     both directions' suite keys, IVs and sequence numbers
//   keys       the key schedule's secrets (§7.1), our key-share private keys
//   transcript two running hashes until the suite is known (§4.4.1)
//   peer       what the server chose and its leaf public key
// Secret fields are wiped when the connection ends (engine.ts).
import { HASH_CTX_SIZE } from "../crypto/hash";

// engine
export const MAGIC: usize = 0; // u32 CTX_MAGIC once initialised
export const HS: usize = 4; // u32 Hs (client.ts)
export const ERROR: usize = 8; // i32 sticky error
export const FLAGS: usize = 12; // u32 Flag bits below

// config
export const CFG_SUITES: usize = 16; // 3 x u16 in preference order, 0 = none
export const CFG_GROUPS: usize = 24; // 2 x u16 in preference order, 0 = none
export const CFG_SHARES: usize = 28; // u32 key shares to send in ClientHello1 (1 or 2)
export const CFG_TIME: usize = 32; // i64 Unix seconds, 0 = ask env.time
export const CFG_SNI_LEN: usize = 40; // u32
export const CFG_SNI: usize = 44; // 256 bytes: HostName
export const CFG_ALPN_LEN: usize = 300; // u32
export const CFG_ALPN: usize = 304; // 128 bytes: ProtocolNameList body
export const CFG_ALPN_MAX: u32 = 128;
export const CFG_SNI_MAX: u32 = 255;

// buffers (addresses and sizes the caller gave; fill levels)
export const RECV_BUF: usize = 432;
export const RECV_CAP: usize = 436;
export const RECV_HAVE: usize = 440; // bytes of the current record received
export const RECV_APP_OFF: usize = 444; // offset of undelivered plaintext in RECV_BUF
export const RECV_APP_LEN: usize = 448; // its length
export const SEND_BUF: usize = 452;
export const SEND_CAP: usize = 456;
export const SEND_LEN: usize = 460; // record bytes waiting to go out
export const SEND_APP_LEN: usize = 464; // plaintext the app wrote, not yet flushed
export const HS_BUF: usize = 468;
export const HS_CAP: usize = 472;
export const HS_LEN: usize = 476; // handshake bytes waiting to form whole messages

// record layer (record.ts)
export const SUITE: usize = 480; // u32 negotiated suite, 0 before ServerHello
export const READ_ON: usize = 484; // u32 1 once records from the server are protected
export const WRITE_ON: usize = 488;
export const PEER_LIMIT: usize = 492; // u32 the server's record_size_limit (RFC 8449), 0 = none
export const READ_SEQ: usize = 496; // u64
export const WRITE_SEQ: usize = 504; // u64
export const READ_KEY: usize = 512; // 32
export const READ_IV: usize = 544; // 12 (+4)
export const WRITE_KEY: usize = 560; // 32
export const WRITE_IV: usize = 592; // 12 (+4)

// key schedule (keyschedule.ts): up to SHA-384 length
export const SECRET: usize = 608; // 48: early, then handshake, then master secret
export const C_TRAFFIC: usize = 656; // 48: client handshake, then application traffic secret
export const S_TRAFFIC: usize = 704; // 48
export const RES_MASTER: usize = 752; // 48: resumption_master_secret (§7.1)
export const RANDOM: usize = 800; // 32: ClientHello.random
export const SESSION_ID: usize = 832; // 32: legacy_session_id (§D.4)
export const X25519_PRIV: usize = 864; // 32
export const P256_PRIV: usize = 896; // 32
export const SNAPSHOT: usize = 928; // 64: transcript hash before the current message

// handshake bookkeeping (client.ts)
export const SENT_GROUPS: usize = 992; // 2 x u16: groups with a key share in the last ClientHello
export const HRR_SUITE: usize = 996; // u32
export const ALPN_OFF: usize = 1000; // u32: the protocol the server chose, as its offset in CFG_ALPN
export const ALPN_LEN: usize = 1004; // u32: its length (0 = none)
export const LIMIT_SENT: usize = 1008; // u32: the record_size_limit we advertised
export const SIG_SCHEME: usize = 1012; // u32: the server's CertificateVerify scheme
export const GROUP: usize = 1016; // u32: the group of the key exchange

// transcript (transcript.ts)
export const TRANSCRIPT: usize = 1024; // HASH_CTX_SIZE: SHA-256, or the chosen hash
export const TRANSCRIPT_ALT: usize = TRANSCRIPT + HASH_CTX_SIZE; // SHA-384 until ServerHello

// certificate checking (peer_certificate.ts): the caller's X.509 validator
// context (assembly/x509/chain.ts), begun at configuration with the anchors
export const X509_CTX: usize = TRANSCRIPT_ALT + HASH_CTX_SIZE; // u32 address, 0 = none given
export const X509_CAP: usize = X509_CTX + 4; // u32 its length
export const VERIFY_MODE: usize = X509_CTX + 8; // u32 VerifyMode
export const CHAIN_VERDICT: usize = X509_CTX + 12; // u32 X509Error of x509Finish, VERDICT_NONE before
export const LEAF_BUF: usize = X509_CTX + 16; // u32 caller's buffer for the leaf's DER (0 = none)
export const LEAF_CAP: usize = X509_CTX + 20; // u32
export const LEAF_LEN: usize = X509_CTX + 24; // u32 the leaf's DER length (copied only when <= LEAF_CAP)
export const CERT_LEFT: usize = X509_CTX + 28; // u32 bytes of certificate_list still to parse (§4.4.2)
export const CERT_INDEX: usize = X509_CTX + 32; // u32 CertificateEntry count so far
export const MFL_SENT: usize = X509_CTX + 36; // u32 max_fragment_length code we sent (RFC 6066 §4), 0 = none
export const HS_OUT: usize = X509_CTX + 40; // u32 handshake bytes written into the unsealed outgoing record

// client authentication (client_auth.ts): the caller's chain stays in its memory
export const OWN_CHAIN: usize = X509_CTX + 44; // u32 address of concatenated DER certificates, leaf first
export const OWN_CHAIN_LEN: usize = X509_CTX + 48; // u32
export const OWN_KEY: usize = X509_CTX + 52; // 32: P-256 private key (secret)

// resumption (session.ts): both session buffers stay in the caller's memory
export const RESUME_BUF: usize = OWN_KEY + 32; // u32 address of the session to resume (0 = none; its length is in it)
export const RESUME_STATUS: usize = OWN_KEY + 36; // u32 ResumeStatus (session.ts)
export const TICKET_BUF: usize = OWN_KEY + 40; // u32 where a received ticket's session is written (0 = none)
export const TICKET_CAP: usize = OWN_KEY + 44; // u32
export const TICKET_LEN: usize = OWN_KEY + 48; // u32 length of the last session written there
export const TICKETS_STORED: usize = OWN_KEY + 52; // u32 NewSessionTickets written to TICKET_BUF
export const TICKETS_SEEN: usize = OWN_KEY + 56; // u32 NewSessionTickets received

// KeyUpdate (client.ts, §4.6.3): how often each direction moved to new keys
export const KEY_UPDATES_IN: usize = OWN_KEY + 60; // u32 the server's
export const KEY_UPDATES_OUT: usize = OWN_KEY + 64; // u32 ours
/** u32 bytes of a NewSessionTicket too large for the handshake buffer still to discard (engine.ts). */
export const HS_SKIP: usize = OWN_KEY + 68;

export const TLS_CLIENT_CTX_SIZE: usize = OWN_KEY + 72;

/** The chain verdict before x509Finish ran. */
export const VERDICT_NONE: u32 = 0xff;

/** How the server's chain verdict is used. */
export const enum VerifyMode {
  /** No validator configured: clientStart refuses (Err.NoVerifier). */
  Unset = 0,
  /** The verdict must be Ok, or the handshake fails with the verdict's alert. */
  Require = 1,
  /** The verdict is kept for the caller; the handshake goes on (node:tls rejectUnauthorized: false). */
  Report = 2,
}

export const CTX_MAGIC: u32 = 0x31534c54; // "TLS1"

// FLAGS bits
export const enum Flag {
  Started = 1,
  HrrSeen = 2,
  CcsSeen = 4,
  CcsSent = 8,
  CertRequested = 16,
  ChainValidated = 32,
  CloseSent = 64,
  CloseReceived = 128,
  TranscriptChosen = 256,
  SniAcked = 512,
  LimitAcked = 1024,
  /** Between a Certificate message's header and its last CertificateEntry (streamed, §4.4.2). */
  CertStreaming = 2048,
  /** max_fragment_length echoed by the server (RFC 6066 §4). */
  MflAcked = 4096,
  /** CertificateRequest allowed ecdsa_secp256r1_sha256 and we have a P-256 certificate: send it. */
  SendOwnCertificate = 8192,
  /**
   * ClientHello carried an empty legacy_session_id (no middlebox compatibility
   * mode, §D.4). client_hello.ts always sends 32 bytes; only the RFC 8448
   * replay (test/assembly/rfc8448-probe.ts) sends the RFC's empty one.
   */
  EmptySessionId = 16384,
  /** We sent a KeyUpdate and no application data since: a peer's request is already answered (§4.6.3). */
  KeyUpdateAnswered = 32768,
}

@inline export function flagSet(ctx: usize, f: u32): void {
  store<u32>(ctx, load<u32>(ctx, FLAGS) | f, FLAGS);
}

@inline export function flagClear(ctx: usize, f: u32): void {
  store<u32>(ctx, load<u32>(ctx, FLAGS) & ~f, FLAGS);
}

@inline export function flagIs(ctx: usize, f: u32): u32 {
  return <u32>((load<u32>(ctx, FLAGS) & f) != 0);
}
