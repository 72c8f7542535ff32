"""Record a clinician's sign-off of one page, as it is now.

    make sign-off PAGE=docs/treatments/x.md NAME="Dr Jane Smith" ROLE="Consultant clinical oncologist"

Writes `clinical_review: {name, role, date, hash}` into the page's front matter (replacing
an earlier sign-off), dated today. `hash` records what was signed (act/clinical_review.py
says what counts); when the page's text changes afterwards, the sign-off lapses. Run it
only when the named clinician has checked this version of the page and said so in the pull
request. Nothing else in the file changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from act.clinical_review import sign_off  # noqa: E402
from pydantic import ValidationError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", required=True, help="the page, e.g. docs/treatments/x.md")
    parser.add_argument("--name", required=True, help='the clinician, e.g. "Dr Jane Smith"')
    parser.add_argument("--role", required=True, help='their role, e.g. "Consultant clinical oncologist"')
    parser.add_argument("--date", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    path = pathlib.Path(args.page)
    if path.suffix != ".md" or not path.is_file():
        print(
            f"sign-off: {args.page}: no such page — give its path, e.g. docs/treatments/x.md", file=sys.stderr
        )
        return 2
    try:
        text = path.read_text(encoding="utf-8")
        signed = sign_off(text, args.name.strip(), args.role.strip(), args.date or dt.date.today())
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"])
            print(f"sign-off: {args.page}: {field}: {error['msg']}; nothing was written", file=sys.stderr)
        return 2
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"sign-off: {args.page}: {exc}", file=sys.stderr)
        return 2
    path.write_text(signed, encoding="utf-8")
    print(
        f"sign-off: {args.page} signed off by {args.name.strip()} ({args.role.strip()}); commit it with the page"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
