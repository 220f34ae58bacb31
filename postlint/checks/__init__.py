"""The built-in logic rules, one module each, named after the rule's slug.

``RULE_CLASSES`` lists them by module and class name, with the code, category and
default that selecting rules needs; a test checks that every module in this package
is listed here and that the listed facts are the class's, so nothing drifts. The
registry wraps each in a ``LazyRule`` that imports its module only when the rule
runs or is shown, so a run never pays for the regexes of rules it does not run.
``BUILTIN_RULES`` (the classes themselves) is built on first use, so importing
``postlint.checks.base`` (the engine does) imports no check module.
Word-list rules live in the top-level ``rules/`` folder as YAML.
"""

# (module, class, code, category, on by default): what selecting rules needs, so that the
# registry can select without importing a module; a test checks these against the classes.
RULE_CLASSES = (
    ("internal_error", "InternalError", "PL000", "file", True),
    ("undecodable_file", "UndecodableFile", "PL001", "file", True),
    ("invalid_yaml", "InvalidYaml", "PL002", "file", True),
    ("unterminated_front_matter", "UnterminatedFrontMatter", "PL003", "file", True),
    ("unreadable_file", "UnreadableFile", "PL004", "file", True),
    ("timeout", "Timeout", "PL005", "file", True),
    ("invalid_record", "InvalidRecord", "PL006", "file", True),
    ("missing_front_matter", "MissingFrontMatter", "PL100", "front-matter", True),
    ("missing_required_field", "MissingRequiredField", "PL101", "front-matter", True),
    ("invalid_field_value", "InvalidFieldValue", "PL102", "front-matter", True),
    ("unknown_field", "UnknownField", "PL103", "front-matter", True),
    ("duplicate_field", "DuplicateField", "PL104", "front-matter", True),
    ("future_post_date", "FuturePostDate", "PL105", "front-matter", False),
    ("expired_posting", "ExpiredPosting", "PL106", "front-matter", False),
    ("filename_date_mismatch", "FilenameDateMismatch", "PL107", "front-matter", False),
    ("mojibake", "Mojibake", "PL201", "characters", True),
    ("heading_without_space", "HeadingWithoutSpace", "PL301", "markdown", True),
    ("empty_bullet", "EmptyBullet", "PL302", "markdown", True),
    ("repeated_word", "RepeatedWord", "PL403", "spelling", True),
    ("duplicate_bullet", "DuplicateBullet", "PL404", "spelling", True),
    ("misspelt_tool_name", "MisspeltToolName", "PL405", "spelling", True),
    ("gender_coded_balance", "GenderCodedBalance", "PL507", "inclusive-language", False),
    ("missing_eeo_statement", "MissingEeoStatement", "PL508", "inclusive-language", False),
    ("readability", "Readability", "PL601", "content", True),
    ("posting_length", "PostingLength", "PL602", "content", True),
    ("too_many_requirements", "TooManyRequirements", "PL603", "content", True),
    ("experience_inflation", "ExperienceInflation", "PL604", "content", True),
    ("degree_without_equivalent", "DegreeWithoutEquivalent", "PL605", "content", True),
    ("missing_pay_range", "MissingPayRange", "PL606", "content", True),
    ("unused_suppression", "UnusedSuppression", "PL901", "postlint", True),
    ("unknown_suppression", "UnknownSuppression", "PL902", "postlint", True),
)


def __getattr__(name):  # PEP 562: BUILTIN_RULES is imported on first use
    if name == "BUILTIN_RULES":
        # __import__, not importlib.import_module: -X importtime reports only the former.
        classes = tuple(getattr(__import__(f"{__name__}.{module}", fromlist=[cls]), cls) for module, cls, *_ in RULE_CLASSES)
        globals()["BUILTIN_RULES"] = classes
        return classes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
