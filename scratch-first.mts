import { firstSearch, pickQueries } from './scripts/bench/firstSearch.ts';
const result = await firstSearch(process.argv[2]!, await pickQueries('scripts/searchQueries.json'));
for (const run of result.runs) console.log(run.q, run.hits, (run.bytes / 1024).toFixed(1), 'KB', run.shownAtMs, 'ms');
console.log('median', (result.medianBytes / 1024).toFixed(1), 'max', (result.maxBytes / 1024).toFixed(1), 'shown median', result.medianShownMs);
