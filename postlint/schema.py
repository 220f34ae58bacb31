"""Front-matter validation against JSON Schemas, with findings at exact positions.

One validator per schema per process (``jsonschema.validate`` per file re-checks
the schema and costs ~9 ms; ``iter_errors`` on a built validator ~0.1 ms).
``$ref`` is resolved from local files only: nothing is ever fetched.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from functools import lru_cache
from pathlib import Path

from postlint._record import Record
from postlint.config import ConfigError
from postlint.diagnostics import Fix

DEFAULT_SCHEMA = "job-posting"


try:
    from postlint.config import ConfigError as _ConfigError
except ImportError:  # pragma: no cover
    _ConfigError = Exception


class SchemaError(_ConfigError):
    """A schema file that is missing, unreadable or not a valid JSON Schema.

    A configuration error: the CLI prints its one line (naming the file and the
    problem) and exits 2, instead of reporting it once per rule and file.
    """


# A hand-written record (postlint._record), not a dataclass: @dataclass exec's generated source
# at every start-up (~0.6 ms a class); tests/test_records_startup.py compares it with the dataclass.
class Finding(Record):
    _fields = ("code", "start", "end", "message", "fix", "suggestions")

    def __init__(self, code: str, start: int, end: int, message: str, fix: Fix | None = None,
                 suggestions: tuple = ()):
        self.code = code  # PL101 missing, PL102 invalid value, PL103 unknown field
        self.start = start
        self.end = end
        self.message = message
        self.fix = fix
        self.suggestions = suggestions


# --------------------------------------------------------------- loading
_VALIDATORS: dict = {}


_BUILTIN_SCHEMAS: dict = {}


def _builtin_schema(spec: str) -> Path | None:
    """The shipped schema a name stands for, or None. Memoised: the installation does not
    change while postlint runs, and the engine asks once per posting (3 stats and 4 Path
    objects each time before). Same answer as the lookup it keeps (tests/test_schemas.py)."""
    if spec not in _BUILTIN_SCHEMAS:
        from postlint.resources import data_dir

        builtin = data_dir("schemas") / f"{spec}.schema.json"
        plain = "/" not in spec and "\\" not in spec and not spec.endswith(".json")
        _BUILTIN_SCHEMAS[spec] = builtin if plain and builtin.is_file() else None
    return _BUILTIN_SCHEMAS[spec]


def resolve_schema_path(spec: str, base: Path | None = None) -> Path:
    """A schema given as a builtin name ('job-posting') or a path (relative to ``base``)."""
    builtin = _builtin_schema(spec)
    if builtin is not None:
        return builtin
    path = Path(spec)
    if not path.is_absolute() and base is not None:
        path = base / path
    return path


def schema_for_document(settings, doc, path: Path | None) -> Path | None:
    """The schema file a document is validated against (not loaded here).

    Order: the document's ``layout`` value in ``layouts`` (the document says what
    it is), then the first ``schemas`` glob matching its path, then ``schema``.
    ``"none"`` anywhere means no schema. The file is loaded by the first rule that
    needs it (so a run without schema rules never imports jsonschema); a missing or
    invalid file then raises :class:`SchemaError`, a configuration error the engine
    lets through.
    """
    spec = None
    layouts = getattr(settings, "layouts", None)
    if layouts:
        fm = doc.front_matter
        layout = fm.data.get("layout") if fm is not None and fm.is_mapping else None
        if isinstance(layout, str) and layout in layouts:
            spec = layouts[layout]
    if spec is None:
        if not (settings.schema or settings.schemas):
            return None
        return settings.schema_path(path)
    if spec in ("none", ""):
        return None
    return resolve_schema_path(spec, settings.root)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError(f"{path}: schema file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{path}: cannot read schema ({exc})") from None
    except json.JSONDecodeError as exc:
        raise SchemaError(f"{path}:{exc.lineno}:{exc.colno}: schema is not valid JSON: {exc.msg}") from None


def validator_for(path: Path):
    """The (cached) validator for a schema file.

    Every ``$ref`` to another file is resolved *before* validation, from local
    files only, and registered with the validator; a ``$ref`` that would need the
    network (``https://example.com/x.json`` outside the schema's own ``$id``
    folder) is a :class:`SchemaError`, never a fetch.
    """
    cached = _VALIDATORS.get(str(path))  # the path as given: no resolve() per document
    if cached is not None:
        return cached
    key = str(path.resolve()) if path.exists() else str(path)
    cached = _VALIDATORS.get(key)
    if cached is not None:
        _VALIDATORS[str(path)] = cached
        return cached
    schema = _read_json(path)
    import jsonschema
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT202012

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    _check_schema(cls, schema, path)
    resources = _local_resources(path, schema, cls)

    def retrieve(uri: str):
        # Everything local was registered above; anything else is not fetched.
        raise NoSuchResource(ref=uri)

    registry = Registry(retrieve=retrieve).with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
        for uri, contents in resources.items())
    rooted = schema
    if isinstance(schema, dict) and "$id" not in schema:  # relative $refs resolve next to the file
        rooted = {**schema, "$id": _base_uri(schema, path)}
    validator = cls(rooted, registry=registry, format_checker=_format_checker())
    for contents in (schema, *resources.values()):
        _index_conditions(contents)
    _VALIDATORS[key] = _VALIDATORS[str(path)] = (schema, validator)
    return schema, validator


_CONDITIONS: dict = {}  # id(then/else subschema) -> (its 'if' subschema, "then" or "else")


def _index_conditions(node) -> None:
    """Remember the 'if' beside every 'then'/'else', to explain conditional errors."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for branch in ("then", "else"):
                if isinstance(item.get(branch), dict) and "if" in item:
                    _CONDITIONS[id(item[branch])] = (item[branch], item["if"], branch)
            stack.extend(v for k, v in item.items() if k not in ("const", "enum", "examples", "default"))
        elif isinstance(item, list):
            stack.extend(item)


