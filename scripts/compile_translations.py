"""Compile locale/*/LC_MESSAGES/*.po into .mo files with polib.

Django's compilemessages needs GNU gettext's msgfmt, which a fresh machine may
not have; polib is pure Python and comes with the project's dependencies.
Only files whose .po is newer than the .mo are compiled.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    compiled = 0
    for po_path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled += 1
    if compiled:
        print(f"compiled {compiled} translation catalogue(s)")


if __name__ == "__main__":
    main()
