import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower


def refuse_names_equal_ignoring_case(apps, schema_editor):
    """Stop with the colliding programs named, rather than a bare IntegrityError."""
    Program = apps.get_model("ips", "Program")
    db = schema_editor.connection.alias
    keys = (
        Program.objects.using(db)
        .annotate(key=Lower("name"))
        .values("key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("key", flat=True)
    )
    clashes = []
    for key in keys:
        same = Program.objects.using(db).annotate(key=Lower("name")).filter(key=key)
        clashes.append(", ".join(f"{p.name!r} (id {p.pk})" for p in same.order_by("pk")))
    if clashes:
        raise RuntimeError(
            "Program names must differ by more than capitals, but these programs share a"
            f" name: {'; '.join(clashes)}. Rename all but one of each (Program > Programs),"
            " then run migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ips", "0005_version_column"),
    ]

    operations = [
        migrations.RunPython(refuse_names_equal_ignoring_case, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="program",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                name="program_name_unique_ci",
                violation_error_message="Another program already has this name "
                "(names are compared ignoring capitals).",
            ),
        ),
    ]
