"""The built-in logic rules, one module each, named after the rule's slug.

This tuple is the registry of logic rules: a test checks that every module in
this package is listed here, so nothing drifts. Word-list rules live in the
top-level ``rules/`` folder as YAML.
"""

from postlint.checks.degree_without_equivalent import DegreeWithoutEquivalent
from postlint.checks.duplicate_bullet import DuplicateBullet
from postlint.checks.duplicate_field import DuplicateField
from postlint.checks.empty_bullet import EmptyBullet
from postlint.checks.expired_posting import ExpiredPosting
from postlint.checks.experience_inflation import ExperienceInflation
from postlint.checks.filename_date_mismatch import FilenameDateMismatch
from postlint.checks.future_post_date import FuturePostDate
from postlint.checks.gender_coded_balance import GenderCodedBalance
from postlint.checks.heading_without_space import HeadingWithoutSpace
from postlint.checks.internal_error import InternalError
from postlint.checks.invalid_field_value import InvalidFieldValue
from postlint.checks.invalid_record import InvalidRecord
from postlint.checks.invalid_yaml import InvalidYaml
from postlint.checks.missing_eeo_statement import MissingEeoStatement
from postlint.checks.missing_pay_range import MissingPayRange
from postlint.checks.missing_front_matter import MissingFrontMatter
from postlint.checks.misspelt_tool_name import MisspeltToolName
from postlint.checks.missing_required_field import MissingRequiredField
from postlint.checks.mojibake import Mojibake
from postlint.checks.posting_length import PostingLength
from postlint.checks.readability import Readability
from postlint.checks.repeated_word import RepeatedWord
from postlint.checks.undecodable_file import UndecodableFile
from postlint.checks.unknown_field import UnknownField
from postlint.checks.unknown_suppression import UnknownSuppression
from postlint.checks.timeout import Timeout
from postlint.checks.too_many_requirements import TooManyRequirements
from postlint.checks.unreadable_file import UnreadableFile
from postlint.checks.unterminated_front_matter import UnterminatedFrontMatter
from postlint.checks.unused_suppression import UnusedSuppression

BUILTIN_RULES = (
    InternalError,
    UndecodableFile,
    InvalidYaml,
    UnterminatedFrontMatter,
    UnreadableFile,
    Timeout,
    InvalidRecord,
    MissingFrontMatter,
    MissingRequiredField,
    InvalidFieldValue,
    UnknownField,
    DuplicateField,
    FuturePostDate,
    ExpiredPosting,
    FilenameDateMismatch,
    Mojibake,
    HeadingWithoutSpace,
    EmptyBullet,
    RepeatedWord,
    DuplicateBullet,
    MisspeltToolName,
    GenderCodedBalance,
    MissingEeoStatement,
    Readability,
    PostingLength,
    TooManyRequirements,
    ExperienceInflation,
    DegreeWithoutEquivalent,
    MissingPayRange,
    UnusedSuppression,
    UnknownSuppression,
)
