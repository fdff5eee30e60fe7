"""A LibreTranslate stand-in over real HTTP, and a topic with an outdated Arabic segment."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.orientation.conftest import add_topic, publish, translate


class FakeLibreTranslate:
    """Speaks LibreTranslate's POST /translate: {"q": [...], "source", "target",
    "format"} -> {"translatedText": [...]}. `mode` says how it behaves."""

    def __init__(self):
        self.mode = "ok"
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append((self.path, body))
                if fake.mode == "error":
                    self._send(500, b'{"error": "model not loaded"}')
                elif fake.mode == "garbage":
                    self._send(200, b"<html><body>Bad gateway</body></html>")
                elif fake.mode == "short":
                    self._send(200, json.dumps({"translatedText": body["q"][:-1]}).encode())
                else:
                    texts = [f"[{body['target']}] {text}" for text in body["q"]]
                    self._send(200, json.dumps({"translatedText": texts}).encode())

            def _send(self, status, payload):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def libretranslate(settings):
    fake = FakeLibreTranslate()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "samverka.orientation.machine_translation.LibreTranslateTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": fake.url, "API_KEY": "", "TIMEOUT": 5},
    }
    yield fake
    fake.stop()


@pytest.fixture
def orientation_index(home_page):
    from samverka.orientation.models import OrientationIndexPage

    index = OrientationIndexPage(title="Samhällsorientering", slug="samhallsorientering")
    home_page.add_child(instance=index)
    publish(index)
    translate(index, "ar", title="التوجيه المجتمعي")
    return index


@pytest.fixture
def work_topic(orientation_index):
    """A Swedish topic translated into Arabic, then one paragraph changed in Swedish."""
    page = add_topic(
        orientation_index,
        "Arbete",
        "arbete",
        intro="Om att söka jobb.",
        body=[
            {"type": "text", "value": "<p>Arbetsförmedlingen hjälper dig.</p>"},
            {"type": "text", "value": "<p>Du kan få praktik.</p>"},
        ],
    )
    translate(
        page,
        "ar",
        title="العمل",
        intro="عن البحث عن عمل.",
        body=[
            {"type": "text", "value": "<p>مكتب العمل يساعدك.</p>"},
            {"type": "text", "value": "<p>يمكنك الحصول على تدريب.</p>"},
        ],
    )
    body = page.body.raw_data
    body[1]["value"] = "<p>Du kan få praktik hos en arbetsgivare.</p>"
    page.body = body
    publish(page)
    return page


def arabic_translation(page):
    from wagtail_localize.models import Translation

    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="ar"
    )


@pytest.fixture
def editor(editor):
    """Jonas the editor with the admin in English, whatever the catalogues say, so the
    tests can read the admin's messages."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    return editor
