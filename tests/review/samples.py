"""Platform downloads built in tmp_path from their documented layouts, with planted findings and decoys.

Where each layout comes from (public parsers and format notes, found with the code search):
- Facebook: NorseKode/Waultar-App documents/parser/content_examples.md (comments_v2, attachments,
  media uri) and parsers of `your_posts_1.json` (timestamp, data[].post, attachments[].data[].place
  .coordinate, media.media_metadata.photo_metadata.exif_data[].latitude/longitude).
- Instagram: parsers of `posts_1.json` "as of 2025/02/11" (media[].uri/creation_timestamp/title,
  media_metadata.photo_metadata.exif_data), `personal_information.json` (profile_user[].string_map_data).
- X: TheExGenesis/community-archive docs/archive_data.md (`window.YTD.tweets.part0 = [{"tweet": …}]`,
  account.js with email and username, profile.js with description.bio).
- LinkedIn: public notes on the export (Shares.csv: Date, ShareLink, ShareCommentary, SharedUrl,
  MediaUrl, Visibility; Comments.csv: Date, Link, Message; Positions.csv; Email Addresses.csv).
- Strava: Strava's bulk-export help article and parsers of it (activities.csv columns, Filename
  "activities/<id>.gpx.gz", GPX trkpt lat/lon, TCX Position/LatitudeDegrees).
- TikTok: zollo/tiktok-downloader README (Activity/Video/Videos/VideoList; ProfileMap; CommentsList).
- Reddit: public metadata notes on the export (posts.csv: id, permalink, date, ip, subreddit,
  gildings, title, url, body; comments.csv adds link, parent, media).
- Google Takeout: Location History records (old `timestampMs` and new `timestamp` forms) and the
  YouTube comments.csv rows (headerless there; the header below is Takeout's) are taken from
  seanbreckenridge/google_takeout_parser tests/test_json.py and tests/test_csv.py (MIT; see
  tests/data/SOURCES.md), with coordinates and text changed to plant findings; Maps Reviews.json,
  Semantic Location History, Timeline and Photos sidecars follow the layouts in readers/google.py.
- Snapchat: the `json/` files as readers/snapchat.py describes them.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from pathlib import Path

from socially_aware.catalog.model import Organisation, PolicySection, WorkSite

SECTION_IDS = (
    "private-identify",
    "corporate-identifiers",
    "geotagging",
    "photos-uniform",
    "contact-details",
    "official-information",
    "official-comment",
    "privacy-risk",
)
SYDNEY_AIRPORT = (-33.940, 151.175)
# Sydney Airport's radius below is 3 km: 2.8 km south is inside, 3.2 km south just outside.
INSIDE = (round(-33.940 - 2800 / 111_195, 6), 151.175)
JUST_OUTSIDE = (round(-33.940 - 3200 / 111_195, 6), 151.175)
ELSEWHERE = (-33.7125, 150.3111)  # Katoomba: a precise position, near no work site
OFFICIAL = "jo.citizen@abf.gov.au"
PERSONAL = "jo.citizen@example.com"
EMPLOYER_TEXT = "Proud of my years with Australian Border Force. #ABF"
DECOYS = (
    "Went to kabfest and fabfour tribute night",  # "abf" inside longer words
    "I hope the officer at the bakery is well",  # a colleague's surname ("Hope") as a common word
    "We crossed the border; may the force be with you",  # the words of a term, apart
    "Local customs and officers of the sailing club",  # a term's words, not the term
)


def organisation() -> Organisation:
    return Organisation(
        name="Department of Home Affairs",
        short_name="the Department",
        acronyms=("ABF", "DIBP"),
        email_domains=("homeaffairs.gov.au", "abf.gov.au"),
        corporate_id_pattern=None,
        policy_title="Responsible use of social media",
        policy_year=2015,
        sections=tuple(PolicySection(s, f"Section {s}", s.replace("-", " ").capitalize(), "…") for s in SECTION_IDS),
        historic_email_domains=("customs.gov.au",),
        former_names=("Australian Customs and Border Protection Service",),
        flag_terms=("Border Force", "customs officer", "Officer Hope"),
        sites=(WorkSite("Sydney Airport", *SYDNEY_AIRPORT, 3000),),
    )


def write_zip(path: Path, files: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def write_folder(path: Path, files: dict[str, bytes | str]) -> Path:
    for name, data in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _mojibake(text: str) -> str:
    """How Meta's downloads write non-ASCII text: UTF-8 bytes as \\u00XX escapes."""
    return text.encode("utf-8").decode("latin-1")


