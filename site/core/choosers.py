"""Choosers with search for accounts and people (Wagtail's chooser pattern), instead of a
dropdown of every user or every person on the site.

``account_chooser.widget_class`` and ``person_chooser.widget_class`` are the widgets for a foreign key to
`AUTH_USER_MODEL` or `people.Person`: a button opens a modal listing with a search box
(name, email, phone), paginated, so a form never renders thousands of options.

Both are scoped to the user's municipalities as the admin listings are
(`samverka.people.municipalities`): the person chooser lists the residents the user
coordinates; the account chooser leaves out the accounts of another municipality's residents
and volunteers. Choosing one of those by its id is a 404.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet


def search_form(fields: tuple[str, ...], placeholder):
    class SearchForm(BaseFilterForm):
        q = forms.CharField(
            label=_("Search"),
            required=False,
            widget=forms.TextInput(attrs={"placeholder": placeholder, "autocomplete": "off"}),
        )

        def filter(self, objects):
            objects = super().filter(objects)
            query = (self.cleaned_data.get("q") or "").strip()
            if query:
                self.is_searching, self.search_query = True, query
                for word in query.split():
                    condition = Q()
                    for field in fields:
                        condition |= Q(**{f"{field}__icontains": word})
                    objects = objects.filter(condition)
            return objects

    return SearchForm


def people_for(user, queryset):
    """The residents `user` coordinates (as the people listing shows them)."""
    from samverka.people.municipalities import scope_model

    return scope_model(queryset, user)


def accounts_for(user, queryset):
    """The active accounts `user` may choose: all but those of another municipality's
    residents and volunteers (staff and representatives belong to no municipality). Scoped
    in the same statement."""
    from django.apps import apps

    from samverka.people.models import Person
    from samverka.people.municipalities import municipalities_for, scope_model

    queryset = queryset.filter(is_active=True)
    if municipalities_for(user) is None:
        return queryset
    people = scope_model(Person.objects.all(), user).values("pk")
    queryset = queryset.filter(Q(person__isnull=True) | Q(person__in=people))
    # Volunteers are the associations app's (the core does not import an app).
    if apps.is_installed("associations"):
        volunteer_model = apps.get_model("associations", "Volunteer")
        volunteers = scope_model(volunteer_model.objects.all(), user).values("pk")
        queryset = queryset.filter(Q(volunteer__isnull=True) | Q(volunteer__in=volunteers))
    return queryset


class ScopedListMixin:
    """A chooser's listing and search results, scoped by ``scoped(user, queryset)``."""

    scoped = staticmethod(lambda user, queryset: queryset)

    def get_object_list(self):
        return self.scoped(self.request.user, super().get_object_list())


class ScopedChosenMixin:
    """The chooser's "chosen" view: an object out of the user's scope does not exist."""

    scoped = staticmethod(lambda user, queryset: queryset)

    def get_object(self, pk):
        return self.scoped(self.request.user, self.model_class.objects.all()).get(pk=pk)


def scoped_views(name: str, scoped, fields: tuple[str, ...], placeholder) -> dict:
    form = search_form(fields, placeholder)
    scoped = staticmethod(scoped)
    return {
        "choose_view_class": type(
            f"{name}ChooseView",
            (ScopedListMixin, ChooseView),
            {"filter_form_class": form, "scoped": scoped},
        ),
        "choose_results_view_class": type(
            f"{name}ChooseResultsView",
            (ScopedListMixin, ChooseResultsView),
            {"filter_form_class": form, "scoped": scoped},
        ),
        "chosen_view_class": type(
            f"{name}ChosenView", (ScopedChosenMixin, ChosenView), {"scoped": scoped}
        ),
    }


ACCOUNT_FIELDS = ("first_name", "last_name", "email")
PERSON_FIELDS = ("first_name", "last_name", "email", "phone")


class AccountChooserViewSet(ChooserViewSet):
    model = settings.AUTH_USER_MODEL
    icon = "user"
    choose_one_text = _("Choose an account")
    choose_another_text = _("Choose another account")
    page_title = _("Choose an account")
    per_page = 20
    ordering = ["first_name", "last_name", "email"]

    views = scoped_views("Account", accounts_for, ACCOUNT_FIELDS, _("Name or email"))
    choose_view_class = views["choose_view_class"]
    choose_results_view_class = views["choose_results_view_class"]
    chosen_view_class = views["chosen_view_class"]
    del views


class PersonChooserViewSet(ChooserViewSet):
    model = "people.Person"
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    page_title = _("Choose a person")
    per_page = 20
    ordering = ["first_name", "last_name"]

    views = scoped_views("Person", people_for, PERSON_FIELDS, _("Name, email or phone"))
    choose_view_class = views["choose_view_class"]
    choose_results_view_class = views["choose_results_view_class"]
    chosen_view_class = views["chosen_view_class"]
    del views


account_chooser = AccountChooserViewSet("account_chooser", url_prefix="choose/accounts")
person_chooser = PersonChooserViewSet("person_chooser", url_prefix="choose/people")


@hooks.register("register_admin_viewset")
def register_choosers():
    return [account_chooser, person_chooser]
