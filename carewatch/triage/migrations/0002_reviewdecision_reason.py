from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("triage", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(  # help text only: the model's wording had drifted from 0001
            model_name="modelversion",
            name="high_recall_threshold",
            field=models.FloatField(
                help_text="Threshold of the high-recall operating point (recall ≥ 0.9 in cross-validation)."),
        ),
        migrations.AddField(
            model_name="reviewdecision",
            name="reason",
            field=models.TextField(blank=True, help_text="Why the reviewer dismissed (required for a safety label)."),
        ),
        migrations.AddField(
            model_name="reviewdecision",
            name="score",
            field=models.FloatField(blank=True, null=True, help_text="The label's triage score when it was decided."),
        ),
        migrations.AddField(
            model_name="reviewdecision",
            name="detector_versions",
            field=models.JSONField(blank=True, default=dict,
                                   help_text="The detector and model versions that raised the flag."),
        ),
    ]