def _condition_words(err) -> str:
    """' (required when 'remote' is false or absent)' for an error inside then/else."""
    entry = None
    e = err
    while e is not None and entry is None:
        found = _CONDITIONS.get(id(e.schema))
        if found is not None and found[0] is e.schema:  # the same object, not a reused id
            entry = found
        e = e.parent
    if entry is None:
        return ""
    _, cond, branch = entry
    words = _describe_condition(cond)
    if not words:
        return " (because of a condition in the schema)"
    return f" (when {words})" if branch == "then" else f" (unless {words})"


def _describe_condition(cond) -> str:
    if not isinstance(cond, dict):
        return ""
    parts = []
    required = cond.get("required", []) or []
    for name, sub in (cond.get("properties") or {}).items():
        if not isinstance(sub, dict):
            continue
        absent = "" if name in required else " or absent"
        if "const" in sub:
            parts.append(f"'{name}' is {_plain(sub['const'])}{absent}")
        elif "enum" in sub:
            parts.append(f"'{name}' is one of {', '.join(_plain(v) for v in sub['enum'])}{absent}")
        elif "pattern" in sub:
            parts.append(f"'{name}' matches {sub['pattern']}{absent}")
    for name in required:
        if name not in (cond.get("properties") or {}):
            parts.append(f"'{name}' is given")
    return " and ".join(parts)


