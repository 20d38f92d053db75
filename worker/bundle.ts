// The workflow code, bundled once and kept: a worker's start reuses the bundle built from the same sources
// instead of running webpack each time (seconds of CPU, and N times over with DONDOC_WORKER_PROCESSES). The
// bundle's name is a hash of what goes into it (workflows/, contract/, core/, whose imports the lint fences
// keep to themselves and @temporalio/workflow, and the lock file), so a change to any of them builds anew.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

const ROOT = path.join(__dirname, '..');
const SOURCES = ['workflows', 'contract', 'core'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? filesUnder(p) : /\.(ts|js|json)$/.test(e.name) ? [p] : [];
    })
    .sort();
}

/** The hash of the workflow bundle's inputs. */
export function workflowSourceHash(root = ROOT): string {
  const h = createHash('sha256');
  for (const file of [
    ...SOURCES.flatMap((d) => filesUnder(path.join(root, d))),
    path.join(root, 'package-lock.json'),
  ]) {
    h.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** Where the prebuilt workflow bundle is kept: in dondoc's data folder (DONDOC_DATA_DIR). */
export function bundleDir(dataDir: string): string {
  return path.resolve(dataDir, 'bundle');
}

/** The bundle file for the current sources in `dir`, built (and written atomically) if it is not there yet. */
export async function workflowBundle(dir: string): Promise<{ codePath: string; built: boolean }> {
  const codePath = path.join(dir, `workflows-${workflowSourceHash()}.js`);
  try {
    if (statSync(codePath).size > 0) return { codePath, built: false };
  } catch {
    // not built yet
  }
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(ROOT, 'workflows'),
    logger: new DefaultLogger('ERROR'),
  });
  mkdirSync(dir, { recursive: true });
  const tmp = `${codePath}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, codePath);
  // Bundles of older sources are of no more use.
  for (const old of readdirSync(dir).filter((f) => /^workflows-[0-9a-f]+\.js$/.test(f))) {
    if (path.join(dir, old) !== codePath) rmSync(path.join(dir, old), { force: true });
  }
  return { codePath, built: true };
}
