"""Say in one line how to get Chromium when it is missing; under CI, fail.

The browser tests look for the same browser (tests/conftest.py): CHROMIUM_PATH,
else /usr/bin/chromium, else `chromium` on the PATH.
"""

import os
import shutil
import sys

configured = os.environ.get("CHROMIUM_PATH")
found = (
    configured
    if configured
    else ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else shutil.which("chromium"))
)

if not (found and os.path.exists(found)):
    where = configured or "/usr/bin/chromium"
    if os.environ.get("CI") == "true":
        sys.exit(f"Chromium is missing at {where}; CI needs it for the browser tests.")
    print(
        "Browser tests skipped: Chromium is missing (install it with `sudo apt-get install chromium`)."
    )
