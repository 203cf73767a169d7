"""Replies done safely: approved templates (immutable versions, reviewers' approvals, expiry), the
compliance lint (``lint.py``; ``POST /api/v1/lint``), the composer on the case page
(``{% composer case %}``), the approval gate (``gate.py``), sending through the outbox
(``carewatch.replies.outbox``) and tracked short links (``links.py``, ``/l/<code>``).

State changes live in ``actions.py``; the client's policy blocks are read by ``policy.py``;
config-as-code loads templates through ``config.py``.
"""
