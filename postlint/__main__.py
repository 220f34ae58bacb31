from postlint.cli import entry

raise SystemExit(entry())
