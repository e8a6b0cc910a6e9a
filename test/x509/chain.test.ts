// Certificate chain validation (RFC 5280 §6, RFC 6125 §6.4) over a matrix of
// real certificates that openssl makes at test time (test/x509/pki.ts). Each
// case states the expected verdict; where `openssl verify` can judge the same
// question, its verdict is checked too (the X509_V_ERR number it reports), and
// where the two are meant to differ the case says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arena, engine } from '../../host/engine.js';
import { verifyCertificateChain, type ChainErrorCode, type VerifyChainOptions } from '../../host/primitives/x509.js';
import { hasTool } from '../support/tools.js';
import { CA_EXT, Pki, SERVER_EXT, type Cert, type Key } from './pki.js';

/** The time every case checks against: 2025-06-01T00:00:00Z (certificates run 2024-01-01 to 2034-01-01). */
const NOW = Date.UTC(2025, 5, 1) / 1000;

// X509_V_ERR_* numbers as `openssl verify` prints them.
const SSL = {
  OK: 0, SIGNATURE_FAILURE: 7, NOT_YET_VALID: 9, EXPIRED: 10, DEPTH_ZERO_SELF_SIGNED: 18,
  UNABLE_TO_GET_ISSUER_LOCALLY: 20, INVALID_CA: 79, PATH_LENGTH_EXCEEDED: 25, INVALID_PURPOSE: 26,
  UNHANDLED_CRITICAL_EXTENSION: 34, PERMITTED_VIOLATION: 47, EXCLUDED_VIOLATION: 48, HOSTNAME_MISMATCH: 62,
  IP_ADDRESS_MISMATCH: 64, CA_KEY_TOO_SMALL: 67, CA_MD_TOO_WEAK: 68,
} as const;

interface Case {
  title: string;
  leaf: () => Cert;
  intermediates?: () => Cert[];
  anchors: () => Cert[];
  hostname?: string;
  ip?: string;
  purpose?: 'serverAuth' | 'clientAuth';
  time?: number;
  /** 'OK' with the expected path (names), or the error code. */
  expect: 'OK' | ChainErrorCode;
  path?: string[];
  /** Text the message must contain. */
  says?: RegExp;
  /** openssl verify's verdict (an SSL number), or why it is not asked. */
  openssl: number | { differs: string };
  authLevel?: number;
}

const enabled = hasTool('openssl', 'openssl');
const pki = enabled ? new Pki() : (undefined as unknown as Pki);
const c: Record<string, Cert> = {};
const k: Record<string, Key> = {};

function leafExt(san: string, eku = 'serverAuth'): string[] {
  return ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', `extendedKeyUsage=${eku}`, `subjectAltName=${san}`];
}

