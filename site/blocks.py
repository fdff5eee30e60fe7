"""The reference site's name for the shared StreamField blocks, now in samverka.core.blocks.

The blocks moved into the core so the apps of the plugin set need nothing of this site
(issue 20). Earlier migrations name `samverka.blocks.TextBlock`, so this module stays.
"""

from samverka.core.blocks import *  # noqa: F403
from samverka.core.blocks import VIDEO_PATTERNS, sanitise_html, video_embed  # noqa: F401
