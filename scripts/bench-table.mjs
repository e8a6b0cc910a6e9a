// Prints bench/results/host.json as the Markdown table the README shows.
import { readFileSync } from 'node:fs';

const result = JSON.parse(readFileSync('bench/results/host.json', 'utf8'));
const us = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} ms` : `${v.toFixed(v < 10 ? 2 : 1)} µs`);
console.log(`${result.runtime}, ${result.cpu}, commit ${result.commit}, ${result.date.slice(0, 10)}; median time per call.`);
console.log('"x faster" = comparator time / EmberTLS time (above 1: EmberTLS is faster).\n');
console.log('| operation | EmberTLS | @noble | node:crypto | vs @noble | vs node:crypto |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of result.rows) {
  const m = row.medianMicros;
  console.log(`| ${row.op} | ${us(m.ember)} | ${us(m.noble)} | ${us(m.node)} | ${row.speedupVsNoble.toFixed(2)}x | ${row.speedupVsNode.toFixed(2)}x |`);
}
console.log(`\nModule size: speed profile (-O3) ${result.moduleBytes.speed} bytes, size profile (-Oz) ${result.moduleBytes.size} bytes.`);
