"""A software WebAuthn authenticator and the browser's part around it, for tests: it answers the
options the server sends (``navigator.credentials.create``/``get``) with real P-256 keys, real
CBOR attestation objects and authenticator data (built with fido2's pieces), and returns the JSON
that identity/static/identity/webauthn.js posts. soft-webauthn would do the same but pins fido2<2,
whose cryptography cap conflicts with webauthn 3.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Key:
    private: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    counter: int = 0


@dataclass
class SoftAuthenticator:
    """A security key: keeps its keys by credential ID; each use moves its counter on. With
    ``user_verifying`` it checks its user (a PIN, say) and says so (the UV flag)."""

    user_verifying: bool = True
    aaguid: bytes = bytes(16)
    keys: dict[bytes, Key] = field(default_factory=dict)

    def create(self, options: dict[str, Any], origin: str) -> dict[str, Any]:
        rp_id = options["rp"]["id"]
        excluded = {unb64url(d["id"]) for d in options.get("excludeCredentials", [])}
        if excluded & set(self.keys):
            raise ValueError("InvalidStateError: this authenticator already holds a credential for the account")
        credential_id = os.urandom(32)
        private = ec.generate_private_key(ec.SECP256R1())
        self.keys[credential_id] = Key(private, rp_id, unb64url(options["user"]["id"]))
        client_data = CollectedClientData.create("webauthn.create", unb64url(options["challenge"]), origin)
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.AT
        if self.user_verifying:
            flags |= AuthenticatorData.FLAG.UV
        attested = AttestedCredentialData.create(self.aaguid, credential_id,
                                                 ES256.from_cryptography_key(private.public_key()))
        auth_data = AuthenticatorData.create(hashlib.sha256(rp_id.encode()).digest(), flags, 0, attested)
        attestation = AttestationObject.create("none", auth_data, {})
        return {"id": b64url(credential_id), "rawId": b64url(credential_id), "type": "public-key",
                "clientExtensionResults": {},
                "response": {"clientDataJSON": b64url(bytes(client_data)), "attestationObject": b64url(bytes(attestation)),
                             "transports": ["usb"]}}

    def get(self, options: dict[str, Any], origin: str, *, counter: int | None = None) -> dict[str, Any]:
        """Sign the challenge with the first allowed key this authenticator holds. ``counter``
        forces the sign counter (a cloned key whose counter lags behind)."""
        allowed = [unb64url(d["id"]) for d in options.get("allowCredentials", [])]
        credential_id = next((c for c in allowed if c in self.keys), None)
        if credential_id is None:
            raise ValueError("NotAllowedError: no credential of this authenticator is allowed")
        key = self.keys[credential_id]
        if key.rp_id != options["rpId"]:
            raise ValueError("NotAllowedError: the RP ID does not match the credential")
        key.counter = key.counter + 1 if counter is None else counter
        flags = AuthenticatorData.FLAG.UP
        if self.user_verifying:
            flags |= AuthenticatorData.FLAG.UV
        auth_data = bytes(AuthenticatorData.create(hashlib.sha256(key.rp_id.encode()).digest(), flags, key.counter))
        client_data = bytes(CollectedClientData.create("webauthn.get", unb64url(options["challenge"]), origin))
        signature = key.private.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {"id": b64url(credential_id), "rawId": b64url(credential_id), "type": "public-key",
                "clientExtensionResults": {},
                "response": {"clientDataJSON": b64url(client_data), "authenticatorData": b64url(auth_data),
                             "signature": b64url(signature), "userHandle": b64url(key.user_handle)}}


def as_json(answer: dict[str, Any]) -> str:
    return json.dumps(answer)
