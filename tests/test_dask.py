"""The Dask recipe (postlint[dask]): a partitioned dataset, linted on a LocalCluster,
gives exactly the command line's findings on the same postings written as files."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe", reason="needs the postlint[dask] extra")
pytest.importorskip("dask.distributed", reason="needs the postlint[dask] extra")

import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from dask.distributed import Client, LocalCluster  # noqa: E402

from postlint.integrations.dask import lint_dataframe  # noqa: E402
from postlint.integrations.frames import COLUMNS, lint_frame  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.md"))
CORPUS = ROOT.parent / "shared" / "corpus"


def recipe_source() -> str:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    section = text[text.index("## Dask recipe"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def cli_findings(tmp_path, run_cli, texts: dict, *args):
    """(name, line, column, code, message) of the CLI on the texts written as files."""
    folder = tmp_path / "postings"
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    r = run_cli("--format", "json", *args, *[f"postings/{n}" for n in texts], cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    return sorted((Path(d["path"]).name, d["line"], d["column"], d["code"], d["message"])
                  for d in json.loads(r.stdout))


def test_docs_recipe_on_a_local_process_cluster_matches_the_cli(tmp_path, run_cli):
    source = recipe_source()
    script = tmp_path / "recipe.py"
    script.write_text(source, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    printed = r.stdout.splitlines()
    # The output written in the recipe is the output it prints.
    assert printed == [line.strip()[2:] for line in source.splitlines() if line.startswith("    # ")]
    rows = [line.split() for line in printed[1:]]
    # The same texts as files through the CLI, with the recipe's configuration.
    namespace: dict = {}
    exec(compile(source, str(script), "exec"), namespace)  # defines POSTINGS; starts nothing
    postings = namespace["POSTINGS"]
    texts = {f"{i}.md": t for i, t in zip(postings["id"], postings["description"]) if isinstance(t, str)}
    expected = [(name[:-3], line, col, code) for name, line, col, code, _ in
                cli_findings(tmp_path, run_cli, texts, "--ignore", "PL1,PL508")]
    missing_text = [str(i) for i, t in zip(postings["id"], postings["description"]) if not isinstance(t, str)]
    expected += [(i, 1, 1, "PL006") for i in missing_text]
    assert len(expected) >= 3
    assert sorted((i, int(line), int(col), code) for i, line, col, code in rows) == sorted(expected)


def sample_texts(limit=60):
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS}
    if CORPUS.is_dir():
        files = sorted(p for p in CORPUS.rglob("*.md") if p.is_file())
        for p in files[:: max(1, len(files) // limit)][:limit]:
            try:
                texts.setdefault(p.name, p.read_bytes().decode("utf-8"))
            except UnicodeDecodeError:
                continue
    return texts


def test_seeds_and_corpus_sample_on_a_cluster_match_the_cli(tmp_path, run_cli):
    texts = sample_texts()
    expected = cli_findings(tmp_path, run_cli, texts)
    frame = pd.DataFrame({"id": list(range(len(texts))), "description": list(texts.values()),
                          "file": [f"postings/{n}" for n in texts]})
    ddf = dd.from_pandas(frame, npartitions=4)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster):
        found = lint_dataframe(ddf, {}, path_column="file").compute()
    assert list(found.columns) == list(COLUMNS)
    got = sorted((Path(p).name, int(l), int(c), code, m) for p, l, c, code, m in
                 found[["path", "line", "column", "code", "message"]].itertuples(index=False))
    assert len(expected) > 50 and got == expected
    assert set(found["id"]) <= {str(i) for i in range(len(texts))}


def test_partition_function_alone():
    frame = pd.DataFrame({"key": [7, 8], "body": ["##A\n", float("nan")]})
    out = lint_frame(frame, {"select": ["PL301"]}, text_column="body", id_column="key")
    assert out[["id", "path", "line", "code"]].values.tolist() == [["7", "7", 1, "PL301"], ["8", "8", 1, "PL006"]]
    assert out["message"].tolist()[1] == "Record's text field 'body' is null, not a string"  # NaN is pandas' null
    empty = lint_frame(frame.iloc[:0], {"select": ["PL301"]}, text_column="body", id_column="key")
    assert len(empty) == 0 and dict(empty.dtypes.astype(str)) == COLUMNS
    with pytest.raises(KeyError, match="no column 'description'"):
        lint_frame(frame, {})


# ----------------------------------------------------------- Spark and Ray recipes
def docs_block(heading_text: str) -> str:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    start = text.index(heading_text)
    return re.search(r"```python\n(.*?)```", text[start:], re.S).group(1)


def seed_frame():
    return pd.DataFrame({"id": [p.name for p in SEEDS], "description": [p.read_text(encoding="utf-8") for p in SEEDS],
                         "extra": range(len(SEEDS))})


def chunks(frame, size=2):
    return [frame.iloc[i:i + size] for i in range(0, len(frame), size)]


def found_rows(frame):
    return sorted((i, int(l), int(c), code, m) for i, l, c, code, m in
                  frame[["id", "line", "column", "code", "message"]].itertuples(index=False))


class FakeSparkFrame:
    """What the recipe touches of a pyspark DataFrame; mapInPandas as documented: the
    function gets an iterator of pandas DataFrames and returns an iterator of them."""

    def __init__(self, pdf):
        self.pdf = pdf

    def select(self, *columns):
        return FakeSparkFrame(self.pdf[list(columns)])

    def mapInPandas(self, func, schema):
        out = list(func(iter(chunks(self.pdf))))
        names = [part.split()[0] for part in schema.split(",")]
        spark_types = {"string": "object", "long": "int64", "boolean": "bool"}
        for frame in out:
            assert list(frame.columns) == names
            assert [str(t) for t in frame.dtypes] == [spark_types[p.split()[1]] for p in schema.split(",")]
        return pd.concat(out, ignore_index=True)


class FakeSpark:
    def __init__(self, pdf):
        self.read = self
        self.pdf = pdf

    def parquet(self, path):
        return FakeSparkFrame(self.pdf)


def test_spark_recipe_with_a_stand_in_matches_the_cli(tmp_path, run_cli):
    frame = seed_frame()
    namespace = {"spark": FakeSpark(frame)}
    exec(compile(docs_block("Spark, with `mapInPandas`"), "spark-recipe", "exec"), namespace)
    expected = cli_findings(tmp_path, run_cli, dict(zip(frame["id"], frame["description"])), "--ignore", "PL1")
    assert len(expected) > 10 and found_rows(namespace["findings"]) == expected


def test_ray_recipe_with_a_stand_in_matches_the_cli(tmp_path, run_cli, monkeypatch):
    import types

    frame = seed_frame()
    built = []

    class FakeDataset:
        def map_batches(self, fn, *, fn_constructor_kwargs, batch_format, concurrency):
            assert batch_format == "pandas" and isinstance(fn, type) and concurrency >= 1
            actor = fn(**fn_constructor_kwargs)  # Ray builds each actor once, then feeds it batches
            built.append(actor)
            return pd.concat([actor(batch) for batch in chunks(frame)], ignore_index=True)

    ray = types.ModuleType("ray")
    ray.data = types.SimpleNamespace(read_parquet=lambda path: FakeDataset())
    monkeypatch.setitem(sys.modules, "ray", ray)
    namespace: dict = {}
    exec(compile(docs_block("Ray Data, with `map_batches`"), "ray-recipe", "exec"), namespace)
    expected = cli_findings(tmp_path, run_cli, dict(zip(frame["id"], frame["description"])), "--ignore", "PL1")
    assert len(built) == 1 and found_rows(namespace["findings"]) == expected
