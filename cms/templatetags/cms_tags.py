"""Small template helpers for the public site and the portal."""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(name="reason_words")
def reason_words_filter(reason: str) -> str:
    """A stored match reason in the active language (cms.words.reason_words)."""
    from cms.words import reason_words

    return reason_words(str(reason))


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
    widget = field.field.widget
    if type(widget) is forms.Select and not widget.allow_multiple_selected:
        return _select(field, attrs)
    return field.as_widget(attrs=attrs)


def _select(field, attrs: dict) -> str:
    """A plain <select>, built directly: Django's per-option templates cost ~1 ms a field."""
    value = field.value()
    current = "" if value is None else str(value)
    extra = format_html_join("", ' {}="{}"', attrs.items())
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (choice, mark_safe(" selected") if str(choice) == current else "", label)
            for choice, label in field.field.choices
        ),
    )
    return format_html(
        '<select name="{}" id="{}"{}>{}</select>',
        field.html_name,
        field.id_for_label,
        extra,
        options,
    )


@register.simple_tag
def site_path(path: str) -> str:
    """A public page's path in the active language: "/openings/" stays as it is in English
    and becomes "/es/openings/" in Spanish (the Spanish page tree keeps the English slugs,
    cms.services._ensure_spanish). No database query, so every page's header can use it."""
    from django.utils import translation

    from cms.languages import in_language

    return in_language(path, translation.get_language() or "en")
