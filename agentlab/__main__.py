import os
import sys

from .cli import main

code = main()
if sys.platform == "emscripten":
    # Pyodide: the page's worker runs this module and goes on; SystemExit is its signal.
    sys.exit(code)
# A run of many agents leaves tens of thousands of objects that the interpreter would
# free one by one on its way out; the output is written, so leave at once.
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
