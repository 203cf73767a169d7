"""Issue 17: the API fuzzed from its own OpenAPI document (schemathesis), with a Bearer token.

Every operation gets ``MAX_EXAMPLES`` generated requests in each generation mode (valid ones,
and invalid ones the API must refuse); none may answer 5xx, and every answer must match the
schema the document gives for its status code. Bounded: the file runs in about a minute on
SQLite. (schemathesis' own pytest plugin does not run under pytest 9, so each operation's
hypothesis strategy is driven here directly.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from carewatch.inbox.models import Case
from carewatch.tenancy.actions import do_create_token
from carewatch.tenancy.models import User
from carewatch.wsgi import application

MAX_EXAMPLES = int(os.environ.get("CAREWATCH_FUZZ_EXAMPLES", "25"))
TALLY = {"requests": 0}
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.fixture
def token(alice: User, case_of: Any, northwind: Any) -> Iterator[str]:
    case: Case = case_of(northwind)  # something to find, so some requests reach real objects
    assert case.pk
    # Called through WSGI, as Django's test client does it: the request signals must not close
    # the test's database connection (its transaction holds the test data).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield do_create_token(alice, "fuzz", None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def has_input(operation: Any) -> bool:
    return bool(list(operation.iter_parameters())) or bool(operation.body)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: o.label)
def test_no_generated_api_request_gets_a_server_error_or_an_answer_off_its_schema(
        operation: Any, mode: GenerationMode, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    if operation.label == "GET /api/v1/health":
        pytest.skip("takes no input; answers 503 by design while no worker runs (tests/api/test_api.py covers it)")
    if mode == GenerationMode.NEGATIVE and not has_input(operation):
        pytest.skip("no input to make invalid")

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        TALLY["requests"] += 1
        case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])

    run()


def test_the_fuzzing_tally() -> None:
    """Printed for the record (run with -s): how many requests the fuzzing sent."""
    print(f"\nAPI fuzzing: {TALLY['requests']} requests over {len(OPERATIONS)} operations, 0 failures")
