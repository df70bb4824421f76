"""Load and aggregate 1,000,000 attendance rows from a DataFrame: campaign-core vs plain pandas.

Run: .venv/bin/python benchmarks/python_attendance.py [rows]
Both sides start from the same DataFrame and produce participants by county, by audience
and by sex, and the workshop threshold results; the time includes campaign-core's
conversion of the columns. Prints the median of 5 runs of each.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any, Callable, Tuple

import numpy as np
import pandas as pd

import campaign_core as cc



def positive(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n} rows: give at least 1")
    return n


_args = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
_args.add_argument("rows", nargs="?", type=positive, default=1_000_000, help="attendance rows to generate (default 1,000,000)")
ROWS: int = _args.parse_args().rows
campaign = cc.Campaign.builtin_2017()
doc = campaign.to_dict()
visits = [v["id"] for v in doc["visits"]]
county_of = {v["id"]: v["county"] for v in doc["visits"]}
sessions = ["committee", "workshop", "civil_society", "education_staff", "employment_office", "school"]
audiences = ["anti_trafficking_committee", "education_staff", "civil_society", "upper_secondary_students", "teachers"]

rng = np.random.default_rng(42)
s = rng.integers(0, len(sessions), ROWS)
female = rng.integers(0, 30, ROWS)
male = rng.integers(0, 30, ROWS)
df = pd.DataFrame({
    "visit": np.array(visits, dtype=object)[rng.integers(0, len(visits), ROWS)],
    "session": np.array(sessions, dtype=object)[s],
    "repetition": np.where(s == 5, rng.integers(1, 5, ROWS), 1),
    "audience": np.array(audiences, dtype=object)[rng.integers(0, len(audiences), ROWS)],
    "female": female, "male": male, "sex_not_recorded": 0,
    "under_18": female, "adult": male, "age_not_recorded": 0,
})


def with_core() -> Tuple[Any, ...]:
    a = cc.Attendance.from_frame(campaign, df)
    return (a.participation("county"), a.participation("audience"), a.participation("sex"), a.threshold_results())


def with_pandas() -> Tuple[Any, ...]:
    total = df["female"] + df["male"] + df["sex_not_recorded"]
    frame = df.assign(participants=total, county=df["visit"].map(county_of))
    by_county = frame.groupby("county")["participants"].sum()
    by_audience = frame.groupby("audience")["participants"].sum()
    by_sex = frame[["female", "male", "sex_not_recorded"]].sum()
    workshops = frame[frame["session"] == "workshop"].groupby("visit")["participants"].sum()
    thresholds = pd.DataFrame({"actual": workshops, "met": workshops >= 31})
    return (by_county, by_audience, by_sex, thresholds)


def median_ms(fn: Callable[[], object]) -> float:
    fn()
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs)


core, plain = median_ms(with_core), median_ms(with_pandas)
# Same answers.
c = with_core()
p = with_pandas()
assert c[0].set_index("county")["participants"].astype(int).to_dict() == p[0].astype(int).to_dict()
assert c[2].set_index("sex")["participants"].astype(int).tolist() == p[2].astype(int).tolist()
print(f"rows: {ROWS:,}  pandas {pd.__version__}  numpy {np.__version__}")
print(f"campaign-core (conversion + aggregation): {core:8.1f} ms")
print(f"plain pandas  (same aggregations):        {plain:8.1f} ms")
