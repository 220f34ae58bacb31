"""Profile one rule (and optionally check its CPU) on the first N corpus postings, views prebuilt."""
import cProfile, pstats, sys, time
from pathlib import Path
sys.path.insert(0, "benchmarks")
from run import corpus_files
from postlint import api
from postlint.document import Document
code = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
prof = len(sys.argv) > 3
files, _ = corpus_files(n)
settings = api.make_settings({"select": ["ALL"]})
linter = api.linter_for(settings)
rule = [r for r in linter.registry.rules if r.code == code][0]
docs = [Document.from_bytes(f.read_bytes(), str(f)) for f in files]
VIEWS = ("line_starts", "line_ends", "front_matter", "tokens", "code_lines", "html_block_lines", "heading_lines", "prose")
for d in docs:
    for v in VIEWS: getattr(d, v)
from postlint.engine import Context
import inspect
# build ctx the way the linter does
def ctxs():
    return None
captured = {}
orig = rule.run
def grab(doc, ctx):
    captured.setdefault("ctx", ctx); return list(orig(doc, ctx))
rule.run = grab
linter.lint_document(docs[0], settings, Path(files[0]))
rule.run = orig
ctx = captured["ctx"]
def go():
    out = 0
    for d in docs:
        out += len(list(rule.check(d, ctx)))
    return out
go()
t = time.process_time(); r = go(); el = time.process_time() - t
print(f"{code}: {el/len(docs)*1000:.3f} ms/posting, {r} violations")
if prof:
    cProfile.run("go()", "/tmp/content/p.out")
    pstats.Stats("/tmp/content/p.out").sort_stats("tottime").print_stats(15)
