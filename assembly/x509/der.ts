// DER reader: the tag-length-value layer of ITU-T X.690 (§8.1) under the
// Distinguished Encoding Rules (§10: definite lengths, minimal length
// octets), for the X.509 code. Strict and bounds-checked: it never reads a
// byte outside [pos, end), and it rejects every length that DER forbids, so a
// caller walking nested elements can trust each element to end inside its
// parent.
//
// Variant: low-tag-number form only (X.509 never needs tag numbers >= 31);
// lengths up to 2^32 - 1. Everything it reads is public (certificates and
// keys), so it branches freely.
//
// An element is returned in a caller-given DER_ELEMENT_SIZE record:
//   +0 tag (u32), +4 value start, +8 value end (absolute addresses; the next
//   sibling starts at the value end).

export const DER_ELEMENT_SIZE: usize = 12;

export const enum DerTag {
  Integer = 0x02,
  BitString = 0x03,
  OctetString = 0x04,
  Null = 0x05,
  Oid = 0x06,
  Sequence = 0x30,
  Set = 0x31,
}

@inline export function derTag(el: usize): u32 {
  return load<u32>(el);
}

@inline export function derStart(el: usize): usize {
  return <usize>load<u32>(el, 4);
}

@inline export function derEnd(el: usize): usize {
  return <usize>load<u32>(el, 8);
}

@inline export function derLength(el: usize): usize {
  return derEnd(el) - derStart(el);
}

/**
 * Reads the element that starts at pos and must end by end. Returns 1 and
 * fills el, or 0 when the bytes are not one well-formed DER element header
 * whose value fits before end.
 */
export function derRead(pos: usize, end: usize, el: usize): u32 {
  if (pos >= end || end - pos < 2) return 0;
  const tag = <u32>load<u8>(pos);
  if ((tag & 0x1f) == 0x1f) return 0; // high-tag-number form (§8.1.2.4)
  const first = <u32>load<u8>(pos, 1);
  let start = pos + 2;
  let length: u32 = first;
  if (first >= 0x80) {
    // Long form (§8.1.3.5). 0x80 is the indefinite form, which DER forbids
    // (§10.1); more than 4 length octets cannot describe anything we hold.
    const count = first & 0x7f;
    if (count == 0 || count > 4) return 0;
    if (<usize>count > end - start) return 0;
    if (load<u8>(start) == 0) return 0; // leading zero octet: not minimal (§10.1)
    length = 0;
    for (let i: u32 = 0; i < count; i++) length = (length << 8) | <u32>load<u8>(start + <usize>i);
    if (length < 0x80) return 0; // fits the short form, so must use it (§10.1)
    start += <usize>count;
  }
  if (<usize>length > end - start) return 0;
  store<u32>(el, tag);
  store<u32>(el, <u32>start, 4);
  store<u32>(el, <u32>(start + <usize>length), 8);
  return 1;
}

/** derRead, and the element's tag must be tag. */
export function derExpect(pos: usize, end: usize, tag: u32, el: usize): u32 {
  return derRead(pos, end, el) & <u32>(derTag(el) == tag);
}

/**
 * Checks that the INTEGER in el is non-negative and minimally encoded
 * (X.690 §8.3.2: the first nine bits are never all zeros or all ones), then
 * moves the element's value start past a leading 0x00 sign octet so that the
 * value is the magnitude, big-endian, with no leading zero (empty for 0).
 * Returns 1, or 0 for a negative or non-minimal integer.
 */
export function derUnsignedInteger(el: usize): u32 {
  const start = derStart(el);
  const length = derLength(el);
  if (length == 0) return 0; // §8.3.1: at least one content octet
  const b0 = <u32>load<u8>(start);
  if (b0 >= 0x80) return 0; // negative
  if (b0 == 0) {
    if (length == 1) {
      store<u32>(el, <u32>(start + 1), 4); // zero: empty magnitude
      return 1;
    }
    if (<u32>load<u8>(start, 1) < 0x80) return 0; // redundant 0x00
    store<u32>(el, <u32>(start + 1), 4);
  }
  return 1;
}

/** 1 when the value of el is exactly the len bytes at expect (e.g. an OID). */
export function derValueEquals(el: usize, expect: usize, len: usize): u32 {
  if (derLength(el) != len) return 0;
  return <u32>(memory.compare(derStart(el), expect, len) == 0);
}
