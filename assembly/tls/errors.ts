// Error codes of the TLS engine, picotls style: the low byte of a code is the
// alert to send (RFC 8446 §6.2), so no table maps one to the other; the class
// bits say who failed, and bits 12 and up tell apart failures that share an
// alert. Each code is named for what the peer (or we) did.
//
//   0x000  the peer misbehaved: we send the alert in the low byte
//   0x100  the peer sent us this fatal alert (nothing is sent back)
//   0x200  internal: our own limit or misuse (we send internal_error, 80)
//
// Errors are sticky: once an engine fails, every later call reports the same
// code (engine.ts).

/** AlertDescription values (RFC 8446 §6). */
export const enum Alert {
  CloseNotify = 0,
  UnexpectedMessage = 10,
  BadRecordMac = 20,
  RecordOverflow = 22,
  HandshakeFailure = 40,
  BadCertificate = 42,
  UnsupportedCertificate = 43,
  CertificateExpired = 45,
  CertificateUnknown = 46,
  IllegalParameter = 47,
  UnknownCa = 48,
  DecodeError = 50,
  DecryptError = 51,
  ProtocolVersion = 70,
  InternalError = 80,
  UserCanceled = 90,
  MissingExtension = 109,
  UnsupportedExtension = 110,
  NoApplicationProtocol = 120,
}

export const ERR_PEER_ALERT: i32 = 0x100;
export const ERR_INTERNAL: i32 = 0x200;

export const enum Err {
  None = 0,
  // unexpected_message (10)
  UnexpectedMessage = 10,
  /** A ChangeCipherSpec that is not the single 0x01 allowed during the handshake (§D.4, §5). */
  UnexpectedChangeCipherSpec = 10 | (1 << 12),
  /** Handshake data left over in a record when the keys changed (§5.1). */
  KeyChangeNotOnRecordBoundary = 10 | (2 << 12),
  /** A second HelloRetryRequest (§4.1.4). */
  SecondHelloRetryRequest = 10 | (3 << 12),
  /** A handshake or alert record with no content (§5.1, §5.4: all padding). */
  EmptyRecord = 10 | (4 << 12),
  /** A record content type that TLS 1.3 does not know or not at this point. */
  UnexpectedContentType = 10 | (5 << 12),
  /** Application data before the handshake finished. */
  EarlyApplicationData = 10 | (6 << 12),
  // bad_record_mac (20)
  BadRecordMac = 20,
  // record_overflow (22)
  RecordOverflow = 22,
  /** A protected record whose plaintext is over 2^14 bytes (or the limit we set). */
  PlaintextOverflow = 22 | (1 << 12),
  // handshake_failure (40)
  HandshakeFailure = 40,
  // bad_certificate (42)
  BadCertificate = 42,
  // unsupported_certificate (43)
  UnsupportedCertificate = 43,
  // illegal_parameter (47)
  IllegalParameter = 47,
  /** ServerHello chose a cipher suite we did not offer (§4.1.3). */
  SuiteNotOffered = 47 | (1 << 12),
  /** ServerHello or HelloRetryRequest chose a group we did not offer or already sent (§4.1.4, §4.2.8). */
  GroupNotOffered = 47 | (2 << 12),
  /** ServerHello.random carries a TLS 1.2/1.1 downgrade sentinel (§4.1.3). */
  DowngradeDetected = 47 | (3 << 12),
  /** The same extension twice in one block (§4.2). */
  DuplicateExtension = 47 | (4 << 12),
  /** legacy_session_id_echo differs from what we sent (§4.1.3). */
  SessionIdMismatch = 47 | (5 << 12),
  /** The key share is not a valid point for its group (§4.2.8.1, §4.2.8.2). */
  BadKeyShare = 47 | (6 << 12),
  /** CertificateVerify uses a scheme we did not offer or that does not fit the key (§4.4.3). */
  SignatureSchemeNotOffered = 47 | (7 << 12),
  /** The server picked an ALPN protocol we did not offer (RFC 7301 §3.2). */
  AlpnNotOffered = 47 | (8 << 12),
  /** A HelloRetryRequest that would change nothing (§4.1.4). */
  HelloRetryRequestChangesNothing = 47 | (9 << 12),
  /** supported_versions selected something other than TLS 1.3 (§4.2.1). */
  BadSelectedVersion = 47 | (10 << 12),
  /** A record_size_limit under 64 (RFC 8449 §4). */
  BadRecordSizeLimit = 47 | (11 << 12),
  /** legacy_compression_method is not 0 (§4.1.3). */
  BadCompressionMethod = 47 | (12 << 12),
  /** ServerHello's pre_shared_key names an identity we did not offer, or its suite's hash is not the PSK's (§4.2.11). */
  BadPskSelection = 47 | (13 << 12),
  // decode_error (50)
  DecodeError = 50,
  /** A Certificate message with no certificate in it (§4.4.2.4). */
  EmptyCertificate = 50 | (1 << 12),
  // decrypt_error (51)
  /** The server's Finished does not match our transcript (§4.4.4). */
  IncorrectFinished = 51,
  /** The CertificateVerify signature does not verify under the leaf's key (§4.4.3). */
  BadCertificateVerify = 51 | (1 << 12),
  // protocol_version (70)
  /** The server did not negotiate TLS 1.3 (no supported_versions, §4.2.1). */
  ProtocolVersion = 70,
  // missing_extension (109)
  MissingExtension = 109,
  // unsupported_extension (110)
  /** An extension we did not send in ClientHello (§4.2). */
  UnsupportedExtension = 110,
  // internal (0x200 | internal_error)
  /** A handshake message larger than the handshake buffer the caller gave. */
  HandshakeTooLarge = 0x200 | 80 | (1 << 12),
  /** A record larger than the receive buffer the caller gave. */
  RecordTooLargeForBuffer = 0x200 | 80 | (2 << 12),
  /** The send buffer cannot hold the record we must write. */
  SendBufferTooSmall = 0x200 | 80 | (3 << 12),
  /** A call out of order (e.g. configuration after start, bad buffer sizes). */
  BadConfiguration = 0x200 | 80 | (4 << 12),
  /** A sequence number would wrap (§5.3): the connection must end. */
  SequenceExhausted = 0x200 | 80 | (5 << 12),
  /** The peer's certificate key or CertificateVerify scheme is one this build cannot check. */
  UnsupportedPeerKey = 0x200 | 80 | (6 << 12),
  /** The caller closed the connection before the handshake finished (we send user_canceled). */
  Canceled = 0x200 | 90,
  /** The peer closed during the handshake or with close_notify missing (reported by the host). */
  ConnectionClosed = 0x200 | 80 | (7 << 12),
  /** clientStart without a certificate validator (clientSetVerifier): we never run unauthenticated. */
  NoVerifier = 0x200 | 80 | (8 << 12),
  /** The X.509 validator's context did not keep the server's leaf (over its budget): no key to check CertificateVerify with. */
  LeafKeyNotKept = 0x200 | 80 | (9 << 12),

  // ---- The server's chain was refused by the X.509 validator (assembly/x509/codes.ts) ----
  // Bits 12 and up are 0x20 | X509Error, so the validator's code is in the
  // error itself. The alert is RFC 8446 §6.2's for what failed:
  //   bad_certificate (42)        "corrupt, contained signatures that did not verify correctly":
  //                               malformed DER, a chain signature that fails, a certificate
  //                               not valid for the host, a non-CA issuer, pathLen, name constraints
  //   unsupported_certificate (43) "of an unsupported type": a key or signature algorithm we do not
  //                               implement or refuse (MD5, SHA-1, RSA < 2048), an unknown critical
  //                               extension, a (extended) key usage that does not allow this use
  //   certificate_expired (45)    "has expired or is not currently valid": both validity ends
  //   unknown_ca (48)             "the CA certificate could not be located or ... matched with a
  //                               known trust anchor"
  // decrypt_error (51) is not used for a chain signature: §6.2 keeps it for
  // the handshake's own cryptography (CertificateVerify, Finished, binders).
  ChainMalformed = 42 | ((0x20 | 1) << 12),
  ChainUnknownCa = 48 | ((0x20 | 2) << 12),
  ChainBadSignature = 42 | ((0x20 | 3) << 12),
  ChainExpired = 45 | ((0x20 | 4) << 12),
  ChainNotYetValid = 45 | ((0x20 | 5) << 12),
  ChainHostnameMismatch = 42 | ((0x20 | 6) << 12),
  ChainNotACa = 42 | ((0x20 | 7) << 12),
  ChainPathTooLong = 42 | ((0x20 | 8) << 12),
  ChainBadKeyUsage = 43 | ((0x20 | 9) << 12),
  ChainNameConstraintViolation = 42 | ((0x20 | 10) << 12),
  ChainWeakAlgorithm = 43 | ((0x20 | 11) << 12),
  ChainUnsupportedAlgorithm = 43 | ((0x20 | 12) << 12),
  ChainUnknownCriticalExtension = 43 | ((0x20 | 13) << 12),
}

