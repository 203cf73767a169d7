"""The models of this label moved to ``replies`` (``replies`` 0003 took them into its state, with
the same tables): remove them from this label's state only. No table is dropped; no SQL runs
(``sqlmigrate responses 0005`` prints none). Deleted in the order of their foreign keys."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('responses', '0004_reply_named_approvers'),
        ('replies', '0003_models_from_responses'),
        ('content', '0002_postlink_link_in_replies'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='LinkClick'),
                migrations.DeleteModel(name='TrackedLink'),
                migrations.DeleteModel(name='TemplateApproval'),
                migrations.DeleteModel(name='ReplyDraft'),
                migrations.DeleteModel(name='TemplateVersion'),
                migrations.DeleteModel(name='Template'),
            ],
            database_operations=[],
        ),
    ]
