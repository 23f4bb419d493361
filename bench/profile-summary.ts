// Where a CPU profile's time went, as text: the functions with the most time of their own, and with the most
// time including what they called, skipping the first --from-ms (start-up, for a bot profiled under load).
//
//   node --import tsx bench/profile-summary.ts bench/.data/profiles/CPU.….cpuprofile [--top 30] [--from-ms 8000]
//
// Under tsx each source file is one line, so places are shown as file:column; the function names carry it.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type Frame = { functionName: string; url: string; columnNumber: number };
type ProfileNode = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, 'from-ms': { type: 'string', default: '0' } },
});
if (positionals.length !== 1) {
  process.stderr.write('usage: bench/profile-summary.ts <file.cpuprofile> [--top N] [--from-ms MS]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

const place = ({ functionName, url, columnNumber }: Frame) =>
  `${functionName || '(anonymous)'} ${url.replace(/^.*?\/(node_modules|src|bench|test)\//, '$1/')}:${columnNumber + 1}`;

const own = new Map<string, number>();
const inclusive = new Map<string, number>();
const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
let clock = 0;
let total = 0;
profile.samples.forEach((id, index) => {
  const us = profile.timeDeltas[index] ?? 0;
  clock += us;
  if (clock < Number(values['from-ms']) * 1_000) return;
  total += us;
  add(own, place(nodes.get(id)!.callFrame), us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const key = place(nodes.get(at)!.callFrame);
    if (!seen.has(key)) add(inclusive, key, us);
    seen.add(key);
  }
});

const show = (title: string, times: Map<string, number>) => {
  process.stdout.write(`\n${title} (of ${(total / 1_000).toFixed(0)} ms)\n`);
  const top = [...times].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  for (const [key, us] of top)
    process.stdout.write(
      `${(us / 1_000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}\n`,
    );
};
show('Own time', own);
show('Including what they called', inclusive);
