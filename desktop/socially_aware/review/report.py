"""The review's report as lines for a terminal and as JSON: one wording for the CLI (and the window's notes).

Everything read from an archive has its control characters escaped here, so a crafted post
cannot move the cursor, clear the screen or hide text in a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby
from typing import Any

from socially_aware.catalog.model import Organisation
from socially_aware.review.archive import CUT_NAME
from socially_aware.review.model import Finding, ReviewReport
from socially_aware.review.platforms import ReaderTable
from socially_aware.terminal import for_terminal
from socially_aware.wording import count

PLATFORM_NAMES: Mapping[str, str] = ReaderTable(lambda reader: reader.name)
"""Each platform's name as people know it, from the one list of readers."""
REMINDER = (
    "Your download holds your whole history, including everything above. When you have finished, "
    "delete the archive (and any unpacked copy) from this computer."
)


def damage_sentences(report: ReviewReport) -> list[str]:
    """One plain sentence per download that looks incomplete or damaged, naming the files that could not be read."""
    sentences = []
    for source, unread in report.damaged.items():
        name = source.replace("\\", "/").rsplit("/", 1)[-1] or source
        text = f"This download looks incomplete or damaged ({name}). "
        named = [u for u in unread if u != CUT_NAME]
        if named:
            shown = ", ".join(named[:8]) + (f" and {count(len(named) - 8, 'more')}" if len(named) > 8 else "")
            text += f"{count(len(named), 'file')} could not be read: {shown}. "
        if CUT_NAME in unread:
            text += "It ends partway through a file whose name was lost: that file and anything after it could not be read. "
        elif not named:
            text += "Its end is missing, so files after the cut may be missing too. "
        text += "What could be read is reported; download it again to review the rest."
        sentences.append(text)
    return sentences


def summary(report: ReviewReport) -> str:
    """ "2 findings in 3 posts, fields and files" with the words agreeing with the numbers."""
    things = "post, field or file" if report.records == 1 else "posts, fields and files"
    return f"{count(len(report.findings), 'finding')} in {report.records:,} {things}"


def why(finding: Finding, organisation: Organisation) -> str:
    section = organisation.section(finding.section)
    return f"{section.title} ({section.ref})" if section else finding.section


def finding_lines(finding: Finding, organisation: Organisation) -> list[str]:
    e = for_terminal
    lines = [f"  [{finding.id}] {e(finding.what)}"]
    where = [finding.kind.value, f"in {e(finding.file)}"]
    if finding.when:
        where.append(finding.when.strftime("%d %b %Y"))
    lines.append(f"      where: {', '.join(where)}")
    if finding.excerpt:
        lines.append(f"      text:  {e(finding.excerpt.marked())}")
    if finding.url:
        lines.append(f"      link:  {e(finding.url)}")
    lines.append(f"      why:   {e(why(finding, organisation))}")
    if finding.action:
        lines.append(f"      do:    checklist item {finding.action}")
    return lines


def report_lines(report: ReviewReport, organisation: Organisation) -> list[str]:
    lines = [f"Warning: {for_terminal(text)}" for text in damage_sentences(report)]
    if lines:
        lines.append("")
    for platform, group in groupby(report.findings, key=lambda f: f.platform):
        found = list(group)
        lines.append(f"{PLATFORM_NAMES.get(platform, platform)}: {count(len(found), 'finding')}")
        for finding in found:
            lines.extend(finding_lines(finding, organisation))
        lines.append("")
    for note in report.notes:
        lines.append(f"note: {for_terminal(note.file)}: {for_terminal(note.message)}")
    things = "post, field or file" if report.records == 1 else "posts, fields and files"
    lines.append(
        f"Read {report.records:,} {things} from {count(len(report.sources), 'download')}; "
        f"{count(len(report.findings), 'finding')}." + (" Stopped early (cancelled)." if report.cancelled else "")
    )
    if report.platforms:
        lines.append(REMINDER)
    return lines


def report_json(report: ReviewReport, organisation: Organisation) -> dict[str, Any]:
    return {
        "sources": report.sources,
        "platforms": report.platforms,
        "records": report.records,
        "cancelled": report.cancelled,
        "incomplete": bool(report.damaged),
        "damaged": [
            {"source": source, "unread_files": unread, "message": text}
            for (source, unread), text in zip(report.damaged.items(), damage_sentences(report), strict=True)
        ],
        "findings": [
            {
                "id": f.id,
                "detector": f.detector.value,
                "platform": f.platform,
                "what": f.what,
                "kind": f.kind.value,
                "policy_section": f.section,
                "why": why(f, organisation),
                "file": f.file,
                "date": f.when.isoformat() if f.when else None,
                "url": f.url,
                "checklist_item": f.action or None,
                "excerpt": (
                    {
                        "before": f.excerpt.before,
                        "match": f.excerpt.match,
                        "after": f.excerpt.after,
                        "field": f.excerpt.field,
                    }
                    if f.excerpt
                    else None
                ),
                "position": list(f.position) if f.position else None,
                "place": f.place_words or None,
            }
            for f in report.findings
        ],
        "notes": [{"file": n.file, "message": n.message, "damaged": n.damaged} for n in report.notes],
    }
