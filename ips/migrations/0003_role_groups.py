"""Create one group per staff role, with workspace access.

Model permissions for the groups are kept in step by ips.roles.sync_role_permissions
(run after every migrate), so a new model gets its permissions without a new migration.
"""

from django.db import migrations

from ips.reference import ROLE_GROUPS, ensure_role_groups


def create_groups(apps, schema_editor):
    ensure_role_groups(
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
        apps.get_model("contenttypes", "ContentType"),
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ips", "0002_load_onet_occupations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
