"""Review one very large JSON file of tiny elements, and compare the streaming parsers on it.

    .venv/bin/python benchmarks/review_json.py [--mb 1024] [--shape posts|comments|records] [--parsers-only]

Builds a zip holding a single JSON file of about --mb megabytes (deflated, as platforms deliver it)
under the system temp dir: `posts` is a Facebook posts file of tiny posts (one word each, one in
20,000 naming the employer), `comments` a Facebook comments file ({"comments_v2": [...]}), `records` a
Google Location History Records.json. It then reviews it in a child process and prints the wall
time and peak memory (VmHWM), and times (CPU seconds) the project's streaming parser against ijson's C
backend (yajl2_c) on the same bytes, inflating included. Goal (issue 18): any single JSON file up to 1 GB in < 60 s, < 200 MB.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = {
    "posts": "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
    "comments": "your_facebook_activity/comments_and_reactions/comments.json",
    "records": "Takeout/Location History (Timeline)/Records.json",
}
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
cpu = time.process_time()
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
notes = " | ".join(n.message for n in report.notes)[:300]
print(f"{{elapsed:.2f}} {{cpu:.2f}} {{peak:.1f}} {{report.records}} {{len(report.findings)}} {{len(report.notes)}} {{notes}}")
"""
PARSERS = """
import sys, time, zipfile
sys.path.insert(0, {desktop!r})
from socially_aware.review.documents import stream_array
import ijson
def chunks():
    with zipfile.ZipFile({archive!r}) as z, z.open({name!r}) as f:
        while piece := f.read(1 << 20):
            yield piece
# CPU seconds: the machine is shared, so wall time says more about the neighbours than the parser.
started = time.process_time()
ours = sum(1 for _ in stream_array(chunks(), inside={inside!r}))
ours_s = time.process_time() - started
backend = ijson.get_backend("yajl2_c")
started = time.process_time()
with zipfile.ZipFile({archive!r}) as z, z.open({name!r}) as f:
    theirs = sum(1 for _ in backend.items(f, {prefix!r}, use_float=True))
theirs_s = time.process_time() - started
print(f"{{ours}} {{ours_s:.2f}} {{theirs}} {{theirs_s:.2f}}")
"""


def _element(shape: str, i: int) -> bytes:
    word = b"Border Force shift" if i % 20_000 == 0 else b"w%d" % (i % 1000)
    if shape == "posts":
        return b'{"timestamp": %d, "data": [{"post": "%s"}]}' % (1_300_000_000 + i, word)
    if shape == "comments":
        return b'{"timestamp": %d, "data": [{"comment": {"comment": "%s"}}]}' % (1_300_000_000 + i, word)
    lat, lon = -339_400_000 + (i % 97) * 1_000, 1_511_750_000 + (i % 89) * 1_000
    return b'{"latitudeE7": %d, "longitudeE7": %d, "timestamp": "2020-01-%02dT00:00:00Z"}' % (lat, lon, 1 + i % 28)


def build(path: Path, shape: str, megabytes: int) -> int:
    opener, closer = {
        "posts": (b"[", b"]"),
        "comments": (b'{"comments_v2": [', b"]}"),
        "records": (b'{"locations": [', b"]}"),
    }[shape]
    target, written, count = megabytes << 20, 0, 0
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open(zipfile.ZipInfo(NAMES[shape]), "w", force_zip64=True) as out,
    ):
        out.write(opener)
        while written < target:
            batch = b",".join(_element(shape, i) for i in range(count, count + 10_000))
            out.write((b"," if count else b"") + batch)
            written += len(batch) + 1
            count += 10_000
        out.write(closer)
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=1024)
    parser.add_argument("--shape", choices=sorted(NAMES), default="posts")
    parser.add_argument("--parsers-only", action="store_true", help="only time the two parsers")
    parser.add_argument("--keep", action="store_true", help="keep the generated archive (it is reused if present)")
    args = parser.parse_args()
    path = Path(tempfile.gettempdir()) / f"sa-review-json-{args.shape}-{args.mb}.zip"
    if not path.exists():
        started = time.perf_counter()
        count = build(path, args.shape, args.mb)
        print(f"built {path.name}: {count:,} elements, {args.mb} MB of JSON in {time.perf_counter() - started:.1f} s")
    desktop = str(ROOT / "desktop")
    try:
        if not args.parsers_only:
            child = CHILD.format(desktop=desktop, org=str(ROOT / "checklists" / "organisation.yaml"), archive=str(path))
            out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True).stdout
            elapsed, cpu, peak, records, findings, notes, *said = out.split(" ", 6)
            print(
                f"review:  {float(elapsed):.1f} s wall ({float(cpu):.1f} s CPU), peak {float(peak):.0f} MB RSS ({records} records, "
                f"{findings} findings, {notes} notes{': ' + said[0].strip() if said and said[0].strip() else ''}); "
                "goal < 60 s and < 200 MB"
            )
        inside = ("comments_v2",) if args.shape == "comments" else ("locations",) if args.shape == "records" else ()
        prefix = {"posts": "item", "comments": "comments_v2.item", "records": "locations.item"}[args.shape]
        child = PARSERS.format(desktop=desktop, archive=str(path), name=NAMES[args.shape], inside=inside, prefix=prefix)
        ours, ours_s, theirs, theirs_s = subprocess.run(
            [sys.executable, "-c", child], capture_output=True, text=True, check=True
        ).stdout.split()
        print(
            f"parsers (CPU): ours {float(ours_s):.1f} s ({int(ours):,} elements), ijson yajl2_c {float(theirs_s):.1f} s "
            f"({int(theirs):,}); ours / ijson = {float(ours_s) / max(float(theirs_s), 1e-9):.2f}"
        )
    finally:
        if not args.keep:
            path.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
