from wagtail import hooks

from ips.viewsets import ProgramGroup


@hooks.register("register_admin_viewset")
def register_program_viewsets():
    return ProgramGroup()


@hooks.register("register_admin_urls")
def register_two_step_urls():
    from django.urls import path

    from ips import two_step
    from ips.find import views as find_views
    from ips.privacy import views as privacy

    return [
        path("privacy/seeker/<int:seeker_id>/", privacy.rights, name="ips_privacy"),
        path(
            "privacy/seeker/<int:seeker_id>/record.<str:fmt>",
            privacy.download,
            name="ips_privacy_download",
        ),
        path("privacy/seeker/<int:seeker_id>/erase/", privacy.erase, name="ips_privacy_erase"),
        path("search/", find_views.search_page, name="ips_search"),
        path("two-step/", two_step.setup, name="ips_otp_setup"),
        path("two-step/off/", two_step.turn_off, name="ips_otp_turn_off"),
        path("two-step/verify/", two_step.verify, name="ips_otp_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_step_account_item(request):
    from django.urls import reverse

    return {
        "url": reverse("ips_otp_setup"),
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


@hooks.register("register_admin_search_area")
def staff_search_area():
    # Order 10: before Wagtail's page search, so the header's box opens the staff search.
    from ips.find.views import StaffSearchArea

    return StaffSearchArea()
