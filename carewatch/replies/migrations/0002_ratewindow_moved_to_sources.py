"""RateWindow moved to the sources app (carewatch.sources.ratelimit): removed from this app's
state only; the table is kept and renamed by sources 0004."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('replies', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='RateWindow')],
            database_operations=[],
        ),
    ]
