"""The list rules' one-pass scans must report exactly what the plain scans they replace reported.

Each plain scan is kept here as it was in the rule (the reference); the rule's own
output is compared with it on every corpus posting, the seeds, and hostile lists
(tests/test_fastlist.py's, in and out of a posting, plus nesting, code, tables,
CRLF, BOM, tabs, non-ASCII, Liquid/ERB, HTML and empty input).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import corpus_files
from postlint.checks.duplicate_bullet import _MARKER, _WORD, DuplicateBullet
from postlint.checks.empty_bullet import EmptyBullet, empty_item
from postlint.checks.heading_without_space import HeadingWithoutSpace
from postlint.checks.too_many_requirements import (_NOT_REQUIRED, _OPTIONAL_ITEM, _REQUIRED, TooManyRequirements,
                                                    _glued_headings, _pseudo_heading)
from postlint.diagnostics import Fix, Violation
from postlint.document import Document
from test_fastlist import HOSTILE, items

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

EXTRA = {
    "empty": "",
    "blank": "\n\n",
    "bom crlf duplicates": "\ufeff- same item here\r\n- same item here\r\n- Same item, here.\r\n",
    "duplicates": "- Experience with PostgreSQL\n- Strong English\n- experience with postgresql.\n",
    "duplicates in two lists": "- one two three\n- x y z\n\n* one two three\n* one two three\n",
    "duplicate nested": "- one two three\n  - a b c\n  - a b c\n- one two three\n  - a b c\n",
    "duplicate with code": "- one two three\n\n  ```\n  x\n  ```\n- one two three\n",
    "duplicate with indented code": "- one two three\n\n      code\n- one two three\n",
    "duplicate with table": "- one two three\n\n  | a | b |\n  |---|---|\n- one two three\n",
    "duplicate table first": "- | one two three |\n  |---|\n- one two three\n",
    "duplicate with blockquote": "- > one two three\n- one two three\n",
    "duplicate over lines": "- one two three\n  four\n- one two three\n  four\n",
    "duplicate loose": "- one two three\n\n- one two three\n\n- one two three\n",
    "duplicate last line": "- one two three\n- one two three",
    "duplicate empty first para": "-\n  one two three\n- one two three\n",
    "duplicate in quote": "> - one two three\n> - one two three\n",
    "duplicate ordered": "1. one two three\n2. one two three\n3) one two three\n",
    "duplicate tabs": "-\tone\ttwo three\n-\tone two\tthree\n",
    "duplicate non-ascii": "- Érfahrung mit Größe\n- érfahrung MIT größe!\n- 日本語 の テキスト\n- 日本語 の テキスト\n",
    "duplicate liquid erb html": "- {{ a }} b c\n- {{ a }} b c\n- <%= x %> y z\n- <%= x %> y z\n- <b>one</b> two three\n"
                                 "- <b>one</b> two three\n",
    "duplicate code spans": "- `one two three`\n- `one two three`\n",
    "html block item": "- <div>\n  one two three\n  </div>\n- <div>\n  one two three\n  </div>\n",
    "deep nested duplicates": "".join("  " * i + "- one two three\n" for i in range(12)) * 2,
    "sub-items": "".join("- item %d\n  - detail %d\n" % (i % 7, i % 5) for i in range(60)),
    "front matter": "---\ntitle: x\n---\n- one two three\n- one two three\n",
    "glued headings": "##ABOUT\n###Benefits\n #Requirements\n   ##Skills\n    ##code\n#hiring #remote\n#LI-REMOTE\n"
                      "#1\n##{x}\n##[a]\n##!b\n#######seven\n##\n## ok\n##\ttab\n##\u00dcn\u00ef\n##{{ x }}\n",
    "glued headings in code and html": "```\n##not\n```\n\n    ##code\n\n<div>\n##html\n</div>\n\n##Yes\n",
    "glued heading last line": "text\n\n##End",
    "glued heading crlf": "##About\r\n\r\n###Team\r\n",
    "glued heading cr": "##About\r\r###Team\r",
    "glued heading after front matter": "---\ntitle: x\n---\n##About\n",
    "glued heading in front matter": "---\n##x: 1\n---\n##About\n",
    "glued heading in items": "- ##a\n- b\n##c\n> ##d\n",
    "duplicate sigma": "- ΟΔΥΣΣΕΑΣ ΚΑΙ ΦΙΛΟΙ\n- οδυσσεας και φιλοι\n- Οδυσσέας και φίλοι\n- ΟΔΥΣΣΕΑΣ και ΦΙΛΟΣ Σ\n"
                       "- οδυσσεας και φιλος σ\n- Σ Σ Σ\n- σ σ ς\n- ΑΣ_ΒΣ ΓΣ\n- ας βς γς\n",
    "duplicate special case": "- İstanbul ve İzmir\n- i̇stanbul ve i̇zmir\n- STRASSE ß und\n- strasse ß UND\n"
                              "- ǅemal ǈubo ǋeno\n- ǆemal ǉubo ǌeno\n",
    "duplicate nul": "- one\x00two three\n- one two three\n- one\x00two three\n- a_b c_d e\n- a b c d e\n",
    "duplicate underscores and blanks": "- _one_ __two__ three_\n- one two three\n-    \n- ___ ___\n- a  b\tc\n- a b c\n",
    "duplicate ascii punctuation": "- one, two & three!\n- One two three\n- one__two...three\n- (one) [two] {three}\n"
                                   "- one-two-three\n- one  two\tthree\n",
    "empty items": "- a\n- \n-\n- b\n\n1. \n2.\n\n> - \n> -\n- - \n-",
    "empty items crlf": "- a\r\n- \r\n-\r\n",
    "empty item last line": "- a\n-",
    "empty items nested": "- a\n  - \n  -\n    - \n- b\n",
    "requirements": "## Requirements\n\n" + items(14) + "\n## Nice to have\n\n" + items(12),
    "requirements bold": "**Qualifications:**\n\n" + items(12, "1.") + "\n**Benefits**\n\n" + items(12),
    "requirements glued": "##Requirements\n" + items(12) + "- last\n##Skills\n" + items(12, "*"),
    "requirements optional": "## What you bring\n\n- Python is a plus\n- It'd be great if you also:\n" + items(12),
    "requirements nested": "## You have\n\n" + "".join("1. req %d\n- ex\n  - sub\n" % i for i in range(12)),
    "requirements subheading": "## Requirements\n\n### Technical\n\n" + items(8) + "\n### Soft\n\n" + items(8),
    "requirements heading in item": "## Skills\n\n- a\n##Experience\n" + items(12),
}


def plain_pl404(doc):
    """PL404's check as it was before the one-pass scan (a forward scan per item)."""
    tokens = doc.tokens
    stack: list[dict] = []
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            stack.append({})
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            stack.pop()
        elif tok.type == "list_item_open" and tok.map and stack:
            first, last = tok.map[0], tok.map[1]
            content = _plain_item_text(tokens, i)
            if content is None:
                continue
            words = _WORD.findall(content[0].lower())
            if len(words) < 3:
                continue
            key = " ".join(words)
            seen = stack[-1]
            if key not in seen:
                seen[key] = (first, content[0])
                continue
            orig_line, orig_text = seen[key]
            start = doc.line_starts[first]
            m = _MARKER.match(doc.line(first))
            at = start + (m.end() if m else 0)
            end = doc.line_ends[first]
            fix = None
            one_line = last - first == 1 or all(not doc.line(j).strip() for j in range(first + 1, last))
            if one_line and not content[1]:
                if first + 1 < doc.line_count:
                    span = (start, doc.line_starts[first + 1])
                else:
                    span = (doc.line_ends[first - 1], end)
                fix = Fix.replace(span[0], span[1], "", safe=content[0].strip() == orig_text.strip(),
                                  message="Remove the duplicate item")
            yield Violation(at, end, f"Duplicate list item; same as line {orig_line + 1}", fix=fix)


