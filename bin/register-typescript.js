// Runs the project's TypeScript directly: every .ts file of the repository is
// compiled by SWC on first load (decorators with metadata, which type-graphql
// needs; CommonJS) and the output is cached on disk by content hash, so the next
// process loads plain JavaScript. Used by `patientgraph` and by every process the
// stack starts: a fresh process costs milliseconds here, not the ~0.8 s that
// loading a TypeScript-aware register costs.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'patientgraph-ts');
const OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
let swc;
let fingerprint;

function compile(source, filename) {
  fingerprint ??= `${require('@swc/core/package.json').version}:${JSON.stringify(OPTIONS)}`;
  const key = crypto
    .createHash('sha256')
    .update(fingerprint)
    .update(filename)
    .update(source)
    .digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not compiled yet
  }
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, { ...OPTIONS, filename });
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, cached);
  } catch {
    // a read-only install still runs, just without the cache
  }
  return code;
}

const previous = require.extensions['.ts'];
require.extensions['.ts'] = function loadTypeScript(module, filename) {
  if (filename.includes(`${path.sep}node_modules${path.sep}`) || !filename.startsWith(ROOT)) {
    if (previous) return previous(module, filename);
    throw new Error(`Cannot load TypeScript outside the project: ${filename}`);
  }
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
// Stack traces point at the TypeScript lines (inline source maps).
if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
