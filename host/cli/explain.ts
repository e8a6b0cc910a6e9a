// Why a connection failed and what to do about it, in the words of someone
// who ships firmware: each error the engine or the network can give, mapped
// to a likely cause and a fix. Facts about this connection (the offer, the
// record sizes seen on the wire, the certificate's dates and names, the
// device clock) are filled in where they make the advice concrete.
import type { TlsError } from '../tls/errors.js';
import type { Session } from './session.js';

export interface Diagnosis {
  /** One line: what went wrong. */
  cause: string;
  /** What to change, in plain words. */
  fix: string;
}

interface Facts {
  error: Error & Partial<TlsError> & { code?: unknown };
  session: Session;
  offer: string;
}

const certificateDates = (cert: Record<string, unknown>, now: Date) =>
  cert.valid_from ? `the certificate is valid from ${cert.valid_from} to ${cert.valid_to}; the device clock says ${now.toUTCString()}` : `the device clock says ${now.toUTCString()}`;

type Rule = (f: Facts) => Diagnosis | undefined;

const RULES: Record<string, Rule> = {
  ECONNREFUSED: ({ session: s }) => ({
    cause: `nothing accepts connections on ${s.options.host}:${s.options.port}`,
    fix: 'check the host and port, and that the server is running and reachable from here (firewall, container port mapping)',
  }),
  ENOTFOUND: ({ session: s }) => ({
    cause: `the name ${s.options.host} does not resolve (DNS)`,
    fix: 'check the spelling, or use the IP address with --servername for the certificate name',
  }),
  Timeout: () => ({
    cause: 'the server did not answer in time',
    fix: 'check that the port speaks TLS (not plain HTTP or MQTT) and that nothing drops the packets',
  }),
  'PeerAlert(protocol_version)': () => ({
    cause: 'the server does not speak TLS 1.3 (it answered protocol_version: it wants an older version); EmberTLS speaks only TLS 1.3',
    fix: 'enable TLS 1.3 on the server (OpenSSL 1.1.1 or later, nginx ssl_protocols TLSv1.3, mosquitto tls_version tlsv1.3)',
  }),
  'PeerAlert(handshake_failure)': ({ offer }) => ({
    cause: `the server found nothing it accepts in our offer: no shared TLS version, cipher suite or group (we offered ${offer})`,
    fix: 'run `embertls doctor host:port` to see which versions, suites and groups the server takes, then enable TLS 1.3 with one of ours on the server',
  }),
  'PeerAlert(insufficient_security)': ({ offer }) => ({
    cause: `the server wants stronger parameters than we offered (${offer})`,
    fix: 'compare the server\'s cipher suite and group settings with `embertls doctor host:port`',
  }),
  'PeerAlert(certificate_required)': () => ({
    cause: 'the server requires a client certificate (mutual TLS) and the device sent none',
    fix: 'give the device its certificate and key: --cert device.pem --key device.key (ECDSA P-256), issued by a CA the server trusts',
  }),
  'PeerAlert(bad_certificate)': () => ({
    cause: 'the server rejected the client certificate',
    fix: 'check that the device certificate is issued by the CA the server trusts, is valid now and has extendedKeyUsage clientAuth',
  }),
  'PeerAlert(unknown_ca)': () => ({
    cause: 'the server does not know the CA that issued the client certificate',
    fix: 'add the device CA to the server\'s trusted client CAs (OpenSSL -CAfile, mosquitto cafile)',
  }),
  'PeerAlert(unrecognized_name)': ({ session: s }) => ({
    cause: `the server has no site for the name we sent (SNI ${s.options.servername ?? s.options.host})`,
    fix: 'set --servername to the name the server is configured for',
  }),
  'PeerAlert(no_application_protocol)': ({ session: s }) => ({
    cause: `the server speaks none of the ALPN protocols we offered (${(s.options.alpn ?? []).join(', ')})`,
    fix: 'offer the protocol the server expects with --alpn (for example http/1.1, or mqtt)',
  }),
  'PeerAlert(record_overflow)': () => ({
    cause: 'the server received a record larger than it accepts',
    fix: 'send smaller records: a smaller --record-size',
  }),
  RecordTooLargeForBuffer: ({ session: s }) => ({
    cause: `the server sent a ${s.wire.largestRecord}-byte record but the receive buffer holds ${s.socket.engine.sizes.recordBuffer} bytes: it ignored the record_size_limit we sent (RFC 8449; OpenSSL 3.0 and Node do not implement it)${maxFragmentSent(s) ? ` and the max_fragment_length ${maxFragmentSent(s)} (RFC 6066)` : ''}`,
    fix: 'give the device a 16 KiB + 261-byte receive buffer (--record-size 16645), or cap the server\'s records (OpenSSL -max_send_frag / SSL_CTX_set_max_send_fragment, Node setMaxSendFragment), or use a server that honours record_size_limit (GnuTLS, wolfSSL)',
  }),
  HandshakeTooLarge: ({ session: s }) => ({
    cause: `a handshake message (usually the server's certificate chain) is larger than the ${s.socket.engine.sizes.handshakeBuffer}-byte handshake buffer`,
    fix: 'give a larger handshake buffer, or send a shorter chain from the server (leaf + intermediates only, no root; ECDSA certificates are smaller than RSA)',
  }),
  LeafKeyNotKept: ({ session: s }) => ({
    cause: `the X.509 validator's ${s.socket.engine.sizes.verifier}-byte context could not keep the server's certificate, so its key could not check the CertificateVerify`,
    fix: 'give the validator a larger context (verifierSize; `embertls doctor host:port --ca FILE` finds the smallest that takes this server\'s chain)',
  }),
  ProtocolVersion: () => ({
    cause: 'the server answered with a version other than TLS 1.3',
    fix: 'enable TLS 1.3 on the server',
  }),
  DowngradeDetected: () => ({
    cause: 'the server\'s random carries the TLS 1.2 downgrade sentinel (RFC 8446 §4.1.3): something between us removed TLS 1.3, or the server is misconfigured',
    fix: 'look for a middlebox or proxy that rewrites TLS; enable TLS 1.3 end to end',
  }),
  BadCertificateVerify: () => ({
    cause: 'the server\'s CertificateVerify signature does not match its certificate: it does not hold the certificate\'s private key',
    fix: 'check that the server\'s key file belongs to its certificate; otherwise someone may be intercepting the connection',
  }),
  IncorrectFinished: () => ({
    cause: 'the server\'s Finished does not match the handshake we saw: the bytes were altered in transit',
    fix: 'look for a middlebox rewriting TLS; retry on another network',
  }),
  BadRecordMac: () => ({
    cause: 'a record failed authentication: the bytes were altered in transit or the keys differ',
    fix: 'look for a middlebox or a flaky link (serial bridge, modem) that corrupts bytes',
  }),
  'PeerAlert(decrypt_error)': () => ({
    cause: 'the server could not verify our Finished or signature',
    fix: 'if a client certificate is used, check that the key matches it',
  }),
  certificate_expired: ({ session: s }) => ({
    cause: `the server certificate is outside its validity period: ${certificateDates(s.socket.getPeerCertificate(), new Date())}`,
    fix: 'if the dates are right, renew the server certificate; if the device clock is wrong (no RTC, no NTP yet), set the time before connecting',
  }),
  unknown_ca: ({ session: s }) => ({
    cause: `the server certificate was issued by ${issuerOf(s)}, which is not among the trusted CAs${s.options.caFile ? ` in ${s.options.caFile}` : ''}`,
    fix: 'give the CA that issued the server certificate with --ca (the root, and make the server send its intermediates)',
  }),
  hostname: ({ session: s }) => ({
    cause: `the certificate is not for ${s.options.servername ?? s.options.host}: it names ${String(s.socket.getPeerCertificate().subjectaltname ?? 'no subjectAltName')}`,
    fix: 'connect with the name in the certificate (--servername), or reissue the certificate with this name in subjectAltName',
  }),
  notValidated: () => ({
    cause: 'the certificate chain could not be checked: this build of EmberTLS has no certificate validation in the engine yet',
    fix: 'run without --ca to connect unauthenticated (for tests only), or use a build with validation',
  }),
  ConnectionClosed: () => ({
    cause: 'the server closed the connection without an alert',
    fix: 'look at the server\'s log: it may reject TLS 1.3 ClientHellos it cannot parse, or limit connections',
  }),
};

