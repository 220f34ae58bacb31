"""Small helpers the machine-readable reporters share."""

from __future__ import annotations

import os
import re
from urllib.parse import quote

INFORMATION_URI = "https://github.com/postlint/postlint"


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) of a displayed path: relative paths stay relative to the
    folder postlint ran in (``%SRCROOT%``), absolute ones become ``file://`` URIs."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return "file://" + _quote(posix if posix.startswith("/") else "/" + posix, safe="/:"), None
    if posix.startswith("./"):
        posix = posix[2:]
    return _quote(posix, safe="/"), "%SRCROOT%"


def dir_uri(path: str) -> str:
    """file:// URI of a folder, ending in '/' as SARIF's originalUriBaseIds require."""
    return "file://" + _quote(path.replace(os.sep, "/").rstrip("/") + "/", safe="/:")


def _quote(text: str, safe: str) -> str:
    # A file name that is not valid UTF-8 arrives with surrogate escapes: quote the
    # bytes it really has, so the URI names the real file (and encoding cannot fail).
    return quote(os.fsencode(text), safe=safe)


def relative_path(path: str) -> str:
    """A displayed path with forward slashes and no leading './' (GitLab, reviewdog)."""
    posix = path.replace(os.sep, "/")
    return posix[2:] if posix.startswith("./") else posix


# XML 1.0 allows tab, LF, CR and U+0020 and above, minus surrogates and U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text an XML 1.0 document can hold: illegal characters shown as \\xNN / \\uNNNN."""
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)
