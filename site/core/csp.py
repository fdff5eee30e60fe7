"""The request's Content-Security-Policy nonce where no request is at hand.

Wagtail's admin widgets and panels start themselves with inline <script> elements,
rendered by form widgets that never see the request. CSPNonceMiddleware keeps the
current request in a context variable; the ``{% csp_nonce %}`` tag (a template builtin,
see TEMPLATES in settings) and the chooser widgets read the nonce from it. The nonce
is made only when something asks for it, and django-csp then names it in the header.
"""

import contextvars

from django import template
from django.utils.html import escape

_current_request = contextvars.ContextVar("samverka_csp_request", default=None)

register = template.Library()


def current_nonce() -> str:
    request = _current_request.get()
    nonce = getattr(request, "csp_nonce", None) if request is not None else None
    # Not `if nonce`: django-csp's lazy nonce is falsy until it has been made.
    return "" if nonce is None else str(nonce)


@register.simple_tag
def csp_nonce() -> str:
    return current_nonce()


def _patch_wagtail_choosers() -> None:
    """Give the chooser widgets' start-up script the request's nonce."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "samverka_nonce", False):
        return
    original = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        html = original(self, name, value, attrs, renderer)
        nonce = current_nonce()
        if not nonce:
            return html
        before, tag, after = html.rpartition("<script>")
        if not tag:
            return html
        from django.utils.safestring import mark_safe

        return mark_safe(f'{before}<script nonce="{escape(nonce)}">{after}')  # noqa: S308

    render.samverka_nonce = True
    BaseChooser.render = render


_patch_wagtail_choosers()
