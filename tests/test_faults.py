"""Faults: --fix under disk-full / permission errors and a killed run; malformed
configuration, rule files and schemas (one clear line naming the file, exit 2)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from postlint import cli
from postlint.api import fix_text

BROKEN = "---\ntitle: Developer\n---\n##ABOUT\n\nWe value her/his work.\n"


def _main(capsys, *args):
    code = cli.main(["--color", "never", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# ------------------------------------------------------------------ --fix under faults
@pytest.mark.parametrize("where,error", [
    ("fsync", OSError(errno.ENOSPC, "No space left on device")),
    ("replace", PermissionError(errno.EACCES, "Permission denied")),
])
def test_fix_fault_leaves_original_intact(tmp_path, capsys, monkeypatch, where, error):
    from postlint import engine

    bad, good = tmp_path / "a.md", tmp_path / "b.md"
    bad.write_text(BROKEN, encoding="utf-8")
    good.write_text(BROKEN, encoding="utf-8")
    real = getattr(engine.os, where)

    def failing(*args):
        if any("a.md" in str(a) for a in args) or (where == "fsync" and not failing.done):
            failing.done = True
            raise error
        return real(*args)

    failing.done = False
    monkeypatch.setattr(engine.os, where, failing)
    code, out, _ = _main(capsys, "--schema", "none", "--fix", tmp_path)
    assert bad.read_text(encoding="utf-8") == BROKEN  # untouched
    assert good.read_text(encoding="utf-8") == fix_text(BROKEN, config={"schema": "none"})[0]  # the run went on
    assert f"a.md:1:1: PL004 Cannot write fixes to file: {error.strerror}" in out
    assert sorted(os.listdir(tmp_path)) == ["a.md", "b.md"]  # no temporary file left behind
    assert code == 1


def test_killed_fix_run_leaves_each_file_original_or_fully_fixed(tmp_path):
    """SIGKILL a --fix run over many files part way: no file is half written."""
    count = 300
    fixed = fix_text(BROKEN * 20, config={"schema": "none"})[0]
    original = BROKEN * 20
    for i in range(count):
        (tmp_path / f"p{i:03}.md").write_text(original, encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "postlint", "--schema", "none", "--fix", "--quiet", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            done = sum(1 for p in tmp_path.glob("p*.md") if p.stat().st_size != len(original.encode()))
            if done >= 5:
                break
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    states = {"original": 0, "fixed": 0}
    for p in sorted(tmp_path.glob("p*.md")):
        text = p.read_text(encoding="utf-8")
        assert text in (original, fixed), p.name
        states["original" if text == original else "fixed"] += 1
    assert states["fixed"] >= 5 and states["original"] > 0, states  # really killed mid-run
    leftovers = [p.name for p in tmp_path.iterdir() if not p.name.endswith(".md")]
    assert all(name.endswith(".postlint-tmp") for name in leftovers)  # only a temp file may remain


# ------------------------------------------------------------ configuration errors
RULE_FILE = """\
code: ACME101
name: acme-names
category: usage
summary: Our product names
engine: phrases
message: Write our names right
entries:
  - pattern: '{pattern}'
docs:
  what: Names.
  why: Brand.
"""

CONFIGS = [
    ("bad TOML", ".postlint.toml", "select = [\n", ".postlint.toml: invalid TOML"),
    ("not UTF-8", ".postlint.toml", b"select = ['\xff']\n", ".postlint.toml: not valid UTF-8"),
    ("wrong type: select", ".postlint.toml", "select = 5\n", "'select' must be a list of strings"),
    ("wrong type: fail-on", ".postlint.toml", 'fail-on = "loud"\n', "'fail-on' must be"),
    ("wrong type: timeout", ".postlint.toml", 'timeout = "ten"\n', "'timeout' must be a number of seconds"),
    ("wrong type: severity", ".postlint.toml", "severity = 3\n", "'severity' must be a table"),
    ("bad severity level", ".postlint.toml", '[severity]\nPL301 = "loud"\n', "severity.PL301"),
    ("wrong type: per-file-ignores", ".postlint.toml", "per-file-ignores = 1\n", "'per-file-ignores' must be a table"),
    ("unknown key", ".postlint.toml", "selct = ['PL1']\n", "unknown setting 'selct' (did you mean 'select'?)"),
    ("unknown key in pyproject", "pyproject.toml", "[tool.postlint]\nfoo = 1\n", "pyproject.toml [tool.postlint]: unknown setting 'foo'"),
    ("unknown rule", ".postlint.toml", "select = ['PL999']\n", "PL999"),
    ("unknown rule in ignore", ".postlint.toml", "ignore = ['no-such-rule']\n", "no-such-rule"),
    ("bad glob", ".postlint.toml", '[per-file-ignores]\n"jobs/[z-a].md" = ["PL1"]\n', "per-file-ignores: invalid glob 'jobs/[z-a].md'"),
    ("invalid regex in a rule file", ".postlint.toml", "rule-files = ['acme.yaml']\n", "acme.yaml"),
    ("missing rule file", ".postlint.toml", "rule-files = ['missing.yaml']\n", "missing.yaml"),
    ("schema file missing", ".postlint.toml", "schema = 'nope.schema.json'\n", "nope.schema.json"),
    ("schema not JSON", ".postlint.toml", "schema = 'bad.schema.json'\n", "bad.schema.json"),
    ("broken $ref", ".postlint.toml", "schema = 'ref.schema.json'\n", "ref.schema.json"),
    ("unreachable $ref", ".postlint.toml", "schema = 'remote.schema.json'\n", "remote.schema.json"),
]


@pytest.mark.parametrize("name,filename,content,expected", CONFIGS, ids=[c[0] for c in CONFIGS])
def test_config_error_is_one_line_naming_the_file(tmp_path, name, filename, content, expected, run_cli):
    (tmp_path / filename).write_bytes(content if isinstance(content, bytes) else content.encode())
    (tmp_path / "acme.yaml").write_text(RULE_FILE.format(pattern="widget(pro"), encoding="utf-8")
    (tmp_path / "bad.schema.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "ref.schema.json").write_text(
        '{"type": "object", "properties": {"title": {"$ref": "#/$defs/missing"}}}', encoding="utf-8")
    (tmp_path / "remote.schema.json").write_text(
        '{"type": "object", "properties": {"title": {"$ref": "https://schemas.invalid/title.json"}}}', encoding="utf-8")
    (tmp_path / "job.md").write_text("---\ntitle: Developer\n---\nText.\n", encoding="utf-8")
    proc = run_cli("job.md", cwd=tmp_path)
    err = proc.stderr.strip()
    assert proc.returncode == 2, (proc.stdout, err)
    assert "Traceback" not in proc.stdout + err
    assert len(err.splitlines()) == 1, err
    assert expected in err, err
