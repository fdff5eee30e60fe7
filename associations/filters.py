import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGE_CHOICES, Organisation


class DirectoryFilter(django_filters.FilterSet):
    """The public directory's filters. A plain GET form: works without JavaScript,
    and every filtered list has its own address that can be shared."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("All kinds")
    )
    district = django_filters.ChoiceFilter(
        label=_("District"), method="in_district", empty_label=_("All districts")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        method="speaking",
        empty_label=_("All languages"),
    )
    activity = django_filters.ChoiceFilter(
        label=_("Activity"),
        choices=Organisation.Activity.choices,
        method="offering",
        empty_label=_("All activities"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "district", "language", "activity"]

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].extra["choices"] = [(name, name) for name in districts]

    def search(self, queryset, name, value):
        query = Q()
        for word in value.split()[:8]:
            query &= (
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(city__icontains=word)
                | Q(meeting_times__icontains=word)
            )
        return queryset.filter(query)

    def in_district(self, queryset, name, value):
        return queryset.serving(value)

    def speaking(self, queryset, name, value):
        return queryset.speaking(value)

    def offering(self, queryset, name, value):
        return queryset.offering(value)
