// Loaded first in each of the Temporal SDK's workflow threads (worker/promise-stacks.ts), before the SDK's own
// code: the SDK then runs its workflows without the promise hook that records a stack trace for every promise
// a workflow creates. That hook is what the `__stack_trace` query (the Web UI's "Stack Trace" tab) reads, and it
// costs a third of the worker's CPU under load (sdk-typescript#1587). Without it the SDK answers that query
// with "Workflow stack traces are not enabled on this worker", as it does where Node has no promise hooks.
// Plain CommonJS: the thread runs it before any TypeScript loader.
'use strict';
const path = require('node:path');

const sdkDir = path.dirname(require.resolve('@temporalio/worker/package.json'));
const vmShared = require(path.join(sdkDir, 'lib', 'workflow', 'vm-shared.js'));
const proto = vmShared.GlobalHandlers?.prototype;
// Another SDK version, shaped otherwise, keeps its hook (the worker checks this before, and says so).
if (proto && typeof proto.setPromiseHook === 'function') {
  proto.setPromiseHook = function setNoPromiseHook() {
    this.stopPromiseHook = () => {};
  };
}
