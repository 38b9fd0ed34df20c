"""The lessons' PHP originals are correct PHP 8, and log what their Python twins print.

Each file is checked by Debian's php-cli (`php -l`), then the agent functions run in a
bare PHP process with the two kernel functions they call standing in (AddMessage2Log
prints, CAgent::AddAgent records), once as on a hit and once as under main's
cron_events.php (BX_CRONTAB and BX_CRONTAB_SUPPORT defined). No undefined constant may
stop them (PHP 8 throws an Error for one), and the lines must be those of the twin.
"""

from __future__ import annotations

import os
import sys
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
PHP_FILES = sorted(SNIPPETS.glob("*/*.php"))

if shutil.which("php") is None:
    if os.environ.get("CI"):
        pytest.fail("php-cli is missing in CI: .ci/run installs it", pytrace=False)
    pytest.skip("Debian's php-cli is not installed (apt-get install -y php-cli)", allow_module_level=True)

STAND_INS = """<?php
error_reporting(E_ALL);
set_error_handler(function ($no, $text) { fwrite(STDERR, "PHP: $text\\n"); exit(3); });
function AddMessage2Log($text) { echo $text, "\\n"; }
class CAgent { public static function AddAgent(...$args) { echo "AddAgent(", json_encode($args), ")\\n"; return 1; } }
"""


def run_php(code: str) -> str:
    done = subprocess.run(["php", "-r", code.removeprefix("<?php\n")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr or done.stdout
    return done.stdout


@pytest.mark.parametrize("path", PHP_FILES, ids=lambda p: p.name)
def test_php_file_is_valid_php(path):
    done = subprocess.run(["php", "-l", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_test_agents_php_logs_what_periodic_vs_not_prints():
    php = (STAND_INS + f"require {str(SNIPPETS / 'agents' / 'test_agents.php')!r};\n"
           "TestAgentPeriod(); TestAgentNotPeriod();\n"
           "define('BX_CRONTAB', true); define('BX_CRONTAB_SUPPORT', true);\n"
           "TestAgentPeriod(); TestAgentNotPeriod();\n")
    lines = run_php(php).splitlines()
    assert lines[:2] == ['AddAgent(["TestAgentPeriod();","","Y",3600])',
                         'AddAgent(["TestAgentNotPeriod();","","N",3600])']
    logged = lines[2:]
    # The Python twins print the same messages after the time of the call.
    twins = [(SNIPPETS / "agents" / "periodic_vs_not.py"), (SNIPPETS / "agents" / "cron_mode.py")]
    printed = set()
    for twin in twins:
        out = subprocess.run([sys.executable, str(twin)], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "PYTHONPATH": str(SNIPPETS.parent)}).stdout
        printed |= {m.group(1) for m in re.finditer(r"^\d\d:\d\d ((?:Non-p|P)eriodic .*)$", out, re.M)}
    assert logged == ["Periodic BX_CRONTAB:false BX_CRONTAB_SUPPORT:false",
                      "Non-periodic BX_CRONTAB:false BX_CRONTAB_SUPPORT:false",
                      "Periodic BX_CRONTAB:true BX_CRONTAB_SUPPORT:true",
                      "Non-periodic BX_CRONTAB:true BX_CRONTAB_SUPPORT:true"]
    # On a hit without cron mode, and as cron_mode.py's cron runs them: the same lines.
    assert {logged[0], logged[1], logged[3]} <= printed


def test_remove_itself_php_counts_down_to_an_empty_string():
    php = (STAND_INS + f"require {str(SNIPPETS / 'agents' / 'remove_itself.php')!r};\n"
           "$code = 'CountDown(3);';\n"
           "while ($code !== '') { $code = eval('return ' . $code); echo '=> ', var_export($code, true), \"\\n\"; }\n")
    assert run_php(php).splitlines() == [
        'AddAgent(["CountDown(3);","","N",3600])',
        "CountDown: 3", "=> 'CountDown(2);'", "CountDown: 2", "=> 'CountDown(1);'", "CountDown: 1", "=> ''"]
