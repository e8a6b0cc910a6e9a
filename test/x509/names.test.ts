// Host name matching (RFC 6125 §6.4.3) and validity-time parsing (RFC 5280
// §4.1.2.5) in the engine, through a probe module: the rules the chain
// matrix relies on, case by case.
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateTestModule } from '../support/asc.js';

let probe: Record<string, any>;
beforeAll(async () => {
  probe = await instantiateTestModule('test/assembly/x509-names-probe.ts');
});

function put(text: string, at: number): [number, number] {
  const bytes = Buffer.from(text, 'latin1');
  new Uint8Array(probe.memory.buffer).set(bytes, probe.probeScratch() + at);
  return [probe.probeScratch() + at, bytes.length];
}

function matches(pattern: string, host: string): boolean {
  const [p, pl] = put(pattern, 0);
  const [h, hl] = put(host, 512);
  return probe.probeHostMatch(p, pl, h, hl) === 1;
}

function time(tag: 0x17 | 0x18, text: string): bigint {
  const [p, l] = put(text, 0);
  return probe.probeParseTime(tag, p, l);
}

const INVALID = -(2n ** 63n);

describe('RFC 6125 host matching', () => {
  const table: Array<[string, string, boolean]> = [
    ['www.example.com', 'www.example.com', true],
    ['WWW.Example.Com', 'www.example.COM', true],
    ['www.example.com', 'www.example.com.evil', false],
    ['www.example.com', 'ww.example.com', false],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'A-1.EXAMPLE.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', '.example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'a.example.co', false],
    ['*.com', 'example.com', false],
    ['*.', 'a.', false],
    ['*', 'localhost', false],
    ['*.example.', 'a.example.', false],
    ['f*o.example.com', 'foo.example.com', false],
    ['*o.example.com', 'foo.example.com', false],
    ['www.*.com', 'www.example.com', false],
    ['*.*.example.com', 'a.b.example.com', false],
    ['', 'example.com', false],
    ['example.com', '', false],
  ];
  for (const [pattern, host, expected] of table) {
    it(`'${pattern}' ${expected ? 'matches' : 'does not match'} '${host}'`, () => {
      expect(matches(pattern, host)).toBe(expected);
    });
  }
});

describe('RFC 5280 §4.1.2.5 validity times', () => {
  it('UTCTime years 50-99 are 1950-1999 and 00-49 are 2000-2049 (§4.1.2.5.1)', () => {
    expect(time(0x17, '500101000000Z')).toBe(BigInt(Date.UTC(1950, 0, 1) / 1000));
    expect(time(0x17, '491231235959Z')).toBe(BigInt(Date.UTC(2049, 11, 31, 23, 59, 59) / 1000));
    expect(time(0x17, '700101000000Z')).toBe(0n);
  });

  it('GeneralizedTime reads four-digit years (§4.1.2.5.2)', () => {
    expect(time(0x18, '20510101000000Z')).toBe(BigInt(Date.UTC(2051, 0, 1) / 1000));
    expect(time(0x18, '99991231235959Z')).toBe(BigInt(Date.UTC(9999, 11, 31, 23, 59, 59) / 1000));
    expect(time(0x18, '19000301000000Z')).toBe(BigInt(Date.UTC(1900, 2, 1) / 1000));
  });

  it('agrees with Date.UTC on random instants', () => {
    for (let i = 0; i < 500; i++) {
      const ms = Math.floor(Math.random() * Date.UTC(9999, 0, 1) / 1000) * 1000;
      const iso = new Date(ms).toISOString();
      const text = iso.slice(0, 19).replace(/[-:T]/g, '') + 'Z';
      expect(time(0x18, text)).toBe(BigInt(ms / 1000));
    }
  });

  it('leap days follow the Gregorian rule', () => {
    expect(time(0x18, '20240229000000Z')).not.toBe(INVALID);
    expect(time(0x18, '20000229000000Z')).not.toBe(INVALID);
    expect(time(0x18, '20230229000000Z')).toBe(INVALID);
    expect(time(0x18, '21000229000000Z')).toBe(INVALID);
  });

  it('refuses every form the profile does not allow', () => {
    for (const [tag, text] of [
      [0x17, '5001010000Z'], // no seconds
      [0x17, '500101000000+0100'], // offset
      [0x18, '20510101000000.5Z'], // fraction
      [0x18, '20510101000000'], // local time
      [0x17, '20510101000000Z'], // GeneralizedTime text in a UTCTime
      [0x18, '510101000000Z'],
      [0x18, '20511301000000Z'], // month 13
      [0x18, '20510100000000Z'], // day 0
      [0x18, '20510431000000Z'], // 31 April
      [0x18, '20510101240000Z'], // hour 24
      [0x18, '20510101006000Z'],
      [0x18, '20510101000060Z'], // no leap seconds
      [0x18, '2051010100000 Z'],
      [0x18, '2051-1-01000000Z'],
      [0x04, '20510101000000Z'], // not a time tag
    ] as Array<[0x17 | 0x18, string]>) {
      expect(time(tag, text), `${tag.toString(16)} ${text}`).toBe(INVALID);
    }
  });
});
