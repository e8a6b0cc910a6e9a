// X.509 chain validation on V8: EmberTLS's verifyCertificateChain beside
// node:crypto in one run, for a 3-certificate ECDSA P-256 chain and a
// 3-certificate RSA-2048 chain (leaf, intermediate, root; certificates made
// by the openssl command line). The node:crypto comparator does the
// cryptographic core of the same job: parse the three certificates,
// X509Certificate.verify per link (leaf under intermediate, intermediate
// under root), checkIssued per link and checkHost on the leaf; it checks no
// validity, basicConstraints, keyUsage or EKU, so it is a lower bound on
// OpenSSL's cost. @noble has no X.509. Writes bench/results/x509.json and .svg.
import { X509Certificate } from 'node:crypto';
import { verifyCertificateChain } from '../host/primitives/x509.js';
import { CA_EXT, Pki, type KeyKind } from '../test/x509/pki.js';
import { runSuite, type Case } from './harness.js';

const NOW = new Date(Date.UTC(2025, 5, 1));

function chainCase(label: string, kind: KeyKind): Case {
  const pki = new Pki();
  try {
    const root = pki.root(`${label} Root`, pki.key(kind));
    const int = pki.issue('int', { subject: `/CN=${label} Intermediate`, key: pki.key(kind), issuer: root, ext: CA_EXT });
    const leaf = pki.issue('leaf', {
      subject: '/CN=www.example.com', key: pki.key(kind), issuer: int,
      ext: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth',
        'subjectAltName=DNS:www.example.com'],
    });
    const options = {
      leaf: leaf.der, intermediates: [int.der], trustAnchors: [root.der], hostname: 'www.example.com',
      time: NOW, purpose: 'serverAuth' as const,
    };
    const ours = verifyCertificateChain(options);
    if (!ours.ok) throw new Error(`${label} chain does not verify: ${ours.message}`);
    const node = () => {
      const [l, i, r] = [leaf.der, int.der, root.der].map((d) => new X509Certificate(d));
      return l.checkIssued(i) && i.checkIssued(r) && l.verify(i.publicKey) && i.verify(r.publicKey)
        && l.checkHost('www.example.com') !== undefined;
    };
    if (!node()) throw new Error(`${label} chain fails under node:crypto`);
    return { op: `${label} 3-cert chain`, run: { ember: () => verifyCertificateChain(options), node } };
  } finally {
    pki.dispose();
  }
}

await runSuite({
  name: 'x509',
  title: 'EmberTLS X.509 chain validation on V8',
  comparators: { node: `node:crypto X509Certificate (OpenSSL ${process.versions.openssl}): verify + checkIssued per link, checkHost` },
  cases: [chainCase('ecdsa-p256', 'p256'), chainCase('rsa-2048', 'rsa2048')],
  targets: [],
});
