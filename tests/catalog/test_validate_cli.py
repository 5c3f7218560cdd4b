"""`socially-aware validate`: the same checks as the app, for people who write checklists."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from socially_aware.cli import main
from tests.catalog.samples import good, write_folder


def test_clean_folder_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path, {"demo": good()})
    assert main(["validate", str(folder)]) == 0
    assert "2 file(s) checked, no problems" in capsys.readouterr().out


def test_broken_yaml_exits_non_zero_naming_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path, {"demo": good(), "broken": "schema: 1\nplatform: [\n"})
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{folder / 'broken.yaml'}:3: YAML syntax" in out
    assert "1 problem(s) in 1 of 3 file(s)" in out


def test_single_file_uses_the_profile_beside_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path, {"demo": good().replace("[geotagging]", "[nowhere]")})
    assert main(["validate", str(folder / "demo.yaml")]) == 1
    assert "items[1].policy[0]: 'nowhere' is not a policy section" in capsys.readouterr().out


def test_missing_path_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def _checked(text: str, first: str, second: str) -> str:
    """The sample with its two items checked on these days (ISO dates)."""
    text = text.replace("    checked: 2026-11-20\n", f"    checked: {first}\n", 1)
    head, _, tail = text.partition(f"    checked: {first}\n")
    return head + f"    checked: {first}\n" + tail.replace("    checked: 2026-11-20\n", f"    checked: {second}\n", 1)


def test_stale_lists_old_and_unchecked_items_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today = date.today()
    old, recent = (today - timedelta(days=400)).isoformat(), (today - timedelta(days=10)).isoformat()
    folder = write_folder(
        tmp_path,
        {
            "fresh": _checked(good("fresh", "Fresh"), recent, recent),
            "mixed": _checked(good("mixed", "Mixed"), old, recent),
            "old": _checked(good("old", "Old"), old, old),
        },
    )
    assert main(["validate", "--stale", "180", str(folder)]) == 3
    out = capsys.readouterr().out
    assert "fresh.yaml" not in out
    mixed = out[out.index("mixed.yaml") :]
    assert f"hide-employer: checked {old} (400 days ago)" in mixed
    assert "location-off" not in mixed.split("old.yaml")[0]
    stale = out[out.index("old.yaml") :]
    assert "hide-employer: checked" in stale and "location-off: checked" in stale
    assert "3 of 6 item(s) in 2 of 3 platform file(s)" in out


def test_an_item_never_checked_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path, {"demo": good().replace("    checked: 2026-11-20\n", "", 1)})
    assert main(["validate", str(folder)]) == 1
    assert "items[0]: the required key 'checked' is missing" in capsys.readouterr().out


@pytest.mark.parametrize(("days", "code"), [("401", 0), ("400", 0), ("399", 3), ("0", 3)])
def test_stale_exit_code_says_whether_any_item_is_older_than_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], days: str, code: int
) -> None:
    when = (date.today() - timedelta(days=400)).isoformat()
    folder = write_folder(tmp_path, {"demo": _checked(good(), when, when)})
    assert main(["validate", "--stale", days, str(folder)]) == code
    out = capsys.readouterr().out
    assert ("no item was checked more than" in out) == (code == 0)


@pytest.mark.parametrize("days", ["-1", "soon", "1.5"])
def test_stale_refuses_a_number_of_days_that_is_not_one(tmp_path: Path, days: str) -> None:
    folder = write_folder(tmp_path, {"demo": good()})
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--stale", days, str(folder)])
    assert exit_.value.code == 2


def test_problems_win_over_staleness(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path, {"demo": good(), "broken": "schema: 1\nplatform: [\n"})
    assert main(["validate", "--stale", "0", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "YAML syntax" in out and "hide-employer: checked 2026-11-20" in out


def test_validate_escapes_control_characters_in_what_it_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path, {"demo": good().replace("Remove your employer", '"\\e]52;c;aGk=\\a\\u202e"')})
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
