"""Bounded by count, not only by size (issue 21 item 4): a still image made of many empty
segments, fill bytes or chunks is refused by the count budgets of `limits`, by inspection as well
as by cleaning, before Pillow lists them one by one. Time and memory of full-size floods are
measured by benchmarks/scrub_flood.py, not here."""

from __future__ import annotations

from pathlib import Path

import pytest

from socially_aware.scrubber import CleanOptions, Outcome, clean_file, inspect_file, limits, reencode
from tests.scrubber.floods import floods

COUNT = limits.MAX_SEGMENTS + limits.MAX_STILL_CHUNKS  # just beyond both budgets, whatever the flood
CASES = floods(1)  # names only; each test builds its own at a small size


def _sized(name: str) -> bytes:
    """The named flood with about COUNT repeated elements (a few MB at most)."""
    per_element = {"PNG": 12, "WebP": 8}.get(name.split(":")[0], 4 if "fill" not in name else 1)
    if "stray" in name:
        per_element = 5
    if "restart" in name:
        per_element = 2
    return floods(COUNT * per_element)[name]()


@pytest.fixture
def pillow_never_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: bytes) -> None:
        raise AssertionError("Pillow opened a file the count budget should have refused")

    monkeypatch.setattr(reencode, "open_image", refuse)


@pytest.mark.parametrize("name", [n for n in CASES if "restart" not in n])
def test_a_flood_is_refused_before_pillow_sees_it(name: str, tmp_path: Path, pillow_never_opens: None) -> None:
    suffix = {"JPEG": ".jpg", "PNG": ".png", "WebP": ".webp"}[name.split(":")[0]]
    path = tmp_path / f"flood{suffix}"
    path.write_bytes(_sized(name))
    inspection = inspect_file(path)
    assert inspection.error is not None and "far more than any photo" in inspection.error
    result = clean_file(path, tmp_path / "out" / path.name, CleanOptions())
    assert result.outcome is Outcome.FAILED and "far more than any photo" in result.message
    assert not (tmp_path / "out" / path.name).exists()


def test_restart_markers_beyond_the_frame_are_cut_off(tmp_path: Path) -> None:
    """Restart markers are not segments: a scan followed by many of them is cleaned, and the
    cleaned file holds only the markers its restart interval defines."""
    path = tmp_path / "restarts.jpg"
    path.write_bytes(_sized("JPEG: restart markers after the scan"))
    result = clean_file(path, tmp_path / "out.jpg", CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    assert any("restart markers" in name for name in result.removed)
    assert (tmp_path / "out.jpg").stat().st_size < 10_000


def test_each_budget_is_defined_once_in_limits() -> None:
    """Two engineers once both added MAX_CHUNKS: the second silently replaced the first."""
    import ast
    from collections import Counter

    tree = ast.parse(Path(limits.__file__).read_text())
    names = Counter(
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    )
    assert [name for name, count in names.items() if count > 1] == []
