"""``postlint --jsonl FILE``: lint postings kept as records in a JSON Lines dump.

The dump is read one line at a time (never whole), each record's text field is
linted as if it were a file, and nothing is written to disk. Decisions (also in
docs/api.md):

- A record is displayed as ``FILE#ID`` (``dump.jsonl#job-42:3:5: PL401 ...``),
  ID taken from ``--id-field`` (default ``id``); a record without one is
  ``FILE#L<line of the dump>``. Line and column are within the text field.
- ``--text-field`` (default ``description``) and ``--id-field`` are dotted
  paths into nested objects (``job.description``); a key that itself contains a
  dot is found first.
- A line that is not JSON, not an object, or has no string at the text field is
  one ``PL006 invalid-record`` finding on ``FILE:LINE:COL``, and the run goes on
  (reported whatever ``--select`` says, unless PL006 is ignored). Blank lines
  are skipped.
- The configuration is the one that applies to FILE (to the current folder for
  standard input), with the command-line options on top.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Mapping
from pathlib import Path

from postlint.diagnostics import Diagnostic, Severity

_MISSING = object()


def field(record, path: str):
    """The value at a dotted ``path`` in a decoded JSON object, or _MISSING."""
    if path in record:
        return record[path]
    value = record
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return _MISSING
        value = value[part]
    return value


def iter_records(stream, text_field: str, id_field: str | None):
    """Yield ``(line_number, record_id, text, problem)`` for each non-blank line of a
    binary stream: ``problem`` is ``(column, message)`` when the line cannot be linted."""
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.rstrip(b"\r\n"))
        except json.JSONDecodeError as exc:
            column = exc.pos + 1 if exc.lineno == 1 else exc.colno
            yield number, None, None, (column, f"Line is not valid JSON: {exc.msg}")
            continue
        except UnicodeDecodeError as exc:
            column = len(raw[:exc.start].decode("utf-8", "replace")) + 1
            yield number, None, None, (column, f"Line is not valid UTF-8 (byte {exc.start + 1})")
            continue
        except RecursionError:
            yield number, None, None, (1, "Line is not usable JSON: nested too deeply")
            continue
        yield check_record(number, record, text_field, id_field)


def check_record(number: int, record, text_field: str, id_field: str | None,
                 not_a_record: str = "Line is a JSON {}, not an object (a record)"):
    """``(number, record_id, text, problem)`` for one decoded record."""
    if not isinstance(record, Mapping):
        return number, None, None, (1, not_a_record.format(type(record).__name__))
    rid = field(record, id_field) if id_field else _MISSING
    rid = None if rid is _MISSING or rid is None or isinstance(rid, (Mapping, list)) else str(rid)
    text = field(record, text_field)
    if text is _MISSING:
        return number, rid, None, (1, f"Record has no text field {text_field!r} (see --text-field)")
    if not isinstance(text, str):
        kind = "null" if text is None else type(text).__name__
        return number, rid, None, (1, f"Record's text field {text_field!r} is {kind}, not a string")
    return number, rid, text, None


class NoSuchColumn(Exception):
    pass


def iter_parquet(path, text_field: str, id_field: str | None, batch_size: int = 1024):
    """As :func:`iter_records` for the rows of a Parquet file (needs pyarrow), read a batch
    of rows at a time and only the columns the two fields live in; ``number`` is the row (1-based)."""
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    names = parquet.schema_arrow.names

    def column(dotted):
        return dotted if dotted in names else dotted.split(".", 1)[0]

    if column(text_field) not in names:
        raise NoSuchColumn(f"Parquet file has no column {text_field!r} (columns: {', '.join(names)}; see --text-field)")
    columns = [column(text_field)] + ([column(id_field)] if id_field and column(id_field) in names
                                      and column(id_field) != column(text_field) else [])
    number = 0
    for batch in parquet.iter_batches(batch_size=batch_size, columns=columns):
        for record in batch.to_pylist():
            number += 1
            yield check_record(number, record, text_field, id_field)


# Formats whose output for a run is the concatenation of their output for each file
# (no header, no summary): these are printed record by record.
_CONCATENATING = ("json-lines", "rdjsonl")
_CONCATENATING_WHEN_QUIET = ("text", "concise")


def _streaming_reporter(args, fmt: str):
    """The reporter and its options when findings can be printed as each record is linted
    (so memory stays flat whatever the number of findings), else None."""
    if args.output_file or args.baseline or args.write_baseline or args.statistics:
        return None
    if fmt not in _CONCATENATING and not (fmt in _CONCATENATING_WHEN_QUIET and args.quiet):
        return None
    from postlint.cli import _use_color
    from postlint.reporters import HUMAN_FORMATS, get_reporter

    options = {"color": fmt in HUMAN_FORMATS and _use_color(args.color, sys.stdout),
               "show_source": args.show_source, "statistics": False, "quiet": True}
    return get_reporter(fmt), options


def _worst(kept, result):
    """Keep only what the exit code needs of a printed record: its most severe finding."""
    from postlint.engine import FileResult

    if not result.diagnostics:
        return
    worst = max(result.diagnostics, key=lambda d: d.severity)
    if not kept:
        kept.append(FileResult("<printed>", [worst], internal_error=result.internal_error))
        return
    held = kept[0]
    held.internal_error = held.internal_error or result.internal_error
    if worst.severity > held.diagnostics[0].severity:
        held.diagnostics[0] = worst


def lint_jsonl(args, resolver, extra, load_registry, fmt: str | None = None) -> tuple[list, list]:
    """Run the ``--jsonl`` / ``--parquet`` mode of the command line; returns (results, errors)
    like ``cli._run``."""
    import os

    from postlint.engine import FileResult, Linter

    parquet = bool(getattr(args, "parquet", None))
    name = args.parquet if parquet else args.jsonl
    display = (args.stdin_filename or "-") if name == "-" else _display(name)
    if name == "-":
        settings = extra.apply(resolver.for_path(Path(args.stdin_filename)) if args.stdin_filename
                               else resolver.for_dir(Path(os.path.abspath("."))))
    else:
        settings = extra.apply(resolver.for_path(Path(name)))
    linter = Linter(load_registry(settings.rule_files), resolver)
    settings.enabled_codes(linter.registry)  # unknown selectors: one line, exit 2, before reading
    rule = linter.registry.get("PL006")
    # A line that cannot be linted is reported even when --select leaves PL006 out (a skipped
    # record would go unnoticed), unless PL006 is ignored by name, code or prefix.
    report_bad = "PL006" not in set().union(*(linter.registry.resolve(s) for s in settings.ignore))
    results: list = []
    own: list = []  # findings on the dump itself, reported as one file after its records
    streaming = _streaming_reporter(args, fmt) if fmt else None
    args.records_printed = streaming is not None  # the CLI then prints nothing more
    anchor = "R" if parquet else "L"
    try:
        if name == "-":  # a Parquet reader seeks (its index is at the end): read standard input whole
            stream = io.BytesIO(sys.stdin.buffer.read()) if parquet else sys.stdin.buffer
        else:
            stream = open(name, "rb")
    except OSError as exc:
        args.records_printed = False
        return [FileResult(display, [linter.io_error(display, exc)])], []
    try:
        if parquet:
            records = iter_parquet(stream, args.text_field, args.id_field)
        else:
            records = iter_records(stream, args.text_field, args.id_field)
        for number, rid, text, problem in records:
            if problem is not None:
                if not report_bad:
                    continue
                column, message = problem
                own.append(Diagnostic(display, number, column, number, column, rule.code, rule.name,
                                      Severity.ERROR, message))
                continue
            where = f"{display}#{rid if rid is not None else f'{anchor}{number}'}"
            data = text.encode("utf-8", "surrogatepass")
            result = linter.lint_bytes(data, where, settings, Path(where))
            if streaming is None:
                results.append(result)
            elif result.diagnostics:
                report, options = streaming
                report([result], sys.stdout, options)
                sys.stdout.flush()  # a reader at the other end of a pipe sees each record's findings
                _worst(results, result)
    except OSError as exc:
        own.append(linter.io_error(display, exc))
    except NoSuchColumn as exc:
        own.append(Diagnostic(display, 1, 1, 1, 1, rule.code, rule.name, Severity.ERROR, str(exc)))
    except Exception as exc:  # noqa: BLE001 - pyarrow's errors for a file that is not Parquet
        if not (parquet and type(exc).__module__.startswith("pyarrow")):
            raise
        own.append(linter.io_error(display, OSError(f"not a readable Parquet file ({exc})")))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if own:
        if streaming is not None:
            report, options = streaming
            report([FileResult(display, own)], sys.stdout, options)
            _worst(results, FileResult(display, own))
        else:
            results.append(FileResult(display, own))
    return results, []


def _display(path: str) -> str:
    return path[2:] if path.startswith("./") else path
