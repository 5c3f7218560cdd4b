"""Load checklist folders into one validated `Catalog`, never failing on a bad file.

Folders are read in order (bundled, system-wide, per-user). A later platform file replaces an
earlier one with the same id and a later `organisation.yaml` replaces the bundled profile, so an
organisation's IT can deploy its own. Each bad file becomes a `LoadProblem` and is skipped; the
last good version of that platform (if any) stays.

Nothing is replaced silently: every file from outside the bundle is recorded as an `Override`
with what it replaced, and a `deployment.yaml` in the system-wide folder can lock the
organisation profile so that per-user copies are ignored (and recorded as such).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from socially_aware.catalog.model import (
    DEPLOYMENT,
    ORGANISATION,
    Catalog,
    Category,
    Item,
    LoadProblem,
    Organisation,
    Origin,
    Override,
    Platform,
    PolicySection,
    Surface,
    Theme,
    WorkSite,
)
from socially_aware.catalog.packkeys import PackKeyError, TrustedKey, parse_public
from socially_aware.catalog.placeholders import fill, placeholder_values, unknown_placeholders
from socially_aware.catalog.schema import (
    MAX_ERRORS_PER_FILE,
    deployment_errors,
    expected_kind,
    field_name,
    organisation_errors,
    platform_errors,
)
from socially_aware.catalog.sources import own_domains, source_problem
from socially_aware.catalog.surprises import surprises
from socially_aware.catalog.yamlnodes import Document, JsonPath, YamlProblem, read_document

ORGANISATION_FILE = "organisation.yaml"
DEPLOYMENT_FILE = "deployment.yaml"
"""Read from the bundled and system-wide folders only: `lock_organisation: true` ignores per-user profiles."""
_NOT_PLATFORMS = (ORGANISATION_FILE, DEPLOYMENT_FILE)
_CATEGORY_ORDER = {c: i for i, c in enumerate(Category)}

# Used only when no organisation profile loads at all, so the app can still start and say why.
FALLBACK_ORGANISATION = Organisation(
    name="your organisation",
    short_name="your organisation",
    acronyms=(),
    email_domains=("example.invalid",),
    corporate_id_pattern=None,
    policy_title="your organisation's social media policy",
    policy_year=0,
    sections=(),
)


class _FileProblems(Exception):
    def __init__(self, problems: list[LoadProblem]) -> None:
        super().__init__(problems)
        self.problems = problems


def default_origins(count: int) -> tuple[Origin, ...]:
    """The first folder is the bundle, the last the person's own, any between are system-wide."""
    if count <= 1:
        return (Origin.BUNDLED,) * count
    return (Origin.BUNDLED, *(Origin.SYSTEM,) * (count - 2), Origin.USER)


