"""The offline bundle as files: reproducible bytes, an atomic write, one folder holding
everything with README.txt beside index.html,
the pinned search shim inside, and every page pointing only at files inside the zip."""

from __future__ import annotations

import errno
import hashlib
import json
import pathlib
import re
import shutil
import time
import zipfile
from urllib.parse import unquote, urlsplit

import pytest
from act import offline as offline_assets
from act import offline_bundle
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from testkit.sitebuild import ROOT

VENDOR = ROOT / "vendor" / "iframe-worker"

# Elements whose URL the browser fetches by itself when the page loads.
FETCHED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href"}
# <link> relations that only name a page (like <a>), which the browser does not fetch: a
# canonical link to the hosted site is right even in the offline copy.
NAMING_RELS = {"canonical", "alternate", "prev", "next"}


@pytest.fixture(scope="module")
def bundle(offline_bundle_zip) -> pathlib.Path:
    return offline_bundle_zip


@pytest.fixture(scope="module")
def unzipped(offline_root) -> pathlib.Path:
    return offline_root


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- Reproducible and atomic ------------------------------------------------------------


def test_two_builds_give_identical_bytes(bundle, tmp_path):
    # A second build from a copy of the sources in another folder (the session's bundle is
    # the first): the bytes must not depend on where or when it is built.
    ignore = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "dist", "__pycache__", ".*cache")
    shutil.copytree(ROOT, tmp_path / "copy", ignore=ignore)
    second = offline_bundle.make_offline_bundle(tmp_path / "two.zip", tmp_path / "copy" / "mkdocs.yml")
    assert second.entries > 30
    assert sha256(bundle) == sha256(second.path)


def test_every_entry_has_the_same_fixed_metadata_in_a_stable_order(bundle):
    with zipfile.ZipFile(bundle) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names[0] == f"{offline_bundle.BUNDLE_FOLDER}/README.txt"
    assert names[1:] == sorted(names[1:])
    # One timestamp for every entry: SOURCE_DATE_EPOCH when set (`make` sets it from the last
    # commit), else 1980-01-01, the earliest a zip can hold.
    # (A zip stores seconds in steps of two.)
    epoch = max(offline_bundle.source_date_epoch(), offline_bundle.DEFAULT_EPOCH)
    stamp = time.gmtime(epoch)[:6]
    assert {i.date_time for i in infos} == {(*stamp[:5], stamp[5] - stamp[5] % 2)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
    ids=["disk-full", "ctrl-c"],
)
@pytest.mark.parametrize("previous", [b"the previous, complete bundle", None], ids=["over-old", "first"])
def test_a_write_interrupted_midway_leaves_no_broken_bundle(bundle, tmp_path, monkeypatch, failure, previous):
    with zipfile.ZipFile(bundle) as archive:
        entries = [(name, archive.read(name)) for name in archive.namelist()]
    output = tmp_path / "dist" / "bundle.zip"
    output.parent.mkdir()
    if previous is not None:
        output.write_bytes(previous)
    real_zip_info = offline_bundle._zip_info
    written = []

    def fail_after_twenty_entries(name, epoch):
        if len(written) == 20:
            raise failure
        written.append(name)
        return real_zip_info(name, epoch)

    monkeypatch.setattr(offline_bundle, "_zip_info", fail_after_twenty_entries)
    with pytest.raises(type(failure)):
        offline_bundle.write_zip_atomically(entries, output, offline_bundle.DEFAULT_EPOCH)
    assert len(written) == 20 < len(entries), "the failure should strike midway through the zip"
    left = sorted(p.name for p in output.parent.iterdir())
    if previous is None:
        assert left == [], "a partial bundle or temporary file was left behind"
    else:
        assert left == ["bundle.zip"], "temporary file left behind"
        assert output.read_bytes() == previous