function build(): void {
  k.root = pki.key('p256');
  k.int = pki.key('p256');
  k.leaf = pki.key('p256');
  c.root = pki.root('Ember Root', k.root);
  c.int = pki.issue('int', { subject: '/CN=Ember Intermediate', key: k.int, issuer: c.root, ext: CA_EXT });
  const leaf = (name: string, ext: string[], extra: Partial<Parameters<Pki['issue']>[1]> = {}) =>
    (c[name] = pki.issue(name, { subject: `/CN=${name}`, key: k.leaf, issuer: c.int, ext, ...extra }));
  leaf('good', leafExt('DNS:www.example.com,DNS:*.example.org,IP:127.0.0.1,IP:::1'));
  leaf('expired', leafExt('DNS:www.example.com'), { from: '20200101000000Z', to: '20210101000000Z' });
  leaf('notYet', leafExt('DNS:www.example.com'), { from: '20300101000000Z', to: '20310101000000Z' });
  leaf('tld', leafExt('DNS:*.com'));
  leaf('partial', leafExt('DNS:f*o.example.com'));
  leaf('noSan', SERVER_EXT);
  leaf('clientOnly', leafExt('DNS:www.example.com', 'clientAuth'));
  leaf('anyEku', leafExt('DNS:www.example.com', 'anyExtendedKeyUsage'));
  leaf('noDigSig', ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,keyAgreement', 'subjectAltName=DNS:www.example.com']);
  leaf('critical', [...leafExt('DNS:www.example.com'), '1.3.6.1.4.1.55555.1=critical,ASN1:UTF8String:must understand']);
  leaf('sha1', leafExt('DNS:www.example.com'), { md: 'sha1' });
  leaf('sha384', leafExt('DNS:www.example.com'), { md: 'sha384' });
  c.self = pki.issue('self', { subject: '/CN=self', key: pki.key('p256'), ext: leafExt('DNS:www.example.com') });

  // The last byte of the DER is the last byte of the ECDSA s value: flipping
  // it keeps the encoding valid and breaks the signature.
  const flipped = c.good.der.slice();
  flipped[flipped.length - 1] ^= 0x01;
  c.flipped = pki.fromDer('flipped', flipped, k.leaf);

  // An impostor: same subject as the intermediate, another key.
  c.impostor = pki.issue('impostor', { subject: '/CN=Ember Intermediate', key: pki.key('p256'), issuer: c.root, ext: CA_EXT });
  c.forged = pki.issue('forged', { subject: '/CN=forged', key: k.leaf, issuer: c.impostor, ext: leafExt('DNS:www.example.com') });
  // The same intermediate name and key, once expired: a second candidate to fall back from.
  c.intOld = pki.issue('intOld', { subject: '/CN=Ember Intermediate', key: k.int, issuer: c.root, ext: CA_EXT, from: '20200101000000Z', to: '20210101000000Z' });
  c.intExpired = pki.issue('intExpired', { subject: '/CN=Expired Intermediate', key: k.int, issuer: c.root, ext: CA_EXT, from: '20200101000000Z', to: '20210101000000Z' });
  c.underExpired = pki.issue('underExpired', { subject: '/CN=under expired', key: k.leaf, issuer: c.intExpired, ext: leafExt('DNS:www.example.com') });

  // Not CAs.
  c.notCa = pki.issue('notCa', { subject: '/CN=Not A CA', key: k.int, issuer: c.root, ext: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,keyCertSign'] });
  c.underNotCa = pki.issue('underNotCa', { subject: '/CN=under notCa', key: k.leaf, issuer: c.notCa, ext: leafExt('DNS:www.example.com') });
  c.noKcs = pki.issue('noKcs', { subject: '/CN=No KeyCertSign', key: k.int, issuer: c.root, ext: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,digitalSignature'] });
  c.underNoKcs = pki.issue('underNoKcs', { subject: '/CN=under noKcs', key: k.leaf, issuer: c.noKcs, ext: leafExt('DNS:www.example.com') });
  c.intCritical = pki.issue('intCritical', { subject: '/CN=Critical Intermediate', key: k.int, issuer: c.root, ext: [...CA_EXT, '1.3.6.1.4.1.55555.2=critical,ASN1:NULL'] });
  c.underCritical = pki.issue('underCritical', { subject: '/CN=under critical', key: k.leaf, issuer: c.intCritical, ext: leafExt('DNS:www.example.com') });
  c.intClient = pki.issue('intClient', { subject: '/CN=Client CA', key: k.int, issuer: c.root, ext: [...CA_EXT, 'extendedKeyUsage=clientAuth'] });
  c.underClient = pki.issue('underClient', { subject: '/CN=under clientCA', key: k.leaf, issuer: c.intClient, ext: leafExt('DNS:www.example.com', 'serverAuth,clientAuth') });

  // pathLenConstraint 0: one CA below it is one too many.
  c.pl0 = pki.issue('pl0', { subject: '/CN=PathLen Zero', key: k.int, issuer: c.root, ext: ['basicConstraints=critical,CA:TRUE,pathlen:0', 'keyUsage=critical,keyCertSign'] });
  c.belowPl0 = pki.issue('belowPl0', { subject: '/CN=Below PathLen Zero', key: pki.key('p256'), issuer: c.pl0, ext: CA_EXT });
  c.leafPl0 = pki.issue('leafPl0', { subject: '/CN=leaf pl0', key: k.leaf, issuer: c.pl0, ext: leafExt('DNS:www.example.com') });
  c.leafPl0Deep = pki.issue('leafPl0Deep', { subject: '/CN=leaf pl0 deep', key: k.leaf, issuer: c.belowPl0, ext: leafExt('DNS:www.example.com') });

  // Long chains: root -> I1 -> ... -> In -> leaf.
  let up = c.root;
  const chainKey = pki.key('p256');
  for (let i = 1; i <= 9; i++) {
    up = c[`L${i}`] = pki.issue(`L${i}`, { subject: `/CN=Long ${i}`, key: chainKey, issuer: up, ext: CA_EXT });
    c[`leafL${i}`] = pki.issue(`leafL${i}`, { subject: `/CN=leaf under Long ${i}`, key: k.leaf, issuer: up, ext: leafExt('DNS:www.example.com') });
  }

  // Name constraints on an intermediate and on an anchor.
  c.nc = pki.issue('nc', {
    subject: '/CN=Constrained CA', key: k.int, issuer: c.root,
    ext: [...CA_EXT, 'nameConstraints=critical,permitted;DNS:example.com,permitted;IP:10.0.0.0/255.0.0.0,excluded;DNS:bad.example.com'],
  });
  const ncLeaf = (name: string, san: string) => (c[name] = pki.issue(name, { subject: `/CN=${name}`, key: k.leaf, issuer: c.nc, ext: leafExt(san) }));
  ncLeaf('ncOk', 'DNS:www.example.com,DNS:example.com,IP:10.1.2.3');
  ncLeaf('ncOutside', 'DNS:www.example.net');
  ncLeaf('ncSuffix', 'DNS:badexample.com');
  ncLeaf('ncExcluded', 'DNS:x.bad.example.com');
  ncLeaf('ncIp', 'DNS:www.example.com,IP:192.168.1.1');
  ncLeaf('ncEmail', 'DNS:www.example.com,email:a@example.com');
  c.ncDir = pki.issue('ncDir', { subject: '/C=NL/O=Ember/CN=Dir CA', key: k.int, issuer: c.root, ext: [...CA_EXT, 'nameConstraints=critical,permitted;dirName:dir_sect', '[dir_sect]', 'C=NL', 'O=Ember'] });
  c.ncDirOk = pki.issue('ncDirOk', { subject: '/C=NL/O=Ember/CN=in', key: k.leaf, issuer: c.ncDir, ext: leafExt('DNS:www.example.com') });
  c.ncDirOut = pki.issue('ncDirOut', { subject: '/C=NL/O=Other/CN=out', key: k.leaf, issuer: c.ncDir, ext: leafExt('DNS:www.example.com') });
  k.ncRoot = pki.key('p256');
  c.ncRoot = pki.root('NC Root', k.ncRoot, [...CA_EXT, 'nameConstraints=critical,permitted;DNS:example.com']);
  c.ncRootOut = pki.issue('ncRootOut', { subject: '/CN=ncRootOut', key: k.leaf, issuer: c.ncRoot, ext: leafExt('DNS:www.example.net') });
  c.ncRootIn = pki.issue('ncRootIn', { subject: '/CN=ncRootIn', key: k.leaf, issuer: c.ncRoot, ext: leafExt('DNS:www.example.com') });

  // RSA-2048, with PKCS #1 v1.5 and PSS signatures; a P-384 root; RSA-1024; Ed25519.
  k.rsaRoot = pki.key('rsa2048');
  k.rsaInt = pki.key('rsa2048');
  c.rsaRoot = pki.root('RSA Root', k.rsaRoot);
  c.rsaInt = pki.issue('rsaInt', { subject: '/CN=RSA Intermediate', key: k.rsaInt, issuer: c.rsaRoot, ext: CA_EXT });
  c.rsaLeaf = pki.issue('rsaLeaf', { subject: '/CN=rsa leaf', key: k.rsaInt, issuer: c.rsaInt, ext: leafExt('DNS:rsa.example.com') });
  c.pssLeaf = pki.issue('pssLeaf', { subject: '/CN=pss leaf', key: k.leaf, issuer: c.rsaInt, ext: leafExt('DNS:rsa.example.com'), pss: true, md: 'sha384' });
  k.p384 = pki.key('p384');
  c.p384Root = pki.root('P-384 Root', k.p384, CA_EXT, { md: 'sha384' });
  c.p384Leaf = pki.issue('p384Leaf', { subject: '/CN=p384 leaf', key: k.leaf, issuer: c.p384Root, ext: leafExt('DNS:www.example.com'), md: 'sha384' });
  k.weak = pki.key('rsa1024');
  c.weakRoot = pki.root('Weak Root', k.weak);
  c.weakLeaf = pki.issue('weakLeaf', { subject: '/CN=weak leaf', key: k.leaf, issuer: c.weakRoot, ext: leafExt('DNS:www.example.com') });
  k.ed = pki.key('ed25519');
  c.edRoot = pki.root('Ed25519 Root', k.ed);
  c.edLeaf = pki.issue('edLeaf', { subject: '/CN=ed leaf', key: k.leaf, issuer: c.edRoot, ext: leafExt('DNS:www.example.com') });

  // Nine roots with the real root's name and other keys: more matching anchors than the budget keeps.
  const fakeKey = pki.key('p256');
  for (let i = 0; i < 9; i++) c[`fakeRoot${i}`] = pki.issue(`fakeRoot${i}`, { subject: '/CN=Ember Root', key: fakeKey, ext: CA_EXT });

  // A second root that cross-signs the intermediate (same subject and key).
  k.otherRoot = pki.key('p256');
  c.otherRoot = pki.root('Other Root', k.otherRoot);
  c.intCross = pki.issue('intCross', { subject: '/CN=Ember Intermediate', key: k.int, issuer: c.otherRoot, ext: CA_EXT });
}

const cases: Case[] = [
  { title: 'a valid P-256 chain (leaf, intermediate, root) verifies and returns its path', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.root], hostname: 'www.example.com', expect: 'OK', path: ['good', 'int', 'root'], openssl: SSL.OK },
  { title: 'host names match case-insensitively', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.root], hostname: 'WWW.Example.COM', expect: 'OK', openssl: SSL.OK },
  { title: 'a wrong host name is HOSTNAME_MISMATCH and the message lists the names', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.root], hostname: 'mail.example.com', expect: 'HOSTNAME_MISMATCH', says: /www\.example\.com/, openssl: SSL.HOSTNAME_MISMATCH },
  { title: '*.example.org matches a.example.org', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.root], hostname: 'a.example.org', expect: 'OK', openssl: SSL.OK },
  { title: '*.example.org does not match example.org', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.root], hostname: 'example.org', expect: 'HOSTNAME_MISMATCH', openssl: SSL.HOSTNAME_MISMATCH },
  { title: '*.example.org does not match a.b.example.org', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.root], hostname: 'a.b.example.org', expect: 'HOSTNAME_MISMATCH', openssl: SSL.HOSTNAME_MISMATCH },
  { title: '*.com matches nothing (a wildcard over a public-suffix-like name)', leaf: () => c.tld, intermediates: () => [c.int], anchors: () => [c.root], hostname: 'example.com', expect: 'HOSTNAME_MISMATCH', openssl: SSL.HOSTNAME_MISMATCH },
  { title: 'a partial wildcard f*o.example.com does not match foo.example.com', leaf: () => c.partial, intermediates: () => [c.int], anchors: () => [c.root], hostname: 'foo.example.com', expect: 'HOSTNAME_MISMATCH', openssl: { differs: 'OpenSSL accepts partial-label wildcards by default; RFC 6125 §7.2 advises against them' } },
  { title: 'an IPv4 SAN matches the expected IPv4 address', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.root], ip: '127.0.0.1', expect: 'OK', openssl: SSL.OK },
  { title: 'an IPv6 SAN matches the expected IPv6 address', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.root], ip: '::1', expect: 'OK', openssl: SSL.OK },
  { title: 'an IP the SAN does not list is HOSTNAME_MISMATCH', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.root], ip: '10.0.0.1', expect: 'HOSTNAME_MISMATCH', openssl: SSL.IP_ADDRESS_MISMATCH },
  { title: 'an IP literal given as hostname is matched as an IP address', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.root], hostname: '127.0.0.1', expect: 'OK', openssl: { differs: 'the host maps an IP literal hostname to ipAddress' } },
  { title: 'a leaf with no subjectAltName matches no host (no common-name fallback)', leaf: () => c.noSan, intermediates: () => [c.int], anchors: () => [c.root], hostname: 'noSan', expect: 'HOSTNAME_MISMATCH', says: /no subjectAltName/, openssl: { differs: 'OpenSSL falls back to the subject CN when there is no DNS SAN' } },
  { title: 'an expired leaf is EXPIRED and the message gives both dates', leaf: () => c.expired, intermediates: () => [c.int], anchors: () => [c.root], expect: 'EXPIRED', says: /2021-01-01T00:00:00Z.*2025-06-01T00:00:00Z/, openssl: SSL.EXPIRED },
  { title: 'a leaf not yet valid is NOT_YET_VALID', leaf: () => c.notYet, intermediates: () => [c.int], anchors: () => [c.root], expect: 'NOT_YET_VALID', says: /2030-01-01/, openssl: SSL.NOT_YET_VALID },
  { title: 'an expired intermediate is EXPIRED and named', leaf: () => c.underExpired, intermediates: () => [c.intExpired], anchors: () => [c.root], expect: 'EXPIRED', says: /Expired Intermediate/, openssl: SSL.EXPIRED },
  { title: 'an expired duplicate of the intermediate is skipped for the valid one', leaf: () => c.good, intermediates: () => [c.intOld, c.int], anchors: () => [c.root], expect: 'OK', path: ['good', 'int', 'root'], openssl: SSL.OK },
  { title: 'a missing intermediate is UNKNOWN_ISSUER naming the missing issuer', leaf: () => c.good, intermediates: () => [], anchors: () => [c.root], expect: 'UNKNOWN_ISSUER', says: /Ember Intermediate/, openssl: SSL.UNABLE_TO_GET_ISSUER_LOCALLY },
  { title: 'a chain to a root that is not trusted is UNKNOWN_ISSUER', leaf: () => c.good, intermediates: () => [c.int], anchors: () => [c.otherRoot], expect: 'UNKNOWN_ISSUER', openssl: SSL.UNABLE_TO_GET_ISSUER_LOCALLY },
  { title: 'a self-signed leaf is UNKNOWN_ISSUER (self-signed)', leaf: () => c.self, anchors: () => [c.root], expect: 'UNKNOWN_ISSUER', says: /self-signed/, openssl: SSL.DEPTH_ZERO_SELF_SIGNED },
  { title: 'a self-signed leaf that is itself a trust anchor verifies', leaf: () => c.self, anchors: () => [c.self], expect: 'OK', path: ['self', 'self'], openssl: SSL.OK },
  { title: 'a certificate signed by an impostor with the issuer\'s name is BAD_SIGNATURE', leaf: () => c.forged, intermediates: () => [c.int], anchors: () => [c.root], expect: 'BAD_SIGNATURE',
    // OpenSSL matches the authority key identifier first, so it finds no issuer at all.
    openssl: SSL.UNABLE_TO_GET_ISSUER_LOCALLY },
  { title: 'a leaf with one bit of its signature flipped is BAD_SIGNATURE', leaf: () => c.flipped, intermediates: () => [c.int], anchors: () => [c.root], expect: 'BAD_SIGNATURE', says: /does not verify/, openssl: SSL.SIGNATURE_FAILURE },
  { title: 'extra irrelevant certificates are ignored', leaf: () => c.good, intermediates: () => [c.rsaRoot, c.nc, c.L3, c.int, c.edRoot], anchors: () => [c.root], expect: 'OK', path: ['good', 'int', 'root'], openssl: SSL.OK },
  { title: 'intermediates in shuffled order still chain', leaf: () => c.leafL3, intermediates: () => [c.L1, c.L3, c.L2], anchors: () => [c.root], expect: 'OK', path: ['leafL3', 'L3', 'L2', 'L1', 'root'], openssl: SSL.OK },
  { title: 'a cross-signed intermediate chains to whichever root is trusted', leaf: () => c.good, intermediates: () => [c.int, c.intCross], anchors: () => [c.otherRoot], expect: 'OK', path: ['good', 'intCross', 'otherRoot'], openssl: { differs: 'OpenSSL takes the first matching untrusted intermediate and does not backtrack to the second' } },
  { title: 'a CA:FALSE intermediate is NOT_A_CA', leaf: () => c.underNotCa, intermediates: () => [c.notCa], anchors: () => [c.root], expect: 'NOT_A_CA', says: /Not A CA/, openssl: SSL.INVALID_CA },
  { title: 'an intermediate whose keyUsage lacks keyCertSign is BAD_KEY_USAGE', leaf: () => c.underNoKcs, intermediates: () => [c.noKcs], anchors: () => [c.root], expect: 'BAD_KEY_USAGE', says: /keyCertSign/, openssl: SSL.INVALID_CA },
  { title: 'pathLen:0 allows a leaf directly below it', leaf: () => c.leafPl0, intermediates: () => [c.pl0], anchors: () => [c.root], expect: 'OK', openssl: SSL.OK },
  { title: 'pathLen:0 with a CA below it is PATH_TOO_LONG', leaf: () => c.leafPl0Deep, intermediates: () => [c.belowPl0, c.pl0], anchors: () => [c.root], expect: 'PATH_TOO_LONG', says: /pathLenConstraint/, openssl: SSL.PATH_LENGTH_EXCEEDED },
  { title: 'a leaf with clientAuth-only EKU is BAD_KEY_USAGE for serverAuth', leaf: () => c.clientOnly, intermediates: () => [c.int], anchors: () => [c.root], expect: 'BAD_KEY_USAGE', says: /serverAuth/, openssl: SSL.INVALID_PURPOSE },
  { title: 'a leaf with clientAuth-only EKU verifies for clientAuth', leaf: () => c.clientOnly, intermediates: () => [c.int], anchors: () => [c.root], purpose: 'clientAuth', expect: 'OK', openssl: SSL.OK },
  { title: 'anyExtendedKeyUsage allows serverAuth', leaf: () => c.anyEku, intermediates: () => [c.int], anchors: () => [c.root], expect: 'OK', openssl: { differs: 'OpenSSL does not treat anyExtendedKeyUsage as serverAuth' } },
  { title: 'an intermediate whose EKU is clientAuth only cannot issue serverAuth leaves', leaf: () => c.underClient, intermediates: () => [c.intClient], anchors: () => [c.root], expect: 'BAD_KEY_USAGE', says: /Client CA/, openssl: SSL.INVALID_PURPOSE },
  { title: 'a leaf whose keyUsage lacks digitalSignature is BAD_KEY_USAGE', leaf: () => c.noDigSig, intermediates: () => [c.int], anchors: () => [c.root], expect: 'BAD_KEY_USAGE', says: /digitalSignature/, openssl: { differs: 'OpenSSL accepts keyAgreement for the TLS server purpose' } },
  { title: 'a leaf with an unknown critical extension is UNKNOWN_CRITICAL_EXTENSION', leaf: () => c.critical, intermediates: () => [c.int], anchors: () => [c.root], expect: 'UNKNOWN_CRITICAL_EXTENSION', openssl: SSL.UNHANDLED_CRITICAL_EXTENSION },
  { title: 'an intermediate with an unknown critical extension is UNKNOWN_CRITICAL_EXTENSION', leaf: () => c.underCritical, intermediates: () => [c.intCritical], anchors: () => [c.root], expect: 'UNKNOWN_CRITICAL_EXTENSION', says: /Critical Intermediate/, openssl: SSL.UNHANDLED_CRITICAL_EXTENSION },
  { title: 'a SHA-1 signed leaf is WEAK_ALGORITHM', leaf: () => c.sha1, intermediates: () => [c.int], anchors: () => [c.root], expect: 'WEAK_ALGORITHM', says: /SHA-1/, openssl: SSL.CA_MD_TOO_WEAK, authLevel: 2 },
  { title: 'an ecdsa-with-SHA384 signature by a P-256 key verifies', leaf: () => c.sha384, intermediates: () => [c.int], anchors: () => [c.root], expect: 'OK', openssl: SSL.OK },
  { title: 'an RSA-1024 issuer is WEAK_ALGORITHM', leaf: () => c.weakLeaf, anchors: () => [c.weakRoot], expect: 'WEAK_ALGORITHM', says: /1024-bit/, openssl: SSL.CA_KEY_TOO_SMALL, authLevel: 2 },
  { title: 'an RSA-2048 chain with PKCS #1 v1.5 signatures verifies', leaf: () => c.rsaLeaf, intermediates: () => [c.rsaInt], anchors: () => [c.rsaRoot], hostname: 'rsa.example.com', expect: 'OK', path: ['rsaLeaf', 'rsaInt', 'rsaRoot'], openssl: SSL.OK },
  { title: 'an RSASSA-PSS (SHA-384) signed leaf verifies', leaf: () => c.pssLeaf, intermediates: () => [c.rsaInt], anchors: () => [c.rsaRoot], expect: 'OK', openssl: SSL.OK },
  { title: 'a P-384 root signing with ecdsa-with-SHA384 verifies', leaf: () => c.p384Leaf, anchors: () => [c.p384Root], expect: 'OK', openssl: SSL.OK },
  { title: 'an Ed25519 root signing an Ed25519 signature verifies', leaf: () => c.edLeaf, anchors: () => [c.edRoot], expect: 'OK', openssl: SSL.OK },
  { title: 'a chain of 8 certificates (leaf and 7 intermediates) fits the budget', leaf: () => c.leafL7, intermediates: () => [1, 2, 3, 4, 5, 6, 7].map((i) => c[`L${i}`]), anchors: () => [c.root], expect: 'OK', openssl: SSL.OK },
  { title: 'a chain of 10 certificates is PATH_TOO_LONG (beyond the 8-certificate budget)', leaf: () => c.leafL9, intermediates: () => [9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => c[`L${i}`]), anchors: () => [c.root], expect: 'PATH_TOO_LONG', says: /budget/, openssl: { differs: 'OpenSSL allows 100 certificates' } },
  { title: 'name constraints: names inside the permitted DNS and IP subtrees verify', leaf: () => c.ncOk, intermediates: () => [c.nc], anchors: () => [c.root], expect: 'OK', openssl: SSL.OK },
  { title: 'name constraints: a DNS name outside the permitted subtree is a violation', leaf: () => c.ncOutside, intermediates: () => [c.nc], anchors: () => [c.root], expect: 'NAME_CONSTRAINT_VIOLATION', says: /permitted/, openssl: SSL.PERMITTED_VIOLATION },
  { title: 'name constraints: badexample.com is not inside example.com', leaf: () => c.ncSuffix, intermediates: () => [c.nc], anchors: () => [c.root], expect: 'NAME_CONSTRAINT_VIOLATION', openssl: SSL.PERMITTED_VIOLATION },
  { title: 'name constraints: a DNS name in an excluded subtree is a violation', leaf: () => c.ncExcluded, intermediates: () => [c.nc], anchors: () => [c.root], expect: 'NAME_CONSTRAINT_VIOLATION', says: /excluded/, openssl: SSL.EXCLUDED_VIOLATION },
  { title: 'name constraints: an IP outside the permitted range is a violation', leaf: () => c.ncIp, intermediates: () => [c.nc], anchors: () => [c.root], expect: 'NAME_CONSTRAINT_VIOLATION', openssl: SSL.PERMITTED_VIOLATION },
  { title: 'name constraints: an unconstrained form (email) passes', leaf: () => c.ncEmail, intermediates: () => [c.nc], anchors: () => [c.root], expect: 'OK', openssl: SSL.OK },
  { title: 'name constraints: a subject inside a permitted directoryName verifies', leaf: () => c.ncDirOk, intermediates: () => [c.ncDir], anchors: () => [c.root], expect: 'OK', openssl: SSL.OK },
  { title: 'name constraints: a subject outside a permitted directoryName is a violation', leaf: () => c.ncDirOut, intermediates: () => [c.ncDir], anchors: () => [c.root], expect: 'NAME_CONSTRAINT_VIOLATION', openssl: SSL.PERMITTED_VIOLATION },
  { title: 'name constraints on a trust anchor apply to the leaf', leaf: () => c.ncRootOut, anchors: () => [c.ncRoot], expect: 'NAME_CONSTRAINT_VIOLATION', openssl: { differs: 'OpenSSL does not apply a trust anchor\'s own name constraints' } },
  { title: 'name constraints on a trust anchor admit a leaf inside them', leaf: () => c.ncRootIn, anchors: () => [c.ncRoot], expect: 'OK', openssl: SSL.OK },
];

