// A later part of a file, read in a worker thread with its own instance of the module (see
// `ingest::PartReader`): `workerData` = { file, module, start, end, size }. The worker starts while the first
// reading reads the file's head, then waits for the setup bytes (`FileSession.partSetup()`), reads the bytes
// [start, end) and posts the part's result bytes.
import { parentPort, workerData } from 'node:worker_threads';
import { initSync, PartSession } from '../pkg/stackscope.js';
import { streamRange } from './common.mjs';

const { file, module, start, end, size } = workerData;
initSync({ module });
parentPort.once('message', async (setup) => {
  const part = new PartSession(setup, start);
  await streamRange(file, start, end, (chunk) => part.push(chunk), () => part.stopped());
  const bytes = part.finish(end === size);
  part.free();
  parentPort.postMessage(bytes, [bytes.buffer]);
});
