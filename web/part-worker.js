// A later part of a large file, read in a worker of its own (the engine's worker starts it) with its own instance
// of the module: see `ingest::PartReader`. It starts while the engine reads the file's head, then gets
// { file, setup, start, end }, streams the bytes [start, end) into a PartSession, posts { type: 'progress', bytes,
// rows } every 100 ms and at the end { type: 'done', result } (the result's bytes, for FileSession.mergePart).
import init, { PartSession } from './pkg/stackscope.js';

// Says when it can take the setup: the engine's messages reach it only once it has heard from it.
const ready = init().then(() => postMessage({ type: 'ready' }));
const PROGRESS_EVERY_MS = 100;

self.onmessage = async ({ data }) => {
  try {
    await ready;
    const { file, setup, start, end } = data;
    const part = new PartSession(setup, start);
    const reader = file.slice(start, end).stream().getReader();
    let last = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      part.push(value);
      if (part.stopped()) {
        await reader.cancel();
        break;
      }
      const now = performance.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        postMessage({ type: 'progress', ...part.progress() });
      }
    }
    const result = part.finish(end === file.size);
    part.free();
    postMessage({ type: 'done', result }, [result.buffer]);
  } catch (err) {
    postMessage({ type: 'failed', message: String(err && err.message ? err.message : err) });
  }
};
