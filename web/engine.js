// The engine: reads each file as a stream and feeds its chunks to the Rust core (WebAssembly), twice — once to
// decide what the file is, once to extract its records (once only for a plain usage log, whose first reading
// extracts them) — then analyses all files together.
// It runs inside a module Worker (worker.js) or, where workers are unavailable (the single-file build opened
// from disk), on the page itself; either way it talks through `post` and the returned message handler. In a
// worker, a large file's second half is read by another worker at the same time (part-worker.js).
//
// Messages in:  { type: 'add', id, file, options }   { type: 'cancel', id }   { type: 'remove', name }
//               { type: 'demo' }   { type: 'analyze', options }   { type: 'export', format, table? }
//               { type: 'diagnostics' }   { type: 'self-test-panic' } (a deliberate panic in the core)
// Messages out: { type: 'ready', version }  { type: 'progress', id, phase, bytes, rows, total }
//               { type: 'file', id, findings }  { type: 'cancelled', id }  { type: 'error', id, message }
//               { type: 'demo', files }  { type: 'report', report, diagnostics, charts }
//               { type: 'export', format, table, text }  { type: 'crash', message }
//               { type: 'part', id, phase, start, merged, resume_at } (a part read by another worker, merged or not)
import init, { FileSession, Workspace, version, last_panic, self_test_panic } from './pkg/stackscope.js';

const PROGRESS_EVERY_MS = 100;
// Files from this size on are read in two parts on two cores, after their first HEAD bytes (the header is settled
// after 64 KiB and 60 records). Only where the engine runs in a worker: the single-file build runs it on the page,
// with no workers allowed.
// (In node, 23:40 UTC: 51 MB 0.65–0.74 s in two parts against 0.70–0.74 s in one, 102 MB 1.01–1.15 s against
// 1.01–1.28 s, 204 MB 1.39–1.47 s against 1.55–1.89 s: below about 100 MB the second worker's start and the
// merge eat the gain, and its module takes memory.)
const PARTS_FROM = 128 << 20;
const HEAD = 1 << 20;
const CAN_SPLIT = typeof WorkerGlobalScope !== 'undefined' && typeof Worker !== 'undefined';
// Parts are read from this many cores on (1 GB in Chromium on 2 cores: 6.3–7.2 s in two parts, 7.9–9.4 s in one;
// docs/performance.md), unless the page asks (`?parts=1` or `?parts=0`, passed as the 'add' message's `parts`).
const SPLIT_FROM_CORES = 2;

/** Resolves in a task of its own, after the tasks already waiting (a worker's messages). */
function nextTask() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

/** The first byte after a newline at or after `at` (the file's size when there is none). */
async function lineStartAfter(file, at) {
  while (at < file.size) {
    const bytes = new Uint8Array(await file.slice(at, at + 65536).arrayBuffer());
    const i = bytes.indexOf(10);
    if (i >= 0) return at + i + 1;
    at += bytes.length;
  }
  return file.size;
}

