# SPDX-License-Identifier: MPL-2.0
"""The 98 municipalities and 5 regions valid 2007-2026 (DST nomenclature "Regioner,
landsdele og kommuner"). Region membership ends 2026-12-31: the 2027 change is added
with its own validity dates once confirmed."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "municipalities.csv"
SOURCE = "DST nomenclature 'Regioner, landsdele og kommuner' (valid 2007-2026)"


def load(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    Municipality = apps.get_model("core", "Municipality")
    Membership = apps.get_model("core", "RegionMembership")
    with open(DATA, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            region, _ = Region.objects.get_or_create(code=int(row["region_code"]), defaults={"name": row["region_name"]})
            m, _ = Municipality.objects.get_or_create(code=int(row["code"]), defaults={"name": row["name"]})
            Membership.objects.get_or_create(
                municipality=m, region=region, valid_from=date(2007, 1, 1),
                defaults={"valid_to": date(2026, 12, 31), "source": SOURCE},
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
