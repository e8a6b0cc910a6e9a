// Names in a certificate path: the leaf's subjectAltName against the host the
// client meant to reach (RFC 6125 §6.4), and CA name constraints against the
// leaf's names (RFC 5280 §4.2.1.10).
//
// Host matching (RFC 6125 §6.4.1, §6.4.3), ASCII case-insensitive:
//   - a dNSName matches the host exactly, or
//   - a dNSName whose whole left-most label is "*" matches one non-empty
//     left-most label: "*.example.com" matches "a.example.com", not
//     "example.com" nor "a.b.example.com". No partial wildcards ("f*o.com",
//     "*o.example.com"), no wildcard elsewhere, and none over fewer than two
//     further labels ("*.com" matches nothing: a public-suffix-like name);
//   - an iPAddress entry matches the expected address byte for byte (4 or 16);
//   - the subject's common name is never consulted (§6.4.4's fallback is off).
//
// Name constraints, as applied here: to the LEAF only (the certificate whose
// names the client relies on), for dNSName and iPAddress entries of its
// subjectAltName and for its subject as a directoryName (byte prefix of the
// RDN sequence, the same binary comparison as issuer matching). Not done:
// constraints on the names of intermediate certificates, rfc822Name in the
// subject's emailAddress attribute. A constraint of a form not implemented
// (rfc822Name, URI, otherName, ...) fails closed when the leaf has a name of
// that form (§4.2.1.10: process it or reject). A wildcard SAN is compared as
// a string: "*.example.com" is inside "example.com" and is not excluded by
// "bad.example.com".
//
// Names are public; the code branches freely.
import { derEnd, derLength, derRead, derStart, derTag, DER_ELEMENT_SIZE } from "./der";
import { X509Reason } from "./codes";

const nameEl = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const listEl = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const subEl = memory.data(<i32>DER_ELEMENT_SIZE, 4);
const baseEl = memory.data(<i32>DER_ELEMENT_SIZE, 4);

/** GeneralName tag numbers (RFC 5280 §4.2.1.6). */
export const enum GeneralName {
  OtherName = 0,
  Rfc822Name = 1,
  DnsName = 2,
  DirectoryName = 4,
  Uri = 6,
  IpAddress = 7,
}

@inline function lower(c: u32): u32 {
  return c - 0x41 < 26 ? c | 0x20 : c;
}

/** 1 when the len bytes at a and b are equal, ASCII case-insensitively. */
function equalNoCase(a: usize, b: usize, len: usize): u32 {
  for (let i: usize = 0; i < len; i++) {
    if (lower(<u32>load<u8>(a + i)) != lower(<u32>load<u8>(b + i))) return 0;
  }
  return 1;
}

function indexOf(p: usize, len: usize, c: u8, from: usize): isize {
  for (let i = from; i < len; i++) if (load<u8>(p + i) == c) return <isize>i;
  return -1;
}

/** RFC 6125 §6.4.3 match of one dNSName pattern (plen bytes) against host (hlen bytes). */
export function dnsNameMatchesHost(p: usize, plen: usize, host: usize, hlen: usize): u32 {
  if (plen == 0 || hlen == 0) return 0;
  const star = indexOf(p, plen, 0x2a, 0);
  if (star < 0) return <u32>(plen == hlen) & equalNoCase(p, host, plen);
  // The only wildcard allowed: the whole first label, "*." then at least two
  // labels, and no other '*'.
  if (star != 0 || plen < 4 || load<u8>(p, 1) != 0x2e) return 0;
  if (indexOf(p, plen, 0x2a, 1) >= 0) return 0;
  const suffixDot = indexOf(p, plen, 0x2e, 2);
  if (suffixDot < 0 || <usize>suffixDot == plen - 1) return 0;
  // host = label "." rest, with label non-empty and "." rest equal to p[1..].
  const hostDot = indexOf(host, hlen, 0x2e, 0);
  if (hostDot <= 0) return 0;
  const suffixLen = plen - 1;
  if (hlen - <usize>hostDot != suffixLen) return 0;
  return equalNoCase(p + 1, host + <usize>hostDot, suffixLen);
}

