"""Lint a pandas DataFrame of postings into a DataFrame of diagnostics.

One row a finding, with the columns of :data:`COLUMNS`. The function is what a
Dask partition, a Spark ``mapInPandas`` batch or a Ray ``map_batches`` batch
runs; it needs pandas only, and imports it when called.
"""

from __future__ import annotations

# Column name -> pandas dtype. "id" is the record's id as a string (None when the frame has no id column).
COLUMNS = {
    "id": "object",
    "path": "object",
    "line": "int64",
    "column": "int64",
    "end_line": "int64",
    "end_column": "int64",
    "code": "object",
    "name": "object",
    "severity": "object",
    "message": "object",
    "fixable": "bool",
}

# The same as a Spark DDL schema, for ``mapInPandas(..., schema=SPARK_SCHEMA)``.
SPARK_SCHEMA = ("id string, path string, line long, column long, end_line long, end_column long, "
                "code string, name string, severity string, message string, fixable boolean")


def empty_frame():
    """A frame with no rows and the output columns and dtypes (Dask's ``meta``)."""
    import pandas as pd

    return pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in COLUMNS.items()})


def _linter(linter):
    from postlint.api import ConfiguredLinter, configure

    return linter if isinstance(linter, ConfiguredLinter) else configure(linter)


def lint_frame(frame, linter=None, *, text_column: str = "description", id_column: str | None = "id",
               path_column: str | None = None):
    """Diagnostics for each row of ``frame`` (a pandas DataFrame).

    ``linter`` is a :class:`postlint.ConfiguredLinter` (build it once with
    ``postlint.configure`` and pass it along: it pickles small) or a config
    mapping. Each row's ``text_column`` is linted as one posting; its path (what
    ``per-file-ignores`` and the date-in-file-name rule see, and the ``path``
    column) is ``path_column``'s value when given, else the id. A row whose text
    is not a string (missing, null, NaN) gives one ``PL006 invalid-record`` row.
    """
    import pandas as pd

    linter = _linter(linter)
    if text_column not in frame.columns:
        raise KeyError(f"no column {text_column!r} in the frame (columns: {', '.join(map(str, frame.columns))})")
    rows = []
    texts = frame[text_column].tolist()
    ids = frame[id_column].tolist() if id_column and id_column in frame.columns else [None] * len(texts)
    paths = frame[path_column].tolist() if path_column else [None] * len(texts)
    invalid = linter.registry.get("PL006")
    for text, rid, path in zip(texts, ids, paths):
        rid = None if rid is None or (isinstance(rid, float) and rid != rid) else str(rid)
        path = str(path) if path is not None else (rid if rid is not None else "<record>")
        if not isinstance(text, str):
            kind = "null" if text is None or (isinstance(text, float) and text != text) else type(text).__name__
            rows.append((rid, path, 1, 1, 1, 1, invalid.code, invalid.name, "error",
                         f"Record's text field {text_column!r} is {kind}, not a string", False))
            continue
        for d in linter.lint_text(text, path):
            rows.append((rid, d.path, d.line, d.column, d.end_line, d.end_column, d.code, d.name,
                         str(d.severity), d.message, d.fix is not None))
    if not rows:
        return empty_frame()
    out = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    return out.astype(COLUMNS)
