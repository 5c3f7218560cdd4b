"""A download cut short or damaged says so plainly, names the files it could not read, and still reports the rest."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from socially_aware.cli import main
from socially_aware.review.archive import CUT_NAME
from socially_aware.review.model import Detector, ReviewReport
from socially_aware.review.report import damage_sentences, report_json, report_lines
from socially_aware.review.service import review_paths
from tests.review import samples

# account.js is written last so that a cut after the first entries loses it (the reviewer's case).
FILES = {"data/tweets.js": samples.x()["data/tweets.js"], "data/account.js": samples.x()["data/account.js"]}


def _review(path: Path) -> ReviewReport:
    return review_paths([path], samples.organisation())


def _whole(tmp_path: Path) -> bytes:
    return samples.write_zip(tmp_path / "whole.zip", FILES).read_bytes()


def _offsets(data: bytes, name: str) -> tuple[int, int]:
    """Where `name`'s local header starts and where its data ends."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(name)
    start = info.header_offset
    name_len, extra_len = (
        int.from_bytes(data[start + 26 : start + 28], "little"),
        int.from_bytes(data[start + 28 : start + 30], "little"),
    )
    return start, start + 30 + name_len + extra_len + info.compress_size


def _cut(tmp_path: Path, keep: int) -> Path:
    cut = tmp_path / "cut.zip"
    cut.write_bytes(_whole(tmp_path)[:keep])
    return cut


def _posts_still_found(report: ReviewReport) -> None:
    assert (Detector.EMPLOYER, "1001") in {(f.detector, f.identity) for f in report.findings}


@pytest.mark.parametrize("into_header", [1, 10, 29])
def test_a_cut_inside_the_next_files_header_says_incomplete(tmp_path: Path, into_header: int) -> None:
    start, _ = _offsets(_whole(tmp_path), "data/account.js")
    report = _review(_cut(tmp_path, start + into_header))
    assert list(report.damaged.values()) == [[CUT_NAME]]
    (sentence,) = damage_sentences(report)
    assert "looks incomplete or damaged (cut.zip)" in sentence and "a file whose name was lost" in sentence
    assert "could not be read:" not in sentence  # no list of one unnamed "file"
    _posts_still_found(report)
    assert not any(f.detector is Detector.OFFICIAL_EMAIL for f in report.findings)


@pytest.mark.parametrize("into_data", [0.1, 0.5, 0.99])
def test_a_cut_in_the_middle_of_a_file_names_that_file(tmp_path: Path, into_data: float) -> None:
    whole = _whole(tmp_path)
    _, end = _offsets(whole, "data/account.js")
    header_end = end - zipfile.ZipFile(tmp_path / "whole.zip").getinfo("data/account.js").compress_size
    report = _review(_cut(tmp_path, header_end + int((end - header_end) * into_data)))
    assert report.damaged == {str(tmp_path / "cut.zip"): ["data/account.js"]}
    assert "data/account.js" in damage_sentences(report)[0]
    _posts_still_found(report)


def test_a_cut_in_the_directory_at_the_end_says_incomplete_with_every_file_read(tmp_path: Path) -> None:
    whole = _whole(tmp_path)
    _, end = _offsets(whole, "data/account.js")
    report = _review(_cut(tmp_path, end + 10))
    assert list(report.damaged.values()) == [[]]
    assert "Its end is missing" in damage_sentences(report)[0]
    assert any(f.detector is Detector.OFFICIAL_EMAIL for f in report.findings)


@pytest.mark.parametrize("flip", [0.2, 0.5, 0.8])
def test_corrupt_data_in_a_complete_zip_is_damage_too(tmp_path: Path, flip: float) -> None:
    whole = bytearray(_whole(tmp_path))
    _, end = _offsets(bytes(whole), "data/account.js")
    start = end - zipfile.ZipFile(tmp_path / "whole.zip").getinfo("data/account.js").compress_size
    at = start + int((end - start) * flip)
    whole[at] ^= 0xFF
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(whole))
    report = _review(damaged)
    assert report.damaged == {str(damaged): ["data/account.js"]}
    _posts_still_found(report)


def test_a_complete_download_is_not_called_damaged(tmp_path: Path) -> None:
    report = _review(samples.write_zip(tmp_path / "x.zip", samples.x()))
    assert report.damaged == {} and damage_sentences(report) == []
    assert not any(line.startswith("Warning") for line in report_lines(report, samples.organisation()))
    assert report_json(report, samples.organisation())["incomplete"] is False


def test_the_cli_warns_first_and_json_lists_the_unread_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("socially_aware.cli._organisation", samples.organisation)
    whole = _whole(tmp_path)
    _, end = _offsets(whole, "data/account.js")
    cut = _cut(tmp_path, end - 3)
    main(["review", str(cut)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Warning: This download looks incomplete or damaged (cut.zip)")
    assert "data/account.js" in lines[0] and any(line.startswith("X (Twitter): ") for line in lines)
    assert not any("(s)" in line for line in lines)
    main(["review", "--json", str(cut)])
    document = json.loads(capsys.readouterr().out)
    assert document["incomplete"] is True
    assert document["damaged"][0]["unread_files"] == ["data/account.js"]
    assert document["findings"] and "official-email" not in {f["detector"] for f in document["findings"]}
