// The X.509 validator's verdicts: one stable code per way a chain can fail
// (issue 5's list), plus a finer reason that says which rule failed, so the
// host can explain it without parsing anything itself. Codes are part of the
// wasm ABI: never renumber, only append.

export const enum X509Error {
  Ok = 0,
  /** Bytes that are not one strict-DER certificate (RFC 5280 §4.1, X.690 §10). */
  Malformed = 1,
  /** No path from the leaf to any trust anchor by issuer/subject names. */
  UnknownIssuer = 2,
  /** A signature in the path does not verify under its issuer's key. */
  BadSignature = 3,
  /** The given time is after a certificate's notAfter (RFC 5280 §4.1.2.5). */
  Expired = 4,
  /** The given time is before a certificate's notBefore. */
  NotYetValid = 5,
  /** The leaf's subjectAltName has no entry for the expected host or IP (RFC 6125 §6). */
  HostnameMismatch = 6,
  /** An issuing certificate is not a CA (basicConstraints cA, RFC 5280 §4.2.1.9). */
  NotACa = 7,
  /** pathLenConstraint exceeded, or more certificates than the validator's budget. */
  PathTooLong = 8,
  /** keyUsage or extendedKeyUsage does not allow the use (RFC 5280 §4.2.1.3, §4.2.1.12). */
  BadKeyUsage = 9,
  /** A leaf name outside a CA's permitted subtrees or inside its excluded ones (§4.2.1.10). */
  NameConstraintViolation = 10,
  /** MD5 or SHA-1 signature, or an RSA key under 2048 bits. */
  WeakAlgorithm = 11,
  /** A signature algorithm, key type or curve the engine does not implement. */
  UnsupportedAlgorithm = 12,
  /** A critical extension the validator does not process (RFC 5280 §4.2). */
  UnknownCriticalExtension = 13,
  /** x509Begin got a bad argument (unknown purpose, IP not 4 or 16 bytes, hostname too long). */
  BadArgument = 14,
}

/** Which rule failed: detail for messages, beside the stable code. */
export const enum X509Reason {
  None = 0,
  // Malformed
  BadDer = 1,
  // UnknownIssuer
  NoIssuer = 2,
  SelfSigned = 3,
  AnchorsOverBudget = 4,
  NoLeaf = 5,
  // PathTooLong
  PathLenConstraint = 6,
  ChainOverBudget = 7,
  // BadKeyUsage
  NoKeyCertSign = 8,
  NoDigitalSignature = 9,
  ExtKeyUsage = 10,
  // NameConstraintViolation
  NameExcluded = 11,
  NameNotPermitted = 12,
  NameFormUnsupported = 13,
  TooManyNames = 14,
  // WeakAlgorithm
  WeakHash = 15,
  WeakRsaKey = 16,
  // UnsupportedAlgorithm
  UnsupportedSignature = 17,
  UnsupportedKey = 18,
  KeyMismatch = 19,
  // HostnameMismatch
  NoSubjectAltName = 20,
  NameMismatch = 21,
}