def _plain_item_text(tokens, i):
    depth = 0
    text = None
    nested = False
    for j in range(i + 1, len(tokens)):
        tok = tokens[j]
        if tok.type == "list_item_open":
            depth += 1
        elif tok.type == "list_item_close":
            if depth == 0:
                break
            depth -= 1
        elif tok.type in ("bullet_list_open", "ordered_list_open", "fence", "code_block", "table_open") and depth == 0:
            nested = True
        elif tok.type == "inline" and depth == 0 and text is None:
            text = tok.content
    if text is None or not text.strip():
        return None
    return text, nested


def plain_pl603_sections(tokens):
    """PL603's _sections as it was before it read each token's type once."""
    sections = []
    current = None  # [title, heading level, counting?, (item line, ordered?)]
    depth = 0
    ordered = False
    def enter(title, level):
        nonlocal current
        if len(title.split()) > 8 or _NOT_REQUIRED.search(title):  # a sentence, not a title
            current = [title, level, False, []]
        elif _REQUIRED.search(title):
            current = [title, level, True, []]
            sections.append(current)
        elif not (current and current[2] and level > current[1]):
            # A neutral subheading ("Technical") inside a requirements section counts toward it.
            current = [title, level, False, []]

    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and i + 1 < len(tokens):
            enter(tokens[i + 1].content.strip(), int(tok.tag[1]))
        elif tok.type == "paragraph_open" and depth == 0 and i + 1 < len(tokens):
            content = tokens[i + 1].content
            heading = _pseudo_heading(content)
            if heading:
                enter(*heading)
            if "\n#" in content:  # '##Qualifications\n##The designer:' is two
                for heading in _glued_headings(content):
                    enter(*heading)
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth == 1:
                ordered = tok.type == "ordered_list_open"
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "list_item_open" and depth == 1 and tok.map:
            text = tokens[i + 2].content if i + 2 < len(tokens) and tokens[i + 1].type == "paragraph_open" else ""
            if current and current[2]:
                if _OPTIONAL_ITEM.search(text):
                    if text.rstrip().endswith(":"):  # "It'd be great if you also:" opens the optional part
                        current[2] = False
                else:
                    current[3].append((tok.map[0], ordered))
            # '##Heading' right under an item is read into it (a lazy continuation line); it is
            # still the next section's heading, as it is once PL301's fix adds the space.
            if "\n#" in text:
                for heading in _glued_headings(text):
                    enter(*heading)
    for section in sections:
        # Numbered requirements, each followed by its own unindented bullet list of examples
        # (18F: "1. Experience leading... This experience must include THREE of the following"):
        # the numbers are the requirements.
        if any(o for _, o in section[3]) and not all(o for _, o in section[3]):
            section[3] = [(line, o) for line, o in section[3] if o]
        section[3] = [line for line, _ in section[3]]
    return [(title, lines) for title, _, _, lines in sections]