def facebook() -> dict[str, bytes | str]:
    posts = [
        {
            "timestamp": 1500000000,
            "data": [{"post": _mojibake(EMPLOYER_TEXT + " Café")}],
            "title": "Jo updated her status.",
        },
        {
            "timestamp": 1500000100,
            "title": "Jo checked in at Terminal 1.",
            "attachments": [
                {
                    "data": [
                        {"place": {"name": "Terminal 1", "coordinate": {"latitude": INSIDE[0], "longitude": INSIDE[1]}}}
                    ]
                }
            ],
            "data": [{"post": "Off again"}],
        },
        {
            "timestamp": 1500000200,
            "attachments": [
                {
                    "data": [
                        {
                            "media": {
                                "uri": "your_facebook_activity/posts/media/x/1.jpg",
                                "creation_timestamp": 1500000200,
                                "description": "Sunset",
                                "media_metadata": {
                                    "photo_metadata": {
                                        "exif_data": [
                                            {
                                                "latitude": ELSEWHERE[0],
                                                "longitude": ELSEWHERE[1],
                                                "upload_ip": "10.0.0.1",
                                            }
                                        ]
                                    }
                                },
                            }
                        }
                    ]
                }
            ],
        },
        {"timestamp": 1500000300, "data": [{"post": DECOYS[0]}]},
        {
            "timestamp": 1500000400,
            "data": [{"post": DECOYS[1]}],
            "attachments": [
                {
                    "data": [
                        {
                            "place": {
                                "name": "Mascot cafe",
                                "coordinate": {"latitude": JUST_OUTSIDE[0], "longitude": JUST_OUTSIDE[1]},
                            }
                        }
                    ]
                }
            ],
        },
    ]
    comments = {
        "comments_v2": [
            {
                "timestamp": 1500000500,
                "data": [{"comment": {"timestamp": 1500000500, "comment": f"Email me at {OFFICIAL}", "author": "Jo"}}],
                "title": "Jo commented",
            }
        ]
    }
    profile = {
        "profile_v2": {
            "emails": {"emails": [PERSONAL], "previous_emails": [OFFICIAL]},
            "work_experiences": [{"employer": "Australian Border Force", "title": "Officer"}],
        }
    }
    return {
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": json.dumps(posts),
        "your_facebook_activity/comments_and_reactions/comments.json": json.dumps(comments),
        "personal_information/profile_information/profile_information.json": json.dumps(profile),
    }


def instagram() -> dict[str, bytes | str]:
    posts = [
        {
            "media": [
                {
                    "uri": "media/posts/1.jpg",
                    "creation_timestamp": 1600000000,
                    "title": "",
                    "media_metadata": {
                        "photo_metadata": {"exif_data": [{"latitude": INSIDE[0], "longitude": INSIDE[1]}]}
                    },
                }
            ],
            "title": _mojibake("Shift done, Bördér Force crew"),
            "creation_timestamp": 1600000000,
        },
        {
            "media": [{"uri": "media/posts/2.jpg", "creation_timestamp": 1600000100, "title": DECOYS[2]}],
            "title": DECOYS[2],
            "creation_timestamp": 1600000100,
        },
    ]
    profile = {
        "profile_user": [
            {
                "title": "",
                "media_map_data": {},
                "string_map_data": {
                    "Email": {"href": "", "value": OFFICIAL, "timestamp": 0},
                    "Bio": {"value": "customs officer, dog person"},
                },
            }
        ]
    }
    comments = [{"string_map_data": {"Comment": {"value": DECOYS[3]}, "Time": {"timestamp": 1600000200}}}]
    return {
        "your_instagram_activity/content/posts_1.json": json.dumps(posts),
        "your_instagram_activity/comments/post_comments_1.json": json.dumps(comments),
        "personal_information/personal_information/personal_information.json": json.dumps(profile),
    }