function maxFragmentSent(s: Session): number {
  return (s.socket.engine as { maxFragment?: { sent: number } }).maxFragment?.sent ?? 0;
}

function issuerOf(s: Session): string {
  const issuer = s.socket.getPeerCertificate().issuer as Record<string, string> | undefined;
  return issuer?.CN ? `"${issuer.CN}"` : 'a CA';
}

/** The engine's verdict on the chain (host/tls/verdict.ts ChainVerdict), where the build has one. */
interface Verdict {
  code: string;
  message: string;
}

/** Fixes for the validator's codes; its message already says what is wrong, with dates and names. */
const VERDICT_FIXES: Record<string, (s: Session) => string> = {
  EXPIRED: () => 'if the device clock is right, renew the server certificate; if the clock is wrong (no RTC, NTP not yet synced), set the time before connecting',
  NOT_YET_VALID: () => 'set the device clock before connecting (a board without RTC starts in 1970 or 2000); if the clock is right, the certificate was issued with a future start date',
  UNKNOWN_ISSUER: (s) => `give the CA that issued the server certificate with --ca${s.options.caFile ? ` (${s.options.caFile} is not it)` : ''}, and make the server send its intermediate certificates`,
  HOSTNAME_MISMATCH: () => 'connect with a name the certificate has (--servername), or reissue the certificate with this name in subjectAltName',
  BAD_SIGNATURE: () => 'the chain was altered or mixed up: check that the server sends its own intermediates in order',
  WEAK_ALGORITHM: () => 'reissue the certificate with SHA-256 and ECDSA P-256 or RSA-2048 or larger',
  UNSUPPORTED_ALGORITHM: () => 'use ECDSA P-256/P-384, Ed25519 or RSA certificates',
  BAD_KEY_USAGE: () => 'reissue the server certificate with keyUsage digitalSignature and extendedKeyUsage serverAuth',
  NOT_A_CA: () => 'the issuing certificate must have basicConstraints CA:TRUE',
};

