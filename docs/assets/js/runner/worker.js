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

def write_example(file_name, code, argv, lang, scenario, scenario_text):
    os.environ["AGENTLAB_LANG"] = lang
    os.makedirs(WORKDIR, exist_ok=True)
    os.chdir(WORKDIR)
    for name, text in ((file_name, code), (scenario, scenario_text)):
        if name:
            with open(os.path.join(WORKDIR, name), "w", encoding="utf-8") as file:
                file.write(text)
    return [str(arg).replace("{file}", file_name).replace("{scenario}", scenario or "") for arg in argv]

async def run_example(file_name, code, argv, lang, scenario=None, scenario_text=None):
    """A script with runpy; agentlab's command line (a scenario, a PHP example) with
    cli.main_async, whose run waits while the page's PHP host makes an interpreter."""
    argv = write_example(file_name, code, argv, lang, scenario, scenario_text)
    path = os.path.join(WORKDIR, file_name)
    try:
        if argv[:2] == ["-m", "agentlab"]:
            from agentlab.cli import main_async
            return await main_async(argv[2:])
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

CHECKDIR = "/home/pyodide/checks"

async def check_example(file_name, code, argv, lang, scenario, scenario_text, check_source):
    """Run, then the exercise's check (written only now, outside the reader's folder)
    reads the last run: JSON {exitCode, failures}; failures is null when the run
    itself failed or ran no kernel."""
    import json
    from agentlab.checks import recorded_results
    with recorded_results() as results:
        exit_code = await run_example(file_name, code, argv, lang, scenario, scenario_text)
    if exit_code != 0 or not results:  # nothing to check: the page says so in its language
        return json.dumps({"exitCode": exit_code, "failures": None})
    os.makedirs(CHECKDIR, exist_ok=True)
    path = os.path.join(CHECKDIR, "check.py")
    with open(path, "w", encoding="utf-8") as file:
        file.write(check_source)
    try:
        failed = list(runpy.run_path(path)["check"](results[-1], lang))
    except Exception:
        traceback.print_exc()
        return json.dumps({"exitCode": 1, "failures": None})
    return json.dumps({"exitCode": 0, "failures": failed}, ensure_ascii=False)

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
let checkExample = null;
let pyodide = null;
let phpHost = null;

// agentlab's PHP runtime in this worker: the PHP host, given bitrix.php from agentlab's
// own files and the php.ini agentlab gives every host. It loads PHP only when a run
// first needs an interpreter (a PHP example warms it before its run starts).
function setUpPhp({ phpWasm, libDir }) {
  const environment = pyodide.FS.readFile(`${libDir}/agentlab/php/bitrix.php`, { encoding: "utf8" });
  phpHost = new PhpHost({
    phpWasm, environment, ini: pyodide.globals.get("php_ini")(),
    readFile: (path) => pyodide.FS.readFile(path, { encoding: "utf8" }),
  });
  phpHost.answer = pyodide.globals.get("use_php_host")(phpHost);
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

// Python starts from the build's memory snapshot (agentlab already imported), which
// is several times faster than booting it; hooks/pyodide_snapshot.mjs made it.
async function boot({ pyodide: pyodideURL, archive, snapshot, libDir, phpWasm }) {
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
  setUpPhp({ phpWasm, libDir });
  checkExample = pyodide.globals.get("check_example");
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
    try {
      await phpHost.warm(); // PHP loaded before the time limit starts, as Python is
    } catch (error) {
      self.postMessage({ type: "failed", error: String((error && error.message) || error) });
      return;
    }
  }
  let checkSource = null;
  if (data.check) {
    try {
      checkSource = await (await fetchOk(data.check)).text();
    } catch (error) {
      self.postMessage({ type: "check_unavailable", error: String((error && error.message) || error) });
      return;
    }
  }
  self.postMessage({ type: "started" });
  let exitCode;
  try {
    const args = [data.file, data.code, data.argv, data.lang, data.scenario, data.scenarioText];
    if (checkSource === null) {
      exitCode = await runExample(...args);
    } else {
      const checked = JSON.parse(await checkExample(...args, checkSource));
      exitCode = checked.exitCode;
      self.postMessage({ type: "checked", failures: checked.failures });
    }
  } finally {
    phpHost.close(); // however the run ended, its interpreters start again next time
  }
  self.postMessage({ type: "done", exitCode });
};
