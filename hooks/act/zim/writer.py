"""Write the offline build as a ZIM file with python-libzim: every page, diagram,
stylesheet and script, a title index and a full-text index, and the metadata Kiwix shows.

    python scripts/zim.py [--output-dir dist]

Titles and the text indexed for search come from each page's article only (its <h1> and
body), not from the navigation every page repeats, so a search for a procedure finds its
own page first.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import pathlib
import sys
import tempfile
import time
from collections.abc import Iterable
from importlib.metadata import version

import lxml.html
from libzim.reader import Archive
from libzim.writer import Creator, Hint, IndexData, Item, StringProvider
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from act.leftovers import held_folder
from act.offline_bundle import DIST, ROOT, OfflineBuildFailed, build_offline_site, bundle_entries
from act.zim import variant
from act.zim.naming import ZIM_NAME, newest_review, zim_file_name
from act.zim.reproducible import make_reproducible

ILLUSTRATION = ROOT / "scripts" / "offline" / "zim-illustration-48.png"
MAIN_PAGE = "index.html"
# The temporary site folder of a run, in the system's temporary folder (TMPDIR).
SITE_FOLDER_PREFIX = "zim-site-"
LANGUAGE = "eng"  # ISO 639-3, as Kiwix expects
# Kiwix shows at most 80 characters; mkdocs.yml's site_description is the long one.
DESCRIPTION = "Plain-language encyclopedia of procedures for advanced and metastatic cancer"
LICENSE = "CC BY-SA 4.0"
TAGS = ("_category:medicine", "_pictures:yes", "_videos:no", "_details:yes", "_ftindex:yes", "cancer")

# An allowlist: a file type not listed here stops the build rather than going in unlabelled.
MIME_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".txt": "text/plain",
    "": "text/plain",  # LICENSE files
}
COMPRESSED = {
    "text/html",
    "text/css",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "text/plain",
}


# Elements that end a run of words: text on either side is never one word.
BLOCK_TAGS = (
    "p",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "section",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "br",
    "tr",
    "summary",
    "details",
)


class ZimBuildFailed(Exception):
    """The ZIM could not be built; the message lists every problem, one per line."""


@dataclasses.dataclass(frozen=True)
class ZimMetadata:
    title: str
    long_description: str
    creator: str
    source: str
    date: datetime.date

    @property
    def file_name(self) -> str:
        return zim_file_name(self.date)

    def entries(self) -> dict[str, str]:
        return {
            "Name": ZIM_NAME,
            "Title": self.title,
            "Description": DESCRIPTION,
            "LongDescription": self.long_description,
            "Language": LANGUAGE,
            "Creator": self.creator,
            "Publisher": self.creator,
            "Date": self.date.isoformat(),
            "Tags": ";".join(TAGS),
            "License": LICENSE,
            "Source": self.source,
            "Scraper": f"advanced-cancer-treatments make zim (python-libzim {version('libzim')})",
        }


@dataclasses.dataclass(frozen=True)
class ZimReport:
    path: pathlib.Path
    size_bytes: int
    entries: int  # every entry, pages and files
    articles: int  # pages, the entries a reader can search and open
    seconds: float


def release_date(docs_dir: pathlib.Path) -> datetime.date:
    """The ZIM's date: the newest `last_reviewed` of the pages in `docs_dir`."""
    newest = newest_review(get_data(p.read_text(encoding="utf-8"))[1] for p in sorted(docs_dir.rglob("*.md")))
    if newest is None:
        raise ZimBuildFailed(f"{docs_dir}: no page has a last_reviewed date to date the ZIM by")
    return newest


def read_metadata(config_file: pathlib.Path = ROOT / "mkdocs.yml") -> ZimMetadata:
    """Title, descriptions, creator and source from mkdocs.yml; the date from the pages."""
    with open(config_file, encoding="utf-8") as fh:
        config = yaml_load(fh)
    docs_dir = config_file.parent / config.get("docs_dir", "docs")
    return ZimMetadata(
        title=config["site_name"],
        long_description=" ".join(config["site_description"].split()),
        creator=config["site_author"],
        source=config["site_url"],
        date=release_date(docs_dir),
    )


@dataclasses.dataclass(frozen=True)
class PageText:
    """What the title and full-text indexes hold for a page."""

    title: str
    description: str
    body: str


def page_text(html: str) -> PageText | None:
    """The article's title and text, or None for an HTML file with no article heading."""
    tree = lxml.html.fromstring(html)
    article = tree.find(".//article")
    heading = article.find(".//h1") if article is not None else None
    if heading is None:
        return None
    for anchor in article.find_class("headerlink"):
        anchor.drop_tree()
    # The title is read before spaces go in at block edges, which would pad inline markup
    # inside the heading ("( TACE and SIRT )").
    title = " ".join(heading.text_content().split())
    for block in article.iter(*BLOCK_TAGS):  # `<h1>a</h1><p>b</p>` reads "a b", not "ab"
        block.text, block.tail = f" {block.text or ''}", f" {block.tail or ''}"
    description = tree.xpath("string(//meta[@name='description']/@content)")
    return PageText(title, description, " ".join(article.text_content().split()))


class _PageIndex(IndexData):
    def __init__(self, text: PageText) -> None:
        super().__init__()
        self.text = text

    def has_indexdata(self) -> bool:
        return True

    def get_title(self) -> str:
        return self.text.title

    def get_content(self) -> str:
        return f"{self.text.description}\n{self.text.body}"

    def get_keywords(self) -> str:
        return ""

    def get_wordcount(self) -> int:
        return len(self.text.body.split())

    def get_geoposition(self) -> tuple[float, float] | None:
        return None


