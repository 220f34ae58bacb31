from postlint.checks.base import Rule, RuleDocs
from postlint.diagnostics import Severity, Violation


class UndecodableFile(Rule):
    code = "PL001"
    name = "undecodable-file"
    category = "file"
    severity = Severity.ERROR
    summary = "File is binary or not valid UTF-8"
    docs = RuleDocs(
        what="Reports a file that is binary (an image renamed to .md) or that holds bytes which are "
             "not valid UTF-8, at the line and column of the first bad byte.",
        why="Sites build postings as UTF-8. A stray Windows-1252 byte (an em dash pasted from Word) "
            "shows up on the page as a replacement character. The rest of the file is still "
            "checked, and fixes keep the original bytes.",
        example="Senior Engineer \\x97 Remote   (the byte 0x97 saved by a Windows editor)",
        use_instead="Senior Engineer — Remote   (the file saved as UTF-8)",
        fix_safety="Not fixable automatically: which encoding the byte came from is a guess. "
                   "Re-save the file as UTF-8 in your editor.",
    )

    def check(self, doc, ctx):
        problem = doc.decode_problem
        if problem is None:
            return
        if problem.binary:
            yield Violation(0, 0, "File looks binary, not like a text posting; it was not checked")
            return
        guess = bytes([problem.byte]).decode("cp1252", "replace")
        hint = f" (Windows-1252 for {guess!r}?)" if guess != "\ufffd" and problem.byte >= 0x80 else ""
        more = f"; {problem.count - 1} more in the file" if problem.count > 1 else ""
        yield Violation(problem.offset, problem.offset + 1,
                        f"Byte 0x{problem.byte:02X} is not valid UTF-8{hint}{more}; save the file as UTF-8")
