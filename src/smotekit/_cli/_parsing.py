"""Options shared by subcommands and the parsing of their values (no heavy imports)."""

from __future__ import annotations

import argparse

from ._errors import DataError, UsageError

NAMED_STRATEGIES = ("auto", "minority", "majority", "not minority", "not majority", "all")


def add_sampler_options(parser: argparse.ArgumentParser, default_seed) -> None:
    """``--k-neighbors``, ``--random-state`` and ``--sampling-strategy``."""
    parser.add_argument(
        "--k-neighbors",
        type=positive_int,
        default=5,
        metavar="K",
        help="same-class neighbours to interpolate towards (default: 5)",
    )
    parser.add_argument(
        "--random-state",
        type=int,
        default=default_seed,
        metavar="N",
        help="seed for reproducible output (default: %(default)s)",
    )
    parser.add_argument(
        "--sampling-strategy",
        default="auto",
        metavar="S",
        help="auto, minority, 'not minority', 'not majority', all, a float "
        "ratio (binary), or final counts as LABEL:COUNT[,LABEL:COUNT]",
    )


def add_encoding_option(parser: argparse.ArgumentParser) -> None:
    """``--encoding``: how a CSV INPUT's bytes are read (outputs are always UTF-8)."""
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the text encoding of a CSV INPUT, e.g. latin-1 or cp1252 (default: utf-8); "
        "CSV output is always written as UTF-8",
    )


def positive_int(text: str) -> int:
    """An option's value as an int >= 1, else argparse's usage error (exit 2).

    Examples
    --------
    >>> positive_int("5")
    5
    """
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1; got {text!r}")
    return value


def parse_strategy(text: str, labels):
    """The ``--sampling-strategy`` value as a sampler takes it; dict labels typed like ``labels``.

    Examples
    --------
    >>> parse_strategy("not majority", [0, 1])
    'not majority'
    >>> parse_strategy("1:40", [0, 1])
    {1: 40}
    """
    if text in NAMED_STRATEGIES:
        return text
    if ":" not in text:
        try:
            return float(text)
        except ValueError:
            raise UsageError(
                f"--sampling-strategy {text!r} is not one of {', '.join(NAMED_STRATEGIES)}, a "
                "float, or LABEL:COUNT[,LABEL:COUNT]."
            ) from None
    by_text = {str(label): label for label in labels}
    result = {}
    for part in text.split(","):
        label_text, _, count_text = part.rpartition(":")
        label_text = label_text.strip()
        if label_text not in by_text:
            raise DataError(
                f"--sampling-strategy names class {label_text!r}, which is not in the target "
                f"column; its classes are {', '.join(sorted(by_text))}."
            )
        try:
            result[by_text[label_text]] = int(count_text)
        except ValueError:
            raise UsageError(
                f"--sampling-strategy: the count for class {label_text!r} must be an integer; "
                f"got {count_text!r}."
            ) from None
    return result


def split_names(values) -> list[str]:
    """``--samplers SMOTE,ADASYN`` and ``--samplers SMOTE ADASYN`` both work.

    Examples
    --------
    >>> split_names(["SMOTE,ADASYN", "SMOTE", " tree"])
    ['SMOTE', 'ADASYN', 'tree']
    """
    names = [part.strip() for value in values or [] for part in value.split(",")]
    return list(dict.fromkeys(name for name in names if name))
