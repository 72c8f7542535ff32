"""The Kiwix edition read back with libzim: every page and file of the offline build, the
main page, the metadata Kiwix shows, the title and full-text indexes, pages that point only
at entries inside the ZIM, and Material's search box handed over to Kiwix. (The same bytes
from a second build: tests/fixture_sites/test_downloads_build.py.)"""

from __future__ import annotations

import pathlib
import posixpath
import struct
from urllib.parse import unquote, urlsplit

import pytest
from act.security.csp import header_policy, meta_policy
from act.zim import variant
from bs4 import BeautifulSoup
from libzim.reader import Archive
from libzim.search import Query, Searcher
from libzim.suggestion import SuggestionSearcher
from testkit.pages import DOCS, front_matter
from testkit.sitebuild import ROOT

# The ZIM is dated by the newest review of any page.
NEWEST_REVIEW = max(d for p in DOCS.rglob("*.md") if (d := front_matter(p).get("last_reviewed")))

# Elements whose URL the browser fetches by itself, and links a reader follows.
URL_ATTRIBUTES = {"a": "href", "script": "src", "img": "src", "link": "href", "source": "src"}


@pytest.fixture(scope="module")
def archive(zim_path) -> Archive:
    return Archive(zim_path)


def content(archive: Archive, path: str) -> bytes:
    return bytes(archive.get_entry_by_path(path).get_item().content)


def pages(root: pathlib.Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


def test_file_is_named_by_the_month_of_the_newest_review(zim_path):
    assert zim_path.name == f"advanced-cancer-treatments_en_all_{NEWEST_REVIEW:%Y-%m}.zim"


def test_checksum_and_indexes(archive):
    assert archive.check(), "MD5 checksum does not match the content"
    assert archive.has_fulltext_index and archive.has_title_index


@pytest.mark.parametrize("name", ["_headers", "robots.txt", "sitemap.xml", "sitemap.xml.gz", "404.html"])
def test_server_only_files_are_left_out(archive, name):
    assert not archive.has_entry_by_path(name)


def test_main_page_is_the_home_page(archive):
    assert archive.main_entry.get_item().path == "index.html"


def test_every_page_and_file_of_the_offline_build_is_in_it(archive, offline_root):
    missing, differ = [], []
    for path in sorted(offline_root.rglob("*")):
        rel = path.relative_to(offline_root).as_posix()
        if not path.is_file() or rel == "README.txt":
            continue
        if not archive.has_entry_by_path(rel):
            missing.append(rel)
        elif not rel.endswith(".html") and content(archive, rel) != path.read_bytes():
            differ.append(rel)
    assert not missing, f"missing from the ZIM: {missing}"
    assert not differ, f"differ from the offline build: {differ}"
    assert archive.article_count == len(pages(offline_root)) >= 30


def test_every_page_is_a_titled_article_with_material_search_handed_over(archive, offline_root):
    problems = []
    for rel in pages(offline_root):
        soup = BeautifulSoup(content(archive, rel), "lxml")
        heading = soup.select_one("article h1")
        if heading is None:
            problems.append(f"{rel}: no article heading")
            continue
        # As a reader sees it: inline markup (a glossary <abbr>) adds no spaces.
        title = " ".join(heading.get_text().replace("¶", "").split())
        entry = archive.get_entry_by_path(rel)
        if entry.title != title:
            problems.append(f"{rel}: title {entry.title!r}, heading {title!r}")
        if entry.get_item().mimetype != "text/html":
            problems.append(f"{rel}: MIME type {entry.get_item().mimetype}")
        last_style = soup.head.find_all("link", rel="stylesheet")[-1]["href"]
        if last_style != variant.stylesheet_href(rel):
            problems.append(f"{rel}: last stylesheet is {last_style}, not the ZIM's")
    assert not problems, "\n".join(problems)
    css = content(archive, variant.STYLESHEET_PATH).decode("utf-8")
    assert ".md-search" in css and "display: none" in css


def test_every_page_keeps_the_sites_csp_first_in_head(archive, offline_root):
    """The ZIM's pages carry the site's policy, as the hosted and offline pages do: the meta
    tag of docs/_headers' policy, right after the charset (act/zim/variant.py)."""
    policy = meta_policy(header_policy((ROOT / "docs" / "_headers").read_text(encoding="utf-8")))
    problems = []
    for rel in pages(offline_root):
        head = BeautifulSoup(content(archive, rel), "lxml").head
        first = head.find_all(["meta", "script", "link", "style"], limit=2)
        meta = first[1] if len(first) == 2 else None
        if (
            first[0].attrs != {"charset": "utf-8"}
            or meta is None
            or meta.attrs
            != {
                "http-equiv": "Content-Security-Policy",
                "content": policy,
            }
        ):
            problems.append(f"{rel}: {first}")
    assert not problems, "\n".join(problems)


def test_every_page_points_only_at_entries_inside_the_zim(archive, offline_root):
    problems = []
    for rel in pages(offline_root):
        soup = BeautifulSoup(content(archive, rel), "lxml")
        for tag in soup.find_all(list(URL_ATTRIBUTES)):
            url = tag.get(URL_ATTRIBUTES[tag.name])
            parts = urlsplit(url or "")
            if not url or not parts.path or parts.scheme or url.startswith("//"):
                continue  # same-page anchors; outside links are only followed when clicked
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
            if resolved.startswith("../") or not archive.has_entry_by_path(resolved):
                problems.append(f"{rel}: <{tag.name}> {url} is not in the ZIM")
        for tag in soup.find_all(["script", "img", "link", "source", "iframe"]):
            url = tag.get("src") or tag.get("href") or ""
            fetched = tag.name != "link" or "stylesheet" in tag.get("rel", []) or "icon" in tag.get("rel", [])
            if fetched and (urlsplit(url).scheme in {"http", "https"} or url.startswith("//")):
                problems.append(f"{rel}: <{tag.name}> fetches {url} from another site")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("Name", "advanced-cancer-treatments_en_all"),
        ("Title", "Advanced Cancer Treatments"),
        ("Description", "Plain-language encyclopedia of procedures for advanced and metastatic cancer"),
        ("Language", "eng"),
        ("Creator", "Advanced Cancer Treatments editors"),
        ("Publisher", "Advanced Cancer Treatments editors"),
        ("Date", NEWEST_REVIEW.isoformat()),
        ("License", "CC BY-SA 4.0"),
        ("Source", "https://advanced-cancer-treatments.github.io/"),
        ("Tags", "_category:medicine;_pictures:yes;_videos:no;_details:yes;_ftindex:yes;cancer"),
    ],
)
def test_metadata(archive, name, value):
    assert archive.get_metadata(name).decode("utf-8") == value


def test_descriptions_fit_what_kiwix_shows(archive):
    assert len(archive.get_metadata("Description").decode("utf-8")) <= 80
    long = archive.get_metadata("LongDescription").decode("utf-8")
    assert 80 < len(long) <= 4000 and "metastatic cancer" in long


def test_illustration_is_a_48_pixel_png(archive):
    assert archive.has_illustration(48)
    png = bytes(archive.get_illustration_item(48).content)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (48, 48)


def test_full_text_search_finds_kyphoplasty_first(archive):
    search = Searcher(archive).search(Query().set_query("kyphoplasty"))
    results = list(search.getResults(0, 5))
    assert results[0] == "treatments/kyphoplasty.html", results


def test_title_suggestion_completes_verte_to_vertebroplasty(archive):
    suggestion = SuggestionSearcher(archive).suggest("verte")
    results = list(suggestion.getResults(0, 5))
    assert results and results[0] == "treatments/vertebroplasty.html", results
