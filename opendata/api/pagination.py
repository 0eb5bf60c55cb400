"""Page-number pagination with Dutch parameter names. A page number or size that is
not a positive whole number, or a size above the maximum, is a 400 rather than
quietly replaced by a default."""

from django.core.paginator import InvalidPage
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def positive_int(request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValidationError(
            {name: [_("Give a whole number of 1 or more, not '%(value)s'.") % {"value": raw[:30]}]}
        )
    return int(raw)


class DutchPagination(PageNumberPagination):
    page_query_param = "pagina"
    page_size_query_param = "per_pagina"
    page_size = PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        size = positive_int(request, self.page_size_query_param, self.page_size)
        if size > self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("At most %(max)s per page.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        number = positive_int(request, self.page_query_param, 1)
        paginator = self.django_paginator_class(queryset, size)
        try:
            self.page = paginator.page(number)
        except InvalidPage as error:
            raise NotFound(
                _("Page %(number)s does not exist; there are %(count)s.")
                % {"number": number, "count": paginator.num_pages}
            ) from error
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(
            {
                "aantal": self.page.paginator.count,
                "volgende": self.get_next_link(),
                "vorige": self.get_previous_link(),
                "resultaten": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["aantal", "resultaten"],
            "properties": {
                "aantal": {"type": "integer", "example": 42},
                "volgende": link,
                "vorige": link,
                "resultaten": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Paginanummer, vanaf 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Aantal per pagina (standaard {PAGE_SIZE}, hoogstens {MAX_PAGE_SIZE})."
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