def _ytd(name: str, value: object) -> str:
    return f"window.YTD.{name}.part0 = " + json.dumps(value, indent=2)


def x() -> dict[str, bytes | str]:
    tweets = [
        {"tweet": {"id_str": "1001", "full_text": EMPLOYER_TEXT, "created_at": "Wed Oct 10 20:19:24 +0000 2018"}},
        {
            "tweet": {
                "id_str": "1002",
                "full_text": "Landed",
                "created_at": "Wed Oct 10 21:19:24 +0000 2018",
                "coordinates": {"type": "Point", "coordinates": [INSIDE[1], INSIDE[0]]},
            }
        },
        {
            "tweet": {
                "id_str": "1003",
                "full_text": "Hills",
                "created_at": "Thu Oct 11 21:19:24 +0000 2018",
                "geo": {"type": "Point", "coordinates": [ELSEWHERE[0], ELSEWHERE[1]]},
            }
        },
        {
            "tweet": {
                "id_str": "1004",
                "full_text": DECOYS[0],
                "created_at": "Thu Oct 11 22:19:24 +0000 2018",
                "coordinates": {"type": "Point", "coordinates": [JUST_OUTSIDE[1], JUST_OUTSIDE[0]]},
            }
        },
        {
            "tweet": {
                "id_str": "1005",
                "full_text": "Officer Hope was on the desk today",
                "created_at": "Fri Oct 12 22:19:24 +0000 2018",
            }
        },
    ]
    return {
        "data/tweets.js": _ytd("tweets", tweets),
        "data/account.js": _ytd("account", [{"account": {"email": OFFICIAL, "username": "jo_c", "accountId": "1"}}]),
        "data/profile.js": _ytd(
            "profile", [{"profile": {"description": {"bio": DECOYS[1], "website": "", "location": ""}}}]
        ),
        "data/manifest.js": "window.__THAR_CONFIG = {}",
    }


def linkedin() -> dict[str, bytes | str]:
    return {
        "Profile.csv": _csv(
            ["First Name", "Last Name", "Headline", "Summary"], [["Jo", "Citizen", "Analyst", DECOYS[3]]]
        ),
        "Positions.csv": _csv(
            ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
            [["Australian Border Force", "Officer", "", "Sydney", "Jan 2015", ""]],
        ),
        "Shares.csv": _csv(
            ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
            [
                [
                    "2020-01-02 03:04:05",
                    "https://www.linkedin.com/feed/update/urn:li:activity:1/",
                    f"Contact me: {OFFICIAL}",
                    "",
                    "",
                    "MEMBER_NETWORK",
                ],
                [
                    "2020-01-03 03:04:05",
                    "https://www.linkedin.com/feed/update/urn:li:activity:2/",
                    DECOYS[0],
                    "",
                    "",
                    "MEMBER_NETWORK",
                ],
            ],
        ),
        "Comments.csv": _csv(
            ["Date", "Link", "Message"], [["2020-02-02 03:04:05", "https://www.linkedin.com/x", "Go DIBP team"]]
        ),
        "Email Addresses.csv": _csv(
            ["Email Address", "Confirmed", "Primary", "Updated On"],
            [[PERSONAL, "Yes", "Yes", "1/1/20"], [OFFICIAL, "Yes", "No", "1/1/15"]],
        ),
    }