class _Sections:
    """Adapts PL603's sections, the part of it that walks the tokens, to the comparison below."""

    def __init__(self, sections):
        self.sections = sections

    def check(self, doc, ctx):
        return self.sections(doc.tokens, doc.token_kinds)


class PlainPL301(HeadingWithoutSpace):
    """PL301 with its line-by-line scan, the one it keeps for text with "\\r" breaks."""

    _candidates = staticmethod(HeadingWithoutSpace._candidates_plain)


def plain_pl302(doc):
    """PL302's search as it was before it used Document.token_kinds (a walk over every token);
    what it makes of each item it finds is the rule's own ``empty_item``."""
    tokens = doc.tokens
    for i, tok in enumerate(tokens[:-1]):
        if tok.type == "list_item_open" and tokens[i + 1].type == "list_item_close":
            found = empty_item(doc, tok)
            if found is not None:
                yield found


PLAIN = {"PL404": (DuplicateBullet(), plain_pl404),
         "PL302": (EmptyBullet(), plain_pl302),
         "PL301": (HeadingWithoutSpace(), lambda doc: PlainPL301().check(doc, None)),
         "PL603": (_Sections(TooManyRequirements._sections), lambda doc: plain_pl603_sections(doc.tokens))}


def same(text: str) -> int:
    """Each rule's findings on ``text`` equal its plain scan's; returns how many there were."""
    found = 0
    for code, (rule, plain) in PLAIN.items():
        doc = Document.from_bytes(text.encode("utf-8", "surrogateescape"), "t.md")
        fast = list(rule.check(doc, None))
        doc = Document.from_bytes(text.encode("utf-8", "surrogateescape"), "t.md")
        assert fast == list(plain(doc)), code
        found += len(fast)
    return found


