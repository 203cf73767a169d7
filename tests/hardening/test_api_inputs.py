"""Issue 17 findings 8 and 10: integers beyond 64 bits are refused (422, never a 500), a body
that is not a JSON object is refused, and the OpenAPI document tells the truth about 422."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client as HttpClient

from carewatch.inbox.models import Case
from carewatch.tenancy.actions import do_create_token
from carewatch.tenancy.models import User

BIG = str(2**63)
HUGE = "9" * 40


@pytest.fixture
def api(alice: User) -> HttpClient:
    return HttpClient(headers={"Authorization": f"Bearer {do_create_token(alice, 'test', None)}"},
                      raise_request_exception=False)


@pytest.fixture
def case(case_of: Any, northwind: Any) -> Case:
    return case_of(northwind)  # type: ignore[no-any-return]


@pytest.mark.parametrize("query", [
    f"/api/v1/mentions?offset={BIG}", f"/api/v1/mentions?case_id={BIG}", f"/api/v1/mentions?limit={BIG}",
    f"/api/v1/mentions?offset=-{HUGE}", f"/api/v1/cases?assignee={BIG}", f"/api/v1/cases?priority={BIG}",
    f"/api/v1/cases?limit={HUGE}", f"/api/v1/safety-cases?offset={BIG}", f"/api/v1/safety-cases?limit={BIG}",
])
def test_an_integer_query_parameter_beyond_64_bits_is_422_not_500(api: HttpClient, case: Case, query: str) -> None:
    response = api.get(query)
    assert response.status_code == 422, (response.status_code, response.content[:200])
    assert "detail" in response.json()


@pytest.mark.parametrize("path", [f"/api/v1/cases/{BIG}", f"/api/v1/mentions/{HUGE}", f"/api/v1/safety-cases/{BIG}",
                                  f"/api/v1/cases/{BIG}/notes"])
def test_an_id_beyond_64_bits_in_the_path_is_a_4xx(api: HttpClient, case: Case, path: str) -> None:
    response = api.post(path, data={"body": "x"}, content_type="application/json") if path.endswith("notes") \
        else api.get(path)
    assert 400 <= response.status_code < 500


def test_the_inbox_queue_with_an_assignee_beyond_64_bits_is_not_a_500(alice: User, case: Case) -> None:
    client = HttpClient(raise_request_exception=False)
    client.force_login(alice)
    assert client.get(f"/inbox/?assignee={BIG}").status_code < 500


@pytest.mark.parametrize("body", ["[null,null,null]", "[]", "null", "1", '"status"', "true"])
def test_patching_a_case_with_a_body_that_is_not_an_object_is_422_and_changes_nothing(
        api: HttpClient, case: Case, body: str) -> None:
    before = Case.objects.values().get(pk=case.pk)
    response = api.patch(f"/api/v1/cases/{case.pk}", data=body, content_type="application/json")
    assert response.status_code == 422, response.content[:200]
    assert Case.objects.values().get(pk=case.pk) == before


def test_every_operation_with_input_documents_its_422_with_the_body_it_returns(api: HttpClient, case: Case) -> None:
    document = api.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    missing = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if not operation.get("parameters") and "requestBody" not in operation:
                continue
            answer = operation["responses"].get("422")
            if answer is None:
                missing.append(f"{method.upper()} {path}")
                continue
            ref = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
            detail = schemas[ref]["properties"]["detail"]
            kinds = {alt.get("type") for alt in detail.get("anyOf", [detail])}
            assert {"string", "array"} <= kinds, f"{method} {path}: 422 detail is {detail}"
    assert not missing, missing
    # what is actually returned: a list from request validation, a string from a rule
    listed = api.get(f"/api/v1/mentions?offset={BIG}").json()["detail"]
    ruled = api.patch(f"/api/v1/cases/{case.pk}", data=json.dumps({"priority": 99}),
                      content_type="application/json").json()["detail"]
    assert isinstance(listed, list) and isinstance(ruled, str)
