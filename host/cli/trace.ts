// --trace: each step of the handshake in plain words, from the engine's
// state changes (ClientEngine 'state' events), what it negotiated, and the
// record framing on the wire. Steps the engine passed in one go (a server
// that packs its whole flight in one record) are told in order all the same.
import { X509Certificate } from 'node:crypto';
import { HANDSHAKE_STATES, type HandshakeState } from '../tls/client-engine.js';
import { ALERT_NAMES } from '../tls/errors.js';
import type { Session } from './session.js';
import type { Style } from './style.js';

const ALL_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
const ALL_GROUPS = ['x25519', 'P-256'];
const SIGNATURES = 'ECDSA P-256/P-384 with SHA-256/384, Ed25519, RSA-PSS';

/** What the ClientHello offers, in one line. */
export function describeOffer(s: Session): string {
  const suites = s.options.suites ?? ALL_SUITES;
  const groups = s.options.groups ?? ALL_GROUPS;
  return `TLS 1.3 only; cipher suites ${suites.join(', ')}; groups ${groups.join(', ')}`;
}

export class Tracer {
  readonly #s: Session;
  readonly #say: (line: string) => void;
  readonly #style: Style;
  #at = 0;

  constructor(session: Session, say: (line: string) => void, style: Style) {
    this.#s = session;
    this.#say = say;
    this.#style = style;
    const engine = session.socket.engine;
    engine.on('state', (to: HandshakeState) => this.#reach(to));
    engine.on('session', (ticket: Buffer) => this.#ticket(ticket));
    let seen = engine.keyUpdates;
    engine.on('keyUpdate', (now: { received: number; sent: number }) => {
      if (now.received > seen.received) {
        this.#line('<-', 'KeyUpdate', 'the server moved to new traffic keys (RFC 8446 §4.6.3); we read with the next keys from now on');
      }
      if (now.sent > seen.sent) this.#line('->', 'KeyUpdate', 'we moved to new traffic keys, as the server asked (or as we chose)');
      seen = now;
    });
  }

  /** A NewSessionTicket the engine kept (as a session). */
  #ticket(session: Buffer): void {
    const lifetime = session.readUInt32LE(8);
    const ticketLength = session.readUInt32LE(28);
    this.#line('<-', 'NewSessionTicket', `a ${ticketLength}-byte ticket valid for ${lifetime} s: a later connection can resume with it and skip the certificate check (PSK with a fresh key exchange, RFC 8446 §2.2)`);
  }

  #reach(to: HandshakeState): void {
    const index = HANDSHAKE_STATES.indexOf(to);
    if (to === 'Failed') return;
    const resumed = this.#s.socket.engine.resumed;
    for (let i = this.#at + 1; i <= index; i++) {
      const state = HANDSHAKE_STATES[i];
      // ExpectCertificate is reached only through a CertificateRequest: never tell it in passing.
      if (state === 'ExpectCertificate' && i !== index) continue;
      // A resumed handshake goes from EncryptedExtensions to Finished (RFC 8446 §2.2).
      if (resumed && (state === 'ExpectCertificateOrRequest' || state === 'ExpectCertificate' || state === 'ExpectCertificateVerify')) continue;
      this.#step(state);
    }
    this.#at = Math.max(this.#at, index);
  }

