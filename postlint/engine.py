"""The engine: runs the selected rules over a Document and turns their violations
into positioned, stamped, filtered diagnostics; applies fixes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from postlint.collector import paused
from postlint.config import ConfigError
from postlint.diagnostics import Diagnostic, Fix, Severity, Violation

# postlint.document and postlint.checks.base are imported where a file is linted: a run
# whose files all come from the result cache needs only FileResult from this module.
from postlint.results import FileResult  # noqa: F401 - defined there so cache hits need no engine; re-exported

MAX_FIX_PASSES = 10


@dataclass
class FileContext:
    """Per-file services handed to rules as ``ctx.settings``."""

    settings: object
    schema_path: Path | None
    words: tuple


class _Plan:
    """The enabled rules of one selection, resolved, each with its merged options."""

    __slots__ = ("codes", "steps", "binary_steps")

    def __init__(self, rules: list, rule_options: dict):
        from postlint.checks.base import Rule
        from postlint.registry import LazyRule

        self.codes = frozenset(r.code for r in rules)
        steps = []
        for rule in rules:
            real = rule.load() if isinstance(rule, LazyRule) else rule
            options = dict(real.default_options)
            options.update(rule_options.get(real.code, {}))
            options.update(rule_options.get(real.name, {}))
            if "run" in rule.__dict__ or "run" in real.__dict__ or type(real).run is not Rule.run:
                check = rule.run  # a rule's own run, or one wrapped on the instance (benchmarks/per_rule.py)
            else:
                check = real.check  # Rule.run only re-yields check
            steps.append((real, check, options))
        self.steps = steps
        self.binary_steps = [step for step in steps if step[0].code == "PL001"]


class Linter:
    def __init__(self, registry, resolver):
        self.registry = registry
        self.resolver = resolver
        self._enabled_cache: dict = {}
        self._rules_by_codes: dict = {}
        self._plans: dict = {}

    # --------------------------------------------------------- selection
    def _selection_key(self, settings, path: Path | None) -> tuple:
        # Keyed by what decides the selection, never by id(): a Settings object
        # that is freed can hand its id to a new one with another selection.
        return (settings.select, settings.extend_select, settings.ignore,
                tuple(sorted(settings.per_file_ignores.items())),
                str(settings.root) if settings.per_file_ignores else None,
                str(path) if settings.per_file_ignores else None)

    def _selection(self, settings, path: Path | None) -> tuple:
        """(codes, rules) enabled for this file. With per-file-ignores the key holds the
        path, so the cache is bounded, and every path with the same selection shares one
        rules list (and, in _plan, one plan): memory does not grow with the files."""
        key = self._selection_key(settings, path)
        found = self._enabled_cache.get(key)
        if found is None:
            codes = frozenset(settings.enabled_codes(self.registry, path))
            rules = self._rules_by_codes.get(codes)
            if rules is None:
                rules = self._rules_by_codes[codes] = [r for r in self.registry.rules if r.code in codes]
            if len(self._enabled_cache) >= 4096:
                self._enabled_cache.clear()
            found = self._enabled_cache[key] = (codes, rules)
        return found

    def enabled(self, settings, path: Path | None) -> list:
        return self._selection(settings, path)[1]

    def _plan(self, settings, path: Path | None) -> _Plan:
        """What to run for this selection and these rule options, worked out once per linter.

        Equivalent to doing it per file (as this loop once did): the rules ``enabled``
        gives, each with ``default_options`` updated by ``rule-options`` under its code,
        then its slug. Lazy built-in rules are resolved to the real rule here, so the
        loop never goes through ``LazyRule.__getattr__`` (52 calls a posting), and a
        rule that keeps ``Rule.run`` is called through ``check`` directly (``Rule.run``
        only re-yields it). tests/test_engine_plan.py compares the two on the corpus.
        """
        rule_options = settings.rule_options
        # repr, not the dict itself: rule options are plain TOML values (unhashable lists,
        # tables) and a changed mapping must not reuse the options of the one before.
        codes, rules = self._selection(settings, path)
        key = (codes, repr(rule_options) if rule_options else "")
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = _Plan(rules, rule_options)
        return plan

    # ------------------------------------------------------------ linting
    def lint_document(self, doc: Document, settings, path: Path | None = None) -> list[Diagnostic]:
        plan = self._plan(settings, path)
        codes = plan.codes
        from postlint.checks.base import Context
        from postlint.schema import schema_for_document

        file_ctx = FileContext(settings, schema_for_document(settings, doc, path), settings.words)
        found: list[tuple] = []
        steps = plan.binary_steps if doc.is_binary else plan.steps
        for rule, check, options in steps:
            # A fresh dict per rule and file, as before: a rule may not share its options' state.
            ctx = Context(dict(options), file_ctx)
            try:
                for v in check(doc, ctx):
                    found.append((rule, v))
            except ConfigError:
                raise  # a broken schema or rule file stops the run with one line (exit 2)
            except Exception as exc:  # noqa: BLE001 - a crashing rule becomes a diagnostic
                if "PL000" in codes:
                    found.append((self.registry.get("PL000"),
                                  Violation(0, 0, f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}")))
                else:
                    raise
        if doc.is_binary:
            return [self._stamp(doc, rule, v, settings) for rule, v in found]

        from postlint.suppress import Suppressions, parse_directives

        directives = parse_directives(doc, self.registry)
        result = []
        if directives:
            sup = Suppressions(directives)
            for rule, v in found:
                if rule.code != "PL000" and sup.suppressed(rule.code, doc.line_index(v.start)):
                    continue
                result.append(self._stamp(doc, rule, v, settings))
            result.extend(self._directive_findings(doc, directives, codes, settings))
        else:
            result = [self._stamp(doc, rule, v, settings) for rule, v in found]
        result.sort(key=Diagnostic.sort_key)
        return result

    def _directive_findings(self, doc, directives, codes, settings):
        out = []
        unused_rule = self.registry.get("PL901") if "PL901" in codes else None
        unknown_rule = self.registry.get("PL902") if "PL902" in codes else None
        for d in directives:
            if unknown_rule is not None and d.unknown:
                names = ", ".join(d.unknown)
                out.append(self._stamp(doc, unknown_rule, Violation(d.start, d.end, f"Suppression names unknown rule(s): {names}"), settings))
            if unused_rule is None or d.used or d.kind == "enable":
                continue
            if d.codes is not None and not (d.codes & codes):
                continue  # suppresses only rules that are off in this run
            if d.codes is not None and not d.codes and d.unknown:
                continue  # already reported as unknown
            if d.alone:
                start = doc.line_starts[d.line]
                end = doc.line_starts[d.line + 1] if d.line + 1 < doc.line_count else doc.line_ends[d.line]
            else:
                start, end = d.start, d.end
            what = doc.text[d.start:d.end].strip()
            out.append(self._stamp(doc, unused_rule, Violation(
                d.start, d.end, f"Unused suppression: {what}",
                fix=Fix.replace(start, end, "", message="Remove the unused suppression")), settings))
        return out

    def _stamp(self, doc: Document, rule, v: Violation, settings) -> Diagnostic:
        text_len = len(doc.text)
        start = max(0, min(v.start, text_len))
        end = max(start, min(v.end, text_len))
        line, col = doc.position(start)
        end_line, end_col = doc.position(end)
        fix_locations = ()
        if v.fix is not None:
            fix_locations = tuple(doc.position(e.start) + doc.position(e.end) + (e.content,) for e in v.fix.edits)
        return Diagnostic(
            path=doc.path, line=line, column=col, end_line=end_line, end_column=end_col,
            code=rule.code, name=rule.name, severity=settings.severity_of(rule, self.registry) if settings.severity else rule.severity,
            message=v.message, fix=v.fix, start=start, end=end, suggestions=v.suggestions,
            fix_locations=fix_locations,
            source_line=doc.line(line - 1) if doc.line_count >= line else "",
        )

    # -------------------------------------------------------------- files
    def lint_bytes(self, data: bytes, display: str, settings, path: Path | None = None, *,
                   fix: bool = False, unsafe: bool = False) -> FileResult:
        """Lint (and fix) one file within its time budget (``settings.timeout``)."""
        from postlint.timebudget import DEFAULT_TIMEOUT, FileTimeout, time_budget

        budget = getattr(settings, "timeout", None)
        # The cyclic collector stays off while one file is linted (postlint/collector.py).
        with paused():
            try:
                with time_budget(DEFAULT_TIMEOUT if budget is None else budget):
                    return self._lint_bytes(data, display, settings, path, fix=fix, unsafe=unsafe)
            except FileTimeout as exc:
                rule = self.registry.get("PL005")
                diag = Diagnostic(display, 1, 1, 1, 1, rule.code, rule.name, Severity.ERROR,
                                  f"Checking this file {exc}; it was not checked (see 'timeout')")
                return FileResult(display, [diag])

    def _lint_bytes(self, data: bytes, display: str, settings, path: Path | None = None, *,
                    fix: bool = False, unsafe: bool = False) -> FileResult:
        from postlint.document import Document, text_problem

        doc = Document.from_bytes(data, display)
        result = FileResult(display)
        try:
            diagnostics = self.lint_document(doc, settings, path)
        except ConfigError:
            raise
        except Exception as exc:  # noqa: BLE001 - the engine itself failed on this file
            return self.internal_error(display, exc, settings)
        if fix and not doc.is_binary:
            result.original = doc.text
            for number in range(MAX_FIX_PASSES):
                chosen: list = []
                new_text, applied = apply_fixes(doc.text, diagnostics, unsafe, chosen=chosen)
                if not applied:
                    break
                result.fixed += applied
                result.applied.extend((number, d) for d in chosen)
                doc = Document(new_text, display, encoding=doc.encoding, bom=doc.bom,
                               problem=text_problem(new_text) if doc.decode_problem else None)
                diagnostics = self.lint_document(doc, settings, path)
            else:
                result.converged = not apply_fixes(doc.text, diagnostics, unsafe)[1]
            result.text = doc.text
            result.encoding = (doc.encoding, doc.bom)
        result.diagnostics = diagnostics
        result.internal_error = any(d.code == "PL000" for d in diagnostics)
        return result

    def internal_error(self, display: str, exc: BaseException, settings) -> FileResult:
        rule = self.registry.get("PL000")
        diag = Diagnostic(display, 1, 1, 1, 1, rule.code, rule.name, Severity.ERROR,
                          f"postlint failed on this file: {type(exc).__name__}: {exc}")
        return FileResult(display, [diag], internal_error=True)

    def io_error(self, display: str, exc: OSError, action: str = "read") -> Diagnostic:
        rule = self.registry.get("PL004")
        reason = exc.strerror or str(exc)
        return Diagnostic(display, 1, 1, 1, 1, rule.code, rule.name, Severity.ERROR,
                          f"Cannot {action} file: {reason}")


def apply_fixes(text: str, diagnostics, unsafe: bool = False, *, chosen: list | None = None) -> tuple[str, int]:
    """Apply non-overlapping fixes (first come, first served); return (text, count).

    When ``chosen`` is a list, the diagnostics whose fixes were applied are appended to it.
    """
    picked = []
    last_end = -1
    fixable = [d for d in diagnostics if d.fix is not None and (d.fix.safe or unsafe)]
    fixable.sort(key=lambda d: (d.fix.start, d.fix.end))
    for d in fixable:
        fx = d.fix
        edits = sorted(fx.edits, key=lambda e: e.start)
        if edits[0].start < last_end or (edits[0].start == last_end and picked and edits[0].start == edits[0].end):
            continue  # overlaps a fix already chosen: it gets its turn in the next pass
        if any(a.end > b.start for a, b in zip(edits, edits[1:])):
            continue  # a fix whose own edits overlap cannot be applied faithfully
        picked.append(d)
        last_end = max(e.end for e in edits)
    if chosen is not None:
        chosen.extend(picked)
    picked = [d.fix for d in picked]
    if not picked:
        return text, 0
    pieces, pos = [], 0
    for fx in picked:
        for e in sorted(fx.edits, key=lambda e: e.start):
            pieces.append(text[pos:e.start])
            pieces.append(e.content)
            pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces), len(picked)


def write_atomic(path: Path, text: str, encoding: str, bom: bool) -> None:
    """Write via a temporary file in the same folder and rename, keeping permissions."""
    from postlint.document import encode

    data = encode(text, encoding, bom)
    mode = None
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        pass
    # The name is cut so that a posting whose own name is near the 255-byte limit can
    # still get a temporary file beside it.
    from postlint.atomic import replace_bytes

    replace_bytes(path, data, prefix=f".{path.name[:64]}.", suffix=".postlint-tmp", mode=mode)
