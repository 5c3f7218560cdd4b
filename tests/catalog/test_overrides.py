"""Files from the system-wide and per-user folders never replace the organisation's silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from socially_aware.catalog.loader import DEPLOYMENT_FILE, load_catalog
from socially_aware.catalog.model import Origin
from tests.catalog.samples import BUNDLED_ORG, good, write_folder

LOCK = "schema: 1\nlock_organisation: true\n"


def _rogue_org(folder: Path, domain: str = "rogue.example") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "organisation.yaml"
    text = BUNDLED_ORG.read_text(encoding="utf-8")
    start = text.index("  email_domains:")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"  email_domains: [{domain}]" + text[end:])
    return path


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    bundled = write_folder(tmp_path / "bundled", {"demo": good(), "keep": good("keep", "Keep")})
    return bundled, tmp_path / "system", tmp_path / "user"


def test_nothing_outside_the_bundle_means_no_overrides(folders: tuple[Path, Path, Path]) -> None:
    catalog = load_catalog(folders)
    assert catalog.overrides == () and catalog.notices() == []


@pytest.mark.parametrize("domain", ["rogue.example", "gmail.com", "border.gov.au.example.net"])
def test_a_per_user_organisation_profile_is_recorded_and_announced(
    folders: tuple[Path, Path, Path], domain: str
) -> None:
    bundled, _system, user = folders
    mine = _rogue_org(user, domain)
    catalog = load_catalog(folders)
    assert catalog.organisation.email_domains == (domain,)
    (override,) = catalog.overrides
    assert (override.path, override.origin, override.subject, override.replaces) == (
        mine,
        Origin.USER,
        "organisation",
        bundled / "organisation.yaml",
    )
    assert not override.ignored
    (notice,) = catalog.notices()
    assert str(mine) in notice and "organisation profile" in notice


def test_per_user_and_system_platform_files_are_recorded_with_what_they_replace(
    folders: tuple[Path, Path, Path],
) -> None:
    bundled, system, user = folders
    write_folder(system, {"demo": good("demo", "Demo (IT)"), "extra": good("extra", "Extra")}, org=False)
    write_folder(user, {"demo": good("demo", "Demo (mine)")}, org=False)
    catalog = load_catalog(folders)
    seen = {(o.path, o.origin, o.replaces) for o in catalog.overrides}
    assert seen == {
        (system / "demo.yaml", Origin.SYSTEM, bundled / "demo.yaml"),
        (system / "extra.yaml", Origin.SYSTEM, None),
        (user / "demo.yaml", Origin.USER, system / "demo.yaml"),
    }
    assert catalog.platform("demo").name == "Demo (mine)"
    assert catalog.notices() == []  # a platform file is listed in Settings, the organisation is what needs a banner


def test_a_system_organisation_profile_is_listed_but_not_announced(folders: tuple[Path, Path, Path]) -> None:
    bundled, system, _user = folders
    _rogue_org(system, "agency.example")
    catalog = load_catalog(folders)
    (override,) = catalog.overrides
    assert override.origin is Origin.SYSTEM and override.replaces == bundled / "organisation.yaml"
    assert catalog.notices() == []


@pytest.mark.parametrize("user_domain", ["rogue.example", "gmail.com"])
def test_it_can_lock_the_organisation_profile(folders: tuple[Path, Path, Path], user_domain: str) -> None:
    bundled, system, user = folders
    system.mkdir()
    (system / DEPLOYMENT_FILE).write_text(LOCK)
    mine = _rogue_org(user, user_domain)
    catalog = load_catalog(folders)
    assert catalog.organisation_locked
    assert user_domain not in catalog.organisation.email_domains
    assert catalog.organisation.source == bundled / "organisation.yaml"
    (override,) = [o for o in catalog.overrides if o.subject == "organisation"]
    assert override.path == mine and override.ignored
    (lock,) = [o for o in catalog.overrides if o.path.name == DEPLOYMENT_FILE]
    assert "locks the organisation profile" in lock.describe() and str(system / DEPLOYMENT_FILE) in lock.describe()
    (notice,) = catalog.notices()
    assert "locked" in notice and "ignored" in notice and str(mine) in notice


def test_a_locked_profile_still_takes_the_system_wide_copy(folders: tuple[Path, Path, Path]) -> None:
    _bundled, system, user = folders
    _rogue_org(system, "agency.example")
    (system / DEPLOYMENT_FILE).write_text(LOCK)
    _rogue_org(user, "rogue.example")
    catalog = load_catalog(folders)
    assert catalog.organisation.email_domains == ("agency.example",)
    assert [o.origin for o in catalog.overrides] == [Origin.SYSTEM, Origin.SYSTEM, Origin.USER]
    assert [bool(o.ignored) for o in catalog.overrides] == [False, False, True]


@pytest.mark.parametrize("text", [LOCK, "schema: 1\nlock_organisation: false\n"])
def test_a_lock_in_the_per_user_folder_has_no_effect_and_says_so(folders: tuple[Path, Path, Path], text: str) -> None:
    _bundled, _system, user = folders
    user.mkdir()
    (user / DEPLOYMENT_FILE).write_text(text)
    catalog = load_catalog(folders)
    assert not catalog.organisation_locked
    (override,) = catalog.overrides
    assert override.ignored and "system-wide" in override.describe()


@pytest.mark.parametrize(
    "text", ["schema: 1\nlock_organisation: yes\n", "schema: 1\nlock: true\n", "lock_organisation: true\n"]
)
def test_a_broken_deployment_file_is_a_problem(folders: tuple[Path, Path, Path], text: str) -> None:
    _bundled, system, _user = folders
    system.mkdir()
    (system / DEPLOYMENT_FILE).write_text(text)
    catalog = load_catalog(folders)
    assert {p.path.name for p in catalog.problems} == {DEPLOYMENT_FILE}
    assert not catalog.organisation_locked


def test_overrides_describe_themselves_in_plain_words(folders: tuple[Path, Path, Path]) -> None:
    bundled, _system, user = folders
    write_folder(user, {"demo": good("demo", "Demo (mine)")}, org=False)
    (override,) = load_catalog(folders).overrides
    text = override.describe()
    assert str(user / "demo.yaml") in text and str(bundled / "demo.yaml") in text and "your own folder" in text


def test_a_broken_per_user_file_is_a_problem_not_an_override(folders: tuple[Path, Path, Path]) -> None:
    _bundled, _system, user = folders
    write_folder(user, {"demo": "platform: [\n"}, org=False)
    catalog = load_catalog(folders)
    assert catalog.overrides == () and catalog.problems


def test_the_command_line_says_when_a_per_user_profile_decides_the_official_domains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from socially_aware.cli import main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    mine = _rogue_org(tmp_path / "config" / "SociallyAware" / "checklists", "rogue.example")
    assert main(["accounts", "queries"]) == 0
    captured = capsys.readouterr()
    assert "rogue.example" in captured.out
    assert str(mine) in captured.err and "organisation profile" in captured.err
