"""Write the sizes of the built downloads (dist/*.zip, dist/*.zim) to docs/_data/downloads.json
for the download page (logic in hooks/act/downloads.py). The deploy workflow runs it after
`make offline zim` and before `make build`."""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from act.downloads import write_sizes  # noqa: E402

if __name__ == "__main__":
    files = sorted((ROOT / "dist").glob("*.zip")) + sorted((ROOT / "dist").glob("*.zim"))
    if len(files) != 2:
        sys.exit(f"expected the offline zip and the ZIM in dist/, found {[f.name for f in files]}")
    for name, size in write_sizes(files, ROOT / "docs").items():
        print(f"{name}: {size} bytes")
