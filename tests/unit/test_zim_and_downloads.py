"""The Kiwix edition's and the download page's plain functions: the ZIM variant of a page,
the reproducible UUIDs, the ZIM's date and name, the download list and the sizes file."""

from __future__ import annotations

import datetime
import hashlib
import pathlib
import struct

import pytest
from act import downloads
from act.zim import naming, reproducible, variant
from act.zim.writer import ZimBuildFailed, release_date, zim_entries


@pytest.mark.parametrize(
    ("page", "href"),
    [
        ("index.html", "assets/stylesheets/zim.css"),
        ("treatments/kyphoplasty.html", "../assets/stylesheets/zim.css"),
        ("a/b/c.html", "../../assets/stylesheets/zim.css"),
    ],
)
def test_zim_page_links_the_stylesheet_last_in_head(page, href):
    html = '<html><head><link rel="stylesheet" href="x.css"></head><body></head></body></html>'
    out = variant.zim_page(html, page)
    assert out == html.replace("</head>", f'<link rel="stylesheet" href="{href}"></head>', 1)


def test_zim_page_keeps_the_csp_meta_tag_first_in_head():
    """The policy works inside Kiwix (act/zim/variant.py), so the ZIM keeps it."""
    html = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">\n'
        '<meta charset="utf-8"></head><body></body></html>'
    )
    out = variant.zim_page(html, "index.html")
    assert out == html.replace("</head>", '<link rel="stylesheet" href="assets/stylesheets/zim.css"></head>')


def test_zim_page_without_head_is_refused():
    with pytest.raises(variant.NotAPage, match=r"^x\.html: no </head>$"):
        variant.zim_page("<p>no head</p>", "x.html")


def _site(tmp_path: pathlib.Path, files: dict[str, str]) -> pathlib.Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


PAGE = (
    "<html><head><title>T</title></head><body><article><h1>Kypho<a class='headerlink'>¶</a></h1>"
    "<div>Bal<em>loon</em><p>Cement.</p></div></article></body></html>"
)


def test_zim_entries_from_a_good_site(tmp_path):
    site = _site(tmp_path, {"index.html": PAGE, "a.css": "x", "sitemap.xml": "<x/>", "_headers": "/*"})
    entries = zim_entries(site)
    assert [(e.path, e.mimetype, e.get_title()) for e in entries] == [
        ("a.css", "text/css", ""),
        ("assets/stylesheets/zim.css", "text/css", ""),
        ("index.html", "text/html", "Kypho"),
    ]
    assert entries[2].get_indexdata().get_content() == "\nKypho Balloon Cement."


def test_zim_entries_collects_every_problem_then_fails_once(tmp_path):
    site = _site(tmp_path, {"index.html": PAGE, "x.exe": "", "b/empty.html": "<html><body>hi</body></html>"})
    with pytest.raises(ZimBuildFailed) as failure:
        zim_entries(site)
    assert str(failure.value).splitlines() == [
        "b/empty.html: no <article> with an <h1> — only site pages belong in the ZIM",
        "x.exe: no MIME type for '.exe' — add it to MIME_TYPES in act/zim/writer.py",
    ]


def _fake_zim(payload: bytes) -> bytes:
    header = bytearray(80)
    struct.pack_into("<I", header, 0, reproducible.ZIM_MAGIC)
    header[8:24] = bytes(range(16))
    body = bytes(header) + payload
    struct.pack_into("<Q", header, reproducible.CHECKSUM_POS, len(body))
    body = bytes(header) + payload
    return body + hashlib.md5(body).digest()


def test_reproducible_replaces_every_uuid_and_fixes_the_checksum(tmp_path):
    db = reproducible.XAPIAN_MAGIC + b"\x04n"
    one = _fake_zim(b"x" + db + b"A" * 16 + b"y" + db + b"B" * 16 + b"z")
    two = _fake_zim(b"x" + db + b"C" * 16 + b"y" + db + b"D" * 16 + b"z")
    two = two[:8] + bytes(range(16, 32)) + two[24:-16]
    two += hashlib.md5(two).digest()
    paths = [tmp_path / "one.zim", tmp_path / "two.zim"]
    for path, data in zip(paths, (one, two), strict=True):
        path.write_bytes(data)
    uuids = [reproducible.make_reproducible(path) for path in paths]
    assert uuids[0] == uuids[1] and paths[0].read_bytes() == paths[1].read_bytes()
    data = paths[0].read_bytes()
    assert data.count(uuids[0].bytes) == 3 and data[8:24] == uuids[0].bytes
    assert data[-16:] == hashlib.md5(data[:-16]).digest()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\0" * 100, "the checksum is not the last 16 bytes of the ZIM"),
        (_fake_zim(b"no index here"), "expected 2 Xapian databases in the ZIM, found 0"),
    ],
)
def test_reproducible_refuses_an_unexpected_layout(tmp_path, data, message):
    path = tmp_path / "x.zim"
    path.write_bytes(data)
    with pytest.raises(reproducible.NotReproducible, match=message):
        reproducible.make_reproducible(path)


