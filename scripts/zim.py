"""Build the Kiwix edition, dist/*.zim (logic in hooks/act/zim/)."""

from __future__ import annotations

import pathlib
import signal
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "hooks"))

from act.zim.writer import main  # noqa: E402

if __name__ == "__main__":
    # A `kill` (SIGTERM) unwinds like Ctrl-C, so the half-written ZIM (.part) and the
    # temporary site folder are removed instead of left behind.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    sys.exit(main())
