// The worker: reads each file as a stream and feeds its chunks to the Rust core (WebAssembly).
// Messages in:  { type: 'inspect', id, file, options }
// Messages out: { type: 'ready', version } | { type: 'progress', id, bytes, rows, total }
//               { type: 'result', id, findings } | { type: 'error', id, message }
import init, { FileSession, version } from './pkg/stackscope.js';

const ready = init().then(
  () => postMessage({ type: 'ready', version: version() }),
  (err) => postMessage({ type: 'fatal', message: `The analysis engine could not start: ${err}` }),
);

let queue = Promise.resolve();

self.onmessage = (event) => {
  const msg = event.data;
  if (msg && msg.type === 'inspect') {
    queue = queue.then(() => inspect(msg)).catch(() => {});
  }
};

const PROGRESS_EVERY_MS = 100;

async function inspect({ id, file, options }) {
  await ready;
  let session;
  try {
    session = new FileSession(file.name, options ?? undefined);
    const reader = file.stream().getReader();
    let last = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      session.push(value);
      const now = performance.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        const p = session.progress();
        postMessage({ type: 'progress', id, bytes: p.bytes, rows: p.rows, total: file.size });
      }
    }
    const findings = session.finish();
    postMessage({ type: 'result', id, findings });
  } catch (err) {
    postMessage({ type: 'error', id, message: String(err && err.message ? err.message : err) });
  } finally {
    if (session) session.free();
  }
}
