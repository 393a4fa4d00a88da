// Starts the wasm app from a file rather than an inline module script, so a
// Content-Security-Policy with `script-src 'self'` (no 'unsafe-inline', no
// nonce) allows it. scripts/app-build.mjs (Trunk's post_build hook) names the
// wasm-bindgen glue and the main wasm in two <meta> tags of index.html, with
// preloads. A module script runs after the document is parsed, so both are there.
const named = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');

try {
  const glue = named('haihe-glue');
  const wasm = named('haihe-wasm');
  if (!glue || !wasm) throw new Error('index.html names no wasm');
  const bindings = await import(new URL(glue, document.baseURI).href);
  await bindings.default({ module_or_path: new URL(wasm, document.baseURI) });
  // As Trunk's own start-up does: the exports, for the browser tests.
  window.wasmBindings = bindings;
} catch (err) {
  // The app never started: say so in words instead of a blank page.
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `海河未能启动,请刷新重试。Haihe could not start; please reload. (${err})`;
  document.body.append(p);
  throw err;
}
