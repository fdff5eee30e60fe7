from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    """Every form on the site: an error summary first, then each field with its
    label, help and errors linked to the input (aria-describedby/aria-invalid)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
