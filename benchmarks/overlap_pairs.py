"""Team overlaps on generated calendars: campaign-core against its anchors, in one run.

Run: .venv/bin/python benchmarks/overlap_pairs.py [--quick] [--write]

For each generated calendar (10^3 to 10^5 visits, 20 teams, sparse and dense, visits of
1-3 days over several years) it times, on the same data:
- brute force: every pair compared (O(n²), on a prefix of at most 3,000 visits);
- intervaltree: one tree per team, each visit queried against it;
- the pandas sweep an analyst writes in a few lines: sort by team and start, then for
  each visit the following visits of its team that start before it ends (a loop over
  visits, `searchsorted` for the end), the pairs as a list;
- the same sweep vectorised with numpy (`repeat`/`cumsum`, pairs as two arrays), the
  fastest anchor we know of;
- campaign-core from dicts: `Campaign.from_dict` → `check` → iterate the findings;
- campaign-core from a DataFrame: `Campaign.from_frame` → `check` → `Report.to_pandas()`;
- the core alone: `check` on a campaign already in memory (document → report);
- the `campaign` command on the same calendar as a JSON file (text report, to /dev/null).
Every rule but TEAM_OVERLAP is switched off and the limit on listed findings is lifted,
so every pair is listed; the script asserts that all methods give the same pairs.
`--write` replaces the overlap section of BENCHMARKS.md with the figures; `--quick`
runs the two smallest calendars (about a minute: a check that the script still works).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Set, Tuple

import numpy as np
import pandas as pd

import campaign_core as cc
from bench_markdown import replace_section

ROOT = Path(__file__).resolve().parents[1]
COUNTIES = ["AL-01", "AL-02", "AL-03", "AL-04", "AL-05", "AL-06", "AL-07", "AL-08", "AL-09", "AL-10", "AL-11", "AL-12"]
OPTIONS = {"disabled": [c for c in [
    "PERSON_DOUBLE_BOOKED", "COUNTY_REPEATED", "COUNTY_NOT_COVERED", "WINDOW_TOO_SHORT", "WINDOW_LONGER",
    "PUBLIC_HOLIDAY", "HOLIDAY_NEAR_VISIT", "BLACKOUT_DATE", "WEEKEND", "OUTSIDE_SCHOOL_CALENDAR", "TRAVEL_TIME",
    "THRESHOLD_AT_RISK", "MATERIAL_SHORTAGE", "OUTSIDE_PERIOD", "OUTSIDE_ROUND", "TIMETABLE_NOT_CONFIRMED"]],
    "max_findings_per_rule": None}
Pairs = Set[Tuple[int, int]]
# Rounds of timed runs (the best of them is kept): a few seconds at 10^5 visits.
ROUNDS = 7
Output = object


def calendar(n: int, days: int, seed: int) -> pd.DataFrame:
    """n visits of 20 teams, starting on one of `days` days from 2010-01-04, 1-3 days long
    (at most 60,000 days: the library reads dates up to 2199-12-31)."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2010-01-04") + rng.integers(0, days, n).astype("timedelta64[D]")
    return pd.DataFrame({
        "id": [f"v{i}" for i in range(n)],
        "county": np.array(COUNTIES, dtype=object)[rng.integers(0, 12, n)],
        "first_day": start,
        "last_day": start + rng.integers(0, 3, n).astype("timedelta64[D]"),
        "team": np.array([f"t{k}" for k in range(20)], dtype=object)[rng.integers(0, 20, n)],
    })


def documents(df: pd.DataFrame) -> Dict[str, Any]:
    visits = [{"id": i, "county": c, "first_day": str(f)[:10], "last_day": str(l)[:10], "team": t}
              for i, c, f, l, t in zip(df["id"], df["county"], df["first_day"].astype(str), df["last_day"].astype(str), df["team"])]
    teams = [{"id": t} for t in sorted(set(df["team"]))]
    return {"format_version": 1, "name": {"sq": "Provë", "en": "Benchmark"}, "teams": teams, "visits": visits}


def brute_force(df: pd.DataFrame) -> List[Tuple[int, int]]:
    team = df["team"].to_numpy()
    s = df["first_day"].to_numpy()
    e = df["last_day"].to_numpy()
    out: List[Tuple[int, int]] = []
    for i in range(len(df)):
        hit = np.nonzero((team[i + 1:] == team[i]) & (s[i + 1:] <= e[i]) & (s[i] <= e[i + 1:]))[0]
        out.extend((i, i + 1 + int(j)) for j in hit)
    return out


def pandas_sweep(df: pd.DataFrame) -> List[Tuple[int, int]]:
    """The few lines: sort, then per visit the later visits of its team starting before its end."""
    pairs: List[Tuple[int, int]] = []
    for _, g in df.sort_values(["team", "first_day"]).groupby("team", sort=False):
        idx, s, e = g.index.to_numpy(), g["first_day"].to_numpy(), g["last_day"].to_numpy()
        hi = np.searchsorted(s, e, side="right")
        for i in range(len(g)):
            pairs.extend((idx[i], idx[j]) for j in range(i + 1, hi[i]))
    return pairs


