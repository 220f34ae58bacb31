"""rules/data/pay-transparency.yaml: valid against its schema, every law cited, docs table in sync."""

import datetime as dt
import json
from pathlib import Path

import jsonschema
import yaml

from postlint.pay import load_laws

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "rules" / "data" / "pay-transparency.yaml"
SCHEMA = ROOT / "rules" / "data" / "pay-transparency.schema.json"
DOC = ROOT / "docs" / "pay-transparency.md"


def _data():
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for entry in data["jurisdictions"]:  # YAML reads 2021-01-01 as a date; the schema wants text
        if isinstance(entry.get("effective"), dt.date):
            entry["effective"] = entry["effective"].isoformat()
    return data


def test_data_matches_schema():
    jsonschema.validate(_data(), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_schema_rejects_an_entry_without_citation():
    data = _data()
    del data["jurisdictions"][0]["citation"]
    try:
        jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    except jsonschema.ValidationError as exc:
        assert "citation" in exc.message
    else:
        raise AssertionError("an entry without a citation passed the schema")


def test_every_law_is_cited_and_says_how_it_was_checked():
    ids = set()
    for entry in _data()["jurisdictions"]:
        assert entry["id"] not in ids
        ids.add(entry["id"])
        assert entry["citation"].strip() and entry["checked"].strip() and entry["source"].strip()
        assert entry["checked"] == "unverified" or entry["checked"].startswith("http")
    assert {"CO", "NYC", "CA", "WA", "NY", "HI", "DC", "MD", "IL", "MN", "NJ", "VT", "MA"} <= ids


def doc_table():
    rows = ["| jurisdiction | in force since | citation | checked |", "|---|---|---|---|"]
    for law in sorted(load_laws(), key=lambda law: (law.effective, law.name)):
        rows.append(f"| {law.name} | {law.effective.isoformat()} | {law.citation} | {law.checked} |")
    return "\n".join(rows)


def test_docs_table_is_the_data():
    assert doc_table() in DOC.read_text(encoding="utf-8"), (
        "docs/pay-transparency.md is out of date; paste:\n" + doc_table())
