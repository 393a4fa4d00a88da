// Starts the embedded backend's demo-data worker (src/data/embedded/worker/):
// Trunk builds it as demo-worker.js + demo-worker_bg.wasm (no-modules, unhashed)
// and this file, copied beside them, is what the app passes to `new Worker`.
// It replaces Trunk's loader shim, which calls wasm_bindgen with the
// deprecated positional argument.
importScripts('./demo-worker.js');
// A wasm that cannot load is reported to the app (a rejected promise inside a
// worker never reaches its page), which then shows the error with Retry.
wasm_bindgen({ module_or_path: './demo-worker_bg.wasm' }).catch((e) => postMessage(`failed: ${e}`));
