"""SMOTE on a GPU (PyTorch arrays) end to end, beside smotekit and imbalanced-learn on the CPU.

For each size (default 1M, 3M and 10M rows x 20 float32 features, 10% minority) it times:

* ``device``: ``SMOTE().fit_resample`` on tensors already on the device (kNN, plan,
  interpolation), synchronised;
* ``round trip``: NumPy arrays in, copied to the device, resampled, copied back;
* ``cpu``: smotekit's exact NumPy path, and imbalanced-learn's SMOTE (sizes up to
  ``--cpu-max`` rows, since they take minutes beyond);

and checks exactness: for a sample of synthetic rows, the neighbour each was drawn towards
must be one of its base row's true k nearest (a float64 brute force on the device).
Results go to stdout and, with ``--write``, to ``docs/gpu.md``.

    python benchmarks/bench_gpu.py                      # on a CUDA machine
    python benchmarks/bench_gpu.py --device cpu --sizes 20000 --cpu-max 20000   # smoke run
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time


def make_data(torch, n, d, minority, device, seed=0):
    gen = torch.Generator(device=device).manual_seed(seed)
    X = torch.randn(n, d, generator=gen, device=device, dtype=torch.float32)
    y = (torch.rand(n, generator=gen, device=device) < minority).to(torch.int64)
    X[y == 1] += 0.5  # the minority sits apart a little, as real data does
    return X, y


def sync(torch, device):
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def timed(fn, repeats, torch, device):
    times = []
    out = None
    for _ in range(repeats):
        sync(torch, device)
        start = time.perf_counter()
        out = fn()
        sync(torch, device)
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def check_neighbours(torch, X, y, sampler, k, n_check=2000, seed=1):
    """Share of checked synthetic rows whose neighbour is among its base's true k nearest."""
    parents = sampler.synthetic_parents_
    if parents.shape[0] == 0:
        return 1.0
    gen = torch.Generator(device="cpu").manual_seed(seed)
    pick = torch.randint(0, parents.shape[0], (min(n_check, parents.shape[0]),), generator=gen)
    parents = parents[pick.to(parents.device)]
    minority = torch.nonzero(y == 1).flatten()
    Xm = X[minority].to(torch.float64)
    position = torch.full((X.shape[0],), -1, dtype=torch.int64, device=X.device)
    position[minority] = torch.arange(minority.shape[0], device=X.device)
    base = position[parents[:, 0]]
    hits = 0
    for chunk in torch.split(torch.arange(base.shape[0], device=X.device), 64):
        q = Xm[base[chunk]]
        d2 = ((q[:, None, :] - Xm[None, :, :]) ** 2).sum(-1)
        d2[torch.arange(chunk.shape[0]), base[chunk]] = float("inf")
        kth = torch.topk(d2, k, dim=1, largest=False).values[:, -1]
        chosen = position[parents[chunk, 1]]
        d_chosen = d2[torch.arange(chunk.shape[0]), chosen]
        hits += int((d_chosen <= kth).sum())
    return hits / base.shape[0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 3_000_000, 10_000_000])
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--minority", type=float, default=0.1)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cpu-max", type=int, default=1_000_000)
    parser.add_argument("--write", metavar="PATH", help="write the table as Markdown here")
    args = parser.parse_args(argv)

    import torch

    from smotekit import SMOTE

    if args.device.startswith("cuda") and not torch.cuda.is_available():
        print("no CUDA device: run with --device cpu for a smoke run", file=sys.stderr)
        return 2
    name = torch.cuda.get_device_name() if args.device.startswith("cuda") else platform.processor()
    rows = []
    # Warm-up: the first call pays CUDA context and kernel loading.
    Xw, yw = make_data(torch, 20_000, args.features, args.minority, args.device)
    SMOTE(random_state=0).fit_resample(Xw, yw)
    for n in args.sizes:
        X, y = make_data(torch, n, args.features, args.minority, args.device)
        if args.device.startswith("cuda"):
            torch.cuda.reset_peak_memory_stats()
        sampler = SMOTE(random_state=0)
        t_device, (X_res, _) = timed(
            lambda X=X, y=y, s=sampler: s.fit_resample(X, y), args.repeats, torch, args.device
        )
        peak = torch.cuda.max_memory_allocated() / 2**30 if args.device.startswith("cuda") else 0
        exact = check_neighbours(torch, X, y, sampler, 5)
        X_host, y_host = X.cpu().numpy(), y.cpu().numpy()
        del X_res

        def round_trip(X_host=X_host, y_host=y_host):
            Xd = torch.from_numpy(X_host).to(args.device)
            yd = torch.from_numpy(y_host).to(args.device)
            Xo, yo = SMOTE(random_state=0).fit_resample(Xd, yd)
            return Xo.cpu().numpy(), yo.cpu().numpy()

        t_trip, _ = timed(round_trip, args.repeats, torch, args.device)
        t_cpu = t_imb = None
        if n <= args.cpu_max:
            t_cpu, _ = timed(
                lambda a=X_host, b=y_host: SMOTE(random_state=0).fit_resample(a, b), 1, torch, "cpu"
            )
            try:
                from imblearn.over_sampling import SMOTE as ImbSMOTE
            except ImportError:
                pass
            else:
                t_imb, _ = timed(
                    lambda a=X_host, b=y_host: ImbSMOTE(random_state=0).fit_resample(a, b),
                    1,
                    torch,
                    "cpu",
                )
        n_min = int(y_host.sum())
        rows.append((n, n_min, t_device, t_trip, peak, exact, t_cpu, t_imb))
        print(
            f"{n:>11,} rows ({n_min:,} minority): device {t_device:.3f} s, round trip "
            f"{t_trip:.3f} s, peak {peak:.1f} GiB, neighbours exact {exact:.4f}, "
            f"cpu smotekit {fmt(t_cpu)}, cpu imbalanced-learn {fmt(t_imb)}",
            flush=True,
        )
    if args.write:
        write_markdown(args, name, rows)
    return 0


def fmt(t):
    return "-" if t is None else f"{t:.2f} s"


def write_markdown(args, device_name, rows):
    lines = [
        "# SMOTE on a GPU",
        "",
        "`SMOTE().fit_resample(X, y)` with PyTorch tensors runs the neighbour search and the",
        "interpolation on the tensors' device (see `docs/performance.md` and",
        "`src/smotekit/_array_api/`). Table written by `benchmarks/bench_gpu.py "
        + " ".join(sys.argv[1:])
        + "`.",
        "",
        f"- device: {device_name}; host: {os.cpu_count()} CPU threads; "
        f"{datetime.date.today().isoformat()}",
        f"- data: {args.features} float32 features, {args.minority:.0%} minority, "
        f"median of {args.repeats} runs after a warm-up",
        "- device: tensors already on the device; round trip: NumPy in, NumPy out",
        "- exact: share of 2000 sampled synthetic rows whose neighbour is among its base's "
        "true 5 nearest (float64 brute force)",
        "",
        "| rows | minority | device (s) | round trip (s) | peak GPU memory (GiB) | exact |"
        " smotekit CPU (s) | imbalanced-learn (s) | vs imbalanced-learn |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, n_min, t_dev, t_trip, peak, exact, t_cpu, t_imb in rows:
        ratio = "-" if t_imb is None else f"{t_imb / t_trip:.1f}x"
        lines.append(
            f"| {n:,} | {n_min:,} | {t_dev:.3f} | {t_trip:.3f} | {peak:.1f} | {exact:.4f} | "
            f"{fmt(t_cpu)} | {fmt(t_imb)} | {ratio} |"
        )
    with open(args.write, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
