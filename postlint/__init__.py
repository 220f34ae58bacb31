"""postlint: a linter for job postings (Markdown with YAML front matter)."""

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text"]


def lint_text(text, path="<text>", config=None):
    """Lint a posting given as text; return a list of Diagnostics (no I/O)."""
    from postlint.api import lint_text as _lint_text

    return _lint_text(text, path=path, config=config)
