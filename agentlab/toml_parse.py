"""A scenario's TOML text to Python data: fast where the host allows, and always with
the standard parser's errors.

rtoml (Rust) parses a scenario of thousands of agents about 3x faster than tomli's
compiled build, which is 2.5x faster than the stdlib's tomllib (bench/agentlab_scale.py's
end-to-end run spent a tenth of its time in tomli). Pyodide has neither, so the page's
worker uses tomllib. A text rtoml refuses is parsed again by the standard parser: its
error, with line and column, is the one agentlab reports, and where it accepts what
rtoml did not (a float out of range, read as inf), its data is used.

The hosts do not read every text alike: rtoml and tomli read TOML 1.1, the tomllib of
CPython 3.11 and of Pyodide reads TOML 1.0. A scenario that uses 1.1's additions (a
time without seconds, the escape \\e, an inline table over several lines) runs from
the command line, not on the page. ``tests/test_agentlab_toml.py`` checks that all
three read every scenario file of the course alike.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

try:
    from rtoml import loads as fast_loads
except ImportError:  # pragma: no cover - Pyodide
    fast_loads = None


class TOMLDecodeError(ValueError):
    """The standard parser's error, its message as it wrote it."""


def standard_loads(text: str) -> dict[str, Any]:
    # Imported when needed: with rtoml, only a bad text needs it.
    try:  # tomli is tomllib's upstream, with a compiled build
        from tomli import TOMLDecodeError as Error, loads
    except ImportError:  # pragma: no cover - Pyodide
        from tomllib import TOMLDecodeError as Error, loads
    try:
        return loads(text)
    except Error as exc:
        raise TOMLDecodeError(str(exc)) from None
    except RecursionError:  # the parsers recurse into nested arrays and tables
        raise TOMLDecodeError("nested too deeply") from None


def loads(text: str) -> dict[str, Any]:
    if fast_loads is not None:
        with suppress(ValueError):  # rtoml.TomlParsingError: the standard parser says why
            return fast_loads(text)
    return standard_loads(text)
