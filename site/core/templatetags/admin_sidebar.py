from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def samverka_sidebar_props(context):
    """Wagtail's `{% sidebar_props %}`, kept per user and menu generation
    (samverka.core.admin_sidebar)."""
    from samverka.core.admin_sidebar import sidebar_props_html

    return sidebar_props_html(context["request"])
