"""The built-in logic rules, one module each, named after the rule's slug.

``RULE_CLASSES`` lists them as (module, class) names, in registry order; a test
checks that every module in this package is listed here, so nothing drifts.
``BUILTIN_RULES`` (the classes themselves) is built on first use, so that importing
``postlint.checks.base`` (the engine does) does not import every check module and
compile its regexes: a run whose files all come from the cache never needs them.
Word-list rules live in the top-level ``rules/`` folder as YAML.
"""

RULE_CLASSES = (
    ("internal_error", "InternalError"),
    ("undecodable_file", "UndecodableFile"),
    ("invalid_yaml", "InvalidYaml"),
    ("unterminated_front_matter", "UnterminatedFrontMatter"),
    ("unreadable_file", "UnreadableFile"),
    ("timeout", "Timeout"),
    ("invalid_record", "InvalidRecord"),
    ("missing_front_matter", "MissingFrontMatter"),
    ("missing_required_field", "MissingRequiredField"),
    ("invalid_field_value", "InvalidFieldValue"),
    ("unknown_field", "UnknownField"),
    ("duplicate_field", "DuplicateField"),
    ("future_post_date", "FuturePostDate"),
    ("expired_posting", "ExpiredPosting"),
    ("filename_date_mismatch", "FilenameDateMismatch"),
    ("mojibake", "Mojibake"),
    ("heading_without_space", "HeadingWithoutSpace"),
    ("empty_bullet", "EmptyBullet"),
    ("repeated_word", "RepeatedWord"),
    ("duplicate_bullet", "DuplicateBullet"),
    ("misspelt_tool_name", "MisspeltToolName"),
    ("gender_coded_balance", "GenderCodedBalance"),
    ("missing_eeo_statement", "MissingEeoStatement"),
    ("readability", "Readability"),
    ("posting_length", "PostingLength"),
    ("too_many_requirements", "TooManyRequirements"),
    ("experience_inflation", "ExperienceInflation"),
    ("degree_without_equivalent", "DegreeWithoutEquivalent"),
    ("missing_pay_range", "MissingPayRange"),
    ("unused_suppression", "UnusedSuppression"),
    ("unknown_suppression", "UnknownSuppression"),
)


def __getattr__(name):  # PEP 562: BUILTIN_RULES is imported on first use
    if name == "BUILTIN_RULES":
        # __import__, not importlib.import_module: -X importtime reports only the former.
        classes = tuple(getattr(__import__(f"{__name__}.{module}", fromlist=[cls]), cls) for module, cls in RULE_CLASSES)
        globals()["BUILTIN_RULES"] = classes
        return classes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
