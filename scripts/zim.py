"""Build the Kiwix edition, dist/*.zim (logic in hooks/act/zim/)."""

from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "hooks"))

from act.zim.writer import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
