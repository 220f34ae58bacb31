"""pyproject.toml files without [tool.postlint] are skipped without parsing them
(config.may_have_tool_postlint); every TOML spelling of that table must still be read."""

import pytest

from postlint.config import load_config_file, may_have_tool_postlint

SPELLINGS = [
    "[tool.postlint]\nfail-on = 'error'\n",
    "[ tool . \"postlint\" ]\nfail-on = 'error'\n",
    "[tool.'postlint']\nfail-on = 'error'\n",
    "[\"tool\".postlint]\nfail-on = 'error'\n",
    "tool.postlint.fail-on = 'error'\n",
    "[tool]\npostlint = { fail-on = 'error' }\n",
    "[tool]\npostlint.fail-on = 'error'\n",
    "tool = { postlint = { fail-on = 'error' } }\n",
    "[tool.\"\\u0070ostlint\"]\nfail-on = 'error'\n",  # a key spelt with an escape
    "[project]\nname = 'x'\n\n  [tool.postlint]\n  fail-on = 'error'\n",
]


@pytest.mark.parametrize("text", SPELLINGS)
def test_every_spelling_of_tool_postlint_is_read(tmp_path, text):
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    assert may_have_tool_postlint(text)
    settings = load_config_file(path)
    assert settings is not None and settings.fail_on == "error"


def test_a_pyproject_without_the_table_is_skipped_even_when_it_names_postlint(tmp_path):
    text = ("[project]\nname = \"postlint\"\ndescription = \"A linter; see [tool] docs\"\n"
            "[project.scripts]\npostlint = \"postlint.cli:main\"\n[tool.ruff]\nline-length = 100\n"
            "[tool.setuptools.package-data]\npostlint = [\"rules/*.yaml\"]\n")
    assert not may_have_tool_postlint(text)
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    assert load_config_file(path) is None
    # Not valid TOML, and no [tool.postlint]: not postlint's to report (pip will).
    path.write_text("[project\nname = 'x'\n", encoding="utf-8")
    assert load_config_file(path) is None
    # With the table it is parsed, so a broken one is still a clear error.
    from postlint.config import ConfigError

    path.write_text("[tool.postlint\nselect = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config_file(path)
