// The streaming floor: the file's bytes pushed through the wasm module in 1 MiB chunks, counting newlines.
// usage: node bench/floor.mjs USAGE.csv
import fs from 'node:fs';
import { initSync, NewlineCounter } from '../pkg/stackscope.js';
import { memorySampler, report, streamFile } from './common.mjs';

initSync({ module: fs.readFileSync(new URL('../pkg/stackscope_bg.wasm', import.meta.url)) });
const mem = memorySampler();
const t0 = performance.now();
const counter = new NewlineCounter();
await streamFile(process.argv[2], (chunk) => counter.push(chunk));
const lines = counter.count();
const ms = performance.now() - t0;
report('floor', ms, mem.stop(), { lines });
