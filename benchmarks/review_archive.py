"""Review a download the size of a long-time user's: 50,000 posts and 5,000 photos in a 2 GB zip.

    .venv/bin/python benchmarks/review_archive.py [--posts N] [--photos N] [--photo-kb KB] [--keep]

Builds a Facebook-style "Download your information" zip (posts with check-ins and employer
mentions, photos of about --photo-kb each, one in ten with GPS) under the system temp dir, then
reviews it in a child process and prints the wall time, the peak memory (VmHWM, Linux) and the counts.
Goal (issue 14): the full size in under 30 s on a 2-core machine, peak under 200 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from PIL import ExifTags, Image

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {desktop!r})
from socially_aware.catalog.loader import load_organisation
from socially_aware.review.service import review_paths
org = load_organisation(Path({org!r}))
started = time.perf_counter()
report = review_paths([Path({archive!r})], org)
elapsed = time.perf_counter() - started
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so it would report the parent's peak.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
print(f"{{elapsed:.2f}} {{peak:.1f}} {{report.records}} {{len(report.findings)}} {{len(report.notes)}}")
"""


def _photo(kb: int, gps: bool, seed: int) -> bytes:
    rng = random.Random(seed)
    side = max(64, int((kb * 1024 / 0.88) ** 0.5))  # noisy q90 JPEG: about 0.9 bytes a pixel
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if gps:
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd.update({1: "S", 2: (33.0, 51.0, 54.0), 3: "E", 4: (151.0, 12.0, 36.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def _posts(count: int, rng: random.Random) -> list[dict[str, object]]:
    words = ("beach", "coffee", "family", "weekend", "dinner", "footy", "garden", "birthday", "holiday", "music")
    posts: list[dict[str, object]] = []
    for i in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(8, 40)))
        if i % 97 == 0:
            text += " another long shift at Border Force"
        post: dict[str, object] = {
            "timestamp": 1_300_000_000 + i * 3600,
            "data": [{"post": text}],
            "title": "Jo updated her status.",
        }
        if i % 53 == 0:
            lat, lon = -33.94 + rng.uniform(-0.05, 0.05), 151.17 + rng.uniform(-0.05, 0.05)
            post["attachments"] = [
                {"data": [{"place": {"name": "Somewhere", "coordinate": {"latitude": lat, "longitude": lon}}}]}
            ]
        posts.append(post)
    return posts


def _tweets(count: int, rng: random.Random) -> str:
    """X's tweets.js: one file, each tweet carrying the entities and metadata real archives have (~1.5 KB)."""
    entries = []
    for entry in _posts(count, rng):
        i = int(entry["timestamp"]) - 1_300_000_000  # type: ignore[call-overload]
        tweet: dict[str, object] = {
            "edit_info": {
                "initial": {
                    "editTweetIds": [str(10**17 + i)],
                    "editableUntil": "2020-01-01T00:00:00.000Z",
                    "editsRemaining": "5",
                    "isEditEligible": False,
                }
            },
            "retweeted": False,
            "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
            "entities": {
                "hashtags": [],
                "symbols": [],
                "user_mentions": [
                    {
                        "name": "Someone",
                        "screen_name": "someone",
                        "indices": ["0", "8"],
                        "id_str": "12345",
                        "id": "12345",
                    }
                ],
                "urls": [],
            },
            "display_text_range": ["0", "140"],
            "favorite_count": "3",
            "id_str": str(10**17 + i),
            "id": str(10**17 + i),
            "truncated": False,
            "retweet_count": "0",
            "favorited": False,
            "lang": "en",
            "created_at": "Wed Oct 10 20:19:24 +0000 2018",
            "full_text": entry["data"][0]["post"],  # type: ignore[index]
        }
        entries.append({"tweet": tweet})
    return "window.YTD.tweets.part0 = " + json.dumps(entries, indent=2)


def build(path: Path, posts: int, photos: int, photo_kb: int, platform: str = "facebook") -> None:
    rng = random.Random(14)
    with_gps, without_gps = _photo(photo_kb, True, 1), _photo(photo_kb, False, 2)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if platform == "x":
            archive.writestr("data/tweets.js", _tweets(posts, rng))
            archive.writestr("data/account.js", 'window.YTD.account.part0 = [{"account": {"email": "jo@example.com"}}]')
            for i in range(photos):
                archive.writestr(
                    zipfile.ZipInfo(f"data/tweets_media/{i:05d}.jpg"),
                    with_gps if i % 10 == 0 else without_gps,
                    compress_type=zipfile.ZIP_STORED,
                )
            return
        per_file = 10_000
        for part, start in enumerate(range(0, posts, per_file), start=1):
            chunk = _posts(min(per_file, posts - start), rng)
            archive.writestr(
                f"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_{part}.json", json.dumps(chunk)
            )
        archive.writestr(
            "personal_information/profile_information/profile_information.json",
            json.dumps({"profile_v2": {"emails": {"emails": ["jo@example.com"], "previous_emails": []}}}),
        )
        for i in range(photos):
            # Photos are stored, not deflated, as the platforms deliver them: JPEG does not compress.
            archive.writestr(
                zipfile.ZipInfo(f"your_facebook_activity/posts/media/album/{i:05d}.jpg"),
                with_gps if i % 10 == 0 else without_gps,
                compress_type=zipfile.ZIP_STORED,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--photos", type=int, default=5_000)
    parser.add_argument("--photo-kb", type=int, default=400)
    parser.add_argument(
        "--platform",
        choices=["facebook", "x"],
        default="facebook",
        help="facebook: posts split over files of 10,000; x: one tweets.js with every post",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated archive (it is reused if present)")
    args = parser.parse_args()
    path = (
        Path(tempfile.gettempdir()) / f"sa-review-bench-{args.platform}-{args.posts}-{args.photos}-{args.photo_kb}.zip"
    )
    if not path.exists():
        started = time.perf_counter()
        build(path, args.posts, args.photos, args.photo_kb, args.platform)
        print(f"built {path.name}: {path.stat().st_size / 2**30:.2f} GB in {time.perf_counter() - started:.1f} s")
    child = CHILD.format(
        desktop=str(ROOT / "desktop"), org=str(ROOT / "checklists" / "organisation.yaml"), archive=str(path)
    )
    try:
        out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True).stdout.split()
    finally:
        if not args.keep:
            path.unlink(missing_ok=True)
    elapsed, peak, records, findings, notes = out
    print(f"archive ({args.platform}): {args.posts:,} posts, {args.photos:,} photos of ~{args.photo_kb} KB")
    print(
        f"review:  {float(elapsed):.1f} s wall, peak {float(peak):.0f} MB RSS "
        f"({records} records, {findings} findings, {notes} notes); goal < 30 s and < 200 MB"
    )

    return 0


if __name__ == "__main__":
    sys.exit(main())