CASES = {**{f"hostile {k}": v for k, v in HOSTILE.items()}, **EXTRA}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_findings_on_hostile_lists(name):
    same(CASES[name])
    same("# Role\n\nWe hire.\n\n" + CASES[name] + "\n## Apply\n\nMail us.\n")


def test_the_hostile_lists_have_findings():
    assert sum(same(text) for text in EXTRA.values()) >= 20


def test_same_findings_on_the_seeds():
    seeds = sorted(SEEDS.glob("*.md"))
    assert seeds
    for path in seeds:
        same(path.read_text(encoding="utf-8"))


@pytest.mark.corpus
def test_same_findings_on_every_corpus_posting():
    found = 0
    for path in corpus_files():
        found += same(path.read_text(encoding="utf-8", errors="surrogateescape"))
    assert found > 0


def test_same_findings_on_a_long_list_with_repeats():
    assert same(items(2000, text="item number {i}") + items(300, text="item number {i}")) == 300


def test_same_findings_on_long_lists_with_every_kind_of_text():
    # past _JOINED_FROM items: PL404's keys from one joined string (ASCII and not, a NUL)
    texts = [a + " " + b for a in KEY_TEXTS for b in KEY_TEXTS[:12]]
    ascii_only = [t for t in texts if t.isascii()] * 20
    assert same("".join(f"- {t}\n" for t in texts) + "\n\n* " + "\n* ".join(texts) + "\n") > 0
    assert same("".join(f"- {t}\n" for t in ascii_only)) > 100
    same("".join(f"- {t}\n" for t in texts).replace("- one two three", "- one\x00two three"))  # NUL: U+FFFD in the tokens


KEY_TEXTS = ["", " ", "one two three", "ΟΔΥΣΣΕΑΣ", "ΑΣ", "Σ", "ΑΣ.", "ΑΣ'Β", "ΑΣ\u0301", "x ΑΣ", "İİ", "ß", "ǅ", "a_b",
             "__", " _x_ ", "日本語 の テキスト", "\udc80abc", "{{ a }} b", "<b>x</b> y", "Érfahrung mit Größe!"]


def test_the_keys_of_a_whole_list_are_the_keys_item_by_item():
    from postlint.checks.duplicate_bullet import _keys

    def plain(texts):
        return [" ".join(_WORD.findall((t or "").lower())) for t in texts]

    texts = [a + b for a in KEY_TEXTS for b in KEY_TEXTS]
    items = [[0, 1, {}, t, False] for t in texts + [None]]
    assert _keys(items, 0) == plain(texts + [None])
    nul = [[0, 1, {}, t, False] for t in ("a\x00b c", "a b c")]
    assert _keys(nul, 0) == plain(["a\x00b c", "a b c"])
    assert _keys([], 0) == _keys([]) == []
    ascii_texts = ["".join(chr(c) for c in range(1, 128)), "a" + " " * 9 + "b", " _a_ b__c ", "A.B,C;D", "x\ty\r\nz",
                   "One Two  Three", "", " ", "___", "1_2 3", "\x7f\x01a"]
    texts = [a + b for a in ascii_texts for b in ascii_texts]
    assert "".join(texts).isascii()
    assert _keys([[0, 1, {}, t, False] for t in texts], 0) == plain(texts)
    kelvin = ["\u212a x y", "k x y"]  # lower() makes the Kelvin sign ASCII
    assert _keys([[0, 1, {}, t, False] for t in kelvin], 0) == plain(kelvin)


