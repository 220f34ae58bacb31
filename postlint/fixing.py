"""What ``--fix`` did, told to the user: ``--show-fixes`` and the warning for fixes
that did not settle. The fixing itself is ``apply_fixes`` in :mod:`postlint.engine`.
"""

from __future__ import annotations

from collections import Counter



def show_fixes(results, stream, *, would: bool = False) -> int:
    """List the fixes applied, per file and rule (as Ruff's ``--show-fixes``)::

        Fixed 3 problems:
        - jobs/a.md:
            2 × PL301 (heading-without-space)
            1 × PL402 (misspelling)

    Returns the number of fixes listed. ``would`` words it for ``--diff``.
    """
    per_file = []
    for r in results:
        if not r.applied or not r.changed:
            continue
        counts = Counter((d.code, d.name) for _, d in r.applied)
        per_file.append((r.path, counts))
    total = sum(sum(c.values()) for _, c in per_file)
    verb = "Would fix" if would else "Fixed"
    if not total:
        stream.write(f"{'No fixes available' if would else 'No fixes applied'}.\n")
        return 0
    stream.write(f"{verb} {total} problem{'' if total == 1 else 's'}:\n")
    for path, counts in per_file:
        stream.write(f"- {path}:\n")
        for (code, name), n in sorted(counts.items()):
            stream.write(f"    {n} \u00d7 {code} ({name})\n")
    return total


def warn_unsettled(results, stream) -> None:
    """A file whose fixes kept changing it for MAX_FIX_PASSES passes: say so, never loop."""
    for r in results:
        if not r.converged:
            from postlint.engine import MAX_FIX_PASSES  # only here: a run answered from the cache needs no engine

            stream.write(f"postlint: warning: {r.path}: fixes did not settle after {MAX_FIX_PASSES} passes; "
                         "the last text is kept, please report this\n")
