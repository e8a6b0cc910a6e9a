// Argument checks for the public API: wrong types throw TypeError, wrong
// lengths or values throw RangeError, and both name the argument.

export type HashName = 'sha256' | 'sha384' | 'sha512';

export const HASHES: Record<HashName, { id: number; size: number }> = {
  sha256: { id: 0, size: 32 },
  sha384: { id: 1, size: 48 },
  sha512: { id: 2, size: 64 },
};

export function bytes(name: string, value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array, got ${describe(value)}`);
  }
  return value;
}

/** An optional byte string: undefined or null mean empty. */
export function optionalBytes(name: string, value: unknown): Uint8Array {
  return value === undefined || value === null ? new Uint8Array(0) : bytes(name, value);
}

export function bytesOfLength(name: string, value: unknown, ...lengths: number[]): Uint8Array {
  const b = bytes(name, value);
  if (!lengths.includes(b.length)) {
    throw new RangeError(`${name} must be ${lengths.join(' or ')} bytes long, got ${b.length}`);
  }
  return b;
}

export function hashName(name: string, value: unknown): HashName {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be 'sha256', 'sha384' or 'sha512', got ${describe(value)}`);
  }
  if (!Object.hasOwn(HASHES, value)) {
    throw new RangeError(`${name} must be 'sha256', 'sha384' or 'sha512', got '${value}'`);
  }
  return value as HashName;
}

export function nonNegativeInteger(name: string, value: unknown, max: number): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer from 0 to ${max}, got ${value}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}
