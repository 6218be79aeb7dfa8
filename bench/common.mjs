// Shared by the benchmark scripts: streaming a file in 1 MiB chunks, peak memory sampling, result output.
import fs from 'node:fs';

export const CHUNK = 1 << 20;

/**
 * Calls `onChunk(Uint8Array)` for each 1 MiB chunk of the file, as `File.stream()` would hand them. Two
 * buffers are reused in turn, the next chunk being read while `onChunk` handles this one, so `onChunk` must not
 * keep its chunk (the wasm API copies it). A stream of fresh buffers (`fs.createReadStream`) would leave node
 * ~36 MiB of buffers awaiting collection, counted in the process's peak memory whatever the reader does.
 */
export async function streamFile(path, onChunk) {
  const file = await fs.promises.open(path);
  try {
    const bufs = [new Uint8Array(CHUNK), new Uint8Array(CHUNK)];
    let k = 0;
    let pending = file.read(bufs[0], 0, CHUNK, null);
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) break;
      k ^= 1;
      pending = file.read(bufs[k], 0, CHUNK, null);
      onChunk(bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
}

/**
 * `streamFile` for the bytes [start, end) of a file, in 1 MiB chunks (the same two reused buffers). Stops early
 * when `stop()` returns true after a chunk.
 */
export async function streamRange(path, start, end, onChunk, stop = () => false) {
  if (end <= start) return;
  const file = await fs.promises.open(path);
  try {
    const bufs = [new Uint8Array(CHUNK), new Uint8Array(CHUNK)];
    let k = 0;
    let at = start;
    const next = (buf) => {
      const len = Math.min(CHUNK, end - at);
      const p = len > 0 ? file.read(buf, 0, len, at) : Promise.resolve({ bytesRead: 0, buffer: buf });
      at += len;
      return p;
    };
    let pending = next(bufs[0]);
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) break;
      k ^= 1;
      pending = next(bufs[k]);
      onChunk(bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead));
      if (stop()) break;
    }
    await pending;
  } finally {
    await file.close();
  }
}

/** The first byte after a newline at or after `at` (the file's size when there is none). */
export async function lineStartAfter(path, at, size) {
  const file = await fs.promises.open(path);
  try {
    const buf = new Uint8Array(64 * 1024);
    while (at < size) {
      const { bytesRead } = await file.read(buf, 0, Math.min(buf.length, size - at), at);
      if (bytesRead === 0) break;
      const i = buf.subarray(0, bytesRead).indexOf(10);
      if (i >= 0) return at + i + 1;
      at += bytesRead;
    }
    return size;
  } finally {
    await file.close();
  }
}

/** Samples the process's resident memory every 10 ms (and at each call to `sample`). */
export function memorySampler() {
  let max = process.memoryUsage().rss;
  const sample = () => {
    const r = process.memoryUsage().rss;
    if (r > max) max = r;
  };
  const timer = setInterval(sample, 10);
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return max;
    },
  };
}

/** Days since 1970 of `YYYY-MM-DD`. */
export function dayNumber(iso) {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
}

export function isoDate(days) {
  return new Date(days * 86400000).toISOString().slice(0, 10);
}

/** The workload from per-(tool, user) aggregates: Map lowerTool → { name, users: Map user → [lastDay, events] }. */
export function finishWorkload(perTool, seatsByTool) {
  let max = -Infinity;
  for (const t of perTool.values()) for (const [last] of t.users.values()) if (last > max) max = last;
  const keys = [...perTool.keys()].sort();
  const index = new Map(keys.map((k, i) => [k, i]));
  const recent = new Map();
  const tools = keys.map((k, i) => {
    const t = perTool.get(k);
    let active30 = 0;
    let events = 0;
    for (const [user, [last, ev]] of t.users) {
      events += ev;
      if (last >= max - 29) active30++;
      if (last >= max - 89) {
        let l = recent.get(user);
        if (!l) recent.set(user, (l = []));
        l.push(i);
      }
    }
    const seats = seatsByTool.get(k) ?? null;
    return {
      tool: t.name,
      active_30: active30,
      users: t.users.size,
      events,
      seats,
      active_per_seat: seats && seats > 0 ? Math.round((active30 / seats) * 10000) / 10000 : null,
    };
  });
  const n = keys.length;
  const overlap = Array.from({ length: n }, () => new Array(n).fill(0));
  for (const l of recent.values()) for (const a of l) for (const b of l) overlap[a][b]++;
  void index;
  return { max_date: Number.isFinite(max) ? isoDate(max) : null, tools, overlap };
}

/** Prints the one line the benchmark driver reads. */
export function report(name, ms, rssMax, result) {
  process.stdout.write(JSON.stringify({ impl: name, ms, rss_max: rssMax, result }) + '\n');
}
