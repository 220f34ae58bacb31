import json


def report(results, stream, options) -> None:
    items = [d.to_dict() for r in results for d in r.diagnostics]
    json.dump(items, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