def load_catalog(dirs: Sequence[Path], origins: Sequence[Origin] | None = None) -> Catalog:
    origins = tuple(origins) if origins is not None else default_origins(len(dirs))
    problems: list[LoadProblem] = []
    overrides: list[Override] = []
    organisation: Organisation | None = None
    locked = False
    platform_paths: list[tuple[Path, Origin]] = []
    for folder, origin in zip(dirs, origins, strict=True):
        if not folder.is_dir():
            continue
        entries, bad = _entries(folder)
        problems.extend(bad)
        if DEPLOYMENT_FILE in entries:
            path = folder / DEPLOYMENT_FILE
            if origin in (Origin.USER, Origin.PACK):
                overrides.append(
                    Override(
                        path,
                        origin,
                        DEPLOYMENT,
                        "the deployment settings",
                        None,
                        ignored=("deployment settings are read only from the system-wide folder, where IT puts them"),
                    )
                )
            else:
                try:
                    locks = load_deployment(path)
                except _FileProblems as failed:
                    problems.extend(failed.problems)
                else:
                    problems.extend(deployment_keys((folder,), (origin,)).problems)
                    locked = locked or locks
                    if origin is not Origin.BUNDLED:
                        what = (
                            "locks the organisation profile: copies of it in your own folder are ignored"
                            if locks
                            else "leaves the organisation profile unlocked"
                        )
                        overrides.append(Override(path, origin, DEPLOYMENT, what, None))
        if ORGANISATION_FILE in entries:
            path = folder / ORGANISATION_FILE
            if locked and origin is Origin.USER:
                overrides.append(
                    Override(
                        path,
                        origin,
                        ORGANISATION,
                        "the organisation profile",
                        organisation.source if organisation else None,
                        ignored=("your IT team has locked the organisation profile"),
                    )
                )
            else:
                try:
                    loaded = load_organisation(path)
                except _FileProblems as failed:
                    problems.extend(failed.problems)
                else:
                    if origin is not Origin.BUNDLED:
                        overrides.append(
                            Override(
                                path,
                                origin,
                                ORGANISATION,
                                "the organisation profile",
                                organisation.source if organisation else None,
                                _origin_of(organisation.source, dirs, origins) if organisation else None,
                            )
                        )
                    organisation = loaded
        platform_paths.extend((folder / name, origin) for name in sorted(entries) if name not in _NOT_PLATFORMS)
    if organisation is None:
        if not any(p.path.name == ORGANISATION_FILE for p in problems):
            problems.append(LoadProblem(Path(ORGANISATION_FILE), None, None, "no organisation profile was found"))
        organisation = FALLBACK_ORGANISATION

    platforms: dict[str, Platform] = {}
    for path, origin in platform_paths:
        try:
            platform = load_platform(path, organisation)
        except _FileProblems as failed:
            problems.extend(failed.problems)
            continue
        if origin is not Origin.BUNDLED:
            earlier = platforms.get(platform.id)
            before = earlier.source if earlier else None
            overrides.append(
                Override(
                    path,
                    origin,
                    platform.id,
                    f"the {(earlier or platform).name} checklist",
                    before,
                    _origin_of(before, dirs, origins) if before else None,
                )
            )
        platforms[platform.id] = platform
    ordered = sorted(platforms.values(), key=lambda p: (_CATEGORY_ORDER[p.category], p.name.casefold()))
    return Catalog(
        organisation=organisation,
        platforms=tuple(ordered),
        problems=tuple(problems),
        overrides=tuple(overrides),
        organisation_locked=locked,
    )


def _origin_of(path: Path | None, dirs: Sequence[Path], origins: Sequence[Origin]) -> Origin | None:
    return next((o for d, o in zip(dirs, origins, strict=True) if path is not None and path.parent == d), None)


def _entries(folder: Path) -> tuple[set[str], list[LoadProblem]]:
    """Names of the regular `*.yaml` files in `folder`, and a problem for each one that is something
    else (a FIFO would block a reader, a link to /dev/zero would never end, a folder can't be read)."""
    names: set[str] = set()
    problems: list[LoadProblem] = []
    for path in folder.glob("*.yaml"):
        try:
            regular = path.is_file()
        except OSError:
            regular = False
        if regular:
            names.add(path.name)
        else:
            problems.append(
                LoadProblem(
                    path, None, None, "is not a regular file (a folder, device, pipe or broken link), so it was skipped"
                )
            )
    return names, sorted_problems(problems)


def sorted_problems(problems: list[LoadProblem]) -> list[LoadProblem]:
    return sorted(problems, key=lambda p: str(p.path))


@dataclass(frozen=True)
class Checked:
    """What `check_paths` found: the platforms that loaded and every problem."""

    platforms: tuple[Platform, ...]
    problems: tuple[LoadProblem, ...]
    files: int


def check_paths(paths: Iterable[Path], organisation: Organisation | None = None) -> Checked:
    """Check the given files and folders. Platform files are checked against the
    `organisation.yaml` beside them, else against `organisation` (the bundled profile)."""
    problems: list[LoadProblem] = []
    platforms: list[Platform] = []
    count = 0
    for path in paths:
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        count += len(files)
        local_org = organisation
        org_path = (path if path.is_dir() else path.parent) / ORGANISATION_FILE
        if org_path.is_file():
            with contextlib.suppress(_FileProblems):  # reported below when the file itself is in the list
                local_org = load_organisation(org_path)
        for file in files:
            try:
                if file.name == ORGANISATION_FILE:
                    load_organisation(file)
                elif file.name == DEPLOYMENT_FILE:
                    load_deployment(file)
                else:
                    platforms.append(load_platform(file, local_org or FALLBACK_ORGANISATION))
            except _FileProblems as bad:
                problems.extend(bad.problems)
    return Checked(tuple(platforms), tuple(problems), count)