/**
 * Walks GeneralNames content [san, san + sanLen) (checked by cert.ts) and
 * returns 1 when an entry matches: a dNSName against host (when hostLen > 0)
 * or an iPAddress against ip (when ipLen > 0).
 */
export function sanMatches(san: usize, sanLen: usize, host: usize, hostLen: usize, ip: usize, ipLen: usize): u32 {
  const end = san + sanLen;
  let pos = san;
  while (pos < end) {
    if (!derRead(pos, end, nameEl)) return 0;
    const num = derTag(nameEl) & 0x1f;
    const tag = derTag(nameEl);
    if (hostLen > 0 && tag == 0x82) {
      if (dnsNameMatchesHost(derStart(nameEl), derLength(nameEl), host, hostLen)) return 1;
    }
    if (ipLen > 0 && num == GeneralName.IpAddress && derLength(nameEl) == ipLen) {
      if (memory.compare(derStart(nameEl), ip, ipLen) == 0) return 1;
    }
    pos = derEnd(nameEl);
  }
  return 0;
}

/**
 * Copies the leaf's names that name constraints apply to into out (cap
 * bytes) as entries [form u8][length u16 LE][bytes]: dNSName and iPAddress
 * SAN entries and the subject's RDN sequence (as DirectoryName, when not
 * empty). Returns the bytes used, or -1 when they do not fit. *forms gets a
 * bit (1 << form) for every GeneralName form the leaf has.
 */
export function collectNames(
  san: usize, sanLen: usize, subject: usize, subjectLen: usize, out: usize, cap: usize, forms: usize,
): isize {
  let used: usize = 0;
  let seen: u32 = 0;
  let overflow = false;
  if (subjectLen > 0) {
    seen |= 1 << GeneralName.DirectoryName;
    if (subjectLen + 3 <= cap) {
      store<u8>(out, GeneralName.DirectoryName);
      store<u16>(out + 1, <u16>subjectLen);
      memory.copy(out + 3, subject, subjectLen);
      used = subjectLen + 3;
    } else {
      overflow = true;
    }
  }
  const end = san + sanLen;
  let pos = san;
  while (pos < end) {
    if (!derRead(pos, end, nameEl)) break;
    const num = derTag(nameEl) & 0x1f;
    seen |= 1 << num;
    if (num == GeneralName.DnsName || num == GeneralName.IpAddress) {
      const len = derLength(nameEl);
      if (used + 3 + len <= cap && len <= 0xffff) {
        store<u8>(out + used, <u8>num);
        store<u16>(out + used + 1, <u16>len);
        memory.copy(out + used + 3, derStart(nameEl), len);
        used += 3 + len;
      } else {
        overflow = true;
      }
    }
    pos = derEnd(nameEl);
  }
  store<u32>(forms, seen);
  return overflow ? -1 : <isize>used;
}

/** RFC 5280 §4.2.1.10 dNSName rule: the name is the constraint with zero or more labels added on the left. */
function dnsWithin(c: usize, clen: usize, n: usize, nlen: usize): u32 {
  if (clen == 0) return 1;
  if (load<u8>(c) == 0x2e) {
    // ".example.com" (a common extension of the RFC): subdomains only.
    return <u32>(nlen > clen) & equalNoCase(c, n + nlen - clen, clen);
  }
  if (nlen == clen) return equalNoCase(c, n, clen);
  if (nlen < clen + 1) return 0;
  if (load<u8>(n + nlen - clen - 1) != 0x2e) return 0;
  return equalNoCase(c, n + nlen - clen, clen);
}

