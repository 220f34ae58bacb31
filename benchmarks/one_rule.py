"""CPU milliseconds a posting of one rule, Document views prebuilt, optionally profiled.

    python benchmarks/one_rule.py PL606          # first 300 corpus postings
    python benchmarks/one_rule.py PL606 300 p    # and a cProfile listing

Each timed pass gets fresh Documents (so a rule's per-document memo, such as
content.lowered_body, is paid as in a real run); the views per_rule.py prebuilds are
built before timing. CPU time, so a loaded machine moves it less than wall time.
"""
import cProfile, pstats, sys, time
from pathlib import Path
sys.path.insert(0, "benchmarks")
from run import corpus_files
from postlint import api
from postlint.document import Document
code = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
prof = len(sys.argv) > 3
files, _ = corpus_files(n)
settings = api.make_settings({"select": ["ALL"]})
linter = api.linter_for(settings)
rule = [r for r in linter.registry.rules if r.code == code][0]
raw = [(f.read_bytes(), str(f)) for f in files]
VIEWS = ("line_starts", "line_ends", "front_matter", "tokens", "code_lines", "html_block_lines", "heading_lines", "prose")


def fresh():
    out = [Document.from_bytes(data, name) for data, name in raw]
    for d in out:
        for v in VIEWS:
            getattr(d, v)
    return out


docs = fresh()
captured = {}
orig = rule.run


def grab(doc, ctx):
    captured.setdefault("ctx", ctx)
    return list(orig(doc, ctx))


rule.run = grab  # the context the linter builds for this rule (its options)
linter.lint_document(fresh()[0], settings, Path(files[0]))
rule.run = orig
ctx = captured["ctx"]


def go(batch):
    return sum(len(list(rule.check(d, ctx))) for d in batch)


go(fresh()[:20])  # warm up: imports and lazily compiled patterns
t = time.process_time()
r = go(docs)
el = time.process_time() - t
print(f"{code}: {el / len(docs) * 1000:.3f} ms/posting, {r} violations")
if prof:
    batch = fresh()
    cProfile.run("go(batch)", "/tmp/one_rule.prof")
    pstats.Stats("/tmp/one_rule.prof").sort_stats("tottime").print_stats(15)
