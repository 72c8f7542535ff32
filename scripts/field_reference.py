"""Generate CONTRIBUTING.md's front-matter field reference (logic in hooks/act/field_reference.py)."""

from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "hooks"))

from act.field_reference import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
