// Stackscope's wasm module through its real API, as the page's engine uses it: each file streamed in 1 MiB chunks
// into a FileSession asked to extract in one reading when it can be sure of the records (a plain usage log);
// otherwise a second reading extracts with the first reading's plan. Then the workload.
// A large file's first reading hands its second half to a worker thread with its own instance of the module
// (`PartSession`), merged in file order (`mergePart`), as the page does. `STACKSCOPE_PARTS_FROM` (bytes) changes
// the size from which files are read so (128 MiB, as the page; a huge value reads every file in one piece).
// usage: node bench/stackscope.mjs USAGE.csv LICENCES.csv
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { initSync, FileSession, utilisation } from '../pkg/stackscope.js';
import { lineStartAfter, memorySampler, report, streamFile, streamRange } from './common.mjs';

const module = new WebAssembly.Module(fs.readFileSync(new URL('../pkg/stackscope_bg.wasm', import.meta.url)));
const wasm = initSync({ module });
// Files below this are read in one piece (a worker's start is not worth it); the first 1 MiB always is (the
// header is settled after 64 KiB and 60 records).
const PARTS_FROM = Number(process.env.STACKSCOPE_PARTS_FROM ?? 128 << 20);
const HEAD = 1 << 20;

/** The first reading of `file`, its second half read by a worker when the file is large. */
async function firstReading(file, session) {
  const size = fs.statSync(file).size;
  const head = Math.min(size, HEAD);
  if (size < PARTS_FROM || size <= head) {
    await streamRange(file, 0, size, (chunk) => session.push(chunk));
    return;
  }
  // The worker starts (and instantiates its module) while the head is read.
  const start = await lineStartAfter(file, head + Math.floor((size - head) / 2), size);
  const worker = new Worker(new URL('./part-worker.mjs', import.meta.url), {
    workerData: { file, module, start, end: size, size },
  });
  const part = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await streamRange(file, 0, head, (chunk) => session.push(chunk));
  const setup = session.partSetup();
  if (!setup) {
    await worker.terminate();
    await streamRange(file, head, size, (chunk) => session.push(chunk));
    return;
  }
  worker.postMessage(setup, [setup.buffer]);
  await streamRange(file, head, start, (chunk) => session.push(chunk));
  const merge = session.mergePart(await part);
  await worker.terminate();
  parts.push(merge);
  await streamRange(file, merge.resume_at, size, (chunk) => session.push(chunk));
}

async function records(file) {
  const name = path.basename(file);
  const first = new FileSession(name, { one_reading: true });
  await firstReading(file, first);
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
const parts = [];
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
// Parts read by a worker: { merged, resume_at } each.
result.parts = parts;
report('stackscope-wasm', ms, mem.stop(), result);