describe.skipIf(!enabled)('verifyCertificateChain over an openssl-made PKI', () => {
  beforeAll(build);
  afterAll(() => pki.dispose());

  const name = (der: Uint8Array) => Object.entries(c).find(([, v]) => Buffer.from(v.der).equals(Buffer.from(der)))?.[0];

  for (const t of cases) {
    it(t.title, () => {
      const options: VerifyChainOptions = {
        leaf: t.leaf().der, intermediates: (t.intermediates?.() ?? []).map((x) => x.pem),
        trustAnchors: t.anchors().map((x) => x.der), hostname: t.hostname, ipAddress: t.ip,
        time: t.time ?? NOW, purpose: t.purpose ?? 'serverAuth',
      };
      const result = verifyCertificateChain(options);
      if (t.expect === 'OK') {
        expect(result, result.ok ? '' : result.message).toMatchObject({ ok: true });
        if (result.ok && t.path) expect(result.chain.map(name)).toEqual(t.path);
      } else {
        expect(result).toMatchObject({ ok: false, code: t.expect });
        if (!result.ok && t.says) expect(result.message).toMatch(t.says);
      }
      if (typeof t.openssl === 'number') {
        const verdict = pki.opensslVerify({
          leaf: t.leaf(), intermediates: t.intermediates?.(), anchors: t.anchors(), time: NOW,
          purpose: t.purpose ?? 'serverAuth', hostname: t.hostname, ip: t.ip, authLevel: t.authLevel,
        });
        expect(verdict, 'openssl verify').toBe(t.openssl);
      }
    });
  }

  const base = (): VerifyChainOptions => ({
    leaf: c.good.der, intermediates: [c.int.der], trustAnchors: [c.root.der], time: NOW, purpose: 'serverAuth',
  });

  it('a PEM leaf holding the whole chain gives the leaf and its intermediates', () => {
    const r = verifyCertificateChain({ ...base(), leaf: c.good.pem + c.int.pem, intermediates: undefined });
    expect(r.ok && r.chain.map(name)).toEqual(['good', 'int', 'root']);
  });

  it('a single PEM string may hold several intermediates and anchors', () => {
    const r = verifyCertificateChain({
      ...base(), leaf: c.leafL3.pem, intermediates: c.L2.pem + c.L3.pem + c.L1.pem, trustAnchors: c.rsaRoot.pem + c.root.pem,
    });
    expect(r.ok && r.chain.map(name)).toEqual(['leafL3', 'L3', 'L2', 'L1', 'root']);
  });

  it('time may be a Date or seconds since the epoch, with the same verdict', () => {
    expect(verifyCertificateChain({ ...base(), time: new Date(NOW * 1000) }).ok).toBe(true);
    expect(verifyCertificateChain({ ...base(), time: Date.UTC(2040, 0, 1) / 1000 })).toMatchObject({ ok: false, code: 'EXPIRED' });
    expect(verifyCertificateChain({ ...base(), time: new Date('2023-06-01T00:00:00Z') })).toMatchObject({ ok: false, code: 'NOT_YET_VALID' });
  });

  it('a root expiring after 2049 (GeneralizedTime notAfter) is valid until then and expired after', () => {
    expect(verifyCertificateChain({ ...base(), leaf: c.self.der, trustAnchors: [c.root.der, c.self.der], time: Date.UTC(2050, 5, 1) / 1000 }))
      .toMatchObject({ ok: false, code: 'EXPIRED' });
    expect(verifyCertificateChain({ ...base(), leaf: c.leafL1.der, intermediates: [c.L1.der], time: Date.UTC(2033, 0, 1) / 1000 }).ok).toBe(true);
  });

  it('any number of irrelevant trust anchors may be offered: only issuers of the chain are kept', () => {
    const others = ['rsaRoot', 'edRoot', 'p384Root', 'weakRoot', 'otherRoot', 'ncRoot', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9'];
    const r = verifyCertificateChain({ ...base(), trustAnchors: [...others.map((n) => c[n].der), c.root.der] });
    expect(r.ok && r.chain.map(name)).toEqual(['good', 'int', 'root']);
  });

  it('more same-named anchors than the budget keeps leaves the real one out, and the message says so', () => {
    const fakes = Array.from({ length: 9 }, (_, i) => c[`fakeRoot${i}`].der);
    const r = verifyCertificateChain({ ...base(), trustAnchors: [...fakes, c.root.der] });
    expect(r).toMatchObject({ ok: false, code: 'UNKNOWN_ISSUER' });
    expect(!r.ok && r.message).toMatch(/trust anchors/);
    expect(verifyCertificateChain({ ...base(), trustAnchors: [...fakes.slice(0, 7), c.root.der] }).ok).toBe(true);
  });

  it('the chain it returns is copies of the DER it was given, leaf first and anchor last', () => {
    const r = verifyCertificateChain(base());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.chain).toEqual([c.good.der, c.int.der, c.root.der]);
      expect(r.chain[0]).not.toBe(c.good.der);
    }
  });

  it('malformed certificates are a MALFORMED verdict that names the certificate, never an exception', () => {
    const cases: Array<[Partial<VerifyChainOptions>, RegExp]> = [
      [{ leaf: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]) }, /leaf/],
      [{ leaf: c.good.der.subarray(0, c.good.der.length - 1) }, /leaf/],
      [{ leaf: new Uint8Array(0) }, /leaf/],
      [{ intermediates: [c.int.der, Uint8Array.of(1, 2, 3)] }, /intermediate certificate #2/],
      [{ trustAnchors: [c.root.der, new Uint8Array([...c.root.der, 0])] }, /trust anchor #1/],
      [{ leaf: 'not a PEM at all' }, /BEGIN CERTIFICATE/],
      [{ leaf: '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----' }, /base64/],
    ];
    for (const [patch, says] of cases) {
      const r = verifyCertificateChain({ ...base(), ...patch });
      expect(r).toMatchObject({ ok: false, code: 'MALFORMED' });
      expect(!r.ok && r.message).toMatch(says);
    }
  });

  it('wrong argument types throw TypeError naming the argument', () => {
    const bad: Array<[unknown, RegExp]> = [
      [null, /options/], [{ ...base(), leaf: 42 }, /leaf/], [{ ...base(), intermediates: [42] }, /intermediates\[0\]/],
      [{ ...base(), trustAnchors: undefined }, /trustAnchors/], [{ ...base(), time: '2025-01-01' }, /time/],
      [{ ...base(), purpose: undefined }, /purpose/], [{ ...base(), hostname: 42 }, /hostname/],
      [{ ...base(), ipAddress: 42 }, /ipAddress/],
    ];
    for (const [options, says] of bad) {
      expect(() => verifyCertificateChain(options as VerifyChainOptions)).toThrow(TypeError);
      expect(() => verifyCertificateChain(options as VerifyChainOptions)).toThrow(says);
    }
  });

  it('out-of-range argument values throw RangeError naming the argument', () => {
    const bad: Array<[Partial<VerifyChainOptions>, RegExp]> = [
      [{ purpose: 'codeSigning' as 'serverAuth' }, /purpose/], [{ ipAddress: 'not-an-ip' }, /ipAddress/],
      [{ ipAddress: new Uint8Array(5) }, /ipAddress/], [{ hostname: 'bad host' }, /hostname/],
      [{ hostname: 'a'.repeat(254) }, /hostname/], [{ time: new Date(NaN) }, /time/],
    ];
    for (const [patch, says] of bad) {
      expect(() => verifyCertificateChain({ ...base(), ...patch })).toThrow(RangeError);
      expect(() => verifyCertificateChain({ ...base(), ...patch })).toThrow(says);
    }
  });

  it('a host name with a trailing dot names the same host', () => {
    expect(verifyCertificateChain({ ...base(), hostname: 'www.example.com.' }).ok).toBe(true);
  });

  it('leaves no certificate, name or context byte in engine memory', () => {
    verifyCertificateChain({ ...base(), hostname: 'www.example.com' });
    const memory = new Uint8Array(engine.memory.buffer);
    expect(memory.subarray(arena.ctx, arena.end).every((b) => b === 0)).toBe(true);
  });

  it('the engine context: finish twice gives the same verdict; calls before begin are refused', () => {
    const ctx = arena.output;
    const mem = () => new Uint8Array(engine.memory.buffer);
    try {
      expect(engine.x509AddCertificate(ctx, arena.input, 0)).toBe(14);
      expect(engine.x509Begin(ctx, engine.x509CtxSize(), 0, 0, 0, 0, BigInt(NOW) as unknown as number, 3)).toBe(14);
      expect(engine.x509Begin(ctx, engine.x509CtxSize(), 0, 0, 0, 5, BigInt(NOW) as unknown as number, 1)).toBe(14);
      expect(engine.x509Begin(ctx, engine.x509CtxSize(), 0, 0, 0, 0, BigInt(NOW) as unknown as number, 1)).toBe(0);
      mem().set(c.good.der, arena.input);
      expect(engine.x509AddCertificate(ctx, arena.input, c.good.der.length)).toBe(0);
      expect(engine.x509Finish(ctx)).toBe(2); // no anchor: UNKNOWN_ISSUER
      expect(engine.x509Finish(ctx)).toBe(2);
      expect(engine.x509AddCertificate(ctx, arena.input, c.good.der.length)).toBe(14);
      expect(engine.x509CtxSize()).toBeLessThanOrEqual(arena.chunk);
    } finally {
      mem().fill(0, arena.ctx, arena.end);
    }
  });

  it('a context of x509CtxMinSize() bytes validates a P-256 chain of 3; an RSA-2048 chain needs more room (4 KB)', () => {
    const ctx = arena.output;
    const mem = () => new Uint8Array(engine.memory.buffer);
    const small = engine.x509CtxMinSize();
    const run = (ders: Uint8Array[], anchor: Uint8Array, size: number) => {
      expect(engine.x509Begin(ctx, size, 0, 0, 0, 0, BigInt(NOW) as unknown as number, 1)).toBe(0);
      for (const der of ders) {
        mem().set(der, arena.input);
        engine.x509AddCertificate(ctx, arena.input, der.length);
      }
      mem().set(anchor, arena.input);
      engine.x509AddTrustAnchor(ctx, arena.input, anchor.length);
      return engine.x509Finish(ctx);
    };
    try {
      expect(small).toBeLessThan(engine.x509CtxSize());
      expect(engine.x509Begin(ctx, small - 1, 0, 0, 0, 0, 0n as unknown as number, 1)).toBe(14);
      expect(run([c.good.der, c.int.der], c.root.der, small)).toBe(0);
      expect(engine.x509PathLength(ctx)).toBe(3);
      expect(run([c.rsaLeaf.der, c.rsaInt.der], c.rsaRoot.der, small)).toBe(8); // PATH_TOO_LONG: over budget
      expect(run([c.rsaLeaf.der, c.rsaInt.der], c.rsaRoot.der, 4096)).toBe(0); // the small shape, a 2,156-byte pool
      expect(run([c.rsaLeaf.der, c.rsaInt.der], c.rsaRoot.der, engine.x509CtxSize())).toBe(0);
    } finally {
      mem().fill(0, arena.ctx, arena.end);
    }
  });
});
