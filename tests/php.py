"""php-cli for the tests: Debian's, installed by .ci/run. Missing in CI fails; missing
on a reader's machine skips the module that needs it, with the command to install it."""

from __future__ import annotations

import os
import shutil

import pytest


def needs_php_cli() -> None:
    """Call at module level in a test module that runs PHP."""
    if shutil.which("php") is None:
        if os.environ.get("CI"):
            pytest.fail("php-cli is missing in CI: .ci/run installs it", pytrace=False)
        pytest.skip("Debian's php-cli is not installed (apt-get install -y php-cli)", allow_module_level=True)