/** Starts the engine; `wasm` (bytes) is given by the single-file build, else the module is fetched. */
export function startEngine(post, wasm) {
  let workspace = null;
  const ready = init(wasm ? { module_or_path: wasm } : undefined).then(
    () => {
      workspace = new Workspace();
      post({ type: 'ready', version: version() });
    },
    (err) => post({ type: 'crash', message: `The analysis engine could not start: ${err}` }),
  );
  const cancelled = new Set();
  let queue = Promise.resolve();

  function crashed(err) {
    let message = String(err && err.message ? err.message : err);
    try {
      const p = last_panic();
      if (p) message = `internal error: ${p}`;
    } catch (_) { /* the module may be unusable after a trap */ }
    post({ type: 'crash', message });
  }

  async function handle(msg) {
    await ready;
    if (!workspace) return;
    switch (msg.type) {
      case 'add': return add(msg);
      case 'remove': workspace.remove(msg.name); return;
      case 'demo': post({ type: 'demo', files: workspace.load_demo() }); return;
      case 'analyze': {
        const result = workspace.analyze(msg.options || {});
        post({ type: 'report', ...result });
        return;
      }
      case 'export': {
        let text;
        if (msg.format === 'html') text = workspace.export_html();
        else if (msg.format === 'json') text = workspace.export_json();
        else text = workspace.export_csv(msg.table || 'tools');
        post({ type: 'export', format: msg.format, table: msg.table, text });
        return;
      }
      case 'diagnostics': post({ type: 'export', format: 'diagnostics', text: workspace.diagnostics_csv() }); return;
      case 'self-test-panic': self_test_panic(); return;
    }
  }

  /**
   * Streams the file through one reading; returns the finished session, or null when cancelled. A large file's
   * second half is read at the same time by a worker of its own (part-worker.js, `ingest::PartReader`) and
   * merged in file order; whatever it leaves (where it stopped, or all of it when the merge refuses it) is read
   * here, so the findings are those of one reading in one piece.
   */
  async function read(id, file, options, phase, parts) {
    const session = new FileSession(file.name, options);
    const size = file.size;
    let part = { bytes: 0, rows: 0 };
    let last = 0;
    let worker = null;
    let partRunning = false;
    /** Posts progress every PROGRESS_EVERY_MS; true when it did. */
    const tick = () => {
      const now = performance.now();
      if (now - last < PROGRESS_EVERY_MS) return false;
      last = now;
      const p = session.progress();
      post({ type: 'progress', id, phase, bytes: p.bytes + part.bytes, rows: p.rows + part.rows, total: size });
      return true;
    };
    /** Pushes the bytes [from, to); false when cancelled. */
    const pump = async (from, to) => {
      if (to <= from) return true;
      const reader = file.slice(from, to).stream().getReader();
      for (;;) {
        if (cancelled.has(id)) {
          await reader.cancel();
          return false;
        }
        const { done, value } = await reader.read();
        if (done) return true;
        session.push(value);
        // While a part is read, let its progress messages in (they wait for a task of this worker's own).
        if (tick() && partRunning) await nextTask();
      }
    };
    try {
      let next = 0;
      const split = CAN_SPLIT && size >= PARTS_FROM && (parts === '1' || (parts !== '0' && (navigator.hardwareConcurrency || 1) >= SPLIT_FROM_CORES));
      const start = split ? await lineStartAfter(file, HEAD + Math.floor((size - HEAD) / 2)) : size;
      if (start < size) {
        try {
          worker = new Worker(new URL('./part-worker.js', import.meta.url), { type: 'module' });
        } catch (_) {
          worker = null;
        }
      }
      if (worker) {
        // The worker starts (and instantiates its module) while the head is read.
        let started;
        const ready = new Promise((resolve) => { started = resolve; });
        const result = new Promise((resolve) => {
          worker.onmessage = ({ data }) => {
            if (data.type === 'ready') started(true);
            else if (data.type === 'progress') part = { bytes: data.bytes, rows: data.rows };
            else resolve(data.type === 'done' ? data.result : null);
          };
          worker.onerror = () => { started(false); resolve(null); };
        });
        if (!(await pump(0, HEAD))) return cancel(session);
        next = HEAD;
        const setup = session.partSetup();
        if (setup && (await ready)) {
          worker.postMessage({ file, setup, start, end: size });
          partRunning = true;
          if (!(await pump(HEAD, start))) return cancel(session);
          next = start;
          // Waits for the part (a cancel stops waiting: the worker is ended below).
          let poll;
          const stop = new Promise((resolve) => {
            poll = setInterval(() => cancelled.has(id) && resolve('cancelled'), PROGRESS_EVERY_MS);
          });
          const found = await Promise.race([result, stop]);
          clearInterval(poll);
          partRunning = false;
          if (found === 'cancelled') return cancel(session);
          part = { bytes: 0, rows: 0 };
          if (found) {
            try {
              const merge = session.mergePart(found);
              next = merge.resume_at;
              post({ type: 'part', id, phase, start, merged: merge.merged, resume_at: merge.resume_at });
            } catch (_) { /* not a part's bytes: read that part here */ }
          }
        }
      }
      if (!(await pump(next, size))) return cancel(session);
    } catch (err) {
      session.free();
      throw err;
    } finally {
      if (worker) worker.terminate();
    }
    return session;
  }

  function cancel(session) {
    session.free();
    return null;
  }

  async function add({ id, file, options, parts }) {
    cancelled.delete(id);
    const opts = options || {};
    try {
      // A plain usage log is read once (the first reading extracts its records when it can be sure of them).
      const first = await read(id, file, { ...opts, one_reading: true }, 1, parts);
      if (!first) return post({ type: 'cancelled', id });
      const findings = first.finish();
      if (first.hasRecords()) {
        const final = workspace.add(first);
        first.free();
        return post({ type: 'file', id, findings: final });
      }
      const plan = first.plan();
      first.free();
      if (!plan) {
        // Unreadable: show why; nothing joins the analysis.
        workspace.remove(file.name);
        return post({ type: 'file', id, findings });
      }
      const second = await read(id, file, { ...opts, plan }, 2, parts);
      if (!second) return post({ type: 'cancelled', id });
      const final = workspace.add(second);
      second.free();
      post({ type: 'file', id, findings: final });
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError) throw err;
      post({ type: 'error', id, message: String(err && err.message ? err.message : err) });
    } finally {
      cancelled.delete(id);
    }
  }

  return (msg) => {
    if (!msg) return;
    if (msg.type === 'cancel') {
      cancelled.add(msg.id);
      return;
    }
    // Everything else runs in order.
    queue = queue.then(() => handle(msg)).catch((err) => crashed(err));
  };
}
