"""The municipality a page is about: `{% current_municipality as municipality %}` gives the
one whose public site serves the request (the one that runs the installation on the admin and
on a site without its own municipality)."""

from django import template

from samverka.people.municipalities import municipality_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def current_municipality(context):
    return municipality_for_request(context.get("request"))