def gpx(start: tuple[float, float], end: tuple[float, float]) -> str:
    return (
        '<?xml version="1.0"?><gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        f'<trk><name>Run</name><trkseg><trkpt lat="{start[0]}" lon="{start[1]}"><ele>1</ele></trkpt>'
        '<trkpt lat="-33.5" lon="151.0"><ele>2</ele></trkpt>'
        f'<trkpt lat="{end[0]}" lon="{end[1]}"><ele>3</ele></trkpt></trkseg></trk></gpx>'
    )


def tcx(start: tuple[float, float], end: tuple[float, float]) -> str:
    def point(p: tuple[float, float]) -> str:
        return (
            f"<Trackpoint><Position><LatitudeDegrees>{p[0]}</LatitudeDegrees>"
            f"<LongitudeDegrees>{p[1]}</LongitudeDegrees></Position></Trackpoint>"
        )

    return (
        '<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f"<Activities><Activity><Lap><Track>{point(start)}{point(end)}</Track></Lap></Activity></Activities>"
        "</TrainingCenterDatabase>"
    )


HOME = (-33.8001, 151.2802)  # Manly: the repeated start/end point


def strava() -> dict[str, bytes | str]:
    header = [
        "Activity ID",
        "Activity Date",
        "Activity Name",
        "Activity Type",
        "Activity Description",
        "Elapsed Time",
        "Distance",
        "Filename",
    ]
    rows = [
        [
            "101",
            "Mar 1, 2020, 7:00:00 AM",
            "Run home from Border Force HQ",
            "Run",
            "",
            "1800",
            "5.0",
            "activities/101.gpx.gz",
        ],
        ["102", "Mar 2, 2020, 7:00:00 AM", "Morning run", "Run", "", "1800", "5.0", "activities/102.gpx"],
        ["103", "Mar 3, 2020, 7:00:00 AM", "Ride", "Ride", "", "1800", "5.0", "activities/103.tcx"],
        ["104", "Mar 4, 2020, 7:00:00 AM", "Swim", "Swim", "", "1800", "1.0", "activities/104.fit.gz"],
    ]
    return {
        "activities.csv": _csv(header, rows),
        "profile.csv": _csv(["Athlete ID", "Email Address", "First Name", "Last Name"], [["9", OFFICIAL, "Jo", "C"]]),
        "activities/101.gpx.gz": gzip.compress(gpx(HOME, INSIDE).encode()),
        "activities/102.gpx": gpx((HOME[0] + 0.0005, HOME[1]), HOME),
        "activities/103.tcx": tcx((HOME[0], HOME[1] + 0.0005), JUST_OUTSIDE),
        "activities/104.fit.gz": gzip.compress(b"\x0e\x10FIT-not-read"),
    }


def tiktok() -> dict[str, bytes | str]:
    data = {
        "Profile": {
            "Profile Information": {
                "ProfileMap": {"userName": "jo_c", "bioDescription": "ABF life", "emailAddress": OFFICIAL}
            }
        },
        "Video": {
            "Videos": {
                "VideoList": [
                    {
                        "Date": "2021-05-01 10:00:00",
                        "Link": "https://v16.tiktokcdn.com/x.mp4",
                        "Likes": "3",
                        "Title": "Day at work, customs officer life",
                    },
                    {
                        "Date": "2021-05-02 10:00:00",
                        "Link": "https://v16.tiktokcdn.com/y.mp4",
                        "Likes": "3",
                        "Title": DECOYS[2],
                        "Location": "Sydney Airport",
                    },
                ]
            }
        },
        "Comment": {"Comments": {"CommentsList": [{"Date": "2021-05-03 10:00:00", "Comment": DECOYS[1]}]}},
    }
    return {"TikTok_Data_1/user_data_tiktok.json": json.dumps(data)}


