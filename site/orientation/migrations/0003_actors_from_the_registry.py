"""Meeting-place actors point at the registry's organisation of the same name where there is
one (the others keep their name until an editor picks the organisation), and meeting places
get plain-ASCII slugs."""

from django.db import migrations
from django.utils.text import slugify


def actors_to_organisations(apps, schema_editor):
    Actor = apps.get_model("orientation", "MeetingPlaceActor")
    Organisation = apps.get_model("associations", "Organisation")
    for actor in Actor.objects.filter(organisation__isnull=True).exclude(name=""):
        matches = list(Organisation.objects.filter(name=actor.name)[:2])
        if len(matches) != 1:
            continue
        organisation = matches[0]
        actor.organisation = organisation
        actor.save(update_fields=["organisation"])


def ascii_slugs(apps, schema_editor):
    Page = apps.get_model("orientation", "MeetingPlacePage")
    for page in Page.objects.all():
        ascii_slug = slugify(page.slug)
        if ascii_slug and ascii_slug != page.slug:
            siblings = Page.objects.filter(
                path__startswith=page.path[:-4], depth=page.depth, slug=ascii_slug
            )
            if siblings.exists():
                continue  # leave it for an editor rather than clash
            page.url_path = page.url_path[: -len(page.slug) - 1] + ascii_slug + "/"
            page.slug = ascii_slug
            page.save(update_fields=["slug", "url_path"])


class Migration(migrations.Migration):
    dependencies = [
        ("orientation", "0002_actor_organisation"),
        ("associations", "0009_delete_consenttext"),
    ]

    operations = [
        migrations.RunPython(actors_to_organisations, migrations.RunPython.noop),
        migrations.RunPython(ascii_slugs, migrations.RunPython.noop),
    ]