def test_an_item_key_is_the_findall_key():
    """_key (ASCII items in C) gives ``" ".join(_WORD.findall(text.lower()))`` on every code point
    alone and between words, the ASCII texts above two by two, and every corpus list item."""
    from postlint.checks.duplicate_bullet import _key

    def plain(text):
        return " ".join(_WORD.findall(text.lower()))

    ascii_texts = ["".join(chr(c) for c in range(128)), "a" + " " * 9 + "b", " _a_ b__c ", "A.B,C;D", "x\ty\r\nz",
                   "One Two  Three", "", " ", "___", "1_2 3", "\x7f\x01a", "a\x00b c", "\x0b\x0c\x1c\x1d\x1e\x1fx"]
    texts = [a + b for a in ascii_texts + KEY_TEXTS for b in ascii_texts + KEY_TEXTS]
    for cp in range(0x110000):
        ch = chr(cp)
        texts += [ch, "Ab" + ch + "cD e", ch + "x y" + ch]
    for path in _corpus_or_none():
        doc = Document.from_bytes(path.read_bytes(), str(path))
        texts += [item[3] or "" for item in DuplicateBullet._items(doc.tokens, doc.token_kinds)]
    for text in texts:
        assert _key(text) == plain(text), repr(text)


# ------------------------------------------------------------------ PL603's pre-tests
OPTIONAL_TEXTS = ["Go is a plus", "PLUS", "Plus: Rust", "bonus points", "Preferred", "preferable", "nice to have",
                  "Nice-to-have", "ideally Go", "desirable", "not required", "Optional", "great if you", "love it if",
                  "surplus", "plush", "bonuses", "nicely", "xnot required", "Not  required", "plu\u017f", "bonu\u017f",
                  "n\u0130ce", "n\u0131ce", "des\u0130rable", "opt\u0131onal", "\u212anice", "Experience with Django"]


def _corpus_or_none():
    try:
        return corpus_files()
    except pytest.skip.Exception:  # no ../shared: the generated texts only
        return []


def _optional_plain(text):
    return _OPTIONAL_ITEM.search(text) is not None


def test_optional_item_pretest_answers_as_the_search():
    from postlint.checks.too_many_requirements import _optional_item

    texts = OPTIONAL_TEXTS + KEY_TEXTS
    for path in _corpus_or_none():  # every inline text of the corpus, when ../shared is present
        doc = Document.from_bytes(path.read_bytes(), str(path))
        texts += [tok.content for tok in doc.tokens if tok.type == "inline"]
    hits = 0
    for text in texts:
        assert _optional_item(text) == _optional_plain(text), text
        hits += _optional_plain(text)
    assert hits >= 20
    # every code point before, after and in place of each letter of each keyword
    words = ["plus", "bonus", "preferred", "preferable", "nice to have", "ideally", "desirable", "not required",
             "optional", "great if", "love it if"]
    letters = sorted({ch for w in words for ch in w if ch.isalpha()})
    for cp in range(0x110000):
        ch = chr(cp)
        text = ch + "plus " + ch + " bonus" + ch
        assert _optional_item(text) == _optional_plain(text), hex(cp)
        if re.fullmatch("[a-z]", ch, re.IGNORECASE):  # a character that matches a letter: in place of it
            for word in words:
                for letter in letters:
                    if letter in word:
                        text = word.replace(letter, ch)
                        assert _optional_item(text) == _optional_plain(text), (hex(cp), text)


def test_pl603_item_count_pretest_skips_only_postings_without_a_finding(monkeypatch):
    from postlint.checks import too_many_requirements
    from postlint.checks.base import Context

    texts = list(CASES.values()) + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.md"))]
    texts += [p.read_text(encoding="utf-8", errors="surrogateescape") for p in _corpus_or_none()]
    texts += ["## Requirements\n\n" + "".join(f"- item {i}\n" for i in range(n)) for n in range(24)]
    texts += ["## Requirements\n\n" + "".join(f"- item {i}\n  - sub\n" for i in range(n)) for n in range(24)]
    rule = TooManyRequirements()

    def run(limit):
        ctx = Context(options={"max-items": limit})
        return [[(v.start, v.end, v.message) for v in rule.check(
            Document.from_bytes(t.encode("utf-8", "surrogateescape"), "t.md"), ctx)] for t in texts]

    for limit in (0, 1, 3, 10, 11, 12, 20):
        fast = run(limit)
        with monkeypatch.context() as m:
            m.setattr(too_many_requirements, "_may_report", lambda *a: True)
            slow = run(limit)
        assert fast == slow, limit
        assert sum(map(bool, fast)) >= 3, limit
