"""postlint: a linter for job postings (Markdown with YAML front matter)."""

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "configure", "ConfiguredLinter"]


def lint_text(text, path="<text>", config=None):
    """Lint a posting given as text; return a list of Diagnostics (no I/O)."""
    from postlint.api import lint_text as _lint_text

    return _lint_text(text, path=path, config=config)


def configure(config=None, root=None):
    """Build a configured, picklable linter once (per worker): see docs/api.md."""
    from postlint.api import configure as _configure

    return _configure(config, root)


def __getattr__(name):  # lazy, so that `import postlint` stays cheap
    if name == "ConfiguredLinter":
        from postlint.api import ConfiguredLinter

        return ConfiguredLinter
    raise AttributeError(f"module 'postlint' has no attribute {name!r}")