def _plain(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "empty"
    return _quote(value)


def _check_schema(cls, schema, path: Path) -> None:
    import jsonschema

    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(root)"
        raise SchemaError(f"{path}: not a valid JSON Schema at {where}: {exc.message}") from None


def _base_uri(schema, path: Path) -> str:
    sid = schema.get("$id") if isinstance(schema, dict) else None
    return sid.split("#")[0] if isinstance(sid, str) and sid else path.resolve().as_uri()


def _refs(node):
    """Every ``$ref`` / ``$dynamicRef`` string in a schema document."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for k, v in item.items():
                if k in ("$ref", "$dynamicRef") and isinstance(v, str):
                    yield v
                elif k not in ("const", "enum", "examples", "default"):
                    stack.append(v)
        elif isinstance(item, list):
            stack.extend(item)


def _local_resources(path: Path, schema, cls) -> dict:
    """URI -> contents of every schema file reachable by ``$ref``, read from disk."""
    from urllib.parse import unquote, urljoin, urlsplit

    resources: dict = {}
    stack = [(path, schema, _base_uri(schema, path))]
    while stack:
        here, contents, base = stack.pop()
        folder_uri = base.rsplit("/", 1)[0] + "/"
        for ref in _refs(contents):
            target = urljoin(base, ref).split("#")[0]
            if not target or target == base or target in resources:
                continue
            local = None
            if target.startswith(folder_uri):
                local = here.resolve().parent / unquote(target[len(folder_uri):])
            elif target.startswith("file:"):
                local = Path(unquote(urlsplit(target).path))
            if local is None:
                raise SchemaError(f"{here}: $ref '{ref}' is not a local file; postlint never fetches "
                                  f"schemas over the network (save it next to the schema and refer "
                                  f"to it by a relative path)")
            if not local.is_file():
                raise SchemaError(f"{here}: $ref '{ref}' points to {local}, which does not exist")
            sub = _read_json(local)
            _check_schema(cls, sub, local)
            resources[target] = sub
            sub_base = _base_uri(sub, local) if isinstance(sub, dict) and "$id" in sub else target
            if sub_base != target:
                resources[sub_base] = sub
            stack.append((local, sub, sub_base))
    return resources


def _format_checker():
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())

    for name, check in _FORMATS.items():
        checker.checks(name)(check)
    return checker


def _date(value):
    if not isinstance(value, str):
        return True
    return bool(_ISO_DATE.match(value)) and _valid_date(value)


def _email(value):
    return not isinstance(value, str) or bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value))


def _uri(value):
    return not isinstance(value, str) or bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/]+\S*", value))


_FORMATS = {"date": _date, "email": _email, "uri": _uri}  # the formats postlint checks, both paths


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _valid_date(value: str) -> bool:
    try:
        _dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


# ------------------------------------------------------------ date repair
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def date_candidates(value: str) -> list[str]:
    """ISO dates a non-ISO date string may mean, most likely first.

    ``3-18-2013`` has one reading (2013-03-18); ``4-5-2013`` has two; ``2013-3-8``
    and ``March 18, 2013`` have one.
    """
    value = value.strip()
    found: list[str] = []

    def add(y, m, d):
        try:
            iso = _dt.date(int(y), int(m), int(d)).isoformat()
        except ValueError:
            return
        if iso not in found:
            found.append(iso)

    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?", value)
    if m:
        add(*m.groups())
        return found
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value)
    if m:
        a, b, y = m.groups()
        add(y, a, b)  # US order first: month-day-year
        add(y, b, a)
        return found
    m = re.fullmatch(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:\b.*)?", value)
    if m and m.group(1).lower() in _MONTHS:
        add(m.group(3), _MONTHS[m.group(1).lower()], m.group(2))
        return found
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})", value)
    if m and m.group(2).lower() in _MONTHS:
        add(m.group(3), _MONTHS[m.group(2).lower()], m.group(1))
    return found


# ------------------------------------------------------------ did you mean
def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, stopping early past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@lru_cache(maxsize=4096)
def _squash(key: str) -> str:
    return re.sub(r"[\s_-]+", "", key.lower())


def did_you_mean(key: str, known) -> str | None:
    """The known key ``key`` is most likely a typo of, or None.

    Same key but for case or separators (``Company``, ``post_date``) always counts;
    otherwise one edit for keys under 8 characters, two from 8 on, and never for
    keys shorter than 4 (``url``/``uri`` are both real).
    """
    return _did_you_mean(key, tuple(known))


@lru_cache(maxsize=4096)
def _did_you_mean(key: str, known: tuple) -> str | None:
    # Cached: a repo's postings repeat the same few key sets, so the distances are
    # computed once per (key, schema) instead of once per posting.
    squashed = _squash(key)
    for name in known:
        if _squash(name) == squashed:
            return name
    if len(key) < 4:
        return None
    limit = 1 if len(key) < 8 else 2
    best, best_d = None, limit + 1
    for name in known:
        if len(name) < 4:
            continue
        d = _distance(key.lower(), name.lower(), limit)
        if d < best_d:
            best, best_d = name, d
    return best


# --------------------------------------------------------------- findings
def _describe(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of keys", "null": "empty"}


def _field(path) -> str:
    return ".".join(str(p) for p in path) if path else "front matter"


def _quote(value) -> str:
    return f"'{value}'" if isinstance(value, str) else json.dumps(value, default=str)


def _jsonschema_errors(path: Path, data):
    schema, validator = validator_for(path)
    from referencing.exceptions import Unresolvable

    try:
        return schema, list(validator.iter_errors(data))
    except Unresolvable as exc:  # a $ref to nowhere, or to a file or URL we do not fetch
        inner = getattr(exc, "_wrapped", None) or exc
        ref = getattr(inner, "ref", None) or getattr(exc, "ref", None) or ""
        raise SchemaError(f"{path}: cannot resolve $ref {ref!r} ({type(inner).__name__}; only local files "
                          "and '#/...' pointers are followed)") from None


# ------------------------------------------------------- the quick path
# Importing jsonschema (with referencing, its metaschemas and format module) costs
# ~60-190 ms of start-up, more than parsing a posting. For the bundled schemas
# (known to be valid JSON Schemas, so skipping check_schema loses nothing) that use
# only the keywords below, _quick_errors gives the errors jsonschema's iter_errors
# would give, without jsonschema: it is a hand-written mirror of jsonschema 4's
# Draft 2020-12 keywords type, required, properties, additionalProperties (true
# only), anyOf, items, minItems, minLength and format (postlint's own date/email/
# uri checks), in jsonschema's order (a schema's keywords in their order,
# properties in the schema's order, items in list order). Its errors carry just
# what _validate and _best_branch read: validator, validator_value, instance,
# absolute_path, relative_schema_path, schema, parent, context, message (the
# messages _validate words itself; message is used only for 'required').
# Any other keyword anywhere -> the schema is not taken; front matter that is not
# a mapping -> None and jsonschema does the whole job. Schemas with 'if' are not
# taken, so no condition words are needed. Equal findings to jsonschema's path on
# generated front matter and the corpus (tests/test_schemas.py); the corpus output
# (default rules and --select ALL) is byte-identical (benchmarks/same_output.py).
_ANNOTATIONS = frozenset(("$schema", "$id", "$comment", "title", "description", "examples", "default"))
_QUICK_KEYWORDS = _ANNOTATIONS | {"type", "required", "properties", "additionalProperties", "anyOf",
                                  "items", "minItems", "minLength", "format"}
_QUICK_TYPES = {"string": str, "array": list, "object": dict, "boolean": bool}
_BUNDLED: dict = {}


def _bundled_schema(path: Path):
    """The parsed schema if ``path`` is one of postlint's own schema files, else None."""
    key = str(path)
    if key not in _BUNDLED:
        from postlint.resources import data_dir

        schema = None
        try:
            if path.resolve().parent == data_dir("schemas").resolve() and path.is_file():
                schema = _read_json(path)
        except (OSError, SchemaError):
            schema = None
        _BUNDLED[key] = schema if isinstance(schema, dict) and _quick_schema(schema) else None
    return _BUNDLED[key]


def _quick_schema(node) -> bool:
    """Whether a schema uses only the keywords the quick path understands."""
    if node is True or node == {}:
        return True
    if not isinstance(node, dict) or not set(node) <= _QUICK_KEYWORDS:
        return False
    if node.get("additionalProperties", True) is not True:
        return False
    types = node.get("type", [])
    if any(t not in _QUICK_TYPES for t in (types if isinstance(types, list) else [types])):
        return False
    if node.get("format", "date") not in ("date", "email", "uri"):
        return False
    if not isinstance(node.get("required", []), list) or not isinstance(node.get("properties", {}), dict):
        return False
    if not isinstance(node.get("anyOf", []), list) or not node.get("anyOf", [True]):
        return False
    for bound in ("minItems", "minLength"):
        if bound in node and (type(node[bound]) is not int or node[bound] < 0):
            return False
    subs = list((node.get("properties") or {}).values()) + list(node.get("anyOf") or [])
    if "items" in node:
        subs.append(node["items"])
    return all(_quick_schema(sub) for sub in subs)


class _QuickError:
    """Just what _validate and _best_branch read of a jsonschema ValidationError."""

    __slots__ = ("validator", "validator_value", "instance", "schema", "absolute_path",
                 "relative_schema_path", "parent", "context", "message")

    def __init__(self, validator, validator_value, instance, schema, path, schema_path, message="",
                 context=()):
        self.validator = validator
        self.validator_value = validator_value
        self.instance = instance
        self.schema = schema
        self.absolute_path = path
        self.relative_schema_path = schema_path
        self.parent = None
        self.context = list(context)
        self.message = message
        for sub in self.context:
            sub.parent = self


def _quick_errors(schema, data):
    """The errors jsonschema would give for a mapping ``data``; None for other data."""
    if not isinstance(data, dict):
        return None
    return list(_quick_iter(schema, data, ()))


def _quick_iter(node, value, path):
    """jsonschema's iter_errors(value, node) for the quick keywords (see above), in its order.
    Each error's relative_schema_path is relative to ``node``."""
    if node is True or not node:
        return
    for keyword, arg in node.items():
        if keyword == "type":
            types = arg if isinstance(arg, list) else [arg]
            # bool is not an int here and no int type is allowed, so isinstance is exact
            if not any(isinstance(value, _QUICK_TYPES[t]) for t in types):
                yield _QuickError("type", arg, value, node, path, (keyword,))
        elif keyword == "required":
            if isinstance(value, dict):
                for name in arg:
                    if name not in value:
                        yield _QuickError("required", arg, value, node, path, (keyword,),
                                          f"{name!r} is a required property")
        elif keyword == "properties":
            if isinstance(value, dict):
                for name, sub in arg.items():
                    if name in value:
                        for err in _quick_iter(sub, value[name], path + (name,)):
                            err.relative_schema_path = (keyword, name) + err.relative_schema_path
                            yield err
        elif keyword == "anyOf":
            context = []
            for index, sub in enumerate(arg):
                errs = list(_quick_iter(sub, value, path))
                if not errs:
                    break
                for err in errs:
                    err.relative_schema_path = (index,) + err.relative_schema_path
                context.extend(errs)
            else:
                yield _QuickError("anyOf", arg, value, node, path, (keyword,), context=context)
        elif keyword == "items":
            if isinstance(value, list):
                for index, item in enumerate(value):
                    for err in _quick_iter(arg, item, path + (index,)):
                        err.relative_schema_path = (keyword,) + err.relative_schema_path
                        yield err
        elif keyword == "minItems":
            if isinstance(value, list) and len(value) < arg:
                yield _QuickError("minItems", arg, value, node, path, (keyword,))
        elif keyword == "minLength":
            if isinstance(value, str) and len(value) < arg:
                yield _QuickError("minLength", arg, value, node, path, (keyword,))
        elif keyword == "format":
            if not _FORMATS[arg](value):
                yield _QuickError("format", arg, value, node, path, (keyword,))


def validate(doc, path: Path) -> list[Finding]:
    """Validate a document's front matter against the schema at ``path`` (cached per doc)."""
    cache = doc.__dict__.setdefault("_schema_findings", {})
    key = str(path)
    if key not in cache:
        cache[key] = _validate(doc, path)
    return cache[key]


def _validate(doc, path: Path) -> list[Finding]:
    from postlint.frontmatter import mapping_of

    fm = mapping_of(doc)
    if fm is None:
        return []
    errors = None
    schema = _bundled_schema(path)
    if schema is not None:
        errors = _quick_errors(schema, fm.data)
    if errors is None:
        schema, errors = _jsonschema_errors(path, fm.data)
    findings: list[Finding] = []
    root_props = schema.get("properties", {}) if isinstance(schema, dict) else {}
    strict = isinstance(schema, dict) and schema.get("additionalProperties") is False
    reported_missing: set = set()
    # A value of the wrong type is one problem: not also "not in the enum", "too short"...
    mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    for err in errors:
        epath = tuple(err.absolute_path)
        if epath in mistyped and err.validator not in ("type", "required"):
            continue
        loc = fm.location(epath)
        if err.validator == "required":
            missing = [name for name in err.validator_value if isinstance(err.instance, dict) and name not in err.instance]
            for name in missing or [None]:
                if (epath, name) in reported_missing:
                    continue
                reported_missing.add((epath, name))
                if loc is None or not epath:
                    start, end = fm.open_start, fm.open_start + 3
                else:
                    start, end = (loc.key_start, loc.key_end) if loc.key_start is not None else (loc.value_start, loc.value_end)
                where = f" in '{_field(epath)}'" if epath else ""
                name = name or err.message
                findings.append(Finding("PL101", start, end,
                                        f"Missing required field '{name}'{where}{_condition_words(err)}"))
            continue
        if err.validator in ("additionalProperties", "unevaluatedProperties"):
            if epath:  # a nested mapping: one finding per extra key, with a did-you-mean
                findings.extend(_extra_keys(err, epath, fm))
            continue  # top-level keys are reported below with a did-you-mean, once per key
        if loc is None:
            loc = fm.location(())
        findings.append(_value_finding(err, epath, loc, fm))

    known = list(root_props)
    for key, value in fm.data.items():
        if key in root_props:
            continue
        if any(re.search(p, key) for p in schema.get("patternProperties", {})):
            continue
        guess = did_you_mean(key, known)
        if not strict and guess is None:
            continue
        loc = fm.location((key,))
        hint = f" (did you mean '{guess}'?)" if guess else ""
        findings.append(Finding("PL103", loc.key_start, loc.key_end, f"Unknown field '{key}'{hint}",
                                suggestions=(guess,) if guess else ()))
    return findings


def _extra_keys(err, epath, fm) -> list:
    schema = err.schema if isinstance(err.schema, dict) else {}
    props = list(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    out = []
    if not isinstance(err.instance, dict):
        return out
    for key in err.instance:
        if key in props or any(re.search(p, key) for p in patterns):
            continue
        loc = fm.location(epath + (key,))
        if loc is None or loc.key_start is None:
            continue
        guess = did_you_mean(key, props)
        hint = f" (did you mean '{guess}'?)" if guess else f" (expected: {', '.join(props)})" if props else ""
        out.append(Finding("PL103", loc.key_start, loc.key_end,
                           f"Unknown field '{_field(epath + (key,))}'{hint}",
                           suggestions=(guess,) if guess else ()))
    return out


def _value_finding(err, epath, loc, fm) -> Finding:
    start, end = loc.value_start, loc.value_end
    name, value, kind = _field(epath), err.instance, err.validator
    fix = None
    suggestions: tuple = ()
    if kind == "format" and err.validator_value == "date":
        candidates = date_candidates(value) if isinstance(value, str) else []
        message = f"Field '{name}' is not an ISO date: {_quote(value)}"
        if len(candidates) == 1:
            message += f" (did you mean '{candidates[0]}'?)"
            inner_start, inner_end = (start + 1, end - 1) if loc.style else (start, end)
            fix = Fix.replace(inner_start, inner_end, candidates[0], message=f"Write the date as {candidates[0]}")
        elif candidates:
            message += " (ambiguous: " + " or ".join(f"'{c}'" for c in candidates) + "?)"
        else:
            message += " (expected YYYY-MM-DD)"
        suggestions = tuple(candidates)
    elif kind == "format":
        form = _FORMAT_WORDS.get(err.validator_value, f"a valid {err.validator_value}")
        message = f"Field '{name}' should be {form}, not {_quote(value)}"
    elif kind == "type":
        expected = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        message = f"Field '{name}' should be {words}, not {_describe(value)}"
    elif kind == "enum":
        options = ", ".join(_quote(v) for v in err.validator_value)
        message = f"Field '{name}' is {_quote(value)}; expected one of {options}"
        close = [v for v in err.validator_value if isinstance(v, str) and isinstance(value, str)
                 and (_squash(v) == _squash(value) or _squash(v).startswith(_squash(value) or "\0"))]
        if len(close) == 1:
            message += f" (did you mean {_quote(close[0])}?)"
            suggestions = (close[0],)
    elif kind == "const":
        message = f"Field '{name}' must be {_quote(err.validator_value)}, not {_quote(value)}"
    elif kind == "pattern":
        description = err.schema.get("description") if isinstance(err.schema, dict) else None
        if description:
            message = f"Field '{name}' should be {description}, not {_quote(value)}"
        else:
            message = (f"Field '{name}' does not have the expected form: {_quote(value)} "
                       f"(it should match the pattern {err.validator_value})")
    elif kind in ("minLength", "maxLength"):
        if kind == "minLength" and err.validator_value == 1:
            message = f"Field '{name}' is empty"
        else:
            bound = "at least" if kind == "minLength" else "at most"
            message = f"Field '{name}' should be {bound} {err.validator_value} characters long"
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than",
                 "exclusiveMaximum": "less than"}[kind]
        message = f"Field '{name}' should be {words} {err.validator_value}, not {_quote(value)}"
    elif kind in ("minItems", "maxItems"):
        bound = "at least" if kind == "minItems" else "at most"
        message = f"Field '{name}' should list {bound} {err.validator_value} item(s)"
    elif kind in ("anyOf", "oneOf"):
        best = _best_branch(err)
        if best is not None:
            return _value_finding(best, epath, loc, fm)
        description = err.schema.get("description") if isinstance(err.schema, dict) else None
        if description:
            message = f"Field '{name}' should be {description}, not {_quote(value)}"
        elif kind == "oneOf" and not err.context:
            message = f"Field '{name}' matches more than one of the allowed forms: {_quote(value)}"
        else:
            message = f"Field '{name}' has an unexpected value: {_quote(value)}"
    elif kind == "not":
        message = f"Field '{name}' has a value the schema rules out: {_quote(value)}"
    elif kind == "dependentRequired":
        message = f"Field '{name}' is missing a field that must go with another: {err.message}"
        for trigger, needs in (err.validator_value or {}).items():
            if isinstance(err.instance, dict) and trigger in err.instance:
                lacking = [n for n in needs if n not in err.instance]
                if lacking:
                    message = (f"Field '{trigger}' needs " + " and ".join(f"'{n}'" for n in lacking)
                               + " as well")
                    tloc = fm.location(epath + (trigger,))
                    if tloc is not None and tloc.key_start is not None:
                        start, end = tloc.key_start, tloc.key_end
                    break
    elif kind == "additionalProperties":
        message = f"Field '{name}' has unknown keys: {err.message}"
    else:
        message = f"Field '{name}': {err.message}"
    return Finding("PL102", start, end, message + _condition_words(err), fix=fix, suggestions=suggestions)


_FORMAT_WORDS = {"uri": "an absolute URL (https://...)", "email": "an email address (name@example.com)",
                 "date-time": "a date and time (YYYY-MM-DDTHH:MM:SS)"}


def _best_branch(err):
    """For anyOf/oneOf, the error of the branch whose type matched, if exactly one did."""
    typed = [e for e in (err.context or []) if e.validator != "type"]
    if len({tuple(e.relative_schema_path)[:1] for e in typed}) == 1 and typed:
        return typed[0]
    if err.context and all(e.validator == "type" for e in err.context):
        types = []
        for e in err.context:
            types.extend(e.validator_value if isinstance(e.validator_value, list) else [e.validator_value])
        err.context[0].validator_value = types
        return err.context[0]
    return None
