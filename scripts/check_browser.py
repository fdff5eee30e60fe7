"""Say in one line how to get Chromium when it is missing; under CI, fail."""

import os
import shutil
import sys

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
    if os.environ.get("CI") == "true":
        sys.exit(f"Chromium is missing at {CHROMIUM}; CI needs it for the browser tests.")
    print(
        "Browser tests skipped: Chromium is missing (install it with `sudo apt-get install chromium`)."
    )
