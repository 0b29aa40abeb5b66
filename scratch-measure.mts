import { runMeasured } from './scripts/bench/processTree.ts';
const [cap, out] = process.argv.slice(2);
const run = await runMeasured('node', ['node_modules/astro/bin/astro.mjs', 'build'], {
  env: { NODE_OPTIONS: `--max-old-space-size=${cap}`, SITE_DATA: process.env['DATA'] ?? '/tmp/exp/d10k', SITE_OUT: out!, SITE_CACHE: `${out}-cache`, SITE_RELEASES: '/tmp/exp/norel' },
});
console.log(cap, run.exitCode, run.seconds.toFixed(1), 's', (run.peakBytes / 2 ** 20).toFixed(0), 'MiB', JSON.stringify(Object.fromEntries(Object.entries(run.peakByName).map(([k, v]) => [k, Math.round(v / 2 ** 20)]))));
console.log(run.output.split('\n').filter((l) => /page\(s\)|search:|downloads:/.test(l)).join('\n').slice(0, 600));
