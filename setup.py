"""Builds smotekit's compiled kernels (the extension smotekit._native._core) at install time.

Everything else about the package is in pyproject.toml. The build is portable: no
-march=native; the distance tile carries its own AVX2 / AVX-512 versions, chosen when the
module loads (tile.c). No -ffast-math, and no contraction outside the tile, so synthetic
rows round exactly as numpy computes them (exact64.c).
"""

from setuptools import Extension, setup

SOURCES = ["module.c", "threads.c", "tile.c", "knn.c", "exact64.c"]

setup(
    ext_modules=[
        Extension(
            "smotekit._native._core",
            sources=[f"src/smotekit/_native/{name}" for name in SOURCES],
            depends=["src/smotekit/_native/native.h"],
            extra_compile_args=[
                "-O3",
                "-std=c11",
                "-ffp-contract=off",
                "-fno-math-errno",
                "-Wno-psabi",
                "-fvisibility=hidden",
            ],
            extra_link_args=["-pthread"],
        )
    ]
)
