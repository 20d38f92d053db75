#!/usr/bin/env node
// Runs the TypeScript CLI straight from the checkout (no build step).
require('tsx/cjs/api').register();
require('../client/cli.ts')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