/** iPAddress rule: base is address then mask (8 or 32 bytes); the address must agree under the mask. */
function ipWithin(base: usize, blen: usize, ip: usize, ilen: usize): u32 {
  if (blen != ilen * 2) return 0;
  for (let i: usize = 0; i < ilen; i++) {
    const m = load<u8>(base + ilen + i);
    if ((load<u8>(ip + i) & m) != (load<u8>(base + i) & m)) return 0;
  }
  return 1;
}

/** directoryName rule: the constraint's RDNs are the first RDNs of the name (binary compare). */
function dirWithin(base: usize, blen: usize, n: usize, nlen: usize): u32 {
  // base is the [4] element's content: one Name SEQUENCE.
  if (!derRead(base, base + blen, baseEl) || derTag(baseEl) != 0x30 || derEnd(baseEl) != base + blen) return 0;
  const rdns = derStart(baseEl);
  const rlen = derLength(baseEl);
  if (rlen > nlen) return 0;
  return <u32>(memory.compare(rdns, n, rlen) == 0);
}

/** 1 when the subtree base of the given form (its value, blen bytes) contains the name (nlen bytes). */
function within(form: u32, base: usize, blen: usize, n: usize, nlen: usize): u32 {
  if (form == GeneralName.DnsName) return dnsWithin(base, blen, n, nlen);
  if (form == GeneralName.IpAddress) return ipWithin(base, blen, n, nlen);
  if (form == GeneralName.DirectoryName) return dirWithin(base, blen, n, nlen);
  return 0;
}

/**
 * Checks the collected names (namesLen bytes at names; forms their bitmask)
 * against a NameConstraints value [nc, nc + ncLen) that cert.ts checked.
 * Returns X509Reason.None, or why the names are refused.
 */
export function nameConstraintsCheck(nc: usize, ncLen: usize, names: usize, namesLen: usize, forms: u32): u32 {
  // Skip the outer SEQUENCE header.
  if (!derRead(nc, nc + ncLen, listEl)) return X509Reason.NameFormUnsupported;
  const ncEnd = derEnd(listEl);
  let pos = derStart(listEl);
  while (pos < ncEnd) {
    if (!derRead(pos, ncEnd, listEl)) return X509Reason.NameFormUnsupported;
    const excluded = derTag(listEl) == 0xa1;
    const listStart = derStart(listEl);
    const listEnd = derEnd(listEl);
    pos = listEnd;
    // Forms this list constrains that are not implemented: refuse when the leaf has one.
    let constrained: u32 = 0;
    let sub = listStart;
    while (sub < listEnd) {
      derRead(sub, listEnd, subEl);
      derRead(derStart(subEl), derEnd(subEl), baseEl);
      const form = derTag(baseEl) & 0x1f;
      constrained |= 1 << form;
      sub = derEnd(subEl);
    }
    const implemented: u32 = (1 << GeneralName.DnsName) | (1 << GeneralName.IpAddress) | (1 << GeneralName.DirectoryName);
    if ((constrained & ~implemented & forms) != 0) return X509Reason.NameFormUnsupported;
    // Each collected name against the subtrees of its form.
    let p: usize = 0;
    while (p < namesLen) {
      const form = <u32>load<u8>(names + p);
      const nlen = <usize>load<u16>(names + p + 1);
      const n = names + p + 3;
      p += 3 + nlen;
      if ((constrained & (1 << form)) == 0) continue;
      let hit: u32 = 0;
      sub = listStart;
      while (sub < listEnd) {
        derRead(sub, listEnd, subEl);
        derRead(derStart(subEl), derEnd(subEl), baseEl);
        if ((derTag(baseEl) & 0x1f) == form) hit |= within(form, derStart(baseEl), derLength(baseEl), n, nlen);
        sub = derEnd(subEl);
      }
      if (excluded && hit) return X509Reason.NameExcluded;
      if (!excluded && !hit) return X509Reason.NameNotPermitted;
    }
  }
  return X509Reason.None;
}
