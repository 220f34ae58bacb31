"""One JSON object a line, the same fields as the ``json`` format (JSON Lines)."""

import json


def report(results, stream, options) -> None:
    for r in results:
        for d in r.diagnostics:
            stream.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
