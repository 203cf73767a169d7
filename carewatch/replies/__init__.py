"""Everything about answering a mention: approved templates (immutable versions, reviewers'
approvals, expiry), the compliance lint (``lint.py``; ``POST /api/v1/lint``), the composer on the
case page (``{% composer case %}``), the approval gate (``gate.py``), the outbox (``outbox.py``:
every outbound call, reply, hide, private reply or DM, is a row before it is made) and tracked
short links (``links.py``, ``/l/<code>``). Mounted at ``/replies/`` (URL namespace ``responses``,
kept from the former app so every ``{% url %}`` name still resolves).

State changes live in ``actions.py`` (and ``outbox.do_queue_outbound``); the client's policy
blocks are read by ``policy.py``; config-as-code loads templates through ``config.py``.

Three-touch follow-ups are still in ``carewatch.sla`` (beside the clocks that start them).
``former_responses/`` is the migration history of the app these modules came from.
"""
