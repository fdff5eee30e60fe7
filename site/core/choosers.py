"""Choosers with search for accounts and people (Wagtail's chooser pattern), instead of a
dropdown of every user or every person on the site.

``account_chooser.widget_class`` and ``person_chooser.widget_class`` are the widgets for a foreign key to
`AUTH_USER_MODEL` or `people.Person`: a button opens a modal listing with a search box
(name, email, phone), paginated, so a form never renders thousands of options.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
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


class AccountChooserViewSet(ChooserViewSet):
    model = settings.AUTH_USER_MODEL
    icon = "user"
    choose_one_text = _("Choose an account")
    choose_another_text = _("Choose another account")
    page_title = _("Choose an account")
    per_page = 20
    ordering = ["first_name", "last_name", "email"]

    def get_object_list(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_active=True)

    @property
    def choose_view_class(self):
        from wagtail.admin.views.generic.chooser import ChooseView

        return type(
            "AccountChooseView",
            (ChooseView,),
            {
                "filter_form_class": search_form(
                    ("first_name", "last_name", "email"), _("Name or email")
                )
            },
        )

    @property
    def choose_results_view_class(self):
        from wagtail.admin.views.generic.chooser import ChooseResultsView

        return type(
            "AccountChooseResultsView",
            (ChooseResultsView,),
            {
                "filter_form_class": search_form(
                    ("first_name", "last_name", "email"), _("Name or email")
                )
            },
        )


PERSON_FIELDS = ("first_name", "last_name", "email", "phone")


class PersonChooserViewSet(ChooserViewSet):
    model = "people.Person"
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    page_title = _("Choose a person")
    per_page = 20
    ordering = ["first_name", "last_name"]

    @property
    def choose_view_class(self):
        from wagtail.admin.views.generic.chooser import ChooseView

        return type(
            "PersonChooseView",
            (ChooseView,),
            {"filter_form_class": search_form(PERSON_FIELDS, _("Name, email or phone"))},
        )

    @property
    def choose_results_view_class(self):
        from wagtail.admin.views.generic.chooser import ChooseResultsView

        return type(
            "PersonChooseResultsView",
            (ChooseResultsView,),
            {"filter_form_class": search_form(PERSON_FIELDS, _("Name, email or phone"))},
        )


account_chooser = AccountChooserViewSet("account_chooser", url_prefix="choose/accounts")
person_chooser = PersonChooserViewSet("person_chooser", url_prefix="choose/people")


@hooks.register("register_admin_viewset")
def register_choosers():
    return [account_chooser, person_chooser]
