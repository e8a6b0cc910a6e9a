// Names for the engine's error codes (assembly/tls/errors.ts): the low byte
// is the alert sent to the peer (RFC 8446 §6.2), 0x100 means the peer sent
// that alert, 0x200 an internal limit. Kept in step with the enum by a test.
import type { ChainVerdict } from './verdict.js';

export const ALERT_NAMES: Record<number, string> = {
  0: 'close_notify', 10: 'unexpected_message', 20: 'bad_record_mac', 22: 'record_overflow', 40: 'handshake_failure',
  42: 'bad_certificate', 43: 'unsupported_certificate', 44: 'certificate_revoked', 45: 'certificate_expired',
  46: 'certificate_unknown', 47: 'illegal_parameter', 48: 'unknown_ca', 49: 'access_denied', 50: 'decode_error',
  51: 'decrypt_error', 70: 'protocol_version', 71: 'insufficient_security', 80: 'internal_error',
  86: 'inappropriate_fallback', 90: 'user_canceled', 109: 'missing_extension', 110: 'unsupported_extension',
  112: 'unrecognized_name', 113: 'bad_certificate_status_response', 115: 'unknown_psk_identity',
  116: 'certificate_required', 120: 'no_application_protocol',
};

const k = (alert: number, n = 0, cls = 0) => alert | cls | (n << 12);

/** Err values, by name (assembly/tls/errors.ts). */
export const ERR = {
  UnexpectedMessage: k(10),
  UnexpectedChangeCipherSpec: k(10, 1),
  KeyChangeNotOnRecordBoundary: k(10, 2),
  SecondHelloRetryRequest: k(10, 3),
  EmptyRecord: k(10, 4),
  UnexpectedContentType: k(10, 5),
  EarlyApplicationData: k(10, 6),
  BadRecordMac: k(20),
  RecordOverflow: k(22),
  PlaintextOverflow: k(22, 1),
  HandshakeFailure: k(40),
  BadCertificate: k(42),
  UnsupportedCertificate: k(43),
  IllegalParameter: k(47),
  SuiteNotOffered: k(47, 1),
  GroupNotOffered: k(47, 2),
  DowngradeDetected: k(47, 3),
  DuplicateExtension: k(47, 4),
  SessionIdMismatch: k(47, 5),
  BadKeyShare: k(47, 6),
  SignatureSchemeNotOffered: k(47, 7),
  AlpnNotOffered: k(47, 8),
  HelloRetryRequestChangesNothing: k(47, 9),
  BadSelectedVersion: k(47, 10),
  BadRecordSizeLimit: k(47, 11),
  BadCompressionMethod: k(47, 12),
  BadPskSelection: k(47, 13),
  DecodeError: k(50),
  EmptyCertificate: k(50, 1),
  IncorrectFinished: k(51),
  BadCertificateVerify: k(51, 1),
  ProtocolVersion: k(70),
  MissingExtension: k(109),
  UnsupportedExtension: k(110),
  HandshakeTooLarge: k(80, 1, 0x200),
  RecordTooLargeForBuffer: k(80, 2, 0x200),
  SendBufferTooSmall: k(80, 3, 0x200),
  BadConfiguration: k(80, 4, 0x200),
  SequenceExhausted: k(80, 5, 0x200),
  UnsupportedPeerKey: k(80, 6, 0x200),
  ConnectionClosed: k(80, 7, 0x200),
  Canceled: k(90, 0, 0x200),
  NoVerifier: k(80, 8, 0x200),
  LeafKeyNotKept: k(80, 9, 0x200),
  // The X.509 validator refused the server's chain: bits 12.. = 0x20 | X509Error.
  ChainMalformed: k(42, 0x21),
  ChainUnknownCa: k(48, 0x22),
  ChainBadSignature: k(42, 0x23),
  ChainExpired: k(45, 0x24),
  ChainNotYetValid: k(45, 0x25),
  ChainHostnameMismatch: k(42, 0x26),
  ChainNotACa: k(42, 0x27),
  ChainPathTooLong: k(42, 0x28),
  ChainBadKeyUsage: k(43, 0x29),
  ChainNameConstraintViolation: k(42, 0x2a),
  ChainWeakAlgorithm: k(43, 0x2b),
  ChainUnsupportedAlgorithm: k(43, 0x2c),
  ChainUnknownCriticalExtension: k(43, 0x2d),
} as const;

const NAMES = new Map<number, string>(Object.entries(ERR).map(([name, code]) => [code, name]));

/** A failed TLS engine: the code, its name, the alert and who failed. */
export class TlsError extends Error {
  /** For a refused certificate chain: the validator's verdict (code such as 'HOSTNAME_MISMATCH', reason, message). */
  readonly verdict: ChainVerdict | undefined;
  readonly code: number;
  readonly codeName: string;
  readonly alert: number;
  readonly alertName: string;
  /** 'peer': the server sent this alert; 'local': we detected it (and sent the alert); 'internal': our limit. */
  readonly origin: 'peer' | 'local' | 'internal';

  constructor(code: number, verdict?: ChainVerdict) {
    const alert = code & 0xff;
    const origin = code & 0x100 ? 'peer' : code & 0x200 ? 'internal' : 'local';
    const alertName = ALERT_NAMES[alert] ?? `alert ${alert}`;
    const codeName = origin === 'peer' ? `PeerAlert(${alertName})` : (NAMES.get(code) ?? `Error0x${code.toString(16)}`);
    const chain = origin === 'local' && (code >> 12) & 0x20 && verdict && verdict.code !== 'OK' ? verdict : undefined;
    super(origin === 'peer' ? `the server sent a fatal ${alertName} alert`
      : chain ? `certificate check failed: ${chain.code}: ${chain.message} (alert ${alertName} sent)`
        : `TLS handshake failed: ${codeName} (alert ${alertName})`);
    this.verdict = chain;
    this.name = 'TlsError';
    this.code = code;
    this.codeName = codeName;
    this.alert = alert;
    this.alertName = alertName;
    this.origin = origin;
  }
}
