"""The library API: configured linter, pickling, workers, and the examples in docs/api.md."""

import doctest
import json
import multiprocessing
import pickle
from pathlib import Path

import pytest

import postlint
from postlint.config import ConfigError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.md"))


def test_docs_api_examples_run():
    result = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10 and result.failed == 0


def seed_texts():
    return [(p.name, p.read_text(encoding="utf-8")) for p in SEEDS]


def as_tuples(diags):
    return [(d.path, d.line, d.column, d.code, d.message) for d in diags]


def test_configured_linter_matches_lint_text_on_the_seeds():
    linter = postlint.configure({})
    found = 0
    for name, text in seed_texts():
        mine = linter.lint_text(text, name)
        assert as_tuples(mine) == as_tuples(postlint.lint_text(text, path=name, config={}))
        found += len(mine)
    assert found > 20  # the seeds are full of defects


def test_pickle_round_trip_is_small_and_lints_the_same():
    linter = postlint.configure({"select": ["PL3", "PL4"], "ignore": ["PL302"], "words": ["Numbrs"]})
    blob = pickle.dumps(linter)
    assert len(blob) < 2000  # the configuration, not the compiled rules
    again = pickle.loads(blob)
    assert again.settings.select == ("PL3", "PL4") and again.settings.ignore == ("PL302",)
    text = "##Numbrs\n\n- \n\nWe need expirience.\n"
    assert as_tuples(again.lint_text(text, "a.md")) == as_tuples(linter.lint_text(text, "a.md"))
    assert [d.code for d in again.lint_text(text, "a.md")] == ["PL301", "PL401"]


def test_settings_object_config_pickles_too():
    from postlint.api import make_settings

    linter = postlint.configure(make_settings({"select": ["PL301"]}))
    again = pickle.loads(pickle.dumps(linter))
    assert [d.code for d in again.lint_text("##A\n\nWe need expirience.\n", "a.md")] == ["PL301"]


def test_relative_schema_resolves_against_the_root_after_unpickling(tmp_path, monkeypatch):
    schema = {"type": "object", "required": ["company"], "properties": {"company": {"type": "string"}}}
    (tmp_path / "board.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    linter = postlint.configure({"schema": "board.schema.json", "select": ["PL101"]}, root=tmp_path)
    blob = pickle.dumps(linter)
    monkeypatch.chdir(ROOT)  # a worker whose current folder is elsewhere
    again = pickle.loads(blob)
    messages = [d.message for d in again.lint_text("---\ntitle: x\n---\nBody.\n", "a.md")]
    assert messages == ["Missing required field 'company'"]


def test_bad_configuration_fails_when_built():
    with pytest.raises(ConfigError, match="unknown rule selector 'PL4O1'"):
        postlint.configure({"select": ["PL4O1"]})
    with pytest.raises(ConfigError, match="unknown setting 'selectt'"):
        postlint.configure({"selectt": ["PL1"]})


def test_diagnostics_pickle_and_serialise():
    diags = postlint.configure({}).lint_text(seed_texts()[0][1], "seed.md")
    assert diags
    assert pickle.loads(pickle.dumps(diags)) == diags
    dicts = json.loads(json.dumps([d.to_dict() for d in diags]))
    assert [(x["line"], x["column"], x["code"]) for x in dicts] == [(d.line, d.column, d.code) for d in diags]


def _lint_in_worker(args):
    linter, name, text = args
    return [d.to_dict() for d in linter.lint_text(text, name)]


def test_linter_runs_in_a_spawned_process_pool_with_the_same_results():
    linter = postlint.configure({"ignore": ["PL606"]})
    texts = seed_texts()
    expected = [[d.to_dict() for d in linter.lint_text(text, name)] for name, text in texts]
    ctx = multiprocessing.get_context("spawn")  # nothing inherited: the pickle must be enough
    with ctx.Pool(1) as pool:
        got = pool.map(_lint_in_worker, [(linter, name, text) for name, text in texts])
    assert got == expected


def test_unpickled_copies_share_the_rules_of_their_process():
    blob = pickle.dumps(postlint.configure({"ignore": ["PL1"]}))
    assert pickle.loads(blob).registry is pickle.loads(blob).registry


def test_lint_records_is_lazy_and_matches_lint_text():
    linter = postlint.configure({"select": ["PL301", "PL302"]})
    seen = []

    def rows():
        for i, text in enumerate(["##A\n", "fine\n", "- \n"]):
            seen.append(i)
            yield {"id": i, "description": text}
        yield ["not", "a", "record"]

    it = linter.lint_records(rows(), source="dump")
    first = next(it)
    assert seen == [0] and (first.path, first.code) == ("dump#0", "PL301")
    rest = [(d.path, d.line, d.code, d.message) for d in it]
    assert rest == [("dump#2", 1, "PL302", "Empty list item"),
                    ("dump", 4, "PL006", "Record is a list, not an object (a record)")]
    assert as_tuples(linter.lint_text("##A\n", "dump#0")) == as_tuples([first])


def test_no_config_calls_share_their_settings_while_nothing_decides_them_anew(tmp_path, monkeypatch):
    from postlint import api

    text = "We need a Pythn developer.\n"
    monkeypatch.chdir(tmp_path)
    first = api._settings(None)
    assert api._settings(None) is first  # same folder, no word list: built once
    assert first == api.make_settings(None)  # and what make_settings builds
    plain = as_tuples(postlint.lint_text(text, "a.md"))
    assert plain == as_tuples(postlint.lint_text(text, "a.md", config=api.make_settings(None)))

    (tmp_path / ".postlint-words.txt").write_text("Pythn\n", encoding="utf-8")  # a word list appears
    assert api._settings(None) is not first and api._settings(None).words == ("Pythn",)
    assert as_tuples(postlint.lint_text(text, "a.md")) == as_tuples(
        postlint.lint_text(text, "a.md", config=api.make_settings(None)))
    (tmp_path / ".postlint-words.txt").write_text("Other\n", encoding="utf-8")  # and is edited
    assert api._settings(None).words == ("Other",)
    (tmp_path / ".postlint-words.txt").unlink()
    assert api._settings(None).words == ()

    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.chdir(other)  # another folder: settings of their own, rooted there
    assert api._settings(None).root == Path(str(other)) == api.make_settings(None).root
    assert api._settings(None) == api.make_settings(None)