/** The Err for a chain verdict (X509Error 1..13); 0 for Ok. */
export function chainError(verdict: u32): i32 {
  if (verdict == 0) return 0;
  if (verdict == 2) return Err.ChainUnknownCa;
  if (verdict == 4 || verdict == 5) return 45 | (<i32>(0x20 | verdict) << 12);
  if (verdict == 9 || verdict == 11 || verdict == 12 || verdict == 13) return 43 | (<i32>(0x20 | verdict) << 12);
  if (verdict > 13) return Err.BadConfiguration; // BadArgument: a context never begun
  return 42 | (<i32>(0x20 | verdict) << 12);
}

/** The X509Error inside a chain Err, or 0 when e is not one. */
@inline export function chainVerdictOf(e: i32): u32 {
  const hi = <u32>(e >> 12);
  return (hi & 0x20) != 0 && (e & 0x300) == 0 ? hi & 0x1f : 0;
}

/** The alert to send for code e (0x100 codes send nothing: see shouldSendAlert). */
@inline export function alertOf(e: i32): u8 {
  return <u8>(e & 0xff);
}

/** 1 when failing with e must send an alert to the peer (it did not send one itself). */
@inline export function shouldSendAlert(e: i32): u32 {
  return <u32>((e & ERR_PEER_ALERT) == 0);
}

/** The code for a fatal alert the peer sent us. */
@inline export function peerAlert(description: u32): i32 {
  return ERR_PEER_ALERT | <i32>(description & 0xff);
}
