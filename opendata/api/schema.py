"""What the OpenAPI schema documents: the API's resources under
/api/v1/gemeenten/{tooi_code}/ (the same paths without that prefix answer on a
municipality's own host), not Wagtail's admin API nor the host form twice."""

PREFIX = "/api/v1/gemeenten/{tooi_code}/"


def only_the_api(endpoints):
    return [
        (path, regex, method, view)
        for path, regex, method, view in endpoints
        if path.startswith(PREFIX) and path != PREFIX
    ]
