"""The analysts' notebook runs top to bottom (headless, nbclient); any failing cell fails the test."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "notebooks" / "participation.ipynb"


def test_participation_notebook_runs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    # The timeline SVG, a DataFrame as HTML and the matplotlib figure were all produced.
    kinds = {k for o in outputs for k in o.get("data", {})}
    assert {"image/svg+xml", "text/html", "image/png"} <= kinds
    text = "".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", "")) for o in outputs)
    assert "kukes-2017" in text or "Kukës" in text
