"""Front-matter validation cost over ../shared/corpus, in µs per document.

    python benchmarks/schema_validation.py [--schema job-posting] [--repeat 5] [--naive 100]

Front matter is parsed once beforehand (not counted). Measured in one run, so the
ratios hold on a busy machine even when the absolute figures do not:

- validator build: one ``validator_for`` per schema (check_schema, $ref loading);
- ``iter_errors`` on the cached validator, per document;
- postlint's ``_validate`` (iter_errors + positions + sentences), per document;
- lint of the whole posting with only PL100-PL104 selected, per document;
- the naive way, ``jsonschema.validate(data, schema)`` per document (re-checks the
  schema each call), on the first ``--naive`` documents.

Also prints how many validators exist after linting every document: one per schema.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

CORPUS = Path(os.environ.get("POSTLINT_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "corpus"


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--schema", action="append", default=None,
                    help="built-in name or file (repeatable; default job-posting and job-posting-strict)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--naive", type=int, default=100)
    args = ap.parse_args(argv)
    import jsonschema

    from postlint import schema as S
    from postlint.api import lint_bytes
    from postlint.document import Document

    docs = []
    raw = []
    for path in sorted(CORPUS.rglob("*")):
        if not path.is_file() or path.name in ("MANIFEST.tsv", "SOURCES.md"):
            continue
        data = path.read_bytes()
        doc = Document.from_bytes(data, path.name)
        fm = doc.front_matter
        if fm is not None and fm.problem is None and fm.is_mapping:
            docs.append(doc)
            raw.append((data, path.name))
    print(f"{len(docs)} postings with front matter in {CORPUS}")
    for spec in args.schema or ["job-posting", "job-posting-strict"]:
        path = S.resolve_schema_path(spec, Path.cwd())
        S._VALIDATORS.clear()
        t0 = time.perf_counter()
        schema, validator = S.validator_for(path)
        build = time.perf_counter() - t0

        def per_doc(fn, items):
            best = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                for item in items:
                    fn(item)
                best.append((time.perf_counter() - t) / len(items) * 1e6)
            return min(best), statistics.median(best)

        iter_best, iter_med = per_doc(lambda d: list(validator.iter_errors(d.front_matter.data)), docs)
        find_best, find_med = per_doc(lambda d: S._validate(d, path), docs)
        config = {"schema": str(path), "select": ["PL100", "PL101", "PL102", "PL103", "PL104"]}
        lint_best, lint_med = per_doc(lambda r: lint_bytes(r[0], r[1], config), raw)
        sample = docs[: args.naive]
        resources = S._local_resources(path, schema, type(validator))
        if resources:  # the naive call needs the same local registry to resolve $ref
            naive_registry = validator._resolver._registry
            naive = lambda d: jsonschema.validate(d.front_matter.data, schema, registry=naive_registry)  # noqa: E731
        else:
            naive = lambda d: jsonschema.validate(d.front_matter.data, schema)  # noqa: E731

        def naive_safe(d):
            try:
                naive(d)
            except jsonschema.ValidationError:
                pass

        naive_best, naive_med = per_doc(naive_safe, sample)
        print(f"\nschema {spec} ({path.name}); best / median of {args.repeat} runs, µs per document")
        print(f"  validator built once:            {build * 1e3:8.1f} ms")
        print(f"  iter_errors (cached validator):  {iter_best:8.1f} / {iter_med:.1f}")
        print(f"  postlint findings (_validate):   {find_best:8.1f} / {find_med:.1f}")
        print(f"  lint_bytes, PL100-PL104 only:    {lint_best:8.1f} / {lint_med:.1f}  (decode + YAML + validate)")
        print(f"  jsonschema.validate() each time: {naive_best:8.1f} / {naive_med:.1f}  (first {len(sample)} documents)")
        print(f"  naive / cached iter_errors:      {naive_best / iter_best:8.1f}x")
        print(f"  validators after linting all:    {len({id(v) for v in S._VALIDATORS.values()})}")


if __name__ == "__main__":
    main()