def test_the_zim_is_dated_by_the_newest_review(tmp_path):
    docs = _site(
        tmp_path,
        {
            "a.md": "---\nlast_reviewed: 2025-03-04\n---\n# A\n",
            "b/c.md": "---\nlast_reviewed: 2026-01-31\n---\n# C\n",
            "d.md": "# No front matter\n",
        },
    )
    assert release_date(docs) == datetime.date(2026, 1, 31)
    assert naming.zim_file_name(release_date(docs)) == "advanced-cancer-treatments_en_all_2026-01.zim"


def test_no_review_dates_is_a_clear_failure(tmp_path):
    docs = _site(tmp_path, {"a.md": "# A\n"})
    with pytest.raises(ZimBuildFailed, match="no page has a last_reviewed date"):
        release_date(docs)


@pytest.mark.parametrize(
    ("sizes", "shown"),
    [
        ({}, [downloads.SIZE_UNKNOWN, downloads.SIZE_UNKNOWN]),
        (
            {
                "advanced-cancer-treatments_en_all_2026-02.zim": 523_456,
                "advanced-cancer-treatments-offline.zip": 2_049_999,
            },
            ["0.5 MB", "2.0 MB"],
        ),
        (
            {"advanced-cancer-treatments_en_all_2026-01.zim": 5},
            [downloads.SIZE_UNKNOWN, downloads.SIZE_UNKNOWN],
        ),
    ],
    ids=["unpublished", "published", "another-month"],
)
def test_download_list(sizes, shown):
    listed = downloads.downloads("https://example.org/", datetime.date(2026, 2, 3), sizes)
    assert [d.url for d in listed] == [
        "https://example.org/downloads/advanced-cancer-treatments_en_all_2026-02.zim",
        "https://example.org/downloads/advanced-cancer-treatments-offline.zip",
    ]
    assert [d.size for d in listed] == shown


def test_sizes_written_are_read_back(tmp_path):
    (tmp_path / "_data").mkdir()
    files = [tmp_path / "a.zip", tmp_path / "b.zim"]
    files[0].write_bytes(b"12345")
    files[1].write_bytes(b"1")
    assert downloads.write_sizes(files, tmp_path) == {"a.zip": 5, "b.zim": 1}
    assert downloads.read_sizes(tmp_path) == ({"a.zip": 5, "b.zim": 1}, [])


def test_no_sizes_file_is_no_problem(tmp_path):
    assert downloads.read_sizes(tmp_path) == ({}, [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"a.zip": "big"}',
            "docs/_data/downloads.json:1: expected {file name: size in bytes} — rerun scripts/download_sizes.py",
        ),
        (
            '["a.zip"]',
            "docs/_data/downloads.json:1: expected {file name: size in bytes} — rerun scripts/download_sizes.py",
        ),
        (
            '{"a.zip": true}',
            "docs/_data/downloads.json:1: expected {file name: size in bytes} — rerun scripts/download_sizes.py",
        ),
        (
            '{\n"a.zip": 1,,\n}',
            "docs/_data/downloads.json:2: cannot be read (Expecting property name enclosed in double quotes: "
            "line 2 column 12 (char 13)) — rerun scripts/download_sizes.py",
        ),
    ],
    ids=["string-size", "list", "boolean", "bad-json"],
)
def test_bad_sizes_file_is_one_clear_problem(tmp_path, text, message):
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "downloads.json").write_text(text, encoding="utf-8")
    sizes, problems = downloads.read_sizes(tmp_path)
    assert sizes == {} and [str(p) for p in problems] == [message]
