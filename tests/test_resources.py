"""Resource limits (issue 10, item 8): an output that cannot fit is refused at once.

Every sampler estimates its output's size before allocating anything of that size, in one
place (``BaseSampler._check_output_size``), and refuses with the number of bytes.
"""

from __future__ import annotations

import numpy as np
import pytest

from smotekit import _resources
from smotekit._base import BaseOverSampler
from smotekit._registry import SAMPLERS, sampler_class
from test_common import data, make

GROWING = [
    pytest.param(name, id=name)
    for name in SAMPLERS
    if issubclass(sampler_class(name), BaseOverSampler) or name.startswith("SMOTE")
]


@pytest.mark.parametrize("name", GROWING)
def test_absurd_counts_are_refused_before_any_row_is_drawn(name):
    cls = sampler_class(name)
    X, y = data()
    params = cls._test_params()[0]
    strategy = {2: 10**12}
    if name in ("SMOTETomek", "SMOTEENN"):
        from smotekit import SMOTE

        params = {**params, "smote": SMOTE(sampling_strategy=strategy, random_state=0)}
    else:
        params = {**params, "sampling_strategy": strategy}
    sampler = make(cls, params)
    # 10**12 rows of 4 float64 features and an int64 label (40 bytes), plus the plan of
    # each new row (base, neighbour, step: 24 bytes, and its label): 72e12 bytes, 65.5 TiB.
    with pytest.raises(MemoryError, match=r"1000000000064 rows x 4 features, about 65\.5 TiB"):
        sampler.fit_resample(X, y)


def test_the_refusal_is_also_a_value_error_naming_the_bytes():
    from smotekit import SMOTE

    X, y = data()
    with pytest.raises(ValueError, match=r"\(\d{14} bytes\), more than the .* available"):
        SMOTE(sampling_strategy={2: 10**12}).fit_resample(X, y)


def test_a_cap_set_in_the_environment_applies(monkeypatch):
    from smotekit import SMOTE

    X, y = data()  # 78 rows of 4 float64 features; SMOTE adds 26 + 16 rows by default
    monkeypatch.setenv(_resources.CAP_VARIABLE, "4000")
    with pytest.raises(MemoryError, match=r"120 rows x 4 features.*cap of 3\.9 KiB"):
        SMOTE(random_state=0).fit_resample(X, y)
    monkeypatch.setenv(_resources.CAP_VARIABLE, "100000")
    X_res, _ = SMOTE(random_state=0).fit_resample(X, y)
    assert X_res.shape == (120, 4)


def test_the_memory_available_is_known_and_positive_here():
    room = _resources.available_bytes()
    assert room is not None and room > 0
    assert isinstance(np.int64(room).item(), int)
