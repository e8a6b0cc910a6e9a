// The engine's verdict on the server's certificate chain, in words: the
// X.509 code and reason the validator left in its context
// (assembly/x509/codes.ts), the certificate it is about, and the dates and
// names a person needs to fix it. Display only: the verdict is the engine's.
import { X509Certificate } from 'node:crypto';

/** Engine X509Error numbers, by name (host/primitives/x509.ts uses the same). */
export const X509_CODES = [
  'OK', 'MALFORMED', 'UNKNOWN_ISSUER', 'BAD_SIGNATURE', 'EXPIRED', 'NOT_YET_VALID', 'HOSTNAME_MISMATCH',
  'NOT_A_CA', 'PATH_TOO_LONG', 'BAD_KEY_USAGE', 'NAME_CONSTRAINT_VIOLATION', 'WEAK_ALGORITHM',
  'UNSUPPORTED_ALGORITHM', 'UNKNOWN_CRITICAL_EXTENSION',
] as const;
export type X509Code = (typeof X509_CODES)[number];

/** What the engine concluded about the server's chain. */
export interface ChainVerdict {
  /** The validator's code: 'OK' when a path to a trust anchor passed every check. */
  code: X509Code;
  /** The finer reason (X509Reason number; 0 none). */
  reason: number;
  /** Which certificate: 0 the leaf, 1..7 the server's others in the order sent, 8+ a trust anchor. */
  entity: number;
  /** A sentence for people. */
  message: string;
}

export interface VerdictFacts {
  verdict: number;
  reason: number;
  entity: number;
  /** notBefore / notAfter of the entity, seconds. */
  notBefore: bigint;
  notAfter: bigint;
  /** The time checked, seconds. */
  time: bigint;
  /** The name or IP the certificate was checked for ('' = none). */
  expected: string;
  leaf?: Uint8Array;
  anchors: number;
  /** The validator context's certificate slots (x509Slots & 0xff): entities from here on are anchors. */
  certSlots: number;
}

const iso = (s: bigint) => {
  const d = new Date(Number(s) * 1000);
  return Number.isNaN(d.getTime()) ? `${s} s` : d.toISOString().replace('.000Z', 'Z');
};

function leafInfo(der?: Uint8Array): X509Certificate | undefined {
  try {
    return der ? new X509Certificate(der) : undefined;
  } catch {
    return undefined;
  }
}

/** The verdict with a message; undefined when the engine has not taken it (255). */
export function describeVerdict(f: VerdictFacts): ChainVerdict | undefined {
  if (f.verdict === 0xff) return undefined;
  const code = X509_CODES[f.verdict] ?? 'MALFORMED';
  const leaf = leafInfo(f.leaf);
  const who = f.entity === 0
    ? `the server's certificate${leaf ? ` '${leaf.subject.replace(/\n/g, ', ')}'` : ''}`
    : f.entity < f.certSlots ? `certificate #${f.entity} of the server's chain` : 'the trust anchor';
  let message: string;
  switch (code) {
    case 'OK': message = 'the chain leads to a trust anchor and passed every check'; break;
    case 'MALFORMED': message = `${who} is not a well-formed DER X.509 certificate`; break;
    case 'UNKNOWN_ISSUER':
      message = f.anchors === 0
        ? 'no trust anchor was configured (pass ca: the PEM of the CA that issued the server certificate)'
        : f.reason === 3
          ? `${who} is self-signed and is not one of the trust anchors`
          : `no trust anchor or intermediate is the issuer of ${who}${leaf && f.entity === 0 ? ` ('${leaf.issuer.replace(/\n/g, ', ')}')` : ''}: the CA is not trusted or the server did not send an intermediate`;
      break;
    case 'BAD_SIGNATURE': message = `the signature on ${who} does not verify under its issuer's key`; break;
    case 'EXPIRED': message = `${who} expired at ${iso(f.notAfter)}; the device clock says ${iso(f.time)}`; break;
    case 'NOT_YET_VALID': message = `${who} is not valid before ${iso(f.notBefore)}; the device clock says ${iso(f.time)} (is the clock set?)`; break;
    case 'HOSTNAME_MISMATCH':
      message = f.reason === 20
        ? `${who} has no subjectAltName, so it names no host; expected ${f.expected}`
        : `${who} is not valid for ${f.expected}; its names are: ${leaf?.subjectAltName ?? 'unknown'}`;
      break;
    case 'NOT_A_CA': message = `${who} signed a certificate but is not a CA`; break;
    case 'PATH_TOO_LONG':
      message = f.reason === 6 ? `${who} allows fewer CAs below it (pathLenConstraint)`
        : `the server's certificates do not fit the validator's budget (${f.certSlots} certificates, and the keys and signatures must fit the verifier context: give it more bytes)`;
      break;
    case 'BAD_KEY_USAGE': message = `the key usage of ${who} does not allow TLS server authentication`; break;
    case 'NAME_CONSTRAINT_VIOLATION': message = `a name of the server's certificate is outside what ${who} may certify`; break;
    case 'WEAK_ALGORITHM': message = `${who} uses MD5, SHA-1 or an RSA key under 2048 bits`; break;
    case 'UNSUPPORTED_ALGORITHM': message = `${who} uses a key or signature algorithm the engine does not implement`; break;
    case 'UNKNOWN_CRITICAL_EXTENSION': message = `${who} has a critical extension the validator does not understand`; break;
  }
  return { code, reason: f.reason, entity: f.entity, message };
}
