"""The API's documentation page: Dutch, on the site's own base template, rendered on
the server from the OpenAPI schema. No Swagger UI or Redoc: they need scripts and
styles from elsewhere or inline, which the site's CSP (default-src 'self' with nonces)
refuses, and their markup does not pass axe; a plain page from the same schema does,
and works without JavaScript. The schema itself is at /api/v1/schema/."""

from functools import cache

from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from governance.public_site import municipality_of

METHODS = ("get",)


@cache
def api_schema() -> dict:
    """The OpenAPI schema as a dict; the same for every request, so made once."""
    return SchemaGenerator().get_schema(request=None, public=True)


def resolve(schema: dict, node: dict) -> dict:
    """Follow a `$ref` to its component, and a paginated list to its items."""
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    if "resultaten" in node.get("properties", {}):
        return resolve(schema, node["properties"]["resultaten"]["items"])
    return node


def type_of(schema: dict, node: dict) -> str:
    if "$ref" in node:
        return node["$ref"].rsplit("/", 1)[-1]
    if node.get("type") == "array":
        return f"lijst van {type_of(schema, node.get('items', {}))}"
    if "allOf" in node:
        return " ".join(type_of(schema, part) for part in node["allOf"])
    kind = node.get("format") or node.get("type") or "object"
    return f"{kind}, of null" if node.get("nullable") else kind


def fields(schema: dict, node: dict) -> list[dict]:
    body = resolve(schema, node)
    return [
        {"name": name, "type": type_of(schema, prop), "description": prop.get("description", "")}
        for name, prop in body.get("properties", {}).items()
    ]


def operations(schema: dict) -> list[dict]:
    """Each documented operation: its path, summary, description, parameters and the
    fields of its answer."""
    found = []
    for route, item in schema["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            content = operation["responses"].get("200", {}).get("content", {})
            body = content.get("application/json", {}).get("schema", {})
            found.append(
                {
                    "id": operation["operationId"],
                    "path": route,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        p for p in operation.get("parameters", []) if p["name"] != "tooi_code"
                    ],
                    "fields": fields(schema, body),
                }
            )
    return found


def api_docs(request):
    """The documentation, and the entrance of the API of the municipality whose site the
    visitor came from (by its TOOI code, which answers on any host)."""
    schema = api_schema()
    municipality, __ = municipality_of(request)
    entrance = (
        request.build_absolute_uri(reverse("api_tooi_root", args=[municipality.tooi_code]))
        if municipality is not None
        else ""
    )
    return render(
        request,
        "opendata/api_docs.html",
        {
            "municipality": municipality,
            "entrance": entrance,
            "operations": operations(schema),
            "schema_url": request.build_absolute_uri(reverse("api_schema")),
            "description": schema["info"].get("description", ""),
        },
    )
