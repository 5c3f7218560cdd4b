"""Loading checklist folders: good files become a catalog, bad ones a precise problem each."""

from __future__ import annotations

import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.model import Surface, Theme
from tests.catalog.samples import good, write_folder


def test_good_folder_loads_with_placeholders_filled(tmp_path: Path) -> None:
    catalog = load_catalog([write_folder(tmp_path, {"demo": good()})])
    assert catalog.problems == ()
    platform = catalog.platform("demo")
    assert platform is not None
    item = catalog.item("demo/hide-employer")
    assert item is not None and item.theme is Theme.EMPLOYER
    assert "the Department" in item.why and "{org" not in item.why
    assert item.steps[Surface.WEB] == ('Open "Edit profile".', 'Clear "Workplace".')
    assert platform.reviewed.isoformat() == "2026-11-24"
    org = catalog.organisation
    assert {"homeaffairs.gov.au", "abf.gov.au", "border.gov.au", "mbc.gov.au", "mara.gov.au"} <= set(org.email_domains)
    assert {"immi.gov.au", "customs.gov.au"} <= set(org.all_email_domains) - set(org.email_domains)


def test_an_item_names_the_page_that_backs_it(tmp_path: Path) -> None:
    backed = _break(
        G,
        "    source: https://www.example.com/help/employer\n",
        "    source: https://www.example.com/help/article-1\n    confirmed: false\n",
    )
    catalog = load_catalog([write_folder(tmp_path, {"demo": backed})])
    item, other = catalog.item("demo/hide-employer"), catalog.item("demo/location-off")
    assert item is not None and other is not None
    assert (item.source, item.checked, item.confirmed) == (
        "https://www.example.com/help/article-1",
        date(2026, 11, 20),
        False,
    )
    assert (other.source, other.checked, other.confirmed) == (
        "https://www.example.com/help/location",
        date(2026, 11, 20),
        True,
    )