def reddit() -> dict[str, bytes | str]:
    return {
        "posts.csv": _csv(
            ["id", "permalink", "date", "ip", "subreddit", "gildings", "title", "url", "body"],
            [
                [
                    "p1",
                    "https://www.reddit.com/r/australia/comments/p1/x/",
                    "2022-05-18 04:35:32 UTC",
                    "",
                    "australia",
                    "0",
                    "AMA: I'm an ABF officer",
                    "",
                    "ask away",
                ],
                [
                    "p2",
                    "https://www.reddit.com/r/x/comments/p2/y/",
                    "2022-05-19 04:35:32 UTC",
                    "",
                    "x",
                    "0",
                    DECOYS[0],
                    "",
                    DECOYS[3],
                ],
            ],
        ),
        "comments.csv": _csv(
            ["id", "permalink", "date", "ip", "subreddit", "gildings", "link", "parent", "body", "media"],
            [
                [
                    "c1",
                    "https://www.reddit.com/r/x/comments/p3/z/c1/",
                    "2022-05-20 04:35:32 UTC",
                    "",
                    "x",
                    "0",
                    "",
                    "",
                    f"write to {OFFICIAL.upper()}",
                    "",
                ]
            ],
        ),
        "statistics.csv": _csv(["statistic", "value"], [["account name", "jo_c"], ["email address", OFFICIAL]]),
    }


def _e7(point: tuple[float, float]) -> dict[str, int]:
    return {"latitudeE7": round(point[0] * 1e7), "longitudeE7": round(point[1] * 1e7)}


def google() -> dict[str, bytes | str]:
    """A Takeout with planted findings: the reviews, the routine, the work label and a comment."""
    base = "Takeout"
    # From google_takeout_parser's tests: one record in the 2017 form (timestampMs), one in the newer.
    records = [
        {"timestampMs": "1512947698030", **_e7(INSIDE), "accuracy": 10},
        {**_e7(INSIDE), "accuracy": 10, "deviceTag": -802414469, "timestamp": "2017-12-11T23:14:58.030Z"},
        {**_e7(INSIDE), "accuracy": 10, "timestamp": "2017-12-12T08:00:00Z"},
        {**_e7(ELSEWHERE), "accuracy": 10, "timestamp": "2017-12-12T18:00:00Z"},  # seen once: not a routine
    ]
    reviews = {
        "type": "FeatureCollection",
        "features": [
            {
                "geometry": {"coordinates": [ELSEWHERE[1], ELSEWHERE[0]], "type": "Point"},
                "properties": {
                    "Google Maps URL": "http://maps.google.com/?cid=1",
                    "Location": {
                        "Address": "Echo Point Rd, Katoomba NSW 2780, Australia",
                        "Business Name": "Echo Point Lookout",
                        "Geo Coordinates": {"Latitude": str(ELSEWHERE[0]), "Longitude": str(ELSEWHERE[1])},
                    },
                    "Published": "2019-06-02T04:41:20Z",
                    "Review Comment": "Great views after a week on the #BorderForce roster",
                },
            },
            {
                "geometry": {"coordinates": [0, 0], "type": "Point"},
                "properties": {
                    "date": "2023-01-02T03:04:05Z",
                    "google_maps_url": "https://www.google.com/maps/place/?cid=2",
                    "review_text_published": DECOYS[0],
                    "location": {"name": "Kabfest Hall", "address": "1 Main St"},
                },
            },
        ],
    }
    labelled = {
        "type": "FeatureCollection",
        "features": [
            {
                "geometry": {"coordinates": [INSIDE[1], INSIDE[0]], "type": "Point"},
                "properties": {"name": "Work", "address": "Sydney Airport, Mascot NSW"},
            }
        ],
    }
    semantic = {
        "timelineObjects": [
            {
                "placeVisit": {
                    "location": {
                        **_e7(ELSEWHERE),
                        "placeId": "ChIJhome",
                        "address": "1 Lurline St, Katoomba NSW",
                        "name": "Home",
                        "semanticType": "TYPE_HOME",
                    },
                    "duration": {"startTimestamp": f"2019-01-0{day}T18:00:00Z"},
                }
            }
            for day in (1, 2, 3)
        ]
        + [{"activitySegment": {"distance": 1200}}]
    }
    comments = (
        "Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Video ID,Comment Text\n"
        "UgxtiXQkY7gqHbldJ1F4AaABAg,UCA6DtnbZ2KJckyTYfXOwQNA,2023-09-19T17:42:53.434647+00:00,0,,WtOskFeLmr4,"
        '"{""takeoutSegments"":[{""text"":""ex-A.B.F. here, the queues are normal""}]}"\n'
        "UgwDN8UeMxW4NDFbvY54AaABAg,UCA6DtnbZ2KJckyTYfXOwQNA,2023-08-30T01:54:46.801024+00:00,0,,jH39c5-y6kg,"
        f'"{{""takeoutSegments"":[{{""text"":""{DECOYS[1]}""}}]}}"\n'
    )
    return {
        f"{base}/archive_browser.html": "<html></html>",
        f"{base}/Location History (Timeline)/Records.json": json.dumps({"locations": records}),
        f"{base}/Location History (Timeline)/Semantic Location History/2019/2019_JANUARY.json": json.dumps(semantic),
        f"{base}/Maps (your places)/Reviews.json": json.dumps(reviews),
        f"{base}/Maps/My labelled places/Labelled places.json": json.dumps(labelled),
        f"{base}/Google Photos/Trip/IMG_0001.jpg.json": json.dumps(
            {
                "title": "IMG_0001.jpg",
                "description": "",
                "photoTakenTime": {"timestamp": "1600000000"},
                "geoData": {"latitude": INSIDE[0], "longitude": INSIDE[1], "altitude": 0.0},
            }
        ),
        f"{base}/Google Photos/Trip/IMG_0002.jpg.json": json.dumps(
            {"title": "IMG_0002.jpg", "geoData": {"latitude": 0.0, "longitude": 0.0}}
        ),
        f"{base}/YouTube and YouTube Music/comments/comments.csv": comments,
    }


