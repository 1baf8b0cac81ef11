// Harness progress output: one prefixed line per step, with elapsed seconds, on stderr so that stdout
// stays readable for test results. CommonJS (types in log.d.cts) for the same reason as paths.cjs.
'use strict';
const t0 = Date.now();

/** @param {string} msg */
function step(msg) {
  process.stderr.write(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
}

module.exports = { step };
