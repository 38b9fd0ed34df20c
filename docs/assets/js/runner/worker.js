// The example runner's worker (a module worker started by runner.js on the first Run).
// Python runs here, not on the page: the page never freezes, and Stop ends a run at
// once by terminating this worker. Pyodide and agentlab come from the site itself; for
// a PHP example, PHP for WebAssembly too (php-host.js), loaded on the first PHP Run.
import { PhpHost } from "./php-host.js";

// The browser's side of hooks/example_run.py: the example is written to a file and run
// with the same command as `python ...` at build time, in the page's language.
const PYTHON_RUNNER = `
import os, runpy, sys, traceback

WORKDIR = "/home/pyodide/examples"

def write_example(file_name, code, argv, lang, scenario=None, scenario_text=None):
    os.environ["AGENTLAB_LANG"] = lang
    os.makedirs(WORKDIR, exist_ok=True)
    os.chdir(WORKDIR)
    path = os.path.join(WORKDIR, file_name)
    for name, text in ((file_name, code), (scenario, scenario_text)):
        if name:
            with open(os.path.join(WORKDIR, name), "w", encoding="utf-8") as file:
                file.write(text)
    return path, [str(arg).replace("{file}", file_name).replace("{scenario}", scenario or "") for arg in argv]

def run_example(file_name, code, argv, lang):
    path, argv = write_example(file_name, code, argv, lang)
    try:
        if argv[0] == "-m":
            sys.argv = argv[1:]
            runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        else:
            sys.argv = argv
            runpy.run_path(path, run_name="__main__")
        return 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=sys.stderr)
        return 1
    except BaseException as exc:
        # Start the traceback at the reader's code, not in runpy.
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next
        traceback.print_exception(type(exc), exc, tb or exc.__traceback__)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()

async def run_php_example(file_name, code, argv, lang, scenario, scenario_text):
    """A PHP example: its scenario through agentlab's command line, the interpreters
    made by the page's PHP host as the run needs them (cli.main_async)."""
    from agentlab.cli import main_async
    _, argv = write_example(file_name, code, argv, lang, scenario, scenario_text)
    try:
        return await main_async(argv[2:])  # after "-m agentlab"
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()

def use_php_host(host):
    """agentlab's PHP runtime from now on: the page's PHP host; returns its answer function."""
    from agentlab.php import set_default_runtime
    from agentlab.php.json_host import JsonHost
    json_host = JsonHost(host)
    set_default_runtime(lambda: json_host)
    return json_host.answer_json

def php_ini():
    from agentlab.php.json_host import ini
    return ini()
`;

let runExample = null;
let pyodide = null;
let phpHost = null;

// On the first PHP Run: the PHP host, given bitrix.php from agentlab's own files and
// the php.ini agentlab gives every host.
function phpHostFor(data) {
  if (!phpHost) {
    const environment = pyodide.FS.readFile(`${data.libDir}/agentlab/php/bitrix.php`, { encoding: "utf8" });
    phpHost = new PhpHost({
      phpWasm: data.phpWasm, environment, ini: pyodide.globals.get("php_ini")(),
      readFile: (path) => pyodide.FS.readFile(path, { encoding: "utf8" }),
    });
    phpHost.answer = pyodide.globals.get("use_php_host")(phpHost);
  }
  return phpHost;
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

// Python starts from the build's memory snapshot (agentlab already imported), which
// is several times faster than booting it; hooks/pyodide_snapshot.mjs made it.
async function boot({ pyodide: pyodideURL, archive, snapshot, libDir }) {
  const { loadPyodide } = await import(pyodideURL + "pyodide.mjs");
  const memory = fetchOk(snapshot).then((response) =>
    new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  const files = fetchOk(archive).then((response) => response.arrayBuffer());
  pyodide = await loadPyodide({ indexURL: pyodideURL, _loadSnapshot: memory });
  for (const stream of ["stdout", "stderr"]) {
    const decoder = new TextDecoder();
    const handler = {
      // isatty: line-buffered, so each line reaches the page as it is printed.
      isatty: true,
      write(bytes) {
        self.postMessage({ type: stream, text: decoder.decode(bytes, { stream: true }) });
        return bytes.length;
      },
    };
    if (stream === "stdout") pyodide.setStdout(handler);
    else pyodide.setStderr(handler);
  }
  // The modules are in the snapshot's memory; runpy still reads agentlab's files.
  pyodide.unpackArchive(await files, "zip", { extractDir: libDir });
  pyodide.runPython(PYTHON_RUNNER);
  return pyodide.globals.get("run_example");
}

self.onmessage = async ({ data }) => {
  if (data.type !== "run") return;
  try {
    runExample ??= await boot(data);
  } catch (error) {
    self.postMessage({ type: "failed", error: String((error && error.message) || error) });
    return;
  }
  if (data.runtime === "php") {
    const host = phpHostFor(data);
    try {
      await host.warm();  // PHP loaded before the time limit starts, as Python is
    } catch (error) {
      self.postMessage({ type: "failed", error: String((error && error.message) || error) });
      return;
    }
    self.postMessage({ type: "started" });
    const exitCode = await pyodide.globals.get("run_php_example")(
      data.file, data.code, data.argv, data.lang, data.scenario, data.scenarioText);
    self.postMessage({ type: "done", exitCode });
    return;
  }
  self.postMessage({ type: "started" });
  const exitCode = runExample(data.file, data.code, data.argv, data.lang);
  self.postMessage({ type: "done", exitCode });
};
