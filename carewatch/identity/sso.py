"""OpenID Connect relying party (authlib; ID tokens with joserfc, the JOSE library authlib now
uses): discovery, authorization code with PKCE, state and nonce, and the ID token's signature and
claims checked against the provider's published keys (OpenID Connect Core §3.1.3.7).

The provider only says who the person is (a verified e-mail); what they may do comes from
Carewatch's own configuration (``actions.do_sso_sign_in``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets as token_source
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import OAuth2Client
from django.core.cache import cache
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from carewatch.lib import secrets

TIMEOUT = 10.0
CACHE_SECONDS = 600
LEEWAY_SECONDS = 60
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]  # never "none" or HS* (shared secret)


class SsoError(Exception):
    """The exchange with the identity provider failed or its answer is not to be trusted."""


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = httpx.get(url, timeout=TIMEOUT, follow_redirects=False)
        response.raise_for_status()
        data = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SsoError(f"the identity provider did not answer at {url}") from exc
    if not isinstance(data, dict):
        raise SsoError(f"the identity provider's answer at {url} is not a JSON object")
    return data


def discover(provider: dict[str, Any]) -> dict[str, Any]:
    """The provider's metadata (``/.well-known/openid-configuration``), cached for ten minutes;
    its ``issuer`` must be exactly the configured one."""
    key = f"carewatch:sso:meta:{provider['issuer']}"
    meta = cache.get(key)
    if meta is None:
        meta = _get_json(provider["issuer"] + "/.well-known/openid-configuration")
        if str(meta.get("issuer", "")).rstrip("/") != provider["issuer"]:
            raise SsoError("the identity provider's metadata names another issuer")
        for field in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(meta.get(field), str):
                raise SsoError(f"the identity provider's metadata has no {field}")
        cache.set(key, meta, CACHE_SECONDS)
    return dict(meta)


def _client(provider: dict[str, Any], redirect_uri: str) -> OAuth2Client:
    try:
        secret = secrets.reveal(provider["client_secret"])
    except secrets.SecretError as exc:
        raise SsoError(f"the client secret of {provider['name']} is not available: {exc}") from exc
    return OAuth2Client(client_id=provider["client_id"], client_secret=secret, scope="openid email profile",
                        redirect_uri=redirect_uri, code_challenge_method="S256", timeout=TIMEOUT,
                        token_endpoint_auth_method="client_secret_basic")  # noqa: S106 - a method name


def start(provider: dict[str, Any], redirect_uri: str) -> tuple[str, dict[str, str]]:
    """The URL to send the browser to, and what the callback must find in the session."""
    meta = discover(provider)
    state, nonce, verifier = generate_token(32), generate_token(32), token_source.token_urlsafe(48)
    with _client(provider, redirect_uri) as client:
        url, _ = client.create_authorization_url(meta["authorization_endpoint"], state=state, nonce=nonce,
                                                 code_verifier=verifier)
    return url, {"provider": provider["name"], "state": state, "nonce": nonce, "verifier": verifier}


def finish(provider: dict[str, Any], redirect_uri: str, pending: dict[str, str], code: str) -> dict[str, Any]:
    """Exchange the code (with the PKCE verifier) and return the ID token's checked claims."""
    meta = discover(provider)
    try:
        with _client(provider, redirect_uri) as client:
            token = client.fetch_token(meta["token_endpoint"], grant_type="authorization_code", code=code,
                                       code_verifier=pending["verifier"])
    except Exception as exc:  # authlib raises its own errors and httpx's
        raise SsoError("the identity provider refused the sign-in code") from exc
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise SsoError("the identity provider sent no ID token")
    try:
        keys = KeySet.import_key_set(_get_json(meta["jwks_uri"]))  # type: ignore[arg-type]
        decoded = jwt.decode(id_token, keys, algorithms=ALGORITHMS)
        claims = dict(decoded.claims)
        jwt.JWTClaimsRegistry(
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "values": [provider["issuer"], provider["issuer"] + "/"]},
            aud={"essential": True, "value": provider["client_id"]},
            sub={"essential": True}, exp={"essential": True}, iat={"essential": True},
            nonce={"essential": True, "value": pending["nonce"]},
        ).validate(claims)
    except (JoseError, ValueError, TypeError) as exc:
        raise SsoError(f"the ID token is not valid ({exc.__class__.__name__})") from exc
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != provider["client_id"]:
        raise SsoError("the ID token was issued to another party (azp)")
    at_hash = claims.get("at_hash")
    access_token = token.get("access_token")
    if at_hash is not None and (not isinstance(access_token, str) or not hmac.compare_digest(
            str(at_hash), _half_hash(access_token, str(decoded.header.get("alg", ""))))):
        raise SsoError("the ID token does not belong to this access token (at_hash)")
    return claims


def _half_hash(value: str, alg: str) -> str:
    """``at_hash``: the left half of the hash (of the signature algorithm's size), base64url."""
    digest = {"384": hashlib.sha384, "512": hashlib.sha512}.get(alg[-3:], hashlib.sha256)(value.encode()).digest()
    return base64.urlsafe_b64encode(digest[: len(digest) // 2]).rstrip(b"=").decode()
