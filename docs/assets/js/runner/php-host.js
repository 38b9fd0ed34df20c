// PHP for the page's worker: the host agentlab's PHP agents run in (agentlab/php/
// json_host.py is its Python side). PHP 8.3 compiled to WebAssembly (npm php-wasm,
// copied into the site) runs synchronously once loaded, so agentlab calls it in the
// middle of a run: one interpreter per environment (BX_CRONTAB defined or not), each
// loading agentlab's bitrix.php and the reader's file. PHP's messages come out on its
// stderr, one line each, as they are written; the answer goes onto its stdin before
// PHP reads it (bitrix.php, agentlab_serve_stdio).

const MESSAGE = "\x1e"; // leads each line of bitrix.php's messages

// The web build of php-wasm names `document` and `window` while it starts (for its
// SDL/canvas helpers, unused here). A worker has neither: give it stand-ins for that
// moment only, since Pyodide tells a worker from a page by them.
async function withPageStandIns(make) {
  const had = { document: "document" in self, window: "window" in self };
  if (!had.document) self.document = {};
  if (!had.window) self.window = self;
  try {
    return await make();
  } finally {
    if (!had.document) delete self.document;
    if (!had.window) delete self.window;
  }
}

// A PHP string literal of any text: single quotes, with \ and ' escaped.
function phpString(text) {
  return "'" + text.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
}

export class PhpHost {
  // phpWasm: the folder of php-wasm in the site; environment: bitrix.php's text;
  // ini: the php.ini agentlab gives every host (agentlab.php.bridge.PHP_INI);
  // readFile(path): a file of Python's file system (the reader's PHP, as agentlab
  // names it in a load request, is copied to the same path in PHP's).
  constructor({ phpWasm, environment, ini, readFile }) {
    this.phpWasm = phpWasm;
    this.environment = environment;
    this.ini = ini;
    this.readFile = readFile;
    this.interpreters = new Map(); // key -> { php, binary, output, used }
    this.spare = []; // interpreters not in use: new, or used and to be started again
    this.answer = null; // Python's answer_json, set by the worker
    this.done = null;
  }

  // What PHP writes on stderr: a message of bitrix.php (answered at once, on stdin),
  // or anything else, kept with the output.
  fromPhp(entry, line) {
    if (!line.startsWith(MESSAGE)) {
      entry.output.push(line);
      return;
    }
    const json = line.slice(MESSAGE.length);
    const message = JSON.parse(json);
    if (message.done) this.done = message.done;
    else entry.php.inputString(this.answer(json) + "\n");
  }

  // At least one interpreter ready before the run (the slowest part of the first PHP
  // Run: the runtime's download and compilation).
  async warm() {
    if (this.spare.length === 0 && this.interpreters.size === 0) this.spare.push(await this.make());
  }

  async make() {
    const { PhpWeb } = await import(this.phpWasm + "PhpWeb.mjs");
    return withPageStandIns(async () => {
      const php = new PhpWeb({ version: "8.3", ini: this.ini });
      const entry = { php, output: [], used: false };
      php.addEventListener("output", (event) => entry.output.push(event.detail.join("")));
      php.addEventListener("error", (event) => this.fromPhp(entry, event.detail.join("")));
      entry.binary = await php.binary;
      return entry;
    });
  }

  ready(key) {
    return this.interpreters.has(key);
  }

  // An interpreter for `key`: a spare one started again (far cheaper than a new one,
  // also after exit or a fatal error), else a new one; then bitrix.php in it.
  async prepare(key) {
    let entry = this.spare.pop();
    if (!entry) entry = await this.make();
    else if (entry.used) await entry.php.refresh();
    entry.used = true;
    this.write(entry, "/agentlab/bitrix.php", this.environment);
    this.run(entry, "require '/agentlab/bitrix.php'; agentlab_serve_stdio();");
    this.interpreters.set(key, entry);
  }

  write(entry, path, text) {
    const FS = entry.binary.FS;
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    FS.writeFile(path, text);
  }

  run(entry, code) {
    entry.output.length = 0;
    const status = entry.binary.ccall("pib_run", "number", ["string"], ["?><?php " + code]);
    entry.php.flush();
    return status;
  }

  exchange(key, requestJson) {
    const entry = this.interpreters.get(key);
    const { load } = JSON.parse(requestJson);
    if (load) this.write(entry, load.file, this.readFile(load.file));
    this.done = null;
    this.run(entry, "agentlab_handle(json_decode(" + phpString(requestJson) + ", true));");
    if (this.done) return JSON.stringify(this.done);
    // No end message: a fatal error (no Throwable) or exit ended the script. PHP keeps
    // the first in error_get_last(); exit leaves nothing to ask.
    this.run(entry, "echo json_encode(error_get_last());");
    let fatal = "the script ended (exit or die)";
    try {
      const error = JSON.parse(entry.output.join("").trim() || "null");
      if (error) fatal = `${error.message} in ${error.file.split("/").pop()}:${error.line}`;
    } catch (_) { /* exit: the interpreter prints nothing more */ }
    return JSON.stringify({ fatal });
  }

  // The interpreter of `key` is done with (a fatal error ended its script): it waits
  // with the spare ones, to be started again.
  end(key) {
    const entry = this.interpreters.get(key);
    if (entry) this.spare.push(entry);
    this.interpreters.delete(key);
  }

  // The run is over, however it ended: every interpreter waits to be started again.
  close() {
    for (const key of Array.from(this.interpreters.keys())) this.end(key);
  }
}
