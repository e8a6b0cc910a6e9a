// The embertls command line as a user runs it (from dist/, as the bin does).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool } from './support/tools.js';

const embertls = (...args: string[]) => spawnSync('node', ['dist/cli.js', ...args], { encoding: 'utf8' });

describe('embertls', () => {
  it('prints its commands when run without one', () => {
    const { status, stdout } = embertls();
    expect(status).toBe(0);
    expect(stdout).toMatch(/selfcheck/);
    expect(stdout).toMatch(/^  start /m);
    expect(stdout).toMatch(/^  connect host:port \[--servername NAME\] \[--ca FILE\] \[--cert FILE --key FILE\]/m);
    expect(stdout).toMatch(/--alpn h2,http\/1\.1\] \[--record-size N\] \[--trace\]/);
    expect(stdout).toMatch(/^  doctor host:port/m);
    expect(stdout).toMatch(/build --board NAME/);
  });

  it('refuses an unknown command with exit status 2', () => {
    const { status, stderr } = embertls('launch');
    expect(status).toBe(2);
    expect(stderr).toMatch(/unknown command 'launch'/);
  });

  it('build without --board says what it needs and exits 2', () => {
    const { status, stderr } = embertls('build');
    expect(status).toBe(2);
    expect(stderr).toMatch(/--board NAME is required/);
  });

  it.runIf(hasTool('arm-none-eabi-gcc', 'gcc-arm-none-eabi') && hasTool('wasm2c', 'wabt'))(
    'build --board cortex-m4 writes the C library a firmware links: embertls.h and libembertls.a',
    () => {
      const out = execFileSync('node', ['dist/cli.js', 'build', '--board', 'cortex-m4', '--profile', 'size'], { encoding: 'utf8' }).trim();
      expect(existsSync(join(out, 'include', 'embertls.h'))).toBe(true);
      expect(existsSync(join(out, 'libembertls.a'))).toBe(true);
    },
    240_000,
  );
});
