# The browser tests' fixtures (a live site with the demo home page, axe-core).
from tests.browser.conftest import axe, site_with_demo  # noqa: F401