class _Entry(Item):
    def __init__(self, path: str, mimetype: str, data: bytes, text: PageText | None) -> None:
        super().__init__()
        self.path, self.mimetype, self.data, self.text = path, mimetype, data, text

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return self.text.title if self.text else ""

    def get_mimetype(self) -> str:
        return self.mimetype

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.data)

    def get_indexdata(self) -> IndexData | None:
        return _PageIndex(self.text) if self.text else None

    def get_hints(self) -> dict:
        return {Hint.FRONT_ARTICLE: self.text is not None, Hint.COMPRESS: self.mimetype in COMPRESSED}


def zim_entries(site_dir: pathlib.Path) -> list[_Entry]:
    """Every file of the offline build a reader needs, as ZIM entries (pages in their ZIM
    variant), plus the variant's stylesheet; raises ZimBuildFailed listing every problem."""
    entries, problems = [], []
    for name, path in bundle_entries(site_dir):
        mimetype = MIME_TYPES.get(path.suffix.lower())
        if mimetype is None:
            problems.append(
                f"{name}: no MIME type for {path.suffix!r} — add it to MIME_TYPES in act/zim/writer.py"
            )
            continue
        data = path.read_bytes()
        text = None
        if mimetype == "text/html":
            html = data.decode("utf-8")
            text = page_text(html)
            if text is None:
                problems.append(f"{name}: no <article> with an <h1> — only site pages belong in the ZIM")
                continue
            try:
                data = variant.zim_page(html, name).encode("utf-8")
            except variant.NotAPage as exc:
                problems.append(f"{exc} — only site pages belong in the ZIM")
                continue
        entries.append(_Entry(name, mimetype, data, text))
    if problems:
        raise ZimBuildFailed("\n".join(problems))
    entries.append(_Entry(variant.STYLESHEET_PATH, "text/css", variant.STYLESHEET.encode("utf-8"), None))
    return sorted(entries, key=lambda entry: entry.path)


def write_zim(entries: Iterable[_Entry], metadata: ZimMetadata, output: pathlib.Path) -> None:
    """Write the ZIM (indexes in English), then make its bytes reproducible.

    One worker thread: with more, pages reach the Xapian index in whatever order the
    threads finish, so the index (and the file) differs from build to build."""
    with Creator(str(output)).config_indexing(True, LANGUAGE).config_nbworkers(1) as creator:
        creator.set_mainpath(MAIN_PAGE)
        for entry in entries:
            creator.add_item(entry)
        for name, value in metadata.entries().items():
            creator.add_metadata(name, value)
        creator.add_illustration(48, ILLUSTRATION.read_bytes())
    make_reproducible(output)


# A run writes its ZIM in a folder of its own beside the output, `.NAME.<pid>-<random>.part/`,
# since libzim puts several files beside the one it writes (`X.tmp`, `X_fulltext.idx.tmp`,
# `X_title.idx.tmp`, …); the folder holds them all, is locked while the run lives and goes
# with one removal (act/leftovers.py).
WORK_FOLDER_PREFIX = f".{ZIM_NAME}."
WORK_FOLDER_SUFFIX = ".part"


def work_folders(output_dir: pathlib.Path) -> list[pathlib.Path]:
    """The work folders of ZIM runs in `output_dir`, live or left by a killed run."""
    return sorted(output_dir.glob(f"{WORK_FOLDER_PREFIX}*{WORK_FOLDER_SUFFIX}"))


def write_zim_atomically(entries: Iterable[_Entry], metadata: ZimMetadata, output: pathlib.Path) -> None:
    """Write in a work folder beside `output` and rename the ZIM into place when complete.

    First removes the work folders of earlier runs killed outright (SIGKILL), never one of a
    run still alive; on any failure, including Ctrl-C and SIGTERM (scripts/zim.py), removes
    its own and leaves `output` untouched."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with held_folder(output.parent, WORK_FOLDER_PREFIX, WORK_FOLDER_SUFFIX) as (work, _lock_fd):
        tmp = work / output.name
        write_zim(entries, metadata, tmp)
        tmp.chmod(0o644)
        os.replace(tmp, output)


def zim_from_site(site_dir: pathlib.Path, output: pathlib.Path, metadata: ZimMetadata) -> None:
    write_zim_atomically(zim_entries(site_dir), metadata, output)


def make_zim(output_dir: pathlib.Path = DIST, config_file: pathlib.Path = ROOT / "mkdocs.yml") -> ZimReport:
    """Build the offline site and write it as `<output_dir>/<name>_<YYYY-MM>.zim`."""
    started = time.perf_counter()
    metadata = read_metadata(config_file)
    output = output_dir / metadata.file_name
    # Removes the site folders of killed runs first; this run's goes on the way out.
    with held_folder(pathlib.Path(tempfile.gettempdir()), SITE_FOLDER_PREFIX) as (site_dir, lock_fd):
        build_offline_site(site_dir, config_file, lock_fd)
        zim_from_site(site_dir, output, metadata)
    archive = Archive(output)
    return ZimReport(
        output,
        output.stat().st_size,
        archive.all_entry_count,
        archive.article_count,
        time.perf_counter() - started,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=pathlib.Path, default=DIST)
    args = parser.parse_args(argv)
    try:
        report = make_zim(args.output_dir.resolve())
    except (OfflineBuildFailed, ZimBuildFailed) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"{report.path}: {report.entries} entries ({report.articles} pages), "
        f"{report.size_bytes / 1_000_000:.2f} MB, built in {report.seconds:.1f} s"
    )
    return 0
