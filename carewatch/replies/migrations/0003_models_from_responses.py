"""The models of the former ``responses`` app (templates, versions, approvals, replies, tracked
links, clicks) join this app's state. State only: their tables (``responses_*``, kept as each
model's ``db_table``) and rows are already there, made by ``responses`` 0001-0004, so no SQL runs
(``sqlmigrate replies 0003`` prints none). ``content`` 0002 then points its foreign key here and
``responses`` 0005 removes the models from the old label's state (Django's documented way to move
a model between apps: ``SeparateDatabaseAndState``)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('inbox', '0005_queue_indexes'),
        ('replies', '0002_ratewindow_moved_to_sources'),
        ('responses', '0004_reply_named_approvers'),
        ('tenancy', '0004_product_min_age_max_age'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Template',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.SlugField(max_length=60)),
                        ('language', models.CharField(default='en', max_length=8)),
                        ('category', models.CharField(choices=[('ae_acknowledgement', 'Adverse event acknowledgement'), ('product_complaint', 'Product complaint'), ('medical_information', 'Medical Information referral (off-label, medical questions)'), ('general_question', 'General question'), ('complaint', 'Complaint'), ('ugc_rights_request', 'UGC rights request'), ('giveaway', 'Giveaway'), ('follow_up_touch_2', 'Follow-up, touch 2'), ('follow_up_touch_3', 'Follow-up, touch 3'), ('holding_statement', 'Holding statement (crisis; pinned during an incident)')], max_length=24)),
                        ('name', models.CharField(blank=True, max_length=200)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='tenancy.client')),
                    ],
                    options={
                        'db_table': 'responses_template',
                        'ordering': ['category', 'key', 'language'],
                    },
                ),
                migrations.CreateModel(
                    name='TemplateVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveIntegerField()),
                        ('body', models.TextField()),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('approved', 'Approved'), ('retired', 'Retired')], default='draft', max_length=10)),
                        ('expires_at', models.DateTimeField(blank=True, null=True)),
                        ('source', models.CharField(default='ui', max_length=10)),
                        ('approvals_required', models.PositiveSmallIntegerField(default=1)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('approved_at', models.DateTimeField(blank=True, null=True)),
                        ('retired_at', models.DateTimeField(blank=True, null=True)),
                        ('retire_reason', models.CharField(blank=True, max_length=200)),
                        ('usage_count', models.PositiveIntegerField(default=0)),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='tenancy.client')),
                        ('template', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='replies.template')),
                    ],
                    options={
                        'db_table': 'responses_templateversion',
                        'ordering': ['template_id', '-number'],
                    },
                ),
                migrations.CreateModel(
                    name='TemplateApproval',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(max_length=16)),
                        ('at', models.DateTimeField(auto_now_add=True)),
                        ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='approvals', to='replies.templateversion')),
                    ],
                    options={
                        'db_table': 'responses_templateapproval',
                    },
                ),
                migrations.CreateModel(
                    name='ReplyDraft',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('verb', models.CharField(max_length=16)),
                        ('target_external_id', models.CharField(max_length=255)),
                        ('text', models.TextField()),
                        ('body', models.TextField(blank=True)),
                        ('rendered_template', models.TextField(blank=True)),
                        ('edit_ratio', models.FloatField(default=0.0)),
                        ('edits', models.JSONField(blank=True, default=list)),
                        ('lint', models.JSONField(blank=True, default=list)),
                        ('status', models.CharField(choices=[('pending_approval', 'Waiting for approval'), ('queued', 'Queued for sending'), ('sent', 'Sent'), ('failed', 'Not sent'), ('rejected', 'Rejected')], max_length=20)),
                        ('approval_reasons', models.JSONField(blank=True, default=list)),
                        ('required_tier', models.CharField(blank=True, max_length=12)),
                        ('approver_emails', models.CharField(blank=True, max_length=500)),
                        ('approved_at', models.DateTimeField(blank=True, null=True)),
                        ('rejected_reason', models.CharField(blank=True, max_length=500)),
                        ('failure_reason', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('approver', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reply_drafts', to='inbox.case')),
                        ('channel', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='tenancy.channel')),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='tenancy.client')),
                        ('mention', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='inbox.mention')),
                        ('outbound', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='replies.outboundaction')),
                        ('template_version', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='replies', to='replies.templateversion')),
                    ],
                    options={
                        'db_table': 'responses_replydraft',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='TrackedLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=16, unique=True)),
                        ('template_key', models.CharField(blank=True, max_length=60)),
                        ('platform', models.CharField(max_length=16)),
                        ('target_url', models.URLField(max_length=2000)),
                        ('clicks', models.PositiveIntegerField(default=0)),
                        ('bot_clicks', models.PositiveIntegerField(default=0)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('last_click_at', models.DateTimeField(blank=True, null=True)),
                        ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='inbox.case')),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='tenancy.client')),
                        ('reply', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='links', to='replies.replydraft')),
                        ('template', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='replies.template')),
                    ],
                    options={
                        'db_table': 'responses_trackedlink',
                    },
                ),
                migrations.CreateModel(
                    name='LinkClick',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(auto_now_add=True)),
                        ('bot', models.BooleanField(default=False)),
                        ('link', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='click_rows', to='replies.trackedlink')),
                    ],
                    options={
                        'db_table': 'responses_linkclick',
                    },
                ),
                migrations.AddConstraint(
                    model_name='template',
                    constraint=models.UniqueConstraint(fields=('client', 'key', 'language'), name='uniq_template_key_language'),
                ),
                migrations.AddConstraint(
                    model_name='templateversion',
                    constraint=models.UniqueConstraint(fields=('template', 'number'), name='uniq_template_version_number'),
                ),
                migrations.AddConstraint(
                    model_name='templateapproval',
                    constraint=models.UniqueConstraint(fields=('version', 'reviewer'), name='uniq_template_approval'),
                ),
                migrations.AddIndex(
                    model_name='replydraft',
                    index=models.Index(fields=['status', 'updated_at'], name='reply_status'),
                ),
                migrations.AddIndex(
                    model_name='replydraft',
                    index=models.Index(fields=['case', '-created_at'], name='reply_case'),
                ),
                migrations.AddIndex(
                    model_name='replydraft',
                    index=models.Index(fields=['client', 'status'], name='reply_client_status'),
                ),
                migrations.AddIndex(
                    model_name='trackedlink',
                    index=models.Index(fields=['client', 'template_key'], name='link_client_template'),
                ),
                migrations.AddIndex(
                    model_name='linkclick',
                    index=models.Index(fields=['link', 'at'], name='click_link_at'),
                ),
            ],
            database_operations=[],
        ),
    ]
