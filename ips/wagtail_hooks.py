from wagtail import hooks

from ips.viewsets import ProgramGroup


@hooks.register("register_admin_viewset")
def register_program_viewsets():
    return ProgramGroup()


@hooks.register("register_admin_urls")
def register_two_step_urls():
    from django.urls import include, path

    from ips import two_step

    # Namespace "two_step" (a module, not a package, so its URL list is given here).
    patterns = [
        path("", two_step.setup, name="setup"),
        path("off/", two_step.turn_off, name="turn_off"),
        path("verify/", two_step.verify, name="verify"),
    ]
    return [path("two-step/", include((patterns, "two_step")))]


@hooks.register("register_account_menu_item")
def two_step_account_item(request):
    from django.urls import reverse

    return {
        "url": reverse("two_step:setup"),
        "label": "Two-step sign-in",
        "help_text": "Ask for a code from your phone when you sign in.",
    }


@hooks.register("construct_reports_menu")
def reports_for_superusers_only(request, menu_items):
    # The reports are not scoped by program (see ips.middleware.SUPERUSER_ONLY_PREFIXES).
    if not request.user.is_superuser:
        menu_items[:] = []


# Wagtail's own help links (release notes, its editor guide) open wagtail.org: not for
# the staff of an employment program. The keyboard shortcuts stay.
WAGTAIL_HELP_LINKS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("construct_help_menu")
def without_wagtail_release_notes(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_LINKS)]


@hooks.register("construct_main_menu")
def help_menu_without_new_badge(request, menu_items):
    """Wagtail's Help menu wears a "new" badge until dismissed; ours is plain."""
    from wagtail.admin.menu import DismissibleSubmenuMenuItem, SubmenuMenuItem

    for index, item in enumerate(menu_items):
        if isinstance(item, DismissibleSubmenuMenuItem) and item.name == "help":
            menu_items[index] = SubmenuMenuItem(
                item.label, item.menu, name=item.name, icon_name=item.icon_name, order=item.order
            )


@hooks.register("insert_global_admin_css")
def workspace_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("ips/workspace.css"))


@hooks.register("insert_global_admin_js")
def field_log_js():
    """The field forms' offline queue (issue 23), and on every page the question before
    signing out with entries still waiting on the phone (static/ips/field.js)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("ips/field.js"))


@hooks.register("insert_global_admin_js")
def workspace_js():
    """Labels for listing cells, so a listing stacks into labelled cards on a phone
    (static/ips/workspace.css, below 600 px); the browser's own date boxes said as
    "Tue 1 Dec 2026" beside them (static/ips/date_echo.js)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html(
        '<script src="{}" defer></script><script src="{}" defer></script>',
        static("ips/listing-cards.js"),
        static("ips/date_echo.js"),
    )