  #line(arrow: string, what: string, detail: string): void {
    const st = this.#style;
    this.#say(`${st.dim(arrow)} ${st.bold(what)}: ${detail}`);
  }

  #step(state: HandshakeState): void {
    const s = this.#s;
    const e = s.socket.engine;
    switch (state) {
      case 'ExpectServerHello': {
        const groups = s.options.groups ?? ALL_GROUPS;
        const limit = e.recordSizeLimit.sent;
        this.#line('->', 'ClientHello', `${describeOffer(s)}; a key share for ${groups[0]} only (the server may ask for another); signatures ${SIGNATURES}`);
        this.#say(`   server name (SNI) ${s.servername ?? '(none: an IP address)'}; ALPN ${s.options.alpn?.join(', ') ?? '(none)'}; record_size_limit ${limit} (our receive buffer is ${e.sizes.recordBuffer} bytes)`);
        const resume = e.resumeStatus;
        if (resume === 'offered') this.#say('   offering the saved session (a ticket and its binder): the server may skip the certificate');
        else if (resume === 'expired') this.#say('   the saved session is past its lifetime: not offered, a full handshake');
        else if (resume === 'suite-mismatch') this.#say('   the saved session\'s cipher suite is not offered now: not offered, a full handshake');
        break;
      }
      case 'ExpectEncryptedExtensions': {
        if (e.resumeStatus === 'declined') {
          this.#line('<-', 'ServerHello', 'the server did not take our session: it no longer knows the ticket (restarted, or rotated its ticket keys) or will not resume; a full handshake follows');
        }
        if (s.wire.sawHelloRetryRequest) {
          this.#line('<-', 'HelloRetryRequest', `the server wants a key share for ${e.group}, not the one we sent; we sent a second ClientHello with it (RFC 8446 §4.1.4)`);
        }
        this.#line('<-', 'ServerHello', `the server chose ${e.cipher} and ${e.group}${e.resumed ? ', and took our session ticket: a resumed handshake' : ''}`);
        this.#line('**', 'keys', `handshake keys derived from the ${e.group} shared secret${e.resumed ? ' and the session\'s pre-shared key' : ''} (RFC 8446 §7.1): from here on the handshake is encrypted`);
        break;
      }
      case 'ExpectCertificateOrRequest': {
        const peer = e.recordSizeLimit.peer;
        const alpn = e.alpnProtocol;
        const mfl = (e as { maxFragment?: { sent: number; acked: boolean } }).maxFragment;
        const sizing = mfl?.acked
          ? `the server accepted max_fragment_length ${mfl.sent} (RFC 6066): records of at most ${mfl.sent} bytes each way`
          : peer
            ? `the server accepts our record_size_limit and takes records up to ${peer} bytes`
            : 'no record_size_limit: the server does not support RFC 8449 and may send records up to 16 KiB';
        this.#line('<-', 'EncryptedExtensions', `ALPN ${alpn === false ? '(none chosen)' : alpn}; ${sizing}`);
        break;
      }
      case 'ExpectCertificate':
        this.#line('<-', 'CertificateRequest', 'the server asks the device for a client certificate (mutual TLS)');
        break;
      case 'ExpectCertificateVerify':
        this.#line('<-', 'Certificate', this.#certificate());
        break;
      case 'ExpectFinished':
        if (e.resumed) {
          this.#line('<-', 'EncryptedExtensions', `ALPN ${e.alpnProtocol === false ? '(none chosen)' : e.alpnProtocol}; no certificate follows: the session's key proves the server is the one we checked before`);
          break;
        }
        this.#line('<-', 'CertificateVerify', `the server signed the handshake so far with ${e.signatureScheme}; the signature checks against the certificate's key, so the server holds its private key`);
        break;
      case 'Connected':
        this.#line('<-', 'Finished', 'the server\'s MAC over the whole handshake matches ours: nothing was altered in transit');
        this.#line('->', 'Finished', 'ours, so the server can check the same');
        this.#line('**', 'keys', 'application traffic keys in use (RFC 8446 §7.1); the handshake is done');
        this.#say(`   largest record from the server so far: ${s.wire.largestRecord} bytes`);
        break;
      case 'Closed':
        this.#line('<>', 'close_notify', 'both sides said they are done: the connection closed cleanly, nothing was cut off');
        break;
      default:
        break;
    }
  }

  #certificate(): string {
    const s = this.#s;
    const cert = s.socket.getPeerCertificate() as Record<string, any>;
    if (!cert.raw) {
      return s.caPem
        ? 'received; NOT checked against the CA: this build\'s engine does not validate certificates yet'
        : 'received; NOT checked: no --ca was given, so anyone could be answering (fine for a test, never for a device)';
    }
    const leaf = new X509Certificate(cert.raw as Buffer);
    const parts = [`for ${leaf.subject.replace(/\n/g, ', ')} (${cert.subjectaltname ?? 'no subjectAltName'}), valid ${cert.valid_from} to ${cert.valid_to}, issued by ${leaf.issuer.replace(/\n/g, ', ')}`];
    // The engine's own verdict (taken as the Certificate message streamed in), where the build has one.
    const verdict = (s.socket.engine as { verdict?: { code: string; message: string } }).verdict;
    if (s.caPem) {
      const ca = new X509Certificate(s.caPem);
      const signedByCa = leaf.checkIssued(ca) && leaf.verify(ca.publicKey);
      const trusted = verdict ? verdict.code === 'OK' : s.socket.authorized;
      parts.push(trusted
        ? `trusted: the chain ends at the CA ${ca.subject.replace(/\n/g, ', ')} from ${s.options.caFile}${signedByCa ? ', which signed it directly' : ''}, it is valid today and names ${s.servername ?? s.options.host}`
        : `NOT trusted: ${verdict ? `${verdict.code}: ${verdict.message}` : (s.socket.authorizationError?.message ?? 'not validated')}`);
    } else {
      parts.push(`NOT checked: no --ca was given${verdict ? ` (the engine says ${verdict.code})` : ''}`);
    }
    return parts.join('; ');
  }

  /** An alert, in words. */
  alert(alert: number, fromPeer: boolean): void {
    const name = ALERT_NAMES[alert] ?? `alert ${alert}`;
    this.#line(fromPeer ? '<-' : '->', `alert ${name}`, ALERT_MEANINGS[name] ?? 'see RFC 8446 §6.2');
  }
}

const ALERT_MEANINGS: Record<string, string> = {
  close_notify: 'the sender will send nothing more',
  unexpected_message: 'a message came at the wrong step of the handshake',
  bad_record_mac: 'a record failed authentication: bytes were altered in transit',
  record_overflow: 'a record was larger than the receiver accepts',
  handshake_failure: 'no acceptable set of parameters (version, cipher suite, group)',
  bad_certificate: 'a certificate was corrupt or its signature did not verify',
  certificate_expired: 'a certificate is outside its validity dates (or the clock is wrong)',
  certificate_unknown: 'a certificate was refused for another reason',
  illegal_parameter: 'a field held a value that is not allowed there',
  unknown_ca: 'the certificate chain does not end at a trusted CA',
  decode_error: 'a message could not be parsed',
  decrypt_error: 'a signature or Finished did not verify',
  protocol_version: 'the peer does not support the offered TLS version',
  insufficient_security: 'the peer wants stronger parameters',
  internal_error: 'the sender failed for a reason of its own',
  missing_extension: 'a required extension was not sent',
  unsupported_extension: 'an extension was sent that was not asked for',
  unrecognized_name: 'the server has no site for the SNI name',
  certificate_required: 'the server requires a client certificate',
  no_application_protocol: 'no shared ALPN protocol',
};
