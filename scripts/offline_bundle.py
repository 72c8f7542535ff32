"""Build the offline bundle (logic in hooks/act/offline_bundle.py)."""

from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "hooks"))

from act.offline_bundle import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
