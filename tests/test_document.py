"""The Document: decoding, positions, front matter splitting and the prose view."""

import codecs

from postlint.document import Document, decode, encode


def test_positions_are_the_same_for_lf_crlf_and_cr():
    for nl in ("\n", "\r\n", "\r"):
        doc = Document.from_text(nl.join(["first", "second line", "third"]) + nl)
        offset = doc.text.index("line")
        assert doc.position(offset) == (2, 8)
        assert doc.line(1) == "second line"
        assert doc.offset(2, 8) == offset


def test_bom_is_removed_and_restored():
    data = codecs.BOM_UTF8 + "title: Café\r\n".encode()
    text, encoding, bom, problem = decode(data)
    assert text == "title: Café\r\n" and bom and problem is None
    assert encode(text, encoding, bom) == data


def test_utf16_with_bom_is_decoded():
    data = "## Über uns\n".encode("utf-16")
    doc = Document.from_bytes(data)
    assert doc.text == "## Über uns\n" and doc.encoding == "utf-16"
    assert encode(doc.text, doc.encoding, doc.bom) == data


def test_invalid_utf8_is_located_and_kept_losslessly():
    data = "Senior Engineer ".encode() + b"\x97" + " Remote\nline two\n".encode()
    doc = Document.from_bytes(data)
    assert doc.decode_problem.byte == 0x97
    assert doc.position(doc.decode_problem.offset) == (1, 17)
    assert encode(doc.text, doc.encoding, doc.bom) == data  # nothing lost


def test_binary_file_is_recognised():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    assert Document.from_bytes(png).is_binary
    assert not Document.from_bytes(b"a stray NUL \x00 in text\n").is_binary


def test_front_matter_forms_from_real_repos():
    doc = Document.from_text(
        "---\n# INSTRUCTIONS: fill these in\n#\npost-date : 3-18-2013\n"
        "created: !!timestamp '2017-01-27'\nopens: 2013-03-18\n---\nBody\n")
    fm = doc.front_matter
    assert fm.data == {"post-date": "3-18-2013", "created": "2017-01-27", "opens": "2013-03-18"}
    loc = fm.location(("post-date",))
    assert doc.position(loc.key_start) == (4, 1)
    assert doc.position(loc.value_start) == (4, 13)
    created = fm.location(("created",))
    assert doc.text[created.value_start:created.value_end] == "'2017-01-27'"
    assert doc.body_line == 7 and doc.line(doc.body_line) == "Body"


def test_no_front_matter_and_token_lines_are_file_lines():
    doc = Document.from_text("---\ntitle: x\n---\n\n- a\n- \n")
    items = [t.map for t in doc.tokens if t.type == "list_item_open"]
    assert items == [[4, 5], [5, 6]]
    assert Document.from_text("# Title\n").front_matter is None


def test_prose_blanks_code_urls_emails_html_and_templating():
    src = ("Write to jobs@example.com or see https://example.com/jobs?id=1 and [docs](https://x.io/a).\n"
           "Use `npm install` {{ page.title }} {% include apply.html %} <%= @job.title %> <b>bold</b>\n"
           "<!-- a comment -->\n```\ncode here\n```\n")
    doc = Document.from_text(src)
    prose = doc.prose
    assert len(prose) == len(src)
    for gone in ("jobs@example.com", "https://", "npm install", "page.title", "include", "@job", "<b>", "comment", "code here", "x.io"):
        assert gone not in prose, gone
    for kept in ("Write to", "and", "[docs", "bold"):
        assert kept in prose, kept
    assert prose.count("\n") == src.count("\n")


def test_code_span_scanner_is_linear_on_unmatched_backticks():
    from postlint.prose import code_spans

    text = "`a " + "``b " * 20000
    spans = code_spans(text)  # would be quadratic with a naive rescan
    assert all(text[s] == "`" for s, _ in spans)


def test_line_starts_and_ends_match_the_lines_on_every_kind_of_break():
    # every mix of "\n", "\r\n" and "\r" (the fast path has no "\r", the general one has)
    import itertools
    import re

    for parts in itertools.product(["", "a", "bc"], ["\n", "\r\n", "\r", ""], ["", "d"], ["\n", "\r", "\r\n", ""],
                                   ["", "\n", "é"]):
        text = "".join(parts)
        doc = Document.from_text(text)
        pieces = re.split(r"\r\n|\r|\n", text)
        assert [doc.line(i) for i in range(doc.line_count)] == pieces, repr(text)
        assert all(doc.text[e:e + 1] in ("", "\n", "\r") for e in doc.line_ends), repr(text)


def test_views_are_computed_once_and_stored():
    # Document's cached_property stands in for functools.cached_property (without its lock).
    import functools

    from postlint.document import cached_property

    calls = []

    class Plain:
        @functools.cached_property
        def view(self):
            calls.append("plain")
            return [len(calls)]

    class Ours:
        @cached_property
        def view(self):
            """The view."""
            calls.append("ours")
            return [len(calls)]

    for cls in (Plain, Ours):
        calls.clear()
        obj = cls()
        first = obj.view
        assert obj.view is first and obj.__dict__["view"] is first and calls == [calls[0]]
        obj.view = "set"  # assignable and deletable, as a cached_property is
        assert obj.view == "set"
        del obj.view
        assert obj.view == [2]
    assert Ours.view.__doc__ == "The view." and isinstance(Ours.__dict__["view"], cached_property)

    text = "---\ntitle: x\n---\r\n# Head\n\n```\ncode\n```\n\n<div>\nhi\n</div>\n\nSome `prose` here.\n"
    doc = Document.from_text(text)
    for name, attr in vars(Document).items():
        if isinstance(attr, cached_property):
            value = getattr(doc, name)
            assert doc.__dict__[name] is value and getattr(doc, name) is value
            assert attr.func(Document.from_text(text)) == value, name


def test_value_spans_skip_tags_and_anchors_only_where_they_are():
    # frontmatter._Converter.span tries its tag regex only at a '!' or '&' (the regex needs one).
    import re

    from postlint.frontmatter import _TAG_PREFIX

    text = ("---\na: !!str 12\nb: &anc x\nc: *anc\nd: 'q'\ne: !custom  v\nf: plain\ng:\n  - !!int 3\n"
            "h: {k: !!str v}\ni: ''\n---\nBody\n")
    fm = Document.from_text(text).front_matter
    source = text[fm.content_start:fm.content_end]
    for path, loc in fm.locations.items():
        if not path:
            continue
        raw_start = loc.value_start - fm.content_start
        # the plain span: the regex tried at every node
        node_text = text[loc.value_start:loc.value_end]
        assert not re.match(r"[!&]", node_text), (path, node_text)
        assert not _TAG_PREFIX.match(source, raw_start), path
    assert text[fm.location(("a",)).value_start:fm.location(("a",)).value_end] == "12"
    assert text[fm.location(("e",)).value_start:fm.location(("e",)).value_end] == "v"
    assert text[fm.location(("g", 0)).value_start:fm.location(("g", 0)).value_end] == "3"
