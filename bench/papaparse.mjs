// Papa Parse streaming the file (1 MiB chunks), aggregation in JS Maps.
// usage: node bench/papaparse.mjs USAGE.csv LICENCES.csv
import fs from 'node:fs';
import Papa from 'papaparse';
import { CHUNK, dayNumber, finishWorkload, memorySampler, report } from './common.mjs';

function parse(file, onRows) {
  return new Promise((resolve, reject) => {
    Papa.parse(fs.createReadStream(file, { highWaterMark: CHUNK, encoding: 'utf8' }), {
      header: false,
      skipEmptyLines: true,
      chunk: (results) => onRows(results.data),
      complete: resolve,
      error: reject,
    });
  });
}

const mem = memorySampler();
const t0 = performance.now();
const perTool = new Map();
const dayCache = new Map();
let header = true;
await parse(process.argv[2], (rows) => {
  for (const r of rows) {
    if (header) {
      header = false;
      continue;
    }
    const [date, email, tool, events] = r;
    const key = tool.trim().toLowerCase();
    let t = perTool.get(key);
    if (!t) perTool.set(key, (t = { name: tool.trim(), users: new Map() }));
    let day = dayCache.get(date);
    if (day === undefined) dayCache.set(date, (day = dayNumber(date)));
    const user = email.trim().toLowerCase();
    const ev = events === '' ? 0 : Number(events);
    const agg = t.users.get(user);
    if (agg) {
      if (day > agg[0]) agg[0] = day;
      agg[1] += ev;
    } else t.users.set(user, [day, ev]);
  }
  mem.sample();
});
const seats = new Map();
let licHeader = true;
await parse(process.argv[3], (rows) => {
  for (const r of rows) {
    if (licHeader) {
      licHeader = false;
      continue;
    }
    seats.set(r[0].trim().toLowerCase(), Number(r[2]));
  }
});
const result = finishWorkload(perTool, seats);
const ms = performance.now() - t0;
report('papaparse', ms, mem.stop(), result);