def numpy_sweep(df: pd.DataFrame) -> pd.DataFrame:
    """The same sweep vectorised: no Python loop, pairs as two arrays."""
    order = df.sort_values(["team", "first_day"], kind="stable").index.to_numpy()
    team = df["team"].to_numpy()[order]
    s = df["first_day"].to_numpy()[order].astype("int64")
    e = df["last_day"].to_numpy()[order].astype("int64")
    key = pd.factorize(team)[0].astype("int64") << 40
    hi = np.searchsorted(key + s, key + e, side="right")
    counts = hi - np.arange(len(order)) - 1
    first = np.repeat(np.arange(len(order)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return pd.DataFrame({"a": order[first], "b": order[first + 1 + offsets]})


def interval_tree(df: pd.DataFrame) -> List[Tuple[int, int]]:
    from intervaltree import IntervalTree  # type: ignore[import-untyped]

    out: List[Tuple[int, int]] = []
    s = df["first_day"].to_numpy().astype("int64")
    e = df["last_day"].to_numpy().astype("int64") + 1
    for _, idx in df.groupby("team").indices.items():
        tree = IntervalTree.from_tuples((int(s[i]), int(e[i]), int(i)) for i in idx)
        for i in idx:
            out.extend((int(i), iv.data) for iv in tree.overlap(int(s[i]), int(e[i])) if iv.data > i)
    return out


def from_dicts(doc: Dict[str, Any]) -> List[List[int]]:
    """The current API: a document as dicts, check, iterate the findings."""
    return [f.visit_indices for f in cc.Campaign.from_dict(doc).check(OPTIONS)]


def from_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A visits DataFrame in, a findings DataFrame out."""
    return cc.Campaign.from_frame(df).check(OPTIONS).to_pandas()


def pairs_of(out: object) -> Pairs:
    """The pairs an output lists (not timed)."""
    if isinstance(out, pd.DataFrame):
        first, second = (out["a"], out["b"]) if "a" in out else (out["visit"], out["other_visit"])
        a, b = first.to_numpy(dtype="int64"), second.to_numpy(dtype="int64")
        return set(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist()))
    return {(min(p), max(p)) for p in out}  # type: ignore[attr-defined]


def once_with(f: Callable[[], Output]) -> Tuple[float, Output]:
    """One run of `f`: its time and output. The cyclic GC first collects everything (not
    timed), so no method pays for what another left; the run ends with a collection of
    the youngest generation (timed), so a method pays for the objects it leaves the
    collector."""
    gc.collect()
    t0 = time.perf_counter()
    result = f()
    gc.collect(0)
    return time.perf_counter() - t0, result


def once(f: Callable[[], Output]) -> float:
    """The time of one run of `f` ([`once_with`]); the output is dropped after the time."""
    return once_with(f)[0]


def rounds(methods: Dict[str, Callable[[], Output]], repeat: int) -> Dict[str, float]:
    """The best of `repeat` runs of each method, run in rounds (each method once per round):
    this machine's pace drifts by up to 2x over minutes, and rounds spread a slow minute
    over all methods rather than onto one. No output is kept between runs, so every run
    finds the same objects alive (the collector's work depends on them)."""
    best: Dict[str, float] = {}
    for _ in range(repeat):
        for name, f in methods.items():
            best[name] = min(once(f), best.get(name, float("inf")))
    return best


def canonical(out: object) -> "np.ndarray":
    """The pairs an output lists, sorted, as an array (which the collector skips)."""
    return np.array(sorted(pairs_of(out)), dtype=np.int64).reshape(-1, 2)


def cli_binary() -> Path:
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "campaign-examples"], cwd=ROOT, check=True)
    return ROOT / "target" / "release" / "campaign"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    sizes = [(1_000, 3_650, "sparse"), (1_000, 37, "dense")]
    if not args.quick:
        sizes += [(10_000, 36_500, "sparse"), (10_000, 365, "dense"), (100_000, 60_000, "sparse"), (100_000, 3_650, "dense")]
    cli = cli_binary()
    rows: List[Dict[str, Any]] = []
    for n, days, kind in sizes:
        df = calendar(n, days, seed=n + days)
        doc = documents(df)
        # The best of ROUNDS runs for every method but brute force and intervaltree (once:
        # seconds each at 10^5); one run at 10^5 varies by up to 2x on this 2-core machine.
        prefix = df.iloc[: min(n, 3_000)].reset_index(drop=True)
        t_brute = once(lambda: brute_force(prefix))
        assert pairs_of(brute_force(prefix)) == pairs_of(pandas_sweep(prefix)), "brute force and the sweep disagree"
        want = canonical(pandas_sweep(df))
        t_tree, tree = once_with(lambda: interval_tree(df))
        assert np.array_equal(canonical(tree), want), "intervaltree and the sweep disagree"
        del tree
        campaign = cc.Campaign.from_dict(doc)
        # The calendars, documents and campaign live through every run: frozen, the
        # collector skips them, so no method's collections traverse them and the
        # collection before each run touches only what the last run left.
        gc.collect()
        gc.freeze()
        methods: Dict[str, Callable[[], Output]] = {
            "sweep": lambda: pandas_sweep(df),
            "numpy sweep": lambda: numpy_sweep(df),
            "from dicts": lambda: from_dicts(doc),
            "from a DataFrame": lambda: from_frame(df),
        }
        # Every method's pairs, compared before the rounds are timed.
        for name, f in methods.items():
            got = canonical(f())
            assert np.array_equal(got, want), f"{name}: {len(got)} pairs, the sweep {len(want)}"
        best = rounds({**methods, "core alone": lambda: campaign.check(OPTIONS)}, repeat=ROUNDS)
        t_sweep, t_vec, t_dicts, t_frame, t_core = (
            best[k] for k in ("sweep", "numpy sweep", "from dicts", "from a DataFrame", "core alone"))
        gc.unfreeze()
        with tempfile.TemporaryDirectory() as tmp:
            path, opts = Path(tmp) / "calendar.json", Path(tmp) / "options.json"
            path.write_text(json.dumps(doc), encoding="utf-8")
            opts.write_text(json.dumps(OPTIONS), encoding="utf-8")
            t0 = time.perf_counter()
            done = subprocess.run([str(cli), str(path), "--options", str(opts)], stdout=subprocess.DEVNULL)
            t_cli = time.perf_counter() - t0
            assert done.returncode in (0, 1), done
            report = json.loads(subprocess.run([str(cli), str(path), "--options", str(opts), "--json"],
                                               capture_output=True, check=False).stdout)
            cli_pairs = [sorted(f["visit_indices"]) for f in report["findings"]]
            assert np.array_equal(canonical(cli_pairs), want), "the command line and the sweep disagree"
        rows.append({"visits": n, "kind": kind, "pairs": len(want), "brute": t_brute, "brute_n": len(prefix),
                     "tree": t_tree, "sweep": t_sweep, "vec": t_vec, "dicts": t_dicts, "frame": t_frame,
                     "core": t_core, "cli": t_cli})
        print(f"{n:>7} {kind:<6} {len(want):>8} pairs | brute({len(prefix)}) {t_brute:7.3f}s | intervaltree {t_tree:7.3f}s | "
              f"pandas sweep {t_sweep:6.3f}s | numpy sweep {t_vec:6.3f}s | from dicts {t_dicts:6.3f}s | "
              f"from frame {t_frame:6.3f}s | core {t_core:7.4f}s | command {t_cli:6.3f}s", flush=True)
    if args.write:
        write(rows)


def write(rows: List[Dict[str, Any]]) -> None:
    lines = [
        "## Team overlaps: campaign-core against pandas, intervaltree and brute force",
        "",
        "Command: `.venv/bin/python benchmarks/overlap_pairs.py --write` (one run; every method on the same",
        "calendars; the script asserts that all give the same pairs). Calendars: 20 teams, visits of 1-3 days,",
        f"every rule but `TEAM_OVERLAP` off, the limit on listed findings lifted. Times are the best of {ROUNDS} runs",
        "(brute force and intervaltree: one run), taken in rounds (each method once per round, so a slow minute",
        "of this machine falls on all of them); the calendars live through the runs frozen (`gc.freeze()`, so no",
        "method's collections traverse them); before each run the cyclic GC collects what is left (not timed),",
        "and each run ends with a collection of the youngest generation (timed), so a method pays for the",
        "objects it leaves the collector. Each method's time is to its own output (pairs as a list, or as a DataFrame;",
        "campaign-core from dicts: `from_dict` → `check` → `visit_indices` of every finding), not to the set the",
        "script compares. Ratios: the pandas sweep's time divided by campaign-core's, then (second figure) the",
        "vectorised numpy sweep's; above 1 campaign-core is faster.",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}.",
        "",
        "| visits | calendar | pairs | brute force (prefix) | intervaltree | pandas sweep | numpy sweep | from dicts | from a DataFrame | core alone | `campaign` command |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        s, v = r["sweep"], r["vec"]

        def cell(t: float) -> str:
            return f"{t:.4f} s ({s / t:.1f}× / {v / t:.2f}×)"
        lines.append(
            f"| {r['visits']:,} | {r['kind']} | {r['pairs']:,} | {r['brute']:.3f} s ({r['brute_n']:,}) | {r['tree']:.3f} s "
            f"| {s:.3f} s | {v:.3f} s | {cell(r['dicts'])} | {cell(r['frame'])} | {cell(r['core'])} | {r['cli']:.3f} s |")
    replace_section(lines)


if __name__ == "__main__":
    main()
