// Node script run by hooks/site_assets.py at build time:
//   node pyodide_snapshot.mjs PYODIDE_DIR AGENTLAB_ZIP LIB_DIR OUT.gz
// Starts the pinned Pyodide once, imports agentlab from the archive, and saves the
// memory of that Python as a gzipped snapshot. The browser starts from it instead of
// booting Python (4 s on a slow machine, under half a second from the snapshot).
// Pyodide marks _makeSnapshot/_loadSnapshot as its own API: the version is pinned
// exactly and the browser tests run every example through it.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [pyodideDir, archivePath, libDir, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: node pyodide_snapshot.mjs PYODIDE_DIR AGENTLAB_ZIP LIB_DIR OUT.gz");
  process.exit(2);
}
// Pyodide's own stack points into its minified glue: one readable line is enough.
try {
  const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
  const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, _makeSnapshot: true });
  // A Node Buffer is not a typed array Pyodide knows: copy it into a plain one.
  pyodide.unpackArchive(new Uint8Array(readFileSync(archivePath)), "zip", { extractDir: libDir });
  // What every run needs: the emulator, its command line, and the runner's own modules.
  pyodide.runPython(`
import sys
sys.path.insert(0, ${JSON.stringify(libDir)})
import agentlab, agentlab.cli, os, runpy, traceback
`);
  writeFileSync(outPath, gzipSync(pyodide.makeMemorySnapshot(), { level: 6 }));
} catch (error) {
  console.error(`pyodide_snapshot.mjs: ${String(error).slice(0, 2000)}`);
  process.exit(1);
}
