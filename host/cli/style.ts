// Colour only where a person reads a terminal: piped or redirected output,
// and NO_COLOR, stay plain text.
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  good(text: string): string;
  warn(text: string): string;
  bad(text: string): string;
}

const paint = (code: number) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;
const plain = (text: string) => text;

export function styleFor(stream: { isTTY?: boolean }): Style {
  const colour = stream.isTTY === true && !process.env.NO_COLOR;
  if (!colour) return { bold: plain, dim: plain, good: plain, warn: plain, bad: plain };
  return { bold: paint(1), dim: paint(2), good: paint(32), warn: paint(33), bad: paint(31) };
}
