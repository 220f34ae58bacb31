"""The composite GitHub Action (action.yml): its inputs, and the exact commands
its steps run, executed here the way the runner would (inputs substituted into
the steps' env, `bash --noprofile --norc -eo pipefail`) against the seeds."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTION = ROOT / "action.yml"
SEEDS_REL = "tests/fixtures/seeds"


def action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def step(name: str) -> dict:
    return next(s for s in action()["runs"]["steps"] if s["name"] == name)


_EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def substitute(value: str, inputs: dict, temp: Path) -> str:
    def one(m):
        expr = m.group(1)
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        if expr == "runner.temp":
            return str(temp)
        raise AssertionError(f"expression the test does not know: {expr}")

    return _EXPR.sub(one, str(value))


def run_step(name: str, given: dict, tmp_path: Path, extra_env=None, path_prefix=None):
    meta = action()
    inputs = {k: str(v.get("default", "")) for k, v in meta["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, unknown
    inputs.update(given)
    s = step(name)
    assert s["shell"] == "bash"
    env = {k: v for k, v in os.environ.items() if k not in ("POSTLINT_FORMAT",)}
    env.update({k: substitute(v, inputs, tmp_path) for k, v in s.get("env", {}).items()})
    env.update({"GITHUB_ACTIONS": "true", "GITHUB_ACTION_PATH": str(ROOT), "NO_COLOR": "1"})
    env.update(extra_env or {})
    if path_prefix:
        env["PATH"] = f"{path_prefix}{os.pathsep}{env['PATH']}"
    assert "${{" not in s["run"]  # inputs reach the script through env only
    script = tmp_path / f"{name}.sh"
    script.write_text(s["run"], encoding="utf-8")
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=ROOT,
                          env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)


def fake_venv(tmp_path: Path) -> Path:
    """runner.temp/postlint-venv/bin/postlint, standing for the installed postlint:
    this checkout's code under the test's interpreter."""
    bin_dir = tmp_path / "postlint-venv" / "bin"
    bin_dir.mkdir(parents=True)
    shim = bin_dir / "postlint"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m postlint "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def postlint(*args, env=None):
    full = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "POSTLINT_FORMAT")}
    full.update(env or {})
    full["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "postlint", *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_action_metadata():
    meta = action()
    assert meta["runs"]["using"] == "composite"
    assert set(meta["inputs"]) == {"paths", "format", "version", "args"}
    for name, spec in meta["inputs"].items():
        assert spec["description"] and "default" in spec, name
    assert [s["name"] for s in meta["runs"]["steps"]] == ["Install postlint", "Run postlint"]


def test_run_step_with_defaults_annotates_like_postlint(tmp_path):
    fake_venv(tmp_path)
    r = run_step("Run postlint", {"paths": SEEDS_REL}, tmp_path)
    assert r.returncode == 1, r.stderr  # findings fail the step
    expected = postlint("--format", "github", SEEDS_REL)
    assert r.stdout == expected.stdout
    assert r.stdout.startswith("::error file=tests/fixtures/seeds/000_")


def test_run_step_with_format_args_and_several_paths(tmp_path):
    fake_venv(tmp_path)
    out = tmp_path / "postlint.sarif"
    paths = f"{SEEDS_REL}/000_*.md {SEEDS_REL}/002_71463f877dbb845b.md"
    r = run_step("Run postlint", {"paths": paths, "format": "sarif",
                                  "args": f"--output-file {out} --fail-on error"}, tmp_path)
    expected = postlint("--format", "sarif", "--fail-on", "error", f"{SEEDS_REL}/000_154af9b5ef90177d.md",
                        f"{SEEDS_REL}/002_71463f877dbb845b.md")
    assert r.returncode == expected.returncode == 1 and r.stdout == ""
    assert out.read_text(encoding="utf-8") == expected.stdout
    # A clean posting passes the step.
    r = run_step("Run postlint", {"paths": "examples/good-posting.md"}, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_inputs_cannot_inject_shell(tmp_path):
    fake_venv(tmp_path)
    marker = tmp_path / "pwned"
    r = run_step("Run postlint", {"paths": f"examples/good-posting.md;touch {marker}",
                                  "args": f"$(touch {marker})"}, tmp_path)
    assert not marker.exists()
    # The words are taken literally: paths that do not exist, reported by postlint.
    assert r.returncode == 1 and "PL004" in r.stdout and "$(touch" in r.stdout and ";touch" in r.stdout


def _logging_python(tmp_path: Path) -> tuple[Path, Path]:
    """A `python3` that records its arguments and, for `-m venv DIR`, makes DIR/bin/python
    record its arguments too: the install step's commands, without installing."""
    log = tmp_path / "calls.log"
    fake = tmp_path / "fakebin"
    fake.mkdir()
    body = f"""#!{sys.executable}
import os, sys, stat
with open({str(log)!r}, "a") as f:
    f.write(" ".join([os.path.basename(sys.argv[0])] + sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["-m", "venv"]:
    b = os.path.join(sys.argv[3], "bin")
    os.makedirs(b, exist_ok=True)
    target = os.path.join(b, "python")
    with open(__file__) as src, open(target, "w") as dst:
        dst.write(src.read())
    os.chmod(target, 0o755)
"""
    py = fake / "python3"
    py.write_text(body, encoding="utf-8")
    py.chmod(0o755)
    return fake, log


def test_install_step_commands(tmp_path):
    fake, log = _logging_python(tmp_path)
    r = run_step("Install postlint", {"version": "0.1.0"}, tmp_path, path_prefix=str(fake))
    assert r.returncode == 0, r.stderr
    venv = tmp_path / "postlint-venv"
    assert log.read_text().splitlines() == [
        f"python3 -m venv {venv}",
        "python -m pip install --disable-pip-version-check --quiet postlint==0.1.0",
    ]
    log.unlink()
    r = run_step("Install postlint", {}, tmp_path, path_prefix=str(fake))
    assert r.returncode == 0, r.stderr
    assert log.read_text().splitlines()[-1] == f"python -m pip install --disable-pip-version-check --quiet {ROOT}"
