"""Admin listing columns that show values as people read them."""

from wagtail.admin.ui.tables import Column


class ListColumn(Column):
    """A column whose value is a list (role labels, languages): "Kompis, Praktikmentor",
    never Python's ``['Kompis', 'Praktikmentor']``."""

    def get_value(self, instance):
        value = super().get_value(instance)
        if isinstance(value, (list, tuple, set, frozenset)):
            return ", ".join(str(item) for item in value)
        return value
