from django.db import migrations, models


def fill_keys(apps, schema_editor):
    from luoshi.org.names import normalize_unit_name

    Unit = apps.get_model("org", "Unit")
    UnitAlias = apps.get_model("org", "UnitAlias")
    for unit in Unit.objects.all():
        unit.name_key = normalize_unit_name(unit.name)
        unit.save(update_fields=["name_key"])
    for alias in UnitAlias.objects.all():
        alias.alias_key = normalize_unit_name(alias.alias)
        alias.save(update_fields=["alias_key"])


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=128),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="unitalias",
            name="alias_key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="unit",
            name="name_key",
            field=models.CharField(editable=False, max_length=128, unique=True),
        ),
        migrations.AlterField(
            model_name="unitalias",
            name="alias_key",
            field=models.CharField(editable=False, max_length=200, unique=True),
        ),
    ]
