// The engine: reads each file as a stream and feeds its chunks to the Rust core (WebAssembly), twice — once to
// decide what the file is, once to extract its records (once only for a plain usage log, whose first reading
// extracts them) — then analyses all files together.
// It runs inside a module Worker (worker.js) or, where workers are unavailable (the single-file build opened
// from disk), on the page itself; either way it talks through `post` and the returned message handler.
//
// Messages in:  { type: 'add', id, file, options }   { type: 'cancel', id }   { type: 'remove', name }
//               { type: 'demo' }   { type: 'analyze', options }   { type: 'export', format, table? }
//               { type: 'diagnostics' }   { type: 'self-test-panic' } (a deliberate panic in the core)
// Messages out: { type: 'ready', version }  { type: 'progress', id, phase, bytes, rows, total }
//               { type: 'file', id, findings }  { type: 'cancelled', id }  { type: 'error', id, message }
//               { type: 'demo', files }  { type: 'report', report, diagnostics, charts }
//               { type: 'export', format, table, text }  { type: 'crash', message }
import init, { FileSession, Workspace, version, last_panic, self_test_panic } from './pkg/stackscope.js';

const PROGRESS_EVERY_MS = 100;

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

  /** Streams the file through one reading; returns the finished session, or null when cancelled. */
  async function read(id, file, options, phase) {
    const session = new FileSession(file.name, options);
    const reader = file.stream().getReader();
    let last = 0;
    try {
      for (;;) {
        if (cancelled.has(id)) {
          await reader.cancel();
          session.free();
          return null;
        }
        const { done, value } = await reader.read();
        if (done) break;
        session.push(value);
        const now = performance.now();
        if (now - last >= PROGRESS_EVERY_MS) {
          last = now;
          const p = session.progress();
          post({ type: 'progress', id, phase, bytes: p.bytes, rows: p.rows, total: file.size });
        }
      }
    } catch (err) {
      session.free();
      throw err;
    }
    return session;
  }

  async function add({ id, file, options }) {
    cancelled.delete(id);
    const opts = options || {};
    try {
      // A plain usage log is read once (the first reading extracts its records when it can be sure of them).
      const first = await read(id, file, { ...opts, one_reading: true }, 1);
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
      const second = await read(id, file, { ...opts, plan }, 2);
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