def _break(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


G = good()
BAD_FILES = {
    "yaml syntax": (G.replace("    revision: 1\n", "    revision: [1\n", 1), 13, None, "YAML syntax"),
    "unknown key": (
        _break(G, "    revision: 1\n", "    revision: 1\n    colour: red\n"),
        13,
        "items[0].colour",
        "unknown key 'colour'",
    ),
    "missing field": (
        _break(G, "    verify: View your profile as the public.\n", ""),
        10,
        "items[0]",
        "'verify' is missing",
    ),
    "bad theme": (_break(G, "theme: employer", "theme: career"), 11, "items[0].theme", "'career' is not one of"),
    "http link": (
        _break(G, "https://www.example.com/help/employer", "http://www.example.com/help"),
        22,
        "items[0].link",
        "https://",
    ),
    "javascript link": (
        _break(G, "https://www.example.com/help/employer", "javascript:alert(1)"),
        22,
        "items[0].link",
        "https://",
    ),
    "duplicate item id": (_break(G, "id: location-off", "id: hide-employer"), 26, "items[1].id", "used twice"),
    "duplicate yaml key": (
        _break(G, "    revision: 2\n", "    revision: 2\n    revision: 3\n"),
        29,
        None,
        "appears twice",
    ),
    "unknown placeholder": (
        _break(G, "Remove your employer", "Remove {org.secret}"),
        13,
        "items[0].title",
        "unknown placeholder {org.secret}",
    ),
    "unknown policy id": (
        _break(G, "[geotagging]", "[no-such-section]"),
        31,
        "items[1].policy[0]",
        "'no-such-section' is not a policy section",
    ),
    "empty steps": (
        _break(G, '      all:\n        - Open "Settings".\n', "      all: []\n"),
        33,
        "items[1].steps.all",
        "must not be empty",
    ),
    "impossible date": (_break(G, "2026-11-24", "2026-02-30"), 6, "platform.reviewed", "not a real date"),
    "python tag": (_break(G, "revision: 1", "revision: !!python/object:os.system 1"), 12, None, "tag"),
    "impossible checked date": (
        _break(G, "checked: 2026-11-20", "checked: 2026-02-30"),
        25,
        "items[0].checked",
        "not a real date",
    ),
    "no source": (
        _break(G, "    source: https://www.example.com/help/employer\n", ""),
        10,
        "items[0]",
        "'source' is missing",
    ),
    "wrong id for file name": (_break(G, "id: demo", "id: other"), 3, "platform.id", "must match the file name"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_reported_precisely_and_good_files_still_load(tmp_path: Path, case: str) -> None:
    text, line, field, message = BAD_FILES[case]
    folder = write_folder(tmp_path, {"demo": text, "good": good("good", "Good")})
    catalog = load_catalog([folder])
    assert [p.id for p in catalog.platforms] == ["good"]
    assert len(catalog.problems) == 1, [str(p) for p in catalog.problems]
    problem = catalog.problems[0]
    assert problem.path == folder / "demo.yaml"
    assert problem.line == line, str(problem)
    assert problem.field == field, str(problem)
    assert message in problem.message, str(problem)


def test_billion_laughs_is_refused_quickly_and_cheaply(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    folder = write_folder(tmp_path, {"bomb": "\n".join(lines) + "\n", "good": good("good", "Good")})
    tracemalloc.start()
    started = time.perf_counter()
    catalog = load_catalog([folder])
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.id for p in catalog.platforms] == ["good"]
    assert "anchors or aliases" in catalog.problems[0].message
    # Expanded, this document would hold 9**10 strings; refusing it must cost next to nothing.
    assert peak < 20 * 1024 * 1024 and elapsed < 5


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, {"huge": "# " + "x" * (1024 * 1024 + 10) + "\n"})
    catalog = load_catalog([folder])
    assert catalog.platforms == ()
    assert "at most" in catalog.problems[0].message


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    (folder / "latin.yaml").write_bytes(good("latin", "Latin").encode().replace(b"Latin", b"L\xe2tin", 1))
    catalog = load_catalog([folder])
    assert catalog.problems[0].message == "is not UTF-8 text"
    assert catalog.problems[0].line == 4


def test_later_folders_override_by_platform_id(tmp_path: Path) -> None:
    bundled = write_folder(tmp_path / "bundled", {"demo": good(), "keep": good("keep", "Keep")})
    site = write_folder(tmp_path / "site", {"demo": good("demo", "Demo (site)")}, org=False)
    user = write_folder(tmp_path / "user", {"demo": good("demo", "Demo (user)")}, org=False)
    catalog = load_catalog([bundled, site, user, tmp_path / "missing"])
    assert catalog.problems == ()
    assert {p.id: p.name for p in catalog.platforms} == {"demo": "Demo (user)", "keep": "Keep"}


def test_a_broken_override_keeps_the_earlier_good_version(tmp_path: Path) -> None:
    bundled = write_folder(tmp_path / "bundled", {"demo": good()})
    user = write_folder(tmp_path / "user", {"demo": "platform: [\n"}, org=False)
    catalog = load_catalog([bundled, user])
    assert catalog.platform("demo") is not None and catalog.platform("demo").name == "Demo"
    assert catalog.problems[0].path == user / "demo.yaml"


def test_organisation_override_changes_placeholders(tmp_path: Path) -> None:
    bundled = write_folder(tmp_path / "bundled", {"demo": good()})
    site = write_folder(tmp_path / "site", org=True)
    org = (site / "organisation.yaml").read_text().replace("short_name: the Department", "short_name: the Agency")
    (site / "organisation.yaml").write_text(org)
    catalog = load_catalog([bundled, site])
    assert catalog.organisation.short_name == "the Agency"
    assert "the Agency" in catalog.platforms[0].summary


def test_no_organisation_profile_is_a_problem_but_platforms_load(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, {"demo": good()}, org=False)
    catalog = load_catalog([folder])
    assert "no organisation profile" in catalog.problems[0].message
    assert [p.id for p in catalog.platforms] == ["demo"]


def test_renamed_ids_must_point_at_current_items(tmp_path: Path) -> None:
    ok = good() + "renamed:\n  old-employer: hide-employer\n"
    dangling = good("dangling", "Dangling") + "renamed:\n  old: nowhere\n"
    catalog = load_catalog([write_folder(tmp_path, {"demo": ok, "dangling": dangling})])
    assert catalog.renamed_keys() == {"demo/old-employer": "demo/hide-employer"}
    assert "no item 'nowhere'" in catalog.problems[0].message


def test_every_shipped_checklist_loads_without_problems() -> None:
    from socially_aware.locations import bundled_root

    catalog = load_catalog([bundled_root() / "checklists"])
    assert [str(p) for p in catalog.problems] == []
    assert len(catalog.platforms) >= 4
    keys = [i.key for i in catalog.items()]
    assert len(keys) == len(set(keys))
