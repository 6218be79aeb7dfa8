// The module Worker: runs the engine (engine.js) off the page's main thread, so the page never freezes.
import { startEngine } from './engine.js';

const handle = startEngine((msg) => postMessage(msg));
self.onmessage = (event) => handle(event.data);