/** The likely cause and the fix for an error that ended a connection. */
export function diagnose(error: Error, session: Session, offer: string): Diagnosis {
  const e = error as Facts['error'];
  const f: Facts = { error: e, session, offer };
  const verdict = (e as { verdict?: Verdict }).verdict;
  if (verdict && verdict.code !== 'OK') {
    const fix = VERDICT_FIXES[verdict.code]?.(session) ?? 'look at the certificate chain the server sends (openssl s_client -showcerts)';
    return { cause: `${verdict.code}: ${verdict.message}`, fix };
  }
  const keys = [
    typeof e.code === 'string' ? e.code : undefined,
    e.name,
    e.codeName,
    /host ?name|HOSTNAME/i.test(e.message) ? 'hostname' : undefined,
    e.alertName && e.origin !== 'peer' ? e.alertName : undefined,
    /not validated/.test(e.message) ? 'notValidated' : undefined,
  ];
  for (const key of keys) {
    const d = key ? RULES[key]?.(f) : undefined;
    if (d) return d;
  }
  if (e.origin === 'peer') {
    return { cause: `the server ended the handshake with a ${e.alertName} alert`, fix: 'look at the server\'s log for the reason it gives' };
  }
  return { cause: e.message, fix: 'run again with --trace to see the step where it failed' };
}
