# SPDX-License-Identifier: MPL-2.0
"""Template helpers of the case review: `{% review_tasks_section %}` (the user's open review
tasks, on "My work"), `{% review_tasks_for user as tasks %}` and the `lookup` filter."""

from django import template

register = template.Library()


@register.inclusion_tag("review/_my_tasks.html", takes_context=True)
def review_tasks_section(context):
    from forebyg.review.selectors import open_tasks_for

    return {"tasks": open_tasks_for(context["user"])}


@register.simple_tag
def review_tasks_for(user):
    from forebyg.review.selectors import open_tasks_for

    return open_tasks_for(user)


@register.filter
def lookup(mapping, key):
    """`{{ labels|lookup:key }}`: a dict value in a template."""
    try:
        return mapping.get(key, key)
    except AttributeError:
        return key
