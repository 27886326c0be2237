"""The data revision (luoshi.org.revision): a sequence on PostgreSQL, a one-row table elsewhere.

Not a model: it is no part of the data a backup carries, and a restore must not collide
with the row this migration writes.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS luoshi_data_revision")
    else:
        schema_editor.execute(
            "CREATE TABLE IF NOT EXISTS org_datarevision "
            "(id integer PRIMARY KEY, number bigint NOT NULL)"
        )
        schema_editor.execute("INSERT INTO org_datarevision (id, number) VALUES (1, 0)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS luoshi_data_revision")
    else:
        schema_editor.execute("DROP TABLE IF EXISTS org_datarevision")


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_unit_name_keys"),
    ]

    operations = [migrations.RunPython(create, drop)]
