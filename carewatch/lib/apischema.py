"""What every API operation shares: 64-bit integers, JSON-object bodies, a documented 422.

* ``Int64``: every integer a request carries fits the database's 64-bit integers; a bigger one
  is refused by validation (422) instead of overflowing in the driver (a 500).
* ``ObjectBody``: a request body must be a JSON object; ``[null, null, null]`` is not a patch
  with every field left out, it is refused (422).
* ``CarewatchAPI``: the OpenAPI document lists 422 on every operation that takes input, with the
  body actually returned: ``detail`` is the list of validation errors when the request does not
  fit its schema, or one sentence when a rule refuses it.
"""

from __future__ import annotations

from typing import Annotated, Any

from ninja import NinjaAPI, Schema
from pydantic import Field, model_validator

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

Int64 = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]


class ObjectBody(Schema):
    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        # ninja hands the parsed JSON over wrapped (DjangoGetter) or as it is
        if not isinstance(getattr(data, "_obj", data), dict):
            raise ValueError("the body must be a JSON object")
        return data


class ValidationIssue(Schema):
    type: str
    loc: list[str | int]
    msg: str


class Invalid(Schema):
    """A 422: ``detail`` lists what did not fit the schema, or says in a sentence what a rule refused."""

    detail: str | list[ValidationIssue]


def fits_int64(text: str) -> bool:
    """Is ``text`` a decimal integer a 64-bit column can hold?"""
    try:
        return INT64_MIN <= int(text) <= INT64_MAX
    except ValueError:
        return False


class CarewatchAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, model in (("ValidationIssue", ValidationIssue), ("Invalid", Invalid)):
            definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
            definition.pop("$defs", None)
            components[name] = definition
        invalid = {"description": "Unprocessable Content",
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Invalid"}}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if isinstance(operation, dict) and (operation.get("parameters") or "requestBody" in operation):
                    operation.setdefault("responses", {})["422"] = invalid
        return schema
