# SPDX-License-Identifier: MPL-2.0
"""With FOREBYG_SHOTS=<dir>, browser tests also save the pages they reach as screenshots at 1366 and
390 px, for a person to look at (the browser tests assert the text; the screenshots are for the eye)."""

import os

SHOTS = os.environ.get("FOREBYG_SHOTS")


def shots(s, name: str) -> None:
    if not SHOTS:
        return
    os.makedirs(SHOTS, exist_ok=True)
    for width in (1366, 390):
        s.page.set_viewport_size({"width": width, "height": 900})
        s.page.screenshot(path=os.path.join(SHOTS, f"{name}-{width}.png"), full_page=True)
    s.page.set_viewport_size({"width": 1280, "height": 900})
