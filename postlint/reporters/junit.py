"""JUnit XML (``artifacts: reports: junit`` in GitLab, and most CI test views).

One ``<testsuite>`` a linted file, named after it; a ``<testcase>`` with a
``<failure>`` for each finding, and one passing ``<testcase>`` for a file with
no findings, so clean files show up as passed. The counts on ``<testsuites>``
and each ``<testsuite>`` add up.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from postlint.reporters._common import xml_safe


def build(results) -> ET.Element:
    root = ET.Element("testsuites", name="postlint")
    total = failures = 0
    for r in results:
        path = xml_safe(r.path)
        suite = ET.SubElement(root, "testsuite", name=path, errors="0", skipped="0")
        if not r.diagnostics:
            ET.SubElement(suite, "testcase", name="no problems", classname=path, file=path)
        for d in r.diagnostics:
            case = ET.SubElement(suite, "testcase", name=xml_safe(f"{d.code} {d.name} at {d.line}:{d.column}"),
                                 classname=path, file=path, line=str(d.line))
            failure = ET.SubElement(case, "failure", message=xml_safe(d.message), type=d.code)
            failure.text = xml_safe(f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}")
        n = max(1, len(r.diagnostics))
        suite.set("tests", str(n))
        suite.set("failures", str(len(r.diagnostics)))
        total += n
        failures += len(r.diagnostics)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    return root


def report(results, stream, options) -> None:
    root = build(results)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
