"""What a safety case's life tells the apps above it (escalation connects to these in its
``AppConfig.ready``). Sent inside the transaction of the change, synchronously: a receiver's
error rolls the change back, as a direct call did.

- ``case_opened(safety_case)``: opened, or turned serious (receivers are idempotent).
- ``case_forwarded(safety_case, recipients)``: forwarded to pharmacovigilance.
- ``case_settled(safety_case)``: acknowledged by PV, dismissed or closed.
"""

from __future__ import annotations

from django.dispatch import Signal

case_opened = Signal()
case_forwarded = Signal()
case_settled = Signal()
