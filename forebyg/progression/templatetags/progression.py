# SPDX-License-Identifier: MPL-2.0
"""`{% progression_section child %}`: the progression section of the child page, and `get_item`."""

from django import template

from forebyg.web.permissions import holds

register = template.Library()


@register.inclusion_tag("progression/_child_section.html", takes_context=True)
def progression_section(context, child):
    from ..views import section_context

    request = context.get("request")
    ctx = section_context(child)
    ctx.update(child=child, can_casework=bool(request and holds(request.user, "cases.casework")), pdf=False)
    return ctx


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")
