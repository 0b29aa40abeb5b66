import { serveStatic } from './test/browser/server.ts';
import { launchChromium } from './scripts/bench/coldSearch.ts';
const dist = process.argv[2]!; const q = process.argv[3]!;
const site = await serveStatic(dist, '/', { gzip: true } as any);
const browser = await launchChromium();
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
const urls = new Map<string,string>(); const rows: [string, number][] = [];
const starts=new Map<string,number>(); let base=0;
cdp.on('Network.requestWillBeSent', (e: any) => { urls.set(e.requestId, e.request.url); if(!base) base=e.timestamp; starts.set(e.requestId, e.timestamp); });
cdp.on('Network.loadingFinished', (e: any) => { rows.push([urls.get(e.requestId)!, e.encodedDataLength]); if (process.env.TL) console.log(((starts.get(e.requestId)!-base)*1000).toFixed(0).padStart(5), ((e.timestamp-base)*1000).toFixed(0).padStart(5), new URL(urls.get(e.requestId)!).pathname.slice(0,70)); });
const t0 = Date.now();
await cdp.send('Profiler.enable'); if (process.env.PROF) await cdp.send('Profiler.start');
await page.goto(`${(site as any).url}search/?q=${encodeURIComponent(q)}`);
await page.waitForFunction(() => document.documentElement.dataset['searchDone'] !== undefined, null, { timeout: 60000 });
console.log('ms', Date.now() - t0);
if (process.env.PROF) { const { profile } = await cdp.send('Profiler.stop') as any; (await import('node:fs')).writeFileSync(process.env.PROF, JSON.stringify(profile)); }
const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`));
console.log(marks.join(' '));
const groups = new Map<string, [number, number]>();
for (const [u, b] of rows) { const p = new URL(u).pathname; const k = p.replace(/[0-9a-f]{7,}/g,'#').replace(/\/(und-[^/]*)/,'/…'); const g = groups.get(k) ?? [0,0]; g[0]++; g[1]+=b; groups.set(k,g);} 
let total=0; for (const [k,[n,b]] of [...groups].sort((a,b)=>b[1][1]-a[1][1])) { total+=b; console.log(String(n).padStart(4), (b/1024).toFixed(1).padStart(8), k); }
console.log('total', (total/1024).toFixed(1));
await browser.close(); await (site as any).close();
