"""rules/data/tool-names.yaml: the names PL405 knows, validated like code."""

from postlint.checks.misspelt_tool_name import MIN_LENGTH, _one_edit, names, near_names


def test_names_are_single_words_of_min_length_and_unique():
    listed = list(names().values())
    assert len(listed) >= 100
    for name in listed:
        # PL405 finds listed names through the shared word index: one word each.
        assert name.isalnum() and len(name) >= MIN_LENGTH, name
    assert len({n.lower() for n in listed}) == len(listed)


def test_listed_names_are_never_reported():
    """Some listed names are one edit apart (Closure and Clojure, Memcache and Memcached, Cython and
    Python): each is a real tool, so a listed name is never taken for a misspelling of another."""
    from postlint.api import lint_text

    line = ", ".join(names().values())
    assert [d for d in lint_text(f"Tools: {line}\n", "job.md", {"select": ["PL405"]})] == []


def test_one_edit_kinds():
    assert _one_edit("globolize", "globalize")      # changed
    assert _one_edit("casandra", "cassandra")       # dropped
    assert _one_edit("javascipt", "javascript")     # dropped
    assert _one_edit("pyhton", "python")            # swapped
    assert not _one_edit("python", "python")
    assert not _one_edit("pyhtno", "python")        # two edits
    assert near_names("Globolize") == {"globalize"}
    assert near_names("Clojure") == {"closure"}  # the rule skips it: Clojure is itself listed