def validate_paths(paths: Iterable[Path], organisation: Organisation | None = None) -> list[LoadProblem]:
    """Every problem in the given files and folders (see `check_paths`)."""
    return list(check_paths(paths, organisation).problems)


def _read(path: Path) -> Document:
    try:
        return read_document(path)
    except YamlProblem as error:
        raise _FileProblems([LoadProblem(path, error.line, None, error.message)]) from error


def _schema_problems(path: Path, doc: Document, definition: str, errors: Iterable[tuple[JsonPath, str]]) -> None:
    """Surprises first (they explain the schema error at the same place), then the schema's errors."""
    found: list[LoadProblem] = []
    explained: set[JsonPath] = set()
    for at, line, message, explains in islice(
        surprises(doc, lambda at: expected_kind(definition, at)), MAX_ERRORS_PER_FILE
    ):
        found.append(LoadProblem(path, line, field_name(at), message))
        explained.add(explains)
    found += [LoadProblem(path, doc.line_of(p), field_name(p), message) for p, message in errors if p not in explained]
    if len(found) > MAX_ERRORS_PER_FILE:
        found = [*found[:MAX_ERRORS_PER_FILE], LoadProblem(path, None, None, "and more problems: fix these first")]
    if found:
        raise _FileProblems(found)


def load_deployment(path: Path) -> bool:
    """Whether `deployment.yaml` locks the organisation profile."""
    doc = _read(path)
    _schema_problems(path, doc, "deploymentFile", deployment_errors(doc.data))
    return bool(doc.data.get("lock_organisation", False))


def deployment_keys(dirs: Sequence[Path], origins: Sequence[Origin] | None = None) -> PackKeys:
    """The checklist-pack keys IT lists as `pack_keys` in `deployment.yaml` in the bundled and
    system-wide folders. A malformed key (or a broken file) becomes a problem and is never trusted."""
    origins = tuple(origins) if origins is not None else default_origins(len(dirs))
    keys: list[TrustedKey] = []
    problems: list[LoadProblem] = []
    for folder, origin in zip(dirs, origins, strict=True):
        path = folder / DEPLOYMENT_FILE
        if origin in (Origin.USER, Origin.PACK) or not path.is_file():
            continue
        try:
            doc = _read(path)
            _schema_problems(path, doc, "deploymentFile", deployment_errors(doc.data))
        except _FileProblems as failed:
            problems.extend(failed.problems)
            continue
        for index, text in enumerate(doc.data.get("pack_keys", ())):
            at: JsonPath = ("pack_keys", index)
            try:
                key = parse_public(text)
            except PackKeyError as error:
                problems.append(
                    LoadProblem(path, doc.line_of(at), field_name(at), f"{error.message}; this key is ignored")
                )
            else:
                keys.append(key)
    return PackKeys(tuple(keys), tuple(problems))


@dataclass(frozen=True)
class PackKeys:
    keys: tuple[TrustedKey, ...]
    problems: tuple[LoadProblem, ...]


