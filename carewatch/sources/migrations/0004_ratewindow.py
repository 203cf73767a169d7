"""RateWindow moved here from the replies app: taken over in state (the table replies_ratewindow
exists), then renamed to this app's table."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('sources', '0003_channelstate'),
        ('replies', '0002_ratewindow_moved_to_sources'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='RateWindow',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name='ID')),
                        ('key', models.CharField(max_length=200)),
                        ('window_start', models.BigIntegerField()),
                        ('count', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'replies_ratewindow',
                        'constraints': [models.UniqueConstraint(fields=('key', 'window_start'),
                                                                name='uniq_rate_window')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='ratewindow', table=None),
    ]
