"""`postlint --fix` over a copy of every real posting in ../shared/corpus (skipped without it).

Checked against what the user was told, not against the fixer's own bookkeeping: the JSON
report of the unfixed copy gives each safe fix's edits (line:column); the bytes on disk
before and after the real `--fix` run must differ only inside those edits' ranges, and
outside them every byte, so every line ending, is the same. Encodings and BOMs stay. A
second `--fix` changes nothing, and a re-lint shows no safe-fixable finding left and no
new finding of any kind.
"""

import json
import shutil
import subprocess
import sys
from collections import Counter

import pytest

from conftest import CORPUS, corpus_files
from postlint.document import Document, decode, encode


def _cli(*args, cwd):
    r = subprocess.run([sys.executable, "-m", "postlint", *args], cwd=cwd, capture_output=True, text=True,
                       timeout=1200, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    return r


def _report(tmp_path, name, files, *extra):
    out = tmp_path / name
    r = _cli("--format", "json", "--output-file", str(out), *extra, *files, cwd=tmp_path)
    if "--show-fixes" in extra:
        assert r.stderr.endswith("No fixes applied.\n"), r.stderr[-2000:]
    found = json.loads(out.read_text())
    by_path = {}
    for d in found:
        by_path.setdefault(d["path"], []).append(d)
    return found, by_path


def _byte_ranges(data: bytes, diagnostics):
    """Byte ranges (start, end, content bytes) of the safe fixes' edits, in original bytes."""
    text, encoding, bom, _ = decode(data)
    doc = Document(text, "x", encoding=encoding, bom=bom)
    prefix = len(encode("", encoding, bom))
    ranges = []
    for d in diagnostics:
        if d["fix"] is None or not d["fix"]["safe"]:
            continue
        for e in d["fix"]["edits"]:
            start, end = doc.offset(e["line"], e["column"]), doc.offset(e["end_line"], e["end_column"])
            b_start = len(encode(text[:start], encoding, bom))
            b_end = len(encode(text[:end], encoding, bom))
            content = encode(e["content"], encoding, False)[prefix if encoding == "utf-16" else 0:]
            ranges.append((b_start, b_end, content))
    return sorted(ranges)


def _splice(data: bytes, ranges) -> bytes:
    """`data` with every non-overlapping range replaced by its content (one pass of fixes)."""
    pieces, pos = [], 0
    for start, end, content in ranges:
        if start < pos:
            continue
        pieces += [data[pos:start], content]
        pos = end
    return b"".join(pieces) + data[pos:]


def _endings(data: bytes) -> Counter:
    crlf = data.count(b"\r\n")
    return Counter(crlf=crlf, lf=data.count(b"\n") - crlf, cr=data.count(b"\r") - crlf)


@pytest.mark.corpus
@pytest.mark.slow
def test_fix_over_the_whole_corpus_is_byte_exact(tmp_path):
    files = corpus_files()
    copy = tmp_path / "corpus"
    names = []
    for p in files:
        rel = p.relative_to(CORPUS)
        (copy / rel.parent).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, copy / rel)
        names.append(str(("corpus" / rel)))
    originals = {n: (tmp_path / n).read_bytes() for n in names}

    before, before_by_path = _report(tmp_path, "before.json", names)
    r = _cli("--fix", "--show-fixes", "--quiet", *names, cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr[-3000:]
    assert "did not settle" not in r.stderr
    after_bytes = {n: (tmp_path / n).read_bytes() for n in names}
    changed = [n for n in names if after_bytes[n] != originals[n]]
    assert changed, "the corpus has fixable defects (PL301 alone has over 100)"

    # Each changed file must be its original with only the reported edits applied. A fix can
    # uncover another finding (a heading fixed turns the '*' line under it into an empty
    # bullet), so a file may need passes: the edits of pass k+1 are those reported for the
    # text after pass k, linted again the same way.
    problems, passes = [], Counter()
    expected = {n: originals[n] for n in changed}
    reports = {n: before_by_path.get(n, []) for n in changed}
    pending = list(changed)
    for number in range(1, 11):
        still = []
        for n in pending:
            ranges = _byte_ranges(expected[n], reports[n])
            if not ranges:
                problems.append(f"{n}: changed without any safe fix reported (pass {number})")
                continue
            expected[n] = _splice(expected[n], ranges)
            if expected[n] == after_bytes[n]:
                passes[number] += 1
            else:
                still.append(n)
        if not still:
            break
        inter = tmp_path / f"pass{number}"
        for n in still:
            (inter / n).parent.mkdir(parents=True, exist_ok=True)
            (inter / n).write_bytes(expected[n])
        _, by_path = _report(inter, "report.json", still)
        reports = {n: by_path.get(n, []) for n in still}
        pending = still
    else:
        problems.extend(f"{n}: differs from its reported fixes after 10 passes" for n in pending)
    for n in changed:
        old, new = originals[n], after_bytes[n]
        kinds_old = {k for k, v in _endings(old).items() if v}
        kinds_new = {k for k, v in _endings(new).items() if v}
        if not kinds_new <= kinds_old:
            problems.append(f"{n}: new kind of line ending {kinds_new - kinds_old}")
        (_, enc_old, bom_old, prob_old), (_, enc_new, bom_new, prob_new) = decode(old), decode(new)
        if (enc_old, bom_old, prob_old is None) != (enc_new, bom_new, prob_new is None):
            problems.append(f"{n}: encoding changed {(enc_old, bom_old)} -> {(enc_new, bom_new)}")
    assert not problems, "\n".join(problems[:30])

    # A second run fixes nothing; its report is the re-lint.
    after, _ = _report(tmp_path, "after.json", names, "--fix", "--show-fixes")
    assert all((tmp_path / n).read_bytes() == after_bytes[n] for n in names)
    assert not [d for d in after if d["code"] == "PL004"]

    # The fixed findings are gone, and nothing new appeared.
    left_fixable = [d for d in after if d["fix"] is not None and d["fix"]["safe"]]
    assert not left_fixable, left_fixable[:5]
    key = lambda d: (d["path"], d["code"])  # noqa: E731 - messages may quote shifted text
    gone = Counter(map(key, before)) - Counter(map(key, after))
    new = Counter(map(key, after)) - Counter(map(key, before))
    assert not new, list(new.items())[:10]
    fixed_by_rule = Counter(d["code"] for d in before if d["fix"] is not None and d["fix"]["safe"])
    gone_by_rule = Counter()
    for (path, code), n in gone.items():
        gone_by_rule[code] += n
    assert gone_by_rule == fixed_by_rule, (gone_by_rule, fixed_by_rule)
    print(f"\ncorpus --fix: {len(names)} files, {len(changed)} changed, fixes by rule {dict(sorted(fixed_by_rule.items()))}, "
          f"{len(before)} findings before, {len(after)} after, "
          f"files by passes needed {dict(sorted(passes.items()))}")
