"""Looking inside a photo with stand-in readers: matching, boxes, wording and the JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from socially_aware.photocontent.look import as_json, look_inside
from socially_aware.photocontent.model import Box, Kind
from tests.photocontent.conftest import FakeEngines, line


def _photo(tmp_path: Path, size: tuple[int, int] = (3200, 2400)) -> Path:
    path = tmp_path / "photo.jpg"
    Image.new("RGB", size, (90, 100, 110)).save(path)
    return path


def test_a_name_in_the_picture_is_matched_by_the_review_and_boxed_in_full_size_pixels(tmp_path, org) -> None:
    # The picture is analysed at 1600 px wide: boxes come back in the 3200 px photo's pixels.
    engines = FakeEngines(
        lines=[line("AUSTRALIAN BORDER FORCE", 100, 50, 400, 40), line("Border Collie Club", 100, 300, 300, 30)]
    )
    look = look_inside(_photo(tmp_path), org, engines=engines)
    named = [s for s in look.shows if s.term]
    assert [(s.term, s.text) for s in named] == [("Border Force", "AUSTRALIAN BORDER FORCE")]
    box = named[0].box
    assert 180 <= box.x <= 200 and 80 <= box.y <= 100 and 800 <= box.w <= 840
    assert named[0].section == "photos-uniform" and "section 5" in named[0].policy
    decoy = next(s for s in look.shows if s.text == "Border Collie Club")
    assert decoy.term is None and not decoy.matters
    assert look.names_organisation and "Border Force" in look.summary()


def test_acronyms_former_names_and_official_domains_are_found(tmp_path, org) -> None:
    engines = FakeEngines(
        lines=[
            line("ABF", 10, 10, 60, 30),
            line("Department of Immigration and Border Protection", 10, 100, 600, 30),
            line("jo.citizen@abf.gov.au", 10, 200, 300, 30),
            line("Fab Four", 10, 300, 100, 30),
            line("Home Loans", 10, 400, 100, 30),
            line("Air Force Museum", 10, 500, 200, 30),
        ]
    )
    look = look_inside(_photo(tmp_path, (800, 600)), org, engines=engines)
    terms = {s.term for s in look.shows if s.term}
    assert terms == {"ABF", "Department of Immigration and Border Protection", "abf.gov.au"}
    address = next(s for s in look.shows if s.term == "abf.gov.au")
    assert address.section == "contact-details"


def test_a_name_split_over_two_pieces_is_found_and_covered_whole(tmp_path, org) -> None:
    engines = FakeEngines(lines=[line("HOME", 100, 100, 120, 40), line("AFFAIRS", 100, 150, 180, 40)])
    look = look_inside(_photo(tmp_path, (800, 600)), org, engines=engines)
    named = [s for s in look.shows if s.term]
    assert [s.term for s in named] == ["Home Affairs"]
    assert named[0].box.overlap(Box(100, 100, 180, 90)) < 1.01 and Box(100, 100, 180, 90).overlap(named[0].box) == 1.0


def test_faces_and_codes_are_boxes_and_a_code_is_never_read_out(tmp_path, org) -> None:
    engines = FakeEngines(
        faces_found=[(10, 10, 50, 50)], codes_found=[((100.0, 100.0), (150.0, 100.0), (150.0, 150.0), (100.0, 150.0))]
    )
    look = look_inside(_photo(tmp_path, (800, 600)), org, engines=engines)
    assert sorted(s.kind for s in look.shows) == [Kind.FACE, Kind.CODE] or {s.kind for s in look.shows} == {
        Kind.FACE,
        Kind.CODE,
    }
    shows = as_json(look)
    code = next(s for s in shows if s["kind"] == "code")
    assert code["text"] is None and code["term"] is None and len(code["box"]) == 4
    json.dumps(shows)  # plain values only
    assert look.summary() == "Shows 1 face, 1 barcode or QR code"


def test_a_missing_model_is_said_plainly_and_the_other_kinds_still_run(tmp_path, org) -> None:
    engines = FakeEngines(faces_found=[(10, 10, 50, 50)], broken=frozenset({"text"}))
    look = look_inside(_photo(tmp_path, (800, 600)), org, engines=engines)
    assert look.notes == ("The text reader's model is missing or damaged (test).",)
    assert [s.kind for s in look.shows] == [Kind.FACE]


def test_only_the_kinds_asked_for_are_looked_for(tmp_path, org) -> None:
    engines = FakeEngines(lines=[line("ABF", 10, 10, 60, 30)], faces_found=[(10, 10, 50, 50)])
    look = look_inside(_photo(tmp_path, (800, 600)), org, engines=engines, kinds={Kind.FACE})
    assert [s.kind for s in look.shows] == [Kind.FACE]


def test_a_rotated_photo_is_looked_at_upright(tmp_path, org) -> None:
    # Exif orientation 6: stored 400×300, shown 300×400; boxes are in the shown picture's pixels.
    path = tmp_path / "turned.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (400, 300)).save(path, exif=exif)
    look = look_inside(path, org, engines=FakeEngines())
    assert (look.width, look.height) == (300, 400)


def test_a_turned_name_read_in_two_pieces_is_joined_along_its_slope(tmp_path, org) -> None:
    from socially_aware.photocontent.engines import TextLine

    def turned(text: str, x: float, y: float, w: float, h: float = 30) -> TextLine:
        # A piece of text rising at 30°: each corner moved along (cos, -sin) and the normal.
        c, s = 0.866, 0.5
        return TextLine(
            ((x, y), (x + w * c, y - w * s), (x + w * c + h * s, y - w * s + h * c), (x + h * s, y + h * c)), text, 0.9
        )

    home = turned("Home", 100, 400, 110)
    affairs = turned("Affairs", 100 + 130 * 0.866, 400 - 130 * 0.5, 170)
    far = turned("Affairs", 600, 100, 170)
    look = look_inside(_photo(tmp_path, (800, 600)), org, engines=FakeEngines(lines=[affairs, home]))
    assert [s.term for s in look.shows if s.term] == ["Home Affairs"]
    apart = look_inside(_photo(tmp_path, (800, 600)), org, engines=FakeEngines(lines=[home, far]))
    assert not apart.names_organisation
