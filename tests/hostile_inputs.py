"""Hostile inputs, generated on demand (no big files in the repository).

Shared by ``tests/test_hostile.py`` (which asserts the behaviour) and
``benchmarks/hostile.py`` (which prints what postlint says and how long it takes).
Each maker writes its case under ``folder`` and returns the path to lint.
"""

from __future__ import annotations

import codecs
import os
import struct
import zlib
from pathlib import Path

# One line long enough for a real posting (PL602 reports bodies under 50 words).
BODY = ("We build tools for hiring teams: a small company of twelve people in Leeds and at home who ship small "
        "changes every day. You will design and build the services behind our API, review code, pair with other "
        "developers and talk to the recruiters who use what you make.")

POSTING = (
    "---\n"
    "layout: job\n"
    "title: Backend Developer\n"
    "location: Remote\n"
    "post-date: 2024-03-18\n"
    "---\n"
    "## About us\n\n"
    + BODY + "\n\n"
    "- Write Python services\n"
    "- Review code with the team\n"
)


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def empty(folder):
    return _write(folder, "empty.md", b"")


def only_dashes(folder):
    return _write(folder, "dashes.md", b"---\n")


def unterminated(folder):
    return _write(folder, "unterminated.md", b"---\ntitle: Developer\nlocation: Remote\n\n## About\n\n" + BODY.encode() + b"\n")


def front_matter_only(folder):
    return _write(folder, "fm-only.md", POSTING.split("## About")[0].encode())


def png(folder):
    return _write(folder, "logo.md", _png())


def cp1252(folder):
    return _write(folder, "cp1252.md", POSTING.replace("We build", "We build \u2014 fast \u2014").encode("cp1252"))


def utf16(folder):
    return _write(folder, "utf16.md", POSTING.replace("API", "API \u2014 caf\u00e9").encode("utf-16"))


def nul_bytes(folder):
    return _write(folder, "nul.md", POSTING.replace("API.", "API.\x00\x00").encode())


def mixed_newlines(folder):
    lines = POSTING.split("\n")
    ends = ["\r\n", "\n", "\r"]
    text = "".join(line + ends[i % 3] for i, line in enumerate(lines[:-1]))
    return _write(folder, "mixed.md", text.encode())


def ten_mb(folder):
    para = ("We build tools for hiring teams and their candidates; you will write Python, "
            "review code and talk to users every week.\n\n")
    body = para * (10_000_000 // len(para) + 1)
    return _write(folder, "big.md", (POSTING + body).encode())


def billion_laughs(folder):
    lines = ["---", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    lines += ["title: Developer", "---", BODY, ""]
    return _write(folder, "laughs.md", "\n".join(lines).encode())


def nested_yaml(folder, depth=5000):
    return _write(folder, "nested-yaml.md", ("---\nx: " + "[" * depth + "]" * depth + "\n---\n" + BODY + "\n").encode())


def nested_lists(folder, depth=10_000):
    # "- - - item" nests one list in another on a single line; indenting each
    # level instead would make the file quadratic in the depth (100 MB here).
    text = "- " * depth + "item\n" + "  " * 3 + "* " * depth + "\n"
    return _write(folder, "nested-lists.md", text.encode())


def nested_quotes(folder, depth=10_000):
    return _write(folder, "nested-quotes.md", (">" * depth + " quoted\n").encode())


def long_line(folder):
    return _write(folder, "long-line.md", (POSTING + "word " * 200_000 + "\n").encode())


def symlink_loop(folder):
    a, b = folder / "loop-a.md", folder / "loop-b.md"
    os.symlink(b.name, a)
    os.symlink(a.name, b)
    return a


def dangling_symlink(folder):
    link = folder / "dangling.md"
    os.symlink("missing-target.md", link)
    return link


def directory_md(folder):
    path = folder / "x.md"
    path.mkdir()
    return path


def odd_name(folder):
    sub = folder / "job posts"
    sub.mkdir()
    return _write(sub, "Entwickler café – Zürich.md", POSTING.encode())


# name -> maker, in the order of the report's table
CASES = {
    "empty file": empty,
    "only '---'": only_dashes,
    "unterminated front matter": unterminated,
    "front matter only": front_matter_only,
    "PNG renamed .md": png,
    "invalid UTF-8 (cp1252 em dash)": cp1252,
    "UTF-16 with BOM": utf16,
    "NUL bytes": nul_bytes,
    "mixed CRLF/LF/CR": mixed_newlines,
    "10 MB posting": ten_mb,
    "billion laughs YAML": billion_laughs,
    "5,000-level nested YAML": nested_yaml,
    "10,000-deep nested lists": nested_lists,
    "10,000-deep blockquotes": nested_quotes,
    "1 MB line": long_line,
    "symlink loop": symlink_loop,
    "dangling symlink (unreadable)": dangling_symlink,
    "directory named x.md": directory_md,
    "path with spaces and non-ASCII": odd_name,
}
