"""Serve a ZIM with Debian's kiwix-serve (package kiwix-tools) on a free loopback port."""

from __future__ import annotations

import contextlib
import pathlib
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

KIWIX_SERVE = "kiwix-serve"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def kiwix_serve(zim: pathlib.Path, timeout: float = 20.0) -> Iterator[str]:
    """Run kiwix-serve for `zim` on 127.0.0.1; yields the base URL, ending in `/`."""
    executable = shutil.which(KIWIX_SERVE)
    if executable is None:
        raise RuntimeError("kiwix-serve is missing: apt-get install kiwix-tools (.ci/run does)")
    port = _free_port()
    command = [executable, "--address=127.0.0.1", f"--port={port}", str(zim)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"kiwix-serve exited with {process.returncode}: {process.stdout.read()}")
            try:
                with urllib.request.urlopen(base, timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"kiwix-serve did not answer on {base} within {timeout} s") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
