"""Small template helpers for the public site and the portal."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] or None: distances by opening id."""
    return (mapping or {}).get(key)


@register.simple_tag
def described_field(field):
    """Render a form field with aria-describedby pointing at its hint and error."""
    ids = []
    if field.help_text:
        ids.append(f"{field.id_for_label}-hint")
    if field.errors:
        ids.append(f"{field.id_for_label}-error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
