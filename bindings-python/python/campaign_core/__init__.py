"""campaign-core: plan, check and analyse regional awareness campaigns.

The domain logic lives in the Rust core; this package converts its JSON results into
Python objects and, on request, pandas DataFrames.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Union

from . import _native
from ._native import (
    CampaignError,
    CsvError,
    DocumentError,
    RefusedError,
    UnknownCountyError,
    __version__,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "Campaign",
    "CampaignError",
    "CsvError",
    "DocumentError",
    "Finding",
    "RefusedError",
    "Report",
    "UnknownCountyError",
    "__version__",
    "check",
    "counties",
]

Options = Union[str, Mapping[str, Any], None]


def _options_json(options: Options) -> Optional[str]:
    if options is None or isinstance(options, str):
        return options
    return json.dumps(options)


@dataclass(frozen=True)
class Finding:
    """One problem found in a calendar."""

    code: str
    severity: str
    message_en: str
    message_sq: str
    visits: List[str] = field(default_factory=list)
    visit_indices: List[int] = field(default_factory=list)
    sessions: List[str] = field(default_factory=list)
    people: List[str] = field(default_factory=list)
    counties: List[str] = field(default_factory=list)
    days: List[str] = field(default_factory=list)
    details: Any = None

    @classmethod
    def _from_dict(cls, d: Mapping[str, Any]) -> "Finding":
        return cls(
            code=d["code"],
            severity=d["severity"],
            message_en=d["message"]["en"],
            message_sq=d["message"]["sq"],
            visits=list(d["visits"]),
            visit_indices=list(d["visit_indices"]),
            sessions=list(d["sessions"]),
            people=list(d["people"]),
            counties=list(d["counties"]),
            days=list(d["days"]),
            details=d["details"],
        )


class Report:
    """The findings of a check, iterable, with counts and a DataFrame view."""

    def __init__(self, data: Mapping[str, Any], text: str = "") -> None:
        self._data = data
        self.findings: List[Finding] = [Finding._from_dict(f) for f in data["findings"]]
        self.counts: Dict[str, int] = dict(data["counts"])
        self.visits: int = data["visits"]
        self.sessions: int = data["sessions"]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def codes(self) -> List[str]:
        """Distinct finding codes in report order."""
        return list(dict.fromkeys(f.code for f in self.findings))

    def to_dict(self) -> Dict[str, Any]:
        """The report as plain JSON-compatible data."""
        return json.loads(json.dumps(self._data))

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per finding."""
        import pandas as pd

        columns = ["code", "severity", "message_en", "message_sq", "visits", "counties", "days", "sessions", "people"]
        rows = [{c: getattr(f, c) for c in columns} for f in self.findings]
        return pd.DataFrame(rows, columns=columns)

    def _repr_html_(self) -> str:
        return self.to_pandas()[["severity", "code", "message_en"]].to_html(index=False)

    def __repr__(self) -> str:
        c = self.counts
        return f"<Report {len(self.findings)} findings: {c['error']} errors, {c['warning']} warnings, {c['info']} info>"


class Campaign:
    """A validated campaign document."""

    __slots__ = ("_native",)

    def __init__(self, native: "_native.NativeCampaign") -> None:
        self._native = native

    @classmethod
    def from_json(cls, text: str) -> "Campaign":
        """Parse and validate a JSON document; raises DocumentError with `.path`."""
        return cls(_native.NativeCampaign.from_json(text))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Campaign":
        """Validate a document given as a dict."""
        return cls.from_json(json.dumps(data))

    @classmethod
    def from_csv(cls, text: str, name_sq: str = "Kalendar", name_en: str = "Calendar") -> "Campaign":
        """Read a CSV calendar; raises CsvError with `.line` and `.column`."""
        return cls(_native.NativeCampaign.from_csv(text, name_sq, name_en))

    @classmethod
    def builtin_2017(cls) -> "Campaign":
        """The 2017 campaign "Choose opportunities, not irregular migration!"."""
        return cls(_native.NativeCampaign.builtin_2017())

    def to_json(self) -> str:
        """The document as JSON text."""
        return self._native.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The document as a dict."""
        return json.loads(self._native.to_json())

    def to_csv(self) -> str:
        """The calendar as CSV."""
        return self._native.to_csv()

    def check(self, options: Options = None) -> Report:
        """Run every rule; `options` is a CheckOptions dict or JSON text."""
        return Report(json.loads(self._native.check(_options_json(options))))

    def report_text(self, lang: str = "en", options: Options = None) -> str:
        """The check report as readable text, in 'en' or 'sq'."""
        return self._native.report_text(lang, _options_json(options))

    def summary(self, lang: str = "en") -> str:
        """A readable summary of the campaign."""
        return self._native.summary(lang)

    def __getstate__(self) -> str:
        return self.to_json()

    def __setstate__(self, state: str) -> None:
        self._native = _native.NativeCampaign.from_json(state)

    def __repr__(self) -> str:
        d = self.to_dict()
        return f"<Campaign {d['name']['en']!r}: {len(d['visits'])} visits>"


def check(document: Union[Campaign, str, Mapping[str, Any]], options: Options = None) -> Report:
    """Check a campaign given as a Campaign, JSON text or dict."""
    if isinstance(document, Campaign):
        campaign = document
    elif isinstance(document, str):
        campaign = Campaign.from_json(document)
    else:
        campaign = Campaign.from_dict(document)
    return campaign.check(options)


def counties() -> List[Dict[str, Any]]:
    """Albania's 12 counties: code, names, seat, coordinates and population figures."""
    return list(json.loads(_native.counties_json())["regions"])
