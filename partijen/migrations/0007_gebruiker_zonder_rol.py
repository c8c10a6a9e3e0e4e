"""Gebruiker.rol is gone: the roles are the person's role assignments (see 0006)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partijen", "0006_rollen_uit_het_register"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="gebruiker",
            name="rol",
        ),
        migrations.AlterField(
            model_name="toegangswijziging",
            name="soort",
            field=models.CharField(
                choices=[
                    ("toegekend", "role granted"),
                    ("gewijzigd", "role changed"),
                    ("beeindigd", "role ended"),
                    ("gedeactiveerd", "account deactivated"),
                    ("aangemaakt", "account created"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
    ]
