"""Annotated rule cases: tests/cases/*.yaml hold inputs with their expected findings.

Each file::

    rule: PL301                 # the rule under test (the case selects only it,
                                # unless the case gives its own `config`)
    cases:
      - name: what the case shows
        input: |                # the posting (or a fragment)
          ##ABOUT
        expect: |               # one finding a line: "line:col CODE [message prefix]"
          1:1 PL301 Heading marker '##' needs a space
        fixed: |                # optional: the text after --fix
          ## ABOUT
        unsafe: false           # optional: apply unsafe fixes too
        config: {}              # optional: [tool.postlint] keys
        path: job.md            # optional: the file name the input stands for

Every case also runs with CRLF line endings (and, where the input has no
BOM, with one): positions must not move, and fixes must keep the line endings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from postlint.api import fix_text, lint_bytes

CASES_DIR = Path(__file__).parent / "cases"


def _load():
    for file in sorted(CASES_DIR.glob("*.yaml")):
        try:
            spec = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise AssertionError(f"{file}: not valid YAML: {exc}") from None
        for i, case in enumerate(spec["cases"]):
            yield pytest.param(spec, case, id=f"{file.stem}--{case.get('name', i)}")


def _config(spec, case):
    config = dict(case.get("config") or {})
    config.setdefault("select", [spec["rule"]] if isinstance(spec["rule"], str) else spec["rule"])
    config.setdefault("schema", spec.get("schema", "none") if "schema" not in case else case["schema"])
    if isinstance(config["schema"], str) and config["schema"].endswith(".json"):
        config["schema"] = str(Path(__file__).parent / config["schema"])  # relative to tests/
    return config


def _matches(expected: str, d) -> bool:
    where, _, rest = expected.partition(" ")
    code, _, message = rest.partition(" ")
    line, col = (int(x) for x in where.split(":"))
    return (d.line, d.column, d.code) == (line, col, code) and d.message.startswith(message)


def _check(spec, case, text: str, newline: str, bom: bool):
    config = _config(spec, case)
    path = case.get("path", "posting.md")
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogateescape")
    found = lint_bytes(data, path, config)
    expected = case.get("expect") or []
    if isinstance(expected, str):  # a block of lines: no YAML quoting pitfalls
        expected = [line.strip() for line in expected.splitlines() if line.strip()]
    got = [f"{d.line}:{d.column} {d.code} {d.message}" for d in found]
    assert len(found) == len(expected), f"expected {expected}, got {got}"
    for exp, d in zip(expected, found):
        assert _matches(exp, d), f"expected {exp!r}, got {d.line}:{d.column} {d.code} {d.message!r}"
    if "fixed" in case:
        fixed, _ = fix_text(text, path, config, unsafe=case.get("unsafe", False))
        assert fixed == case["fixed"].replace("\n", newline)


@pytest.mark.parametrize("spec,case", list(_load()))
def test_case(spec, case):
    text = case["input"]
    _check(spec, case, text, "\n", False)


@pytest.mark.parametrize("spec,case", list(_load()))
def test_case_crlf_and_bom(spec, case):
    if case.get("lf_only"):
        pytest.skip("case is about LF input")
    text = case["input"].replace("\r\n", "\n").replace("\n", "\r\n")
    _check(spec, case, text, "\r\n", False)
    _check(spec, case, case["input"], "\n", True)
