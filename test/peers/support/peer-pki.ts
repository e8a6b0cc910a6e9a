// The certificates the peer tests hand to real servers, made once per test
// file with the openssl command line (test/x509/pki.ts): a CA, ECDSA P-256
// and RSA-2048 server certificates for localhost and 127.0.0.1, an expired
// one, one from a CA the client does not trust, and a client certificate.
import { CA_EXT, Pki, SERVER_EXT, type Cert } from '../../x509/pki.js';

const LOCALHOST = 'subjectAltName=DNS:localhost,IP:127.0.0.1';

export interface PeerPki {
  pki: Pki;
  /** The trust anchor the client is given. */
  ca: Cert;
  ecdsa: Cert;
  rsa: Cert;
  /** Valid 2020-01-01 to 2021-01-01. */
  expired: Cert;
  /** For localhost, issued by a CA the client is not given. */
  untrusted: Cert;
  /** ECDSA P-256, extendedKeyUsage clientAuth, issued by ca. */
  client: Cert;
}

export function makePeerPki(): PeerPki {
  const pki = new Pki();
  const ca = pki.root('EmberTLS Peer Test CA', pki.key('p256'));
  const otherCa = pki.root('Some Other CA', pki.key('p256'));
  const server = (name: string, kind: 'p256' | 'rsa2048', issuer: Cert, dates: { from?: string; to?: string } = {}) =>
    pki.issue(name, { subject: '/CN=localhost', key: pki.key(kind), issuer, ext: [...SERVER_EXT, LOCALHOST], ...dates });
  return {
    pki,
    ca,
    ecdsa: server('ecdsa', 'p256', ca),
    rsa: server('rsa', 'rsa2048', ca),
    expired: server('expired', 'p256', ca, { from: '20200101000000Z', to: '20210101000000Z' }),
    untrusted: server('untrusted', 'p256', otherCa),
    client: pki.issue('client', {
      subject: '/CN=ember-device-01', key: pki.key('p256'), issuer: ca,
      ext: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=clientAuth'],
    }),
  };
}

export { CA_EXT };
