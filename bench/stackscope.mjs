// Stackscope's wasm module through its real API, as the page's engine uses it: each file streamed in 1 MiB chunks
// into a FileSession asked to extract in one reading when it can be sure of the records (a plain usage log);
// otherwise a second reading extracts with the first reading's plan. Then the workload.
// usage: node bench/stackscope.mjs USAGE.csv LICENCES.csv
import fs from 'node:fs';
import path from 'node:path';
import { initSync, FileSession, utilisation } from '../pkg/stackscope.js';
import { memorySampler, report, streamFile } from './common.mjs';

const wasm = initSync({ module: fs.readFileSync(new URL('../pkg/stackscope_bg.wasm', import.meta.url)) });

async function records(file) {
  const name = path.basename(file);
  const first = new FileSession(name, { one_reading: true });
  await streamFile(file, (chunk) => first.push(chunk));
  const plan = first.finishPlan();
  if (first.hasRecords()) {
    // A plain usage log: the first reading extracted its records (exactly a second reading's).
    const set = first.takeRecords();
    first.free();
    readings.push(1);
    return set;
  }
  first.free();
  readings.push(2);
  if (!plan) throw new Error(`${file}: unreadable`);
  const second = new FileSession(name, { plan });
  await streamFile(file, (chunk) => second.push(chunk));
  const set = second.finishRecords();
  second.free();
  return set;
}

const readings = [];
const mem = memorySampler();
const t0 = performance.now();
const usage = await records(process.argv[2]);
const licences = await records(process.argv[3]);
const result = utilisation(usage, licences);
const ms = performance.now() - t0;
usage.free();
licences.free();
// The module's linear memory at the end (it never shrinks, so this is its peak).
result.wasm_memory_mib = wasm.memory.buffer.byteLength / 1048576;
// How many readings each file took (usage, licences).
result.readings = readings;
report('stackscope-wasm', ms, mem.stop(), result);
