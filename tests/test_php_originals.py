"""The lessons' PHP files are correct PHP 8 (`php -l` of Debian's php-cli), and so is
agentlab's PHP environment. That they run, and log what their Python twins print, on
the emulated kernel: tests/test_agentlab_php.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.php import needs_php_cli

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
PHP_FILES = sorted(SNIPPETS.rglob("*.php")) + [SNIPPETS.parent / "agentlab" / "php" / "bitrix.php"]

needs_php_cli()


@pytest.mark.parametrize("path", PHP_FILES, ids=lambda p: p.name)
def test_php_file_is_valid_php(path):
    done = subprocess.run(["php", "-l", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
