"""Build the offline bundle: the whole site as one zip that works from file://.

    python scripts/offline_bundle.py [--output dist/advanced-cancer-treatments-offline.zip] [--config-file mkdocs.yml]

The site is built from the same mkdocs.yml with OFFLINE=true (Material's offline plugin
plus hooks/offline_build.py), then zipped into one folder of its own
(`advanced-cancer-treatments-offline/`, so unzipping never scatters files) reproducibly: sorted entries, one fixed
timestamp, fixed permissions, so two builds of the same sources give the same bytes. The
zip is written under a temporary name beside the target and renamed only when complete,
so an interrupted build never leaves a broken bundle (an older bundle stays intact).
A run that is killed outright (SIGKILL, a power cut) cannot clean up after itself: its
`.NAME.*.part` file and its temporary site folder stay, and the next run removes them; the
`mkdocs build` it started dies with it (act/leftovers.py: how a live run's files are told
from a dead run's, so a second run never removes the files of one in progress).
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import zipfile

from act.leftovers import dying_with_this_process, held_folder, hold, remove_left_overs, temporary_path

ROOT = pathlib.Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
BUNDLE_NAME = "advanced-cancer-treatments-offline"
DEFAULT_OUTPUT = DIST / f"{BUNDLE_NAME}.zip"
# The temporary site folder of a run, in the system's temporary folder (TMPDIR).
SITE_FOLDER_PREFIX = "offline-site-"
PART_SUFFIX = ".part"  # of the zip while it is written (part_prefix)
# Every file of the zip sits in this one folder.
BUNDLE_FOLDER = BUNDLE_NAME
README = ROOT / "scripts" / "offline" / "README.txt"

# Sitemaps need a hosted site_url and carry the build date; robots.txt and `_headers` are
# for crawlers and web hosts; 404.html is for web servers and links from the server root
# (/assets/...), which on disk point outside the bundle; source maps are for developers
# with DevTools open. None of them helps a reader offline (the ZIM leaves them out too).
LEFT_OUT_NAMES = {"sitemap.xml", "sitemap.xml.gz", "404.html", "robots.txt", "_headers"}
LEFT_OUT_SUFFIXES = (".map",)

# Every entry gets this timestamp unless SOURCE_DATE_EPOCH says otherwise (the
# reproducible-builds convention). 1980-01-01 is the earliest date a zip can hold.
DEFAULT_EPOCH = 315532800
FILE_MODE = 0o100644  # a regular file, rw-r--r--


class OfflineBuildFailed(Exception):
    """mkdocs could not build the offline site; the message holds its output."""


@dataclasses.dataclass(frozen=True)
class BundleReport:
    path: pathlib.Path
    size_bytes: int
    entries: int
    seconds: float


def source_date_epoch() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))


def build_offline_site(
    site_dir: pathlib.Path, config_file: pathlib.Path = ROOT / "mkdocs.yml", lock_fd: int | None = None
) -> None:
    """Build the site strictly with the offline switch on, in a fresh process (no hook state
    or environment leaks into the caller). The process dies with this one, and holds
    `lock_fd` (the lock on `site_dir`, act/leftovers.py) while it runs."""
    env = {
        **os.environ,
        "OFFLINE": "true",
        "NO_MKDOCS_2_WARNING": "1",
        # Fixes any build date a template prints, so the pages themselves are reproducible.
        "SOURCE_DATE_EPOCH": str(source_date_epoch()),
    }
    command = dying_with_this_process(
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--config-file",
        str(config_file),
        "--site-dir",
        str(site_dir),
    )
    result = subprocess.run(
        command,
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
        pass_fds=() if lock_fd is None else (lock_fd,),
    )
    if result.returncode != 0:
        raise OfflineBuildFailed(f"mkdocs build (OFFLINE=true) failed:\n{result.stderr}{result.stdout}")


def bundle_entries(site_dir: pathlib.Path) -> list[tuple[str, pathlib.Path]]:
    """(name in the zip, file on disk) for every file a reader needs, in a stable order."""
    entries = []
    for path in site_dir.rglob("*"):
        if not path.is_file() or path.name in LEFT_OUT_NAMES or path.name.endswith(LEFT_OUT_SUFFIXES):
            continue
        entries.append((path.relative_to(site_dir).as_posix(), path))
    return sorted(entries)


def _zip_info(name: str, epoch: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.gmtime(max(epoch, DEFAULT_EPOCH))[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever machine builds it, so the mode bits mean the same
    info.external_attr = FILE_MODE << 16
    return info


def write_zip(entries: list[tuple[str, bytes]], zip_path: pathlib.Path, epoch: int) -> None:
    """Write the entries in the order given, each with the same fixed metadata.

    Interrupted (Ctrl-C, SIGTERM) half-way through an entry, the interruption itself is
    raised: the archive is not closed (the caller throws the file away), because
    `ZipFile.close` would refuse with an entry still open and its ValueError would replace
    the interruption (the run then ended with status 1, not 130 or 143)."""
    with open(zip_path, "wb") as file:
        archive = zipfile.ZipFile(file, "w")
        try:
            for name, data in entries:
                archive.writestr(_zip_info(name, epoch), data, compresslevel=9)
        except BaseException:
            archive.fp = None  # so its close (run again when it is collected) writes nothing
            raise
        archive.close()


def part_prefix(output: pathlib.Path) -> str:
    """`write_zip_atomically` writes `.NAME.<pid>-<random>.part` beside `output`."""
    return f".{output.name}."


def part_files(output: pathlib.Path) -> list[pathlib.Path]:
    """The temporary files `write_zip_atomically` writes beside `output`, of any run."""
    return sorted(output.parent.glob(f"{glob.escape(part_prefix(output))}*{PART_SUFFIX}"))


def remove_stale_parts(output: pathlib.Path) -> list[pathlib.Path]:
    """Remove the `.part` files of runs that were killed outright; return them (a run still
    writing one is alive and holds its lock: act/leftovers.py)."""
    return remove_left_overs(output.parent, part_prefix(output), PART_SUFFIX)


def write_zip_atomically(entries: list[tuple[str, bytes]], output: pathlib.Path, epoch: int) -> None:
    """Write to a temporary file beside `output`, then rename it into place; on any failure
    (including Ctrl-C and SIGTERM) remove the temporary file and leave `output` untouched."""
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_path(output.parent, part_prefix(output), PART_SUFFIX)
    fd = None
    try:
        os.close(os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
        fd = hold(tmp)  # held until this run ends: see remove_stale_parts
        write_zip(entries, tmp, epoch)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        tmp.chmod(0o644)  # private while written; the bundle is for sharing
        os.replace(tmp, output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if fd is not None:
            os.close(fd)


def make_offline_bundle(
    output: pathlib.Path = DEFAULT_OUTPUT, config_file: pathlib.Path = ROOT / "mkdocs.yml"
) -> BundleReport:
    """Build the offline site and zip it, with README.txt beside index.html in the zip's one
    folder, to `output`."""
    started = time.perf_counter()
    remove_stale_parts(output)
    # Removes the site folders of killed runs first; this run's goes on the way out.
    with held_folder(pathlib.Path(tempfile.gettempdir()), SITE_FOLDER_PREFIX) as (site_dir, lock_fd):
        build_offline_site(site_dir, config_file, lock_fd)
        entries = [(f"{BUNDLE_FOLDER}/README.txt", README.read_bytes())]
        entries += [(f"{BUNDLE_FOLDER}/{name}", path.read_bytes()) for name, path in bundle_entries(site_dir)]
    write_zip_atomically(entries, output, source_date_epoch())
    return BundleReport(output, output.stat().st_size, len(entries), time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--config-file", type=pathlib.Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    try:
        report = make_offline_bundle(args.output.resolve(), args.config_file.resolve())
    except OfflineBuildFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"{report.path}: {report.entries} files, {report.size_bytes / 1_000_000:.2f} MB, "
        f"built in {report.seconds:.1f} s"
    )
    return 0
