"""PostLink.link points at ``replies.TrackedLink`` (the model moved from ``responses``; same table,
``responses_trackedlink``). State only: the column and its foreign key are unchanged, and SQLite
would otherwise rebuild this table for a change it does not have."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0001_initial'),
        ('replies', '0003_models_from_responses'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='postlink',
                    name='link',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='replies.trackedlink'),
                ),
            ],
            database_operations=[],
        ),
    ]
