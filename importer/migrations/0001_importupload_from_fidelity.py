"""The import upload model moves here from the fidelity app (issue 15) without touching
its table: the state gains the model with db_table = "fidelity_importupload", the database
is unchanged, and the model's content type (with its permissions) is relabelled."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    """fidelity.importupload -> importer.importupload, keeping its permissions' rows (on a
    fresh database there is none yet: post_migrate creates it under the new label)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="importer", model="importupload").exists():
        ContentType.objects.using(db).filter(app_label="fidelity", model="importupload").update(
            app_label="importer"
        )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="fidelity", model="importupload").exists():
        ContentType.objects.using(db).filter(app_label="importer", model="importupload").update(
            app_label="fidelity"
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("fidelity", "0005_importupload_dates_preview"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportUpload',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('files', models.JSONField(default=dict, help_text='File name -> base64 content.')),
                        ('status', models.CharField(choices=[('checking', 'Checking the files'), ('preview', 'Ready to confirm'), ('rejected', 'Problems found; nothing imported'), ('importing', 'Importing'), ('done', 'Imported'), ('failed', 'Stopped by an error; nothing imported')], default='checking', max_length=10)),
                        ('dates', models.CharField(blank=True, choices=[('', 'Only YYYY-MM-DD (2026-04-09)'), ('MDY', 'Month first (04/09/2026 is April 9)'), ('DMY', 'Day first (04/09/2026 is 4 September)')], default='', help_text='How the files write dates other than YYYY-MM-DD.', max_length=3, verbose_name='Dates written')),
                        ('preview', models.JSONField(blank=True, default=dict, help_text='File name -> the first rows as read, and counts.')),
                        ('rows', models.PositiveIntegerField(default=0)),
                        ('progress_done', models.PositiveSmallIntegerField(default=0)),
                        ('progress_total', models.PositiveSmallIntegerField(default=0)),
                        ('counts', models.JSONField(blank=True, default=dict)),
                        ('errors', models.JSONField(blank=True, default=list)),
                        ('notes', models.JSONField(blank=True, default=list)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('program', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='ips.program')),
                        ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'fidelity_importupload',
                        'ordering': ['-created_at'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
