"""docs/ci.md: its workflows parse, use the action's real inputs and formats that
exist, and the GitLab job's commands produce the reports its artifacts name."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from postlint.reporters import FORMATS

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "ci.md"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def yaml_blocks() -> list:
    text = DOC.read_text(encoding="utf-8")
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def steps(block):
    if isinstance(block, list):
        return block
    return [s for job in block.get("jobs", {}).values() for s in job.get("steps", [])]


def postlint_commands() -> list[list[str]]:
    """Every `postlint ...` command of the documented workflows, split like a shell would."""
    out = []
    for block in yaml_blocks():
        lines = [s.get("run", "") for s in steps(block)]
        if isinstance(block, dict) and "postlint" in block and "script" in block["postlint"]:
            lines += block["postlint"]["script"]
        for line in lines:
            for part in str(line).split("|"):
                words = shlex.split(part)
                if words and words[0] == "postlint":
                    out.append(words)
    return out


def test_every_yaml_block_parses_and_uses_real_inputs():
    inputs = set(yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"])
    blocks = yaml_blocks()
    assert len(blocks) >= 5
    uses = [s for b in blocks for s in steps(b) if str(s.get("uses", "")).startswith("postlint/postlint@")]
    assert len(uses) >= 2
    for s in uses:
        assert set(s.get("with", {})) <= inputs
        if "format" in s.get("with", {}):
            assert s["with"]["format"] in FORMATS


def test_documented_commands_use_existing_formats_and_options():
    from postlint.cli import _check_parser

    parser = _check_parser()
    commands = postlint_commands()
    assert len(commands) >= 4
    for words in commands:
        args = parser.parse_args(words[1:])  # raises on an unknown option or format
        assert args.format is None or args.format in FORMATS


def test_sarif_upload_reads_the_file_the_action_writes():
    block = next(b for b in yaml_blocks() if any("upload-sarif" in str(s.get("uses", "")) for s in steps(b)))
    lint = next(s for s in steps(block) if str(s.get("uses", "")).startswith("postlint/postlint@"))
    upload = next(s for s in steps(block) if "upload-sarif" in str(s.get("uses", "")))
    assert lint["with"]["format"] == "sarif"
    args = shlex.split(lint["with"]["args"])
    assert args[args.index("--output-file") + 1] == upload["with"]["sarif_file"]
    assert "failure()" in upload["if"]
    assert block["permissions"]["security-events"] == "write"


def test_gitlab_job_writes_the_reports_it_uploads(tmp_path):
    job = next(b for b in yaml_blocks() if isinstance(b, dict) and "postlint" in b and "script" in b["postlint"])["postlint"]
    reports = job["artifacts"]["reports"]
    assert job["artifacts"]["when"] == "always"
    shutil.copytree(SEEDS, tmp_path / "jobs")
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "POSTLINT_FORMAT")}
    codes = []
    for line in job["script"]:
        words = shlex.split(line)
        if words[:2] == ["pip", "install"]:
            continue
        assert words[0] == "postlint"
        r = subprocess.run([sys.executable, "-m", "postlint", *words[1:]], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=300)
        assert "Traceback" not in r.stderr
        codes.append(r.returncode)
    assert codes == [0, 1]  # the JUnit run never fails the job; the Code Quality run does
    issues = json.loads((tmp_path / reports["codequality"]).read_text(encoding="utf-8"))
    assert issues and all(i["location"]["path"].startswith("jobs/") for i in issues)
    root = ET.parse(tmp_path / reports["junit"]).getroot()
    assert int(root.get("failures")) == len(issues)
