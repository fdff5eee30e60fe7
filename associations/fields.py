from django.db import models

from .validators import normalise_organisation_number, validate_organisation_number


class OrganisationNumberField(models.CharField):
    """A Swedish organisation number, stored normalised as NNNNNN-NNNN.

    `to_python` normalises, so `full_clean()` and model forms store the same
    value whatever spacing or century prefix was typed.
    """

    default_validators = [validate_organisation_number]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 11)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 11:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        # Typed input may be longer than what is stored ("16" century prefix, spaces).
        return super().formfield(**{"max_length": 20, **kwargs})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            return normalise_organisation_number(value)
        except Exception:  # noqa: BLE001 - the validator reports the error
            return value