def snapchat() -> dict[str, bytes | str]:
    return {
        "json/memories_history.json": json.dumps(
            {
                "Saved Media": [
                    {
                        "Date": "2023-01-01 10:00:00 UTC",
                        "Media Type": "Image",
                        "Location": f"Latitude, Longitude: {INSIDE[0]}, {INSIDE[1]}",
                    },
                    {
                        "Date": "2023-01-02 10:00:00 UTC",
                        "Media Type": "Video",
                        "Location": "Latitude, Longitude: 0.0, 0.0",
                    },
                ]
            }
        ),
        "json/snap_map_places_history.json": json.dumps(
            {
                "Snap Map Places History": [
                    {
                        "Date": "2023-02-01 10:00:00 UTC",
                        "Place": "Echo Point Lookout",
                        "Place Location": f"Latitude, Longitude: {ELSEWHERE[0]}, {ELSEWHERE[1]}",
                    }
                ]
            }
        ),
        "json/location_history.json": json.dumps(
            {
                "Location History": [
                    {
                        "Time": f"2023-03-0{d} 08:00:00 UTC",
                        "Latitude, Longitude": f"{ELSEWHERE[0]} ± 10 meters, {ELSEWHERE[1]} ± 10 meters",
                    }
                    for d in (1, 2, 3)
                ],
                "Frequent Locations": [{"City": "Katoomba", "Region": "New South Wales", "Country": "AU"}],
            }
        ),
        "json/account.json": json.dumps(
            {"Basic Information": {"Username": "jo_abf_officer", "Name": "Jo", "Email": OFFICIAL}}
        ),
        "json/friends.json": json.dumps({"Friends": []}),
        "json/chat_history.json": json.dumps({"Received Saved Chat History": [{"Text": EMPLOYER_TEXT}]}),
    }


PLATFORMS = {
    "facebook": facebook,
    "instagram": instagram,
    "x": x,
    "linkedin": linkedin,
    "strava": strava,
    "tiktok": tiktok,
    "reddit": reddit,
    "google": google,
    "snapchat": snapchat,
}
