from django.apps import AppConfig
from django.db.models.signals import post_migrate


class IpsConfig(AppConfig):
    name = "ips"
    verbose_name = "IPS programs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ips.permissions import register_policies
        from ips.roles import sync_role_permissions

        # Program-aware permission policies for Wagtail's own views (choosers, usage,
        # history, editing sessions...): registered before any viewset asks for one.
        register_policies()

        # Every Wagtail form's date box (pages, reference data) shows and reads
        # "Mon 23 Nov 2026", as the workspace forms do (ips.date_input).
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from ips.date_input import DATE_MESSAGE, HumanDateInput

        register_form_field_override(
            models.DateField,
            override={"widget": HumanDateInput, "error_messages": {"invalid": DATE_MESSAGE}},
        )

        # Framework hook, not one of our models' signals: keeps the role groups'
        # permissions in step with ROLE_PERMISSIONS after every migrate.
        post_migrate.connect(sync_role_permissions, sender=self, dispatch_uid="ips_role_perms")

        from django.contrib.auth.signals import user_logged_in

        from ips.middleware import remember_sign_in

        # Framework signal: remember the sign-in time and two-step state in the session.
        user_logged_in.connect(remember_sign_in, dispatch_uid="ips_remember_sign_in")
