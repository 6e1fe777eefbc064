"""What a bundled real dataset is: :class:`DatasetInfo`, and :class:`Dataset` as loaded."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import NamedTuple

# Kovacs' (2019) selection of datasets: fewer rows and encoded features than these.
STUDY_MAX_ROWS = 4000
STUDY_MAX_ENCODED = 100


@dataclass(frozen=True)
class DatasetInfo:
    """What a real dataset is: size, balance and feature types.

    Attributes
    ----------
    name : str
    source : str
        Where the problem comes from (KEEL, UCI, PROMISE, ...).
    n_rows, n_features : int
    n_numeric, n_nominal : int
        Numeric and nominal (categorical) feature columns.
    n_encoded : int
        Number of numeric columns after one-hot encoding the nominal ones (a binary nominal
        column counts once).
    n_minority, n_majority : int
        Rows of class 1 (the least frequent original label) and of class 0.
    imbalance_ratio : float
        ``n_majority / n_minority``.
    minority_label : str
        The original label of the minority class (``y == 1``).
    n_missing : int
        Missing feature cells.
    in_study : bool
        One of the 104 datasets of Kovacs (2019): fewer than 4000 rows and fewer than 100
        features after his encoding (which also one-hot encodes numeric columns with 3 or 4
        distinct values), plus ``abalone19``.
    feature_types : dict
        ``{column: "numeric" | "nominal"}``; filled by :func:`load_dataset` only.
    """

    name: str
    source: str
    n_rows: int
    n_features: int
    n_numeric: int
    n_nominal: int
    n_encoded: int
    n_minority: int
    n_majority: int
    imbalance_ratio: float
    minority_label: str
    n_missing: int
    in_study: bool
    feature_types: dict = field(default_factory=dict, compare=False, repr=False)

    def as_dict(self, *, feature_types: bool = True) -> dict:
        out = asdict(self)
        if not feature_types:
            del out["feature_types"]
        return out


class Dataset(NamedTuple):
    """A loaded dataset; unpacks as ``X, y, info = load_dataset(name)``."""

    X: object
    y: object
    info: DatasetInfo
