"""postlint.mojibake_trigger must be ftfy's is_bad, exactly, without importing ftfy."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from ftfy.badness import BADNESS_RE, is_bad as ftfy_is_bad

from postlint import mojibake_trigger as mt

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("mojibake_trigger_gen", ROOT / "benchmarks" / "mojibake_trigger.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_pattern_is_the_installed_ftfys():
    # Upgrading ftfy changes this: regenerate with benchmarks/mojibake_trigger.py.
    assert mt.BADNESS_PATTERN == BADNESS_RE.pattern
    assert mt.BADNESS_FLAGS == BADNESS_RE.flags


def test_ftfy_gets_the_compiled_badness_from_res_cache():
    # is_bad compiles BADNESS with the flags ftfy.badness passes, so importing ftfy afterwards
    # (to fix a bad line) takes the same compiled pattern from re's cache instead of compiling it.
    code = ("from postlint import mojibake_trigger as mt; assert mt.is_bad('didn\u00e2\u20ac\u2122t'); "
            "import ftfy.badness; assert ftfy.badness.BADNESS_RE is mt._badness, 'compiled twice'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_every_alternative_needs_a_trigger_character():
    # The pre-filter is sound only if each alternative of BADNESS_RE has a position
    # whose every allowed character is in TRIGGER: then any match contains one.
    trigger = {c for c in range(0x80, 0x10000) if mt.TRIGGER.match(chr(c))}
    sets = _generator().position_sets(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert len(sets) > 30
    for i, positions in enumerate(sets):
        assert any(s <= trigger for s in positions), f"alternative {i} can match without a TRIGGER character"


@pytest.mark.parametrize("line", [
    "If you didnâ€™t apply before, apply now.",  # cp1252
    "CafÃ© crÃ¨me",
    "вЂ™ hello",  # cp1251
    "Caf‚Äôs MacRoman",  # MacRoman
    "Ã\xa0 la carte",
    "Salary â‚¬50,000",
    "plain “quoted” text — with • bullets and café",
    "naïve résumé ’s",
    "Привет, мир",  # clean Cyrillic
    "日本語のテキスト",
    "×²",
    "Œuvre œ!",
])
def test_same_answer_as_ftfy(line):
    assert mt.is_bad(line) == ftfy_is_bad(line)


def test_same_answer_as_ftfy_on_every_line_of_the_seeds_and_cases():
    lines = set()
    for f in list((ROOT / "tests" / "fixtures" / "seeds").glob("*.md")) + list((ROOT / "tests" / "cases").glob("*.yaml")):
        lines.update(f.read_text(encoding="utf-8", errors="replace").splitlines())
    assert any(ftfy_is_bad(line) for line in lines)  # the cases do hold mojibake
    for line in lines:
        assert mt.is_bad(line) == ftfy_is_bad(line), line


def test_windows_are_sound():
    # is_bad searches only WIDTH-wide windows around TRIGGER characters: sound when WIDTH is the
    # longest match and nothing in BADNESS looks past its match or at the search's start.
    from re import _constants as C, _parser

    parsed = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert parsed.getwidth()[1] == mt.WIDTH
    seen = set()

    def walk(items):
        for op, av in items:
            seen.add((op, av) if op is C.AT else op)
            if op is C.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op is C.SUBPATTERN:
                walk(av[3])
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                walk(av[2])

    walk(parsed)
    assert seen <= {C.BRANCH, C.IN, C.LITERAL, C.ANY, C.MAX_REPEAT, C.MIN_REPEAT, (C.AT, C.AT_BEGINNING)}, seen


def _generated_lines(n: int = 20000) -> list[str]:
    import random

    rng = random.Random(201)
    trigger = [chr(c) for c in range(0x80, 0x10000) if mt.TRIGGER.match(chr(c))]
    common = list("aZ .,?!-\t") + ["é", "’", "ü", "À", "Ã", "Â", "â€", "Ã©", "вЂ", "‚Ä", "×²", "œ ", "Ø·", "√±"]
    lines = []
    for _ in range(n):
        k = rng.randrange(1, 30)
        lines.append("".join(rng.choice(trigger) if rng.random() < 0.3 else rng.choice(common) for _ in range(k)))
    return lines


def test_same_answer_as_ftfy_on_generated_lines_and_the_corpus():
    lines = _generated_lines()
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        for f in sorted(corpus.rglob("*.md")):
            lines += [ln for ln in f.read_text(encoding="utf-8", errors="replace").splitlines() if not ln.isascii()]
    lines += ["x" * 5000 + "â€™" + "“q” " * 500, "“q” " * 500 + "didnâ€™t", "Ã ok", " Ã ok", "ab Ã© " * 300]
    bad = 0
    for line in lines:
        want = ftfy_is_bad(line)
        assert mt.is_bad(line) == want, line[:200]
        bad += want
    assert bad > 500


def test_clean_text_does_not_import_ftfy(tmp_path):
    f = tmp_path / "p.md"
    f.write_text("---\nlayout: job\ntitle: Chef\nlocation: Remote\npost-date: 2024-05-01\n---\n"
                 "We’re hiring a café chef — “great” pay.\n", encoding="utf-8")
    code = ("import sys; from postlint import api; api.lint_bytes(open(sys.argv[1], 'rb').read(), sys.argv[1]);"
            "print('ftfy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_line_whose_only_mojibake_is_in_code_spans_does_not_import_ftfy():
    # PL201 judges the line with its code spans blanked (the corpus's SOURCES.md quotes `â€™`):
    # nothing to report, so ftfy (~57 ms to import) is not imported; a bad word outside still is.
    code = (
        "import sys\n"
        "from postlint import api\n"
        "quoted = api.lint_text('Files with mojibake (`â€™`, `Â`) were kept.\\n', config={'select': ['PL201']})\n"
        "print(len(quoted), 'ftfy' in sys.modules)\n"
        "bad = api.lint_text('Kept (`â€™`); this didnâ€™t.\\n', config={'select': ['PL201']})\n"
        "print(len(bad), 'ftfy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["0 False", "1 True"]
