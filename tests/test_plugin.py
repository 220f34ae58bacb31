"""Third-party rules through the `postlint.rules` entry-point group.

The test installs a tiny plugin the way pip would: a module plus a
``.dist-info`` folder with ``entry_points.txt`` on the path, so
``importlib.metadata`` finds it exactly as it finds an installed package.
"""

import os
import sys
import textwrap

PLUGIN = '''
import re
from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation


class NoUnpaidInternship(Rule):
    code = "ACME001"
    name = "unpaid-internship"
    category = "content"
    severity = Severity.ERROR
    summary = "Acme does not post unpaid internships"
    docs = RuleDocs(what="Flags 'unpaid'.", why="Company policy.", example="An unpaid internship.\\n",
                    use_instead="A paid internship.\\n")

    def check(self, doc, ctx):
        for m in re.finditer(r"\\bunpaid\\b", doc.prose, re.I):
            yield Violation(m.start(), m.end(), "Unpaid internships are not allowed")


RULES = [NoUnpaidInternship]
'''


def install_plugin(site):
    (site / "acme_postlint.py").write_text(PLUGIN)
    info = site / "acme_postlint-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-postlint\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[postlint.rules]\nacme = acme_postlint:RULES\n")


def test_plugin_rule_is_registered_documented_and_runs(tmp_path, run_cli):
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    env = {"PYTHONPATH": os.pathsep.join([str(site)] + sys.path)}
    (tmp_path / "post.md").write_text("## Intern\n\nThis is an unpaid internship.\n")
    r = run_cli("--select", "ACME001", "--schema", "none", "post.md", cwd=tmp_path, env=env)
    assert r.returncode == 1, r.stderr
    assert "post.md:3:12: ACME001 Unpaid internships are not allowed" in r.stdout
    r = run_cli("rule", "unpaid-internship", cwd=tmp_path, env=env)
    assert r.stdout.startswith("# ACME001 unpaid-internship") and "Defined in: plugin acme" in r.stdout


def test_broken_plugin_is_a_clear_error(tmp_path, run_cli):
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    (site / "acme_postlint.py").write_text("raise ImportError('missing dependency acme-core')\n")
    env = {"PYTHONPATH": os.pathsep.join([str(site)] + sys.path)}
    (tmp_path / "post.md").write_text("Hello\n")
    r = run_cli("post.md", cwd=tmp_path, env=env)
    assert r.returncode == 2
    assert "plugin 'acme' (acme_postlint:RULES) failed to load: ImportError: missing dependency acme-core" in r.stderr
    assert "Traceback" not in r.stderr


def test_plugin_prescan_skips_importlib_metadata_only_when_no_distribution_declares_the_group(tmp_path, monkeypatch):
    """The cheap look at entry_points.txt files must say "maybe" whenever importlib.metadata
    could find a plugin: here, when one is installed, or when the path holds a zip it cannot read."""
    from importlib.machinery import PathFinder

    from postlint.registry import _may_have_plugins

    # Only the standard path finder: other tests (or pytest plugins) may leave finders behind.
    monkeypatch.setattr(sys, "meta_path", [PathFinder])
    other = tmp_path / "other"
    other.mkdir()
    info = other / "unrelated-2.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[console_scripts]\nunrelated = unrelated:main\n")
    (other / "legacy.egg-info").write_text("Metadata-Version: 1.0\n")  # an egg-info that is a file
    monkeypatch.setattr(sys, "path", [str(other), str(tmp_path / "missing")])
    assert _may_have_plugins() is False

    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    monkeypatch.setattr(sys, "path", [str(other), str(site)])
    assert _may_have_plugins() is True

    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setattr(sys, "path", [str(other), str(archive)])
    assert _may_have_plugins() is True

    class ElsewhereFinder:  # a finder that finds distributions somewhere the pre-scan cannot look
        def find_spec(self, *args):
            return None

        def find_distributions(self, *args, **kwargs):
            return iter(())

    monkeypatch.setattr(sys, "path", [str(other)])
    monkeypatch.setattr(sys, "meta_path", [ElsewhereFinder(), PathFinder])
    assert _may_have_plugins() is True


def test_cache_fingerprint_names_an_installed_plugin_and_its_version(tmp_path):
    """The result cache keys on the plugins (through the same cheap pre-scan): installing a
    plugin, or upgrading it, must change the key, so no stale result is reused. Each state is
    read by a fresh interpreter, as each postlint run is: in this process importlib.metadata can
    keep stale views of sys.path once other tests have imported dask."""
    import subprocess

    script = ("import sys; sys.path.insert(0, sys.argv[1]); "
              "from postlint.registry import plugin_entry_points; from postlint.cache import _code_fingerprint; "
              "print(sorted(ep.name for ep in plugin_entry_points()), _code_fingerprint().hex())")

    def state(folder):
        out = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, check=True)
        names, key = out.stdout.rsplit(" ", 1)
        return names, key.strip()

    site = tmp_path / "site"
    site.mkdir()
    names, without = state(site)
    assert names == "[]"
    install_plugin(site)
    names, with_plugin = state(site)
    assert names == "['acme']" and with_plugin != without

    meta = site / "acme_postlint-1.0.dist-info" / "METADATA"
    meta.write_text(meta.read_text().replace("Version: 1.0", "Version: 1.1"))
    assert state(site)[1] != with_plugin