def test_a_failed_site_build_writes_no_bundle(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Broken\ndocs_dir: no-such-folder\n", encoding="utf-8")
    output = tmp_path / "dist" / "bundle.zip"
    with pytest.raises(offline_bundle.OfflineBuildFailed, match="no-such-folder"):
        offline_bundle.make_offline_bundle(output, config_file=config)
    assert not output.exists()
    assert not output.parent.exists() or not any(output.parent.iterdir())


# --- What the zip holds --------------------------------------------------------------------


def test_everything_unpacks_into_one_folder_of_its_own(bundle):
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    assert {name.split("/", 1)[0] for name in names} == {"advanced-cancer-treatments-offline"}
    assert "advanced-cancer-treatments-offline/index.html" in names


def test_readme_beside_index_says_how_to_open_it_and_where_the_zim_is(bundle):
    with zipfile.ZipFile(bundle) as archive:
        readme = archive.read("advanced-cancer-treatments-offline/README.txt").decode("utf-8")
    assert "double-click index.html" in readme
    assert re.search(r"[Ee]xtract", readme)
    assert "not medical advice" in readme
    assert "advanced-cancer-treatments_en_all_" in readme and "Kiwix" in readme
    assert "about/download.html" in readme


def test_server_only_files_and_source_maps_are_left_out(bundle):
    with zipfile.ZipFile(bundle) as archive:
        names = [name.split("/", 1)[1] for name in archive.namelist()]
    left_out = (".map", "sitemap.xml", "sitemap.xml.gz", "404.html", "robots.txt", "_headers")
    assert not [n for n in names if n.endswith(left_out)]


def test_bundle_ships_the_vendored_shim_with_its_licence(unzipped):
    shipped = unzipped / "assets" / "vendor" / "iframe-worker"
    # Shipped with its inline iframe script moved to a file, so the page's CSP allows it.
    from act.offline import FRAME_JS, csp_safe_shim

    vendored = (VENDOR / "shim.js").read_text(encoding="utf-8")
    assert (shipped / "shim.js").read_text(encoding="utf-8") == csp_safe_shim(vendored)
    assert (shipped / "frame.js").read_text(encoding="utf-8") == FRAME_JS
    assert (shipped / "LICENSE").read_bytes() == (VENDOR / "LICENSE").read_bytes()
    assert (unzipped / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")


def test_vendored_shim_is_the_pinned_npm_release():
    pin = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["iframe-worker"]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert lock["packages"]["node_modules/iframe-worker"]["version"] == pin
    assert readme.splitlines()[0] == f"# iframe-worker {pin} (vendored)"
    recorded = f"sha256 of shim.js: {sha256(VENDOR / 'shim.js')}"
    assert recorded in readme, "shim.js differs from the release recorded in vendor/iframe-worker/README.md"
    assert "Permission is hereby granted, free of charge" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def _page_problems(root: pathlib.Path, page: pathlib.Path) -> list[str]:
    """Every URL on the page that a reader's browser would fetch from outside the bundle,
    and every in-bundle link that does not land on a file (a folder shows as a listing)."""
    rel = page.relative_to(root).as_posix()
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    problems = []
    for tag in soup.find_all(["a", *FETCHED]):
        attr = "href" if tag.name == "a" else FETCHED[tag.name]
        url = tag.get(attr)
        if not url:
            continue
        parts = urlsplit(url)
        fetched = tag.name != "a" and not (tag.name == "link" and NAMING_RELS & set(tag.get("rel", [])))
        if parts.scheme or url.startswith("//"):
            if fetched and parts.scheme != "data":
                problems.append(f"{rel}: <{tag.name}> fetches {url} from outside the bundle")
            continue
        if not parts.path:
            continue  # a link to an anchor on the same page
        target = (page.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(root.resolve()):
            problems.append(f"{rel}: {url} points outside the bundle")
        elif not target.is_file():
            problems.append(f"{rel}: {url} is not a file in the bundle (folder links need a server)")
    config = json.loads(soup.select_one("script#__config").string)
    # The typo-correcting wrapper, then (after `#`) Material's worker, beside it in workers/.
    wrapper, _, material = config["search"].partition("#")
    for worker in (page.parent / wrapper, (page.parent / wrapper).parent / material):
        if not worker.resolve().is_file():
            problems.append(f"{rel}: search worker {config['search']} is missing")
    if not (page.parent / config["base"] / "search" / "search_index.js").resolve().is_file():
        problems.append(f"{rel}: search/search_index.js is not at base {config['base']!r}")
    if "unpkg.com" in page.read_text(encoding="utf-8"):
        problems.append(f"{rel}: mentions unpkg.com (the CDN shim)")
    return problems


def test_every_page_points_only_at_files_inside_the_bundle(unzipped):
    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) >= 30, f"only {len(pages)} pages in the bundle"
    problems = [problem for page in pages for problem in _page_problems(unzipped, page)]
    assert not problems, "\n".join(problems)


def test_every_page_loads_the_local_shim_before_material(unzipped):
    missing = []
    for page in sorted(unzipped.rglob("*.html")):
        scripts = [s.get("src", "") for s in BeautifulSoup(page.read_bytes(), "lxml").find_all("script")]
        local = [i for i, src in enumerate(scripts) if src.endswith("assets/vendor/iframe-worker/shim.js")]
        bundle_js = [i for i, src in enumerate(scripts) if re.search(r"(^|/)javascripts/bundle\.", src)]
        if len(local) != 1 or not bundle_js or local[0] > bundle_js[0]:
            missing.append(page.relative_to(unzipped).as_posix())
    assert not missing, f"pages without the local search shim ahead of Material's bundle: {missing}"


# --- The switch: offline build only -------------------------------------------------------


def test_hosted_build_has_no_offline_parts(site_dir):
    assert not (site_dir / "assets" / "vendor").exists()
    assert not (site_dir / "search" / "search_index.js").exists()
    assert (site_dir / "treatments" / "pleurodesis" / "index.html").is_file(), "hosted site: directory URLs"
    assert "iframe-worker" not in (site_dir / "index.html").read_text(encoding="utf-8")


def test_offline_switch_lists_only_the_local_shim_and_drops_instant_navigation(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("OFFLINE", "true")
    config = load_config(str(ROOT / "mkdocs.yml"))
    instant = ["navigation.instant", "navigation.instant.progress"]
    config.theme["features"] = [*config.theme["features"], *instant]
    config = config.plugins.on_config(config)
    assert config.use_directory_urls is False
    assert config.extra["polyfills"] == [offline_assets.SHIM_URI]
    assert not [f for f in config.theme["features"] if f.startswith("navigation.instant")]
    assert "search.suggest" in config.theme["features"]
