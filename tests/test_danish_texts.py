# SPDX-License-Identifier: MPL-2.0
"""What a Danish page says holds no internal references: no file names of the code base or its
documentation ("docs/review.md"), no "seed" or "UNCONFIRMED". Read from every Danish catalogue the
pages are translated with, so a new text is checked the moment it is translated."""

import gettext
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTERNAL = re.compile(r"docs/|\b[\w-]+\.(md|py|html|jsonl?|toml)\b|\bUNCONFIRMED\b|\bseed\b", re.IGNORECASE)


def danish_texts():
    for mo in sorted(ROOT.glob("forebyg/**/locale/da/LC_MESSAGES/django.mo")):
        with mo.open("rb") as f:
            catalogue = gettext.GNUTranslations(f)
        for msgid, msgstr in catalogue._catalog.items():  # the catalogue's own table: every entry
            if msgid and msgstr:
                yield mo.relative_to(ROOT), msgid, msgstr


def test_there_are_danish_texts_to_check():
    assert sum(1 for _ in danish_texts()) > 1000


def test_no_danish_text_names_a_file_or_an_internal_marker():
    found = [f"{mo}: {msgstr!r}" for mo, _msgid, msgstr in danish_texts() if INTERNAL.search(str(msgstr))]
    assert not found, "\n".join(found)
