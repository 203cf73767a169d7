"""Electronic signatures (21 CFR Part 11): re-authentication at the moment of signing, the
meaning of the signature, and the SHA-256 of exactly what was signed.

Apps register what a signature covers for each kind of record (``register``); the same function
recomputes it later, so a record changed after signing shows a signature that no longer matches
(on the record's page, in exports, and in ``carewatch audit verify``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.identity import passkeys
from carewatch.identity.actions import do_check_second_factor, do_check_webauthn
from carewatch.identity.factors import has_factor
from carewatch.identity.models import Meaning, Signature
from carewatch.lib.canonical import canonical_json
from carewatch.tenancy.models import User

Content = Callable[[Any, str], dict[str, Any]]  # (record, meaning) -> what the signature covers
_CONTENT: dict[str, tuple[type[models.Model], Content]] = {}
# A kind's object type now, then the types its older signatures were stored under (a model that
# moved to another app keeps its old signatures: they are never rewritten).
_TYPES: dict[str, tuple[str, ...]] = {}


class SignatureRefused(ValidationError):
    """The signer did not re-authenticate: nothing was signed and nothing changed."""


def register(model: type[models.Model], content: Content, *, formerly: tuple[str, ...] = ()) -> None:
    """What a signature on this kind of record covers (a JSON-able dict built from the record).

    ``formerly``: object types this kind's signatures were stored under before its model moved to
    another app (e.g. ``"responses.templateversion"``); they are checked and listed as its own."""
    types = (object_type(model), *formerly)
    _TYPES[types[0]] = types
    for otype in types:
        _CONTENT[otype] = (model, content)


def object_type(model: type[models.Model] | models.Model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def content_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def reauthenticate(user: User, credential: str) -> str:
    """Check the signer's password or a second-factor code; returns the method used."""
    credential = (credential or "").strip()
    if not credential:
        raise SignatureRefused("Sign with your password (or a code from your authenticator).")
    if credential.startswith(PASSKEY_PREFIX):
        return _reauthenticate_with_passkey(user, credential.removeprefix(PASSKEY_PREFIX))
    if credential.isdigit() and len(credential) == 6 and has_factor(user.pk):
        try:
            return "totp" if do_check_second_factor(user, credential) == "totp" else "recovery"
        except ValidationError:
            pass
    if user.check_password(credential):
        return "password"
    with transaction.atomic():  # its own transaction: nothing else is written when a signature is refused
        append("signature.refused", actor=user, obj=user, data={"reason": "re-authentication failed"})
    raise SignatureRefused("The password or code is not right: nothing was signed.")


# then the JSON of navigator.credentials.get's answer (identity/static/identity/webauthn.js)
PASSKEY_PREFIX = "webauthn:"


def _reauthenticate_with_passkey(user: User, answer: str) -> str:
    """A security key's answer to a signing challenge (``passkeys.signing_options``): single use,
    user verification required; how a user without a password (single sign-on) signs."""
    try:
        challenge = passkeys.take_signing_challenge(user, answer)
        do_check_webauthn(user, answer, challenge, purpose="signature", user_verification=True)
    except (passkeys.PasskeyError, ValidationError) as exc:
        reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        with transaction.atomic():  # its own transaction, as for a wrong password
            append("signature.refused", actor=user, obj=user, data={"reason": f"security key: {reason}"[:300]})
        raise SignatureRefused(f"The security key was not accepted ({reason}): nothing was signed.") from exc
    return "webauthn"


def record_signature(user: User, method: str, *, meaning: Meaning | str, record: models.Model,
                     client_id: int) -> Signature:
    """Sign the record as it is now, for a signer who has just re-authenticated (``reauthenticate``
    returned ``method``). Call inside the transaction of the change the signature approves, after
    the change: the signature covers the record's final state, and both commit or neither does."""
    otype = object_type(type(record))
    if otype not in _CONTENT:
        raise LookupError(f"no signature content is registered for {otype}")
    record.refresh_from_db()
    digest = content_hash(_CONTENT[otype][1](record, str(meaning)))
    with transaction.atomic():
        signature = Signature.objects.create(
            signer=user, signer_name=user.name or user.email, signer_email=user.email, client_id=client_id,
            signed_at=timezone.now(), meaning=str(meaning), object_type=otype, object_id=str(record.pk),
            content_hash=digest, method=method)
        append("signature.sign", actor=user, client_id=client_id, obj=signature,
               data={"meaning": str(meaning), "object": f"{otype}:{record.pk}", "content_hash": digest,
                     "method": method})
    return signature


@dataclass(frozen=True)
class Check:
    signature: Signature
    valid: bool
    problem: str = ""

    @property
    def meaning_label(self) -> str:
        meaning = self.signature.meaning
        return str(Meaning(meaning).label) if meaning in Meaning.values else meaning


def check(signature: Signature) -> Check:
    """Does the record still hash to what was signed?"""
    entry = _CONTENT.get(signature.object_type)
    if entry is None:
        return Check(signature, False, "unknown kind of record")
    model, content = entry
    record = model._default_manager.filter(pk=signature.object_id).first()
    if record is None:
        return Check(signature, False, "the signed record no longer exists")
    if content_hash(content(record, signature.meaning)) != signature.content_hash:
        return Check(signature, False, "the record changed after it was signed")
    return Check(signature, True)


def signatures_for(record: models.Model) -> list[Check]:
    otype = object_type(type(record))
    return [check(s) for s in Signature.objects.filter(object_type__in=_TYPES.get(otype, (otype,)),
                                                       object_id=str(record.pk))
            .select_related("signer").order_by("signed_at", "pk")]


def verify_all() -> Iterator[Check]:
    """Every signature that no longer matches its record (for ``carewatch audit verify``)."""
    for signature in Signature.objects.order_by("pk").iterator():
        result = check(signature)
        if not result.valid:
            yield result
