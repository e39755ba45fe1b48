/**
 * Reads a V8 CPU profile (`--cpu-prof`, e.g. from `npm run bench -- --only server --profile`) and
 * prints where the time went: self time by function and by source area (our folders, each
 * dependency, Node internals), so a slow figure is explained by a measurement, not a guess.
 *
 *   node bench/profile-summary.ts bench/results/tmp/profiles/CPU.*.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The folder or package a script belongs to. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(server\/src\/[^/]+|widget\/src\/[^/]+|site\/src\/[^/]+|bench)\//.exec(url);
  return own ? own[1]! : url;
}

export function summarize(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id)!;
    const where = callFrame.url ? `${callFrame.url.replace(/^file:\/\/.*?\/(node_modules|server|widget|site|bench)\//, '$1/')}:${callFrame.lineNumber + 1}` : '';
    const fn = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
    const a = area(callFrame.url, callFrame.functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + micros);
  }
  const table = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([name, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`)
      .join('\n');
  return `total ${(total / 1000).toFixed(0)} ms sampled\n\nself time by area\n${table(byArea, 20)}\n\nself time by function\n${table(byFunction, top)}\n`;
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  for (const file of positionals) console.log(`# ${file}\n${summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(values.top))}`);
}
