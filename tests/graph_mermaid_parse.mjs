// Parses Mermaid files with Mermaid's own parser (run by tests/graph_golden.rs when
// BRINK_MERMAID_MODULES names a node_modules folder holding `mermaid` and `jsdom`):
//   node tests/graph_mermaid_parse.mjs FILE...
// Exits 1 and names the file when one does not parse.
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

const modules = process.env.BRINK_MERMAID_MODULES;
const require = createRequire(path.join(modules, 'index.js'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser;
const { default: mermaid } = await import(pathToFileURL(require.resolve('mermaid')).href);
mermaid.initialize({ startOnLoad: false });
let bad = 0;
for (const file of process.argv.slice(2)) {
  try {
    await mermaid.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    bad++;
    console.log(`${file}: ${String(e.message || e).slice(0, 500)}`);
  }
}
process.exit(bad ? 1 : 0);
