"""The ``postlint`` command.

    postlint [OPTIONS] [PATHS...]      lint files and folders ('-' reads standard input)
    postlint rule CODE                 explain one rule
    postlint rules                     list every rule
    postlint schema infer PATHS        print a starting schema inferred from postings

Exit codes: 0 no findings at or above ``fail-on``; 1 findings; 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _parser_class():
    """The argument parser class, built on first use: a run whose argv ``_simple_args`` reads
    never imports argparse."""
    cls = globals().get("_Parser")
    if cls is not None:
        return cls
    import argparse

    class _Parser(argparse.ArgumentParser):
        _checking = False

        def error(self, message):  # argparse exits 2 too, but we want one clear line
            raise UsageError(message)

        def add_argument(self, *args, **kwargs):
            # argparse builds a HelpFormatter in add_argument only to check the metavar against
            # nargs, and a formatter without a width asks shutil.get_terminal_size: importing
            # shutil (zlib, bz2, lzma) was ~2 ms of every start-up. The check does not depend on
            # the width, so it gets a fixed one; --help and usage lines still get the terminal's.
            # tests/test_cli_entry.py: same ValueError, same help, no shutil.
            self._checking = True
            try:
                return super().add_argument(*args, **kwargs)
            finally:
                self._checking = False

        def _get_formatter(self):
            if self._checking:
                return self.formatter_class(prog=self.prog, width=80)
            return super()._get_formatter()

    globals()["_Parser"] = _Parser
    return _Parser


def __getattr__(name):  # PEP 562: ``from postlint.cli import _Parser`` (infer.py, tests)
    if name == "_Parser":
        return _parser_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _check_parser():
    p = _parser_class()(prog="postlint", description="Lint job postings (Markdown with YAML front matter).",
                        epilog="Subcommands: 'postlint rule CODE' explains a rule; 'postlint rules' lists them.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint (default: .); '-' for standard input")
    p.add_argument("--config", metavar="FILE", help="use this configuration file for every path (no discovery)")
    p.add_argument("--select", type=_csv, metavar="CODES", help="rules to run, replacing the configured set (codes, prefixes, slugs, ALL)")
    p.add_argument("--extend-select", type=_csv, metavar="CODES", help="rules to run in addition")
    p.add_argument("--ignore", type=_csv, metavar="CODES", help="rules not to run")
    p.add_argument("--schema", metavar="SCHEMA", help="front-matter schema: a file or a built-in name ('none' to skip)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline file")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE (a baseline) and exit")
    p.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    p.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes that may change meaning (with --fix or --diff)")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing them")
    p.add_argument("--show-fixes", action="store_true", help="after the run, list the fixes applied, per file and rule")
    p.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when --fix changed a file, even if no findings remain")
    from postlint.reporters import FORMATS

    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: text, or github when GITHUB_ACTIONS=true; env POSTLINT_FORMAT)")
    p.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE")
    p.add_argument("--show-source", action="store_true", help="show the source line under each finding")
    p.add_argument("--statistics", action="store_true", help="count findings per rule instead of listing them")
    p.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output")
    p.add_argument("--stdin-filename", metavar="PATH", help="the path standard input stands for (config lookup and messages)")
    p.add_argument("--include", type=_csv, metavar="GLOBS", help="file patterns to lint when walking folders (default: *.md, *.markdown, ...)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="time budget per file (default 30; 0 for none): a slower file is reported as PL005")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    # Records (postlint/records.py): lint postings kept in a JSON Lines dump, no files written.
    p.add_argument("--jsonl", metavar="FILE", help="lint each line of a JSON Lines dump as a posting ('-' for standard input)")
    p.add_argument("--parquet", metavar="FILE", help="lint each row of a Parquet file as a posting (needs pyarrow: postlint[parquet])")
    p.add_argument("--text-field", metavar="FIELD", help="with --jsonl/--parquet: the field holding the posting (dotted path; default: description)")
    p.add_argument("--id-field", metavar="FIELD", help="with --jsonl/--parquet: the field shown as FILE#ID (dotted path; default: id)")
    # Scale (postlint/parallel.py, postlint/cache.py).
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: the number of CPUs; 1 for none)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the result cache (.postlint_cache/ or $POSTLINT_CACHE_DIR)")
    return p


# The check command's arguments when argv holds only paths and flags that take no value
# (`postlint a.md b.md`, `postlint --no-cache -q a.md`: what pre-commit and editors run).
# Building the argparse parser and importing argparse, gettext and locale is ~3.3 ms CPU of
# a ~100 ms start-up (median of fresh processes); this reads such an argv in a few µs.
# Equivalent to ``_check_parser().parse_args(argv)``: anything else (a value option, "-",
# "--", an abbreviation, -qq, -h, a path after the flags that follow the paths, which
# argparse rejects) returns None and goes to argparse. tests/test_cli_entry.py checks both
# tables against the parser's actions and the result against parse_args on generated argvs.
_FLAGS = {
    "--exit-zero": "exit_zero", "--fix": "fix", "--unsafe-fixes": "unsafe_fixes", "--diff": "diff",
    "--show-fixes": "show_fixes", "--exit-non-zero-on-fix": "exit_non_zero_on_fix",
    "--show-source": "show_source", "--statistics": "statistics", "--quiet": "quiet", "-q": "quiet",
    "--version": "version", "--no-cache": "no_cache",
}
_DEFAULTS = {
    "config": None, "select": None, "extend_select": None, "ignore": None, "schema": None, "fail_on": None,
    "exit_zero": False, "baseline": None, "write_baseline": None, "fix": False, "unsafe_fixes": False,
    "diff": False, "show_fixes": False, "exit_non_zero_on_fix": False, "format": None, "output_file": None,
    "show_source": False, "statistics": False, "quiet": False, "color": "auto", "stdin_filename": None,
    "include": None, "timeout": None, "version": False, "jsonl": None, "parquet": None, "text_field": None,
    "id_field": None, "jobs": None, "no_cache": False,
}


def _simple_args(argv: list[str]):
    """``parse_args(argv)`` for an argv of paths and value-less flags, else None (see _FLAGS)."""
    values = dict(_DEFAULTS)
    paths: list[str] = []
    state = 0  # 0: before the paths, 1: in them, 2: flags after them
    for arg in argv:
        if arg[:1] == "-":
            dest = _FLAGS.get(arg)
            if dest is None:
                return None
            values[dest] = True
            if state == 1:
                state = 2
        elif state == 2:
            return None  # argparse: "unrecognized arguments"
        else:
            state = 1
            paths.append(arg)
    from types import SimpleNamespace

    return SimpleNamespace(paths=paths, **values)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "rule":
            return _rule_command(argv[1:])
        if argv and argv[0] == "rules":
            return _rules_command(argv[1:])
        if argv and argv[0] == "schema":
            from postlint.infer import schema_command

            return schema_command(argv[1:])
        return _check(argv)
    except UsageError as exc:
        print(f"postlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `postlint ... | head`
        try:
            sys.stdout.close()
        except Exception:  # noqa: BLE001
            pass
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def entry() -> int:
    """The program: ``python -m postlint`` and the ``postlint`` console script.

    ``main`` is the in-process API (tests, wrappers) and leaves the interpreter alone; this
    is only called when the process ends with the run. Why the freeze: at exit the
    interpreter's last collections traverse every object the run built (modules, compiled
    regexes, rule tables, the parsed posting): ~10 ms CPU of a ~110 ms start-up (median of 15
    ``--no-cache`` runs on examples/good-posting.md, benchmarks/cpu.py). ``gc.freeze`` moves
    them out of the collector's reach; the exit is otherwise the normal one: atexit handlers
    run, standard streams are flushed, objects freed by reference counting are finalised (the
    report file and the cache are closed by ``main`` before it returns). Unlike ``os._exit``
    it cannot lose output. tests/test_cli_entry.py runs both entry points.
    """
    from postlint import startup_cache

    # Compiled regexes and parsed data files from the last run (~19 ms CPU of a ~130 ms
    # start-up, benchmarks/startup_cache_cpu.py): the command only, never ``main`` or the API.
    startup_cache.install()
    try:
        code = main()
    finally:
        startup_cache.save()  # only when this run compiled or parsed something new
        startup_cache.reset()  # re as it was (tests call entry in-process)
    import gc

    gc.freeze()
    return code


def _load_registry(rule_files=()):
    from postlint.registry import RegistryError, load_registry

    try:
        return load_registry(tuple(rule_files))
    except RegistryError as exc:
        raise _ConfigProblem(str(exc)) from None


class _ConfigProblem(Exception):
    pass


def _use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _check(argv: list[str]) -> int:
    args = _simple_args(argv) or _check_parser().parse_args(argv)
    if args.version:
        from postlint import __version__

        print(f"postlint {__version__}")
        return EXIT_OK
    from postlint.config import ConfigError, ConfigResolver

    overrides = {}
    if args.select is not None:
        overrides["select"] = tuple(args.select)
    if args.fail_on:
        overrides["fail_on"] = args.fail_on
    if args.schema:
        overrides["schema"] = None if args.schema == "none" else os.path.abspath(args.schema) if os.path.exists(args.schema) else args.schema
    if args.include:
        overrides["include"] = tuple(args.include)
    if args.timeout is not None:
        if args.timeout < 0:
            raise UsageError("--timeout must be 0 (no limit) or a number of seconds")
        overrides["timeout"] = args.timeout
    from postlint.reporters import HUMAN_FORMATS, NEEDS_REGISTRY, choose_format, get_reporter

    fmt = choose_format(args.format)
    try:
        reporter = get_reporter(fmt)
    except ValueError as exc:
        raise UsageError(str(exc)) from None

    _check_records_args(args)
    if _streams(args, fmt):
        return _check_streaming(args, overrides, fmt, reporter)
    try:
        resolver = ConfigResolver(overrides, Path(args.config) if args.config else None)
        extra = _ListOverrides(args)
        if args.jsonl or args.parquet:
            from postlint.records import lint_jsonl

            results, errors = lint_jsonl(args, resolver, extra, _load_registry, fmt)
        else:
            results, errors = _run(args, resolver, extra)
    except (ConfigError, _ConfigProblem) as exc:
        print(f"postlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.baseline or args.write_baseline:
        from postlint import baseline

        try:
            if args.write_baseline:
                return baseline.write_command(args, results, sys.stderr)
            baseline.apply(args, results, sys.stderr)
        except baseline.BaselineError as exc:
            print(f"postlint: error: {exc}", file=sys.stderr)
            return EXIT_ERROR

    stream = open(args.output_file, "w", encoding="utf-8") if args.output_file else sys.stdout
    if args.fix and args.paths == ["-"] and not args.output_file:
        stream = sys.stderr  # the fixed text goes to standard output
    try:
        from postlint.fixing import show_fixes, warn_unsettled

        warn_unsettled(results, sys.stderr)
        if args.diff:
            changed = _print_diff(results, stream)
            if args.show_fixes:
                show_fixes(results, sys.stderr, would=True)
            return EXIT_FINDINGS if changed and not args.exit_zero else (EXIT_ERROR if errors else EXIT_OK)
        options = {
            "color": fmt in HUMAN_FORMATS and not args.output_file and _use_color(args.color, stream),
            "show_source": args.show_source,
            "statistics": args.statistics,
            "quiet": args.quiet,
            "records": bool(args.jsonl or args.parquet),  # --fix cannot rewrite records: no "fixable with --fix" hint
        }
        if fmt in NEEDS_REGISTRY:
            options["registry"] = _load_registry(resolver.for_dir(Path(os.path.abspath("."))).rule_files)
        if not getattr(args, "records_printed", False):  # --jsonl/--parquet may print as they go
            reporter(results, stream, options)
        if args.show_fixes and args.fix:
            show_fixes(results, stream if fmt == "text" else sys.stderr)
    finally:
        if args.output_file:
            stream.close()
    code = _exit_code(results, errors, args, resolver)
    if code == EXIT_OK and args.exit_non_zero_on_fix and args.fix and not args.exit_zero and any(r.changed for r in results):
        return EXIT_FINDINGS
    return code


# Formats whose reporter makes one pass over the results: printed as files finish.
STREAMING_FORMATS = ("text", "concise", "github")


def _streams(args, fmt: str) -> bool:
    """Whether the report can be written as files finish, keeping no findings: not
    when something needs every result first (baseline, --diff, --show-fixes, records)."""
    return (fmt in STREAMING_FORMATS and args.paths != ["-"]
            and not (args.jsonl or args.parquet or args.baseline or args.write_baseline or args.diff or args.show_fixes))


class _Kept:
    """What the exit code and the warnings need of the results a streaming report has printed."""

    def __init__(self):
        self.internal_error = False
        self.worst = 0  # the highest Severity seen
        self.changed = False
        self.unsettled: list = []

    def watch(self, results):
        for r in results:
            self.internal_error = self.internal_error or r.internal_error
            for d in r.diagnostics:
                if d.severity > self.worst:
                    self.worst = d.severity
            self.changed = self.changed or r.changed
            if not r.converged:
                self.unsettled.append(r)
            yield r


class _LazyFile:
    """--output-file for a streaming report: created at the first write (or at the end), so a
    run that stops with a configuration error leaves no report file, as before."""

    def __init__(self, name: str):
        self.name = name
        self.handle = None

    def write(self, text: str) -> int:
        if self.handle is None:
            self.handle = open(self.name, "w", encoding="utf-8")
        return self.handle.write(text)

    def close(self, finished: bool) -> None:
        if self.handle is None and finished:
            self.handle = open(self.name, "w", encoding="utf-8")
        if self.handle is not None:
            self.handle.close()


def _check_streaming(args, overrides: dict, fmt: str, reporter) -> int:
    from postlint.config import ConfigError, ConfigResolver
    from postlint.reporters import HUMAN_FORMATS

    kept = _Kept()
    stream = _LazyFile(args.output_file) if args.output_file else sys.stdout
    finished = False
    try:
        resolver = ConfigResolver(overrides, Path(args.config) if args.config else None)
        options = {
            "color": fmt in HUMAN_FORMATS and not args.output_file and _use_color(args.color, stream),
            "show_source": args.show_source,
            "statistics": args.statistics,
            "quiet": args.quiet,
            "records": False,
        }
        reporter(kept.watch(_lint(args, resolver, _ListOverrides(args), [])), stream, options)
        finished = True
    except (ConfigError, _ConfigProblem) as exc:
        print(f"postlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if args.output_file:
            stream.close(finished)
    if kept.unsettled:
        from postlint.fixing import warn_unsettled

        warn_unsettled(kept.unsettled, sys.stderr)
    if kept.internal_error:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    from postlint.diagnostics import Severity

    threshold = Severity.parse(args.fail_on or resolver.for_dir(Path(os.path.abspath("."))).fail_on)
    if kept.worst >= threshold:
        return EXIT_FINDINGS
    if args.exit_non_zero_on_fix and args.fix and kept.changed:
        return EXIT_FINDINGS
    return EXIT_OK


def _check_records_args(args) -> None:
    if not (args.jsonl or args.parquet):
        if args.text_field or args.id_field:
            raise UsageError("--text-field and --id-field go with --jsonl FILE or --parquet FILE")
        return
    option = "--parquet" if args.parquet else "--jsonl"
    if args.jsonl and args.parquet:
        raise UsageError("give --jsonl FILE or --parquet FILE, not both")
    if args.paths:
        raise UsageError(f"{option} FILE lints the records of FILE: give no other paths")
    if args.fix or args.diff:
        raise UsageError(f"--fix and --diff cannot rewrite records: {option} only reports")
    if args.parquet:
        import importlib.util

        if importlib.util.find_spec("pyarrow") is None:
            raise UsageError("--parquet needs pyarrow: pip install 'postlint[parquet]'")
    args.text_field = args.text_field or "description"
    args.id_field = args.id_field or "id"


class _ListOverrides:
    """--extend-select / --ignore add to what each configuration file says."""

    def __init__(self, args):
        self.extend_select = tuple(args.extend_select or ())
        self.ignore = tuple(args.ignore or ())

    def apply(self, settings):
        if not (self.extend_select or self.ignore):
            return settings
        cached = getattr(settings, "_cli_applied", None)
        if cached is not None:
            return cached
        from dataclasses import replace

        new = replace(settings, extend_select=settings.extend_select + self.extend_select,
                      ignore=settings.ignore + self.ignore)
        settings._cli_applied = new
        return new


def _run(args, resolver, extra):
    errors: list = []
    return list(_lint(args, resolver, extra, errors)), errors


def _lint(args, resolver, extra, errors: list):
    """Yield each file's FileResult, in order, as files finish (the streaming reporters
    print them as they come); problems with paths are appended to ``errors`` too."""
    from postlint.files import discover
    from postlint.results import FileResult

    paths = args.paths or ["."]
    settings0 = extra.apply(resolver.for_dir(Path(os.path.abspath("."))))
    fix = args.fix or args.diff
    cache = None
    if not (fix or args.no_cache or paths == ["-"]):
        from postlint.cache import Cache, cache_dir

        cache = Cache(cache_dir(settings0.root))
    from postlint.parallel import Linters, WorkerDied, default_jobs, lint_files

    linters = Linters()
    if cache is None:
        # Fail early, with one clear line, on selectors that match no rule. (With the
        # cache, a run whose files all hit never builds the rules; it checks after.)
        settings0.enabled_codes(linters.get(settings0.rule_files).registry)

    if paths == ["-"]:
        display = args.stdin_filename or "-"
        path = Path(args.stdin_filename) if args.stdin_filename else Path("-")
        settings = extra.apply(resolver.for_path(path) if args.stdin_filename else settings0)
        data = sys.stdin.buffer.read()
        result = linters.get(settings.rule_files).lint_bytes(data, display, settings, path, fix=fix, unsafe=args.unsafe_fixes)
        if args.fix and not args.diff:
            from postlint.document import encode

            out = result.text if result.text is not None else data.decode("utf-8", "surrogateescape")
            sys.stdout.buffer.write(encode(out, *result.encoding) if result.text is not None else data)
            sys.stdout.flush()
        yield result
        return

    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        raise UsageError("--jobs must be 1 or more")

    def items():
        by_dir: dict = {}  # a file's settings are its folder's: looked up once a folder
        for path, explicit in discover(paths, resolver, errors):
            folder = os.path.dirname(path)
            settings = by_dir.get(folder)
            if settings is None:
                settings = by_dir[folder] = extra.apply(resolver.for_path(path))
            yield path, _display(path), settings

    n = 0
    try:
        for result in lint_files(items(), jobs, fix=fix, unsafe=args.unsafe_fixes,
                                 write=args.fix and not args.diff, linters=linters, cache=cache):
            n += 1
            yield result
    except WorkerDied as exc:
        raise _ConfigProblem(str(exc)) from None
    if cache is not None and not n:
        settings0.enabled_codes(linters.get(settings0.rule_files).registry)
    for raw, exc in errors:
        yield FileResult(str(raw), [linters.get(settings0.rule_files).io_error(str(raw), exc)])
    if not n and not errors:
        print("postlint: warning: no files to lint (folders are searched for *.md, *.markdown; "
              "name files directly or set 'include')", file=sys.stderr)


def _display(path: Path) -> str:
    text = str(path)
    return text[2:] if text.startswith("./") else text


def _print_diff(results, stream) -> bool:
    import difflib  # --diff only: not a cost of every start-up

    changed = False
    for r in results:
        if not r.changed:
            continue
        changed = True
        diff = difflib.unified_diff(r.original.splitlines(keepends=True), r.text.splitlines(keepends=True),
                                    fromfile=f"a/{r.path}", tofile=f"b/{r.path}")
        for line in diff:
            stream.write(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return changed


def _exit_code(results, errors, args, resolver) -> int:
    from postlint.diagnostics import Severity

    if any(r.internal_error for r in results):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    threshold = Severity.parse(args.fail_on or resolver.for_dir(Path(os.path.abspath("."))).fail_on)
    for r in results:
        if any(d.severity >= threshold for d in r.diagnostics):
            return EXIT_FINDINGS
    return EXIT_OK


# ------------------------------------------------------------ rule, rules
def _rule_command(argv: list[str]) -> int:
    p = _parser_class()(prog="postlint rule", description="Explain a rule: what it does, why, an example, what to write instead.")
    p.add_argument("code", help="rule code or slug, e.g. PL301 or heading-without-space")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    try:
        registry = _load_registry()
    except _ConfigProblem as exc:
        print(f"postlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    rule = registry.get(args.code)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(args.code, list(registry.by_code) + list(registry.by_name), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        print(f"postlint: error: unknown rule {args.code!r}{hint}", file=sys.stderr)
        return EXIT_ERROR
    from postlint.docs import rule_json, rule_markdown

    if args.format == "json":
        import json

        print(json.dumps(rule_json(rule), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(rule_markdown(rule))
    return EXIT_OK


def _rules_command(argv: list[str]) -> int:
    p = _parser_class()(prog="postlint rules", description="List every rule.")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    try:
        registry = _load_registry()
    except _ConfigProblem as exc:
        print(f"postlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    from postlint.docs import rule_json

    if args.format == "json":
        import json

        print(json.dumps([rule_json(r) for r in registry.rules], indent=2, ensure_ascii=False))
        return EXIT_OK
    for rule in registry.rules:
        flags = ("on " if rule.default_enabled else "off") + (" fix" if rule.fixable else "    ")
        print(f"{rule.code}  {rule.name:<28} {str(rule.severity):<8} {flags}  {rule.summary}")
    return EXIT_OK