def load_organisation(path: Path) -> Organisation:
    doc = _read(path)
    _schema_problems(path, doc, "organisationFile", organisation_errors(doc.data))
    org, policy = doc.data["organisation"], doc.data["policy"]
    pattern = org.get("corporate_id_pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as error:
            raise _FileProblems(
                [
                    LoadProblem(
                        path,
                        doc.line_of(("organisation", "corporate_id_pattern")),
                        "organisation.corporate_id_pattern",
                        f"is not a valid pattern: {error}",
                    )
                ]
            ) from error
    ids = [s["id"] for s in policy["sections"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        index = ids.index(duplicates[0], ids.index(duplicates[0]) + 1)
        path_ = ("policy", "sections", index, "id")
        raise _FileProblems(
            [
                LoadProblem(
                    path, doc.line_of(path_), field_name(path_), f"the section id '{duplicates[0]}' is used twice"
                )
            ]
        )
    return Organisation(
        name=org["name"],
        short_name=org["short_name"],
        acronyms=tuple(org["acronyms"]),
        email_domains=tuple(org["email_domains"]),
        corporate_id_pattern=pattern,
        policy_title=policy["title"],
        policy_year=policy["year"],
        sections=tuple(PolicySection(s["id"], s["ref"], s["title"], s["summary"]) for s in policy["sections"]),
        source=path,
        historic_email_domains=tuple(org.get("historic_email_domains", ())),
        former_names=tuple(org.get("former_names", ())),
        flag_terms=tuple(org.get("flag_terms", ())),
        sites=tuple(
            WorkSite(s["name"], float(s["lat"]), float(s["lon"]), float(s["radius_m"])) for s in org.get("sites", ())
        ),
    )


def load_platform(path: Path, organisation: Organisation) -> Platform:
    doc = _read(path)
    _schema_problems(path, doc, "platformFile", platform_errors(doc.data))
    data: dict[str, Any] = doc.data
    values = placeholder_values(organisation)
    known_sections = {s.id for s in organisation.sections}
    problems: list[LoadProblem] = []

    def problem(at: JsonPath, message: str) -> None:
        problems.append(LoadProblem(path, doc.line_of(at), field_name(at), message))

    info = data["platform"]
    if info["id"] != path.stem:
        problem(("platform", "id"), f"'{info['id']}' must match the file name '{path.stem}.yaml'")
    try:
        reviewed = date.fromisoformat(info["reviewed"])
    except ValueError:
        problem(("platform", "reviewed"), f"'{info['reviewed']}' is not a real date (YYYY-MM-DD)")
        reviewed = date.min

    def text(at: JsonPath, value: str) -> str:
        for unknown in unknown_placeholders(value, values):
            problem(at, f"unknown placeholder {unknown} (known: {', '.join('{' + k + '}' for k in values)})")
        return fill(value, values)

    domains = own_domains(info["settings_url"], info.get("domains", ()))
    seen: set[str] = set()
    items: list[Item] = []
    for index, raw in enumerate(data["items"]):
        at: JsonPath = ("items", index)
        if raw["id"] in seen:
            problem((*at, "id"), f"the item id '{raw['id']}' is used twice in this file")
        seen.add(raw["id"])
        for n, section in enumerate(raw["policy"]):
            if section not in known_sections and organisation.sections:
                problem(
                    (*at, "policy", n),
                    f"'{section}' is not a policy section in {organisation.source or 'the organisation profile'}",
                )
        if "source" in raw and (refused := source_problem(raw["source"], info["name"], domains)):
            problem((*at, "source"), refused)
        checked: date | None = None
        if "checked" in raw:
            try:
                checked = date.fromisoformat(raw["checked"])
            except ValueError:
                problem((*at, "checked"), f"'{raw['checked']}' is not a real date (YYYY-MM-DD)")
        steps = {
            Surface(surface): tuple(text((*at, "steps", surface, n), s) for n, s in enumerate(lines))
            for surface, lines in raw["steps"].items()
        }
        items.append(
            Item(
                platform_id=info["id"],
                id=raw["id"],
                theme=Theme(raw["theme"]),
                revision=raw["revision"],
                title=text((*at, "title"), raw["title"]),
                why=text((*at, "why"), raw["why"]),
                policy=tuple(raw["policy"]),
                steps=steps,
                link=raw["link"],
                verify=text((*at, "verify"), raw["verify"]),
                source=raw.get("source"),
                checked=checked,
                confirmed=raw.get("confirmed", True),
            )
        )

    renamed: dict[str, str] = dict(data.get("renamed") or {})
    for old, new in renamed.items():
        if new not in seen:
            problem(("renamed", old), f"'{old}' is renamed to '{new}', but there is no item '{new}'")
        if old in seen:
            problem(("renamed", old), f"'{old}' is renamed but is still the id of an item")

    summary = text(("platform", "summary"), info["summary"])
    if problems:
        raise _FileProblems(problems)
    return Platform(
        id=info["id"],
        name=info["name"],
        category=Category(info["category"]),
        reviewed=reviewed,
        settings_url=info["settings_url"],
        summary=summary,
        items=tuple(items),
        renamed=renamed,
        source=path,
    )
