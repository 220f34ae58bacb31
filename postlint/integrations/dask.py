"""Lint a partitioned dataset of postings with Dask (the ``postlint[dask]`` extra).

    import dask.dataframe as dd
    from postlint.integrations.dask import lint_dataframe

    postings = dd.read_parquet("postings/")             # or dd.read_json(..., lines=True)
    findings = lint_dataframe(postings, {"ignore": ["PL1"]}).compute()

The linter is configured once in the calling process (a bad configuration fails
there, not in every worker) and shipped to the workers as a small pickle; each
worker process rebuilds its rules once (the registry is cached per process).
docs/api.md has the tested recipe on a LocalCluster.
"""

from __future__ import annotations

from postlint.integrations.frames import COLUMNS, empty_frame, lint_frame

__all__ = ["lint_dataframe", "lint_partition", "COLUMNS"]


def lint_partition(frame, linter, text_column="description", id_column="id", path_column=None):
    """One Dask partition (a pandas DataFrame) -> a DataFrame of diagnostics."""
    return lint_frame(frame, linter, text_column=text_column, id_column=id_column, path_column=path_column)


def lint_dataframe(ddf, config=None, *, text_column: str = "description", id_column: str | None = "id",
                   path_column: str | None = None):
    """A Dask DataFrame of postings -> a (lazy) Dask DataFrame of diagnostics, one row a finding.

    ``config`` is a ``[tool.postlint]``-style mapping or a ConfiguredLinter.
    """
    from postlint.api import ConfiguredLinter, configure

    linter = config if isinstance(config, ConfiguredLinter) else configure(config)
    return ddf.map_partitions(lint_partition, linter, text_column, id_column, path_column,
                              meta=empty_frame(), align_dataframes=False)
