// X.509 validity times (RFC 5280 §4.1.2.5): UTCTime "YYMMDDHHMMSSZ" (YY >= 50
// is 19YY, else 20YY, §4.1.2.5.1) and GeneralizedTime "YYYYMMDDHHMMSSZ"
// (§4.1.2.5.2), both strict: seconds present, no fractions, Zulu only, every
// field in range (day within its month, leap years per the Gregorian rule).
// The result is seconds since 1970-01-01T00:00:00Z (negative before).
//
// Public data only (certificate fields); the code branches freely.

/** Value returned for an unparsable time (no valid time is this small). */
export const TIME_INVALID: i64 = i64.MIN_VALUE;

/** Two ASCII digits at p as 0..99, or -1. */
@inline function twoDigits(p: usize): i32 {
  const a = <i32>load<u8>(p) - 0x30;
  const b = <i32>load<u8>(p, 1) - 0x30;
  if (<u32>a > 9 || <u32>b > 9) return -1;
  return a * 10 + b;
}

/**
 * Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar
 * (the era-based "days from civil" count: 400-year eras of 146097 days).
 */
function daysFromCivil(y: i32, m: i32, d: i32): i64 {
  const yy = m <= 2 ? y - 1 : y;
  const era = (yy >= 0 ? yy : yy - 399) / 400;
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = (153 * mp + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return <i64>era * 146097 + <i64>doe - 719468;
}

function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) {
    const leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return leap ? 29 : 28;
  }
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/**
 * Parses the value (len bytes at p) of a Time element whose tag is tag
 * (0x17 UTCTime or 0x18 GeneralizedTime). Returns seconds since the epoch,
 * or TIME_INVALID.
 */
export function parseTime(tag: u32, p: usize, len: usize): i64 {
  let year: i32;
  let q: usize;
  if (tag == 0x17) {
    if (len != 13) return TIME_INVALID;
    const yy = twoDigits(p);
    if (yy < 0) return TIME_INVALID;
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    q = p + 2;
  } else if (tag == 0x18) {
    if (len != 15) return TIME_INVALID;
    const hi = twoDigits(p);
    const lo = twoDigits(p + 2);
    if (hi < 0 || lo < 0) return TIME_INVALID;
    year = hi * 100 + lo;
    q = p + 4;
  } else {
    return TIME_INVALID;
  }
  const month = twoDigits(q);
  const day = twoDigits(q + 2);
  const hour = twoDigits(q + 4);
  const minute = twoDigits(q + 6);
  const second = twoDigits(q + 8);
  if (load<u8>(q + 10) != 0x5a) return TIME_INVALID; // 'Z'
  if (month < 1 || month > 12) return TIME_INVALID;
  if (day < 1 || day > daysInMonth(year, month)) return TIME_INVALID;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return TIME_INVALID;
  return daysFromCivil(year, month, day) * 86400 + <i64>(hour * 3600 + minute * 60 + second);
}
