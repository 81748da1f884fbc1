"""The product's name for the workspace's own templates (sign-in, page titles, sidebar)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def product_name() -> str:
    """WAGTAIL_SITE_NAME (env WAGTAIL_SITE_NAME, default "IPS Job Development")."""
    return settings.WAGTAIL_SITE_NAME
