"""Recipes for linting postings kept as records on data engines (see docs/api.md).

``frames`` needs only pandas (usable from Spark ``mapInPandas`` and Ray
``map_batches``); ``dask`` needs the ``postlint[dask]`` extra. Neither is
imported by the command line.
"""
