"""Screenshots of the home page for the README (`make screenshots`).

Serves the site with the demo data from a throw-away SQLite database on a free
loopback port and photographs the home page in Swedish and Arabic, on a 360 px
phone and a 1280 px desktop, with Debian's Chromium (the same set-up as the
browser tests). The PNG files go to docs/screenshots/.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or (
    "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else shutil.which("chromium")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {
    "phone": {"viewport": {"width": 360, "height": 780}, "device_scale_factor": 2},
    "desktop": {"viewport": {"width": 1280, "height": 860}, "device_scale_factor": 1},
}
LANGUAGES = {"sv": "/", "ar": "/ar/"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server stopped (exit {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"the server did not answer at {url}")


def main() -> None:
    if not (CHROMIUM and os.path.exists(CHROMIUM)):
        sys.exit("Chromium is missing: install it with `sudo apt-get install chromium`.")
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="samverka-screenshots-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "samverka.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp}/screenshots.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        print("Preparing a temporary database with the demo data …", flush=True)
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [*manage, "seed_demo", "--quiet-logins"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(f"{base}/healthz", server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for device, options in VIEWPORTS.items():
                    context = browser.new_context(**options)
                    page = context.new_page()
                    for language, path in LANGUAGES.items():
                        page.goto(f"{base}{path}", wait_until="networkidle")
                        page.evaluate("document.fonts.ready")
                        target = OUT / f"home-{language}-{device}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(f"  {target.relative_to(ROOT)}")
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print("Screenshots are in docs/screenshots/.")


if __name__ == "__main__":
    main()
