# SPDX-License-Identifier: MPL-2.0
"""The deadline table's rows, written in Python (issue #20).

The child page, Mine frister and the team's drill-down list up to hundreds of deadline rows; as a
template each row cost about a quarter of a millisecond (some 40 variable look-ups, three dates,
two or three links). This writes the same HTML — byte for byte what the template it replaces wrote,
tests/deadlines/test_row_html.py compares the two over every row of a municipality's data, in
Danish and English, with and without the child column — autoescaped the same way."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import urlencode
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # in Django, not in django-stubs
from django.utils.translation import gettext, ngettext

from ..actions import reverse

register = template.Library()


def _date(value, with_time: bool) -> str:
    """`{{ value|date:"d.m.Y" }}` or `{{ value|date:"d.m.Y H:i" }}` (in the current time zone)."""
    if isinstance(value, datetime):
        t = template_localtime(value)
        day = f"{t.day:02d}.{t.month:02d}.{t.year:04d}"
        return f"{day} {t.hour:02d}:{t.minute:02d}" if with_time else day
    if isinstance(value, date) and not with_time:
        return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
    return date_filter(value, "d.m.Y H:i" if with_time else "d.m.Y")


def _e(value) -> str:
    """What `{{ value }}` prints: localized, autoescaped."""
    return conditional_escape(localize(value))


def _unconfirmed() -> str:
    """deadlines/_unconfirmed.html: the small "ikke bekræftet" mark."""
    return (f'<small class="unconfirmed" title="{_e(gettext("Not checked against the statute text: the legal reference or the deadline rests on secondary sources or a local default. See the rules documentation."))}">'  # noqa: E501
            f'({_e(gettext("not confirmed"))})</small>')


def _texts() -> tuple[str, str, str, str]:
    """The rows' fixed texts in the current language, escaped: made once per list."""
    return (f" {_unconfirmed()}", f' <span class="muted">({_e(gettext("local standard"))})</span>',
            _e(gettext("The obligation ends when the child turns 18. Add the birth date.")),
            _e(gettext("age unknown")))


def rows_html(rows, *, hide_child: bool = False, texts: tuple[str, str, str, str] | None = None) -> str:
    """`texts`: `_texts()` made by the caller once for several lists (Mine frister's groups)."""
    unconfirmed, local, age_title, age_unknown = texts or _texts()
    out: list[str] = []
    add = out.append
    for r in rows:
        ob = r.ob
        title = _e(r.title)
        add(f'<tr>\n  <td class="status-{_e(ob.status)}">')
        if ob.ended == "age_18" and ob.status == "not_applicable":
            add(_e(gettext("Lapsed (turned 18)")))
        else:
            add(_e(r.status_label))
            if ob.ended == "age_18":
                add(f' ({_e(gettext("turned 18"))})')
        if r.age_unknown:  # would end at 18, but the birth date is unknown (issue #15)
            add(f' <span class="muted" title="{age_title}">({age_unknown})</span>')
        add("</td>\n  <td>")
        add(f'<a href="{_e(r.record_url)}">{title}</a>' if r.record_url else title)
        if ob.seq > 1:
            add(f" ({_e(ob.seq)})")
        if not ob.statutory:
            add(local)
        add("</td>\n  <td>")
        if ob.due:
            add(_e(_date(ob.due_date, False) if ob.due_all_day else _date(ob.due_local, True)))
        else:
            add("—")
        add("</td>\n  <td>")
        add(_e(_date(ob.met_local, True)) if ob.met_at else "—")
        add("</td>\n  ")
        if not hide_child:
            add("<td>")
            if r.child:
                add(f'<a href="{conditional_escape(reverse("child", [r.child.pk]))}">{_e(r.child.name)}</a>')
            elif ob.subject_type == "notification":
                add(f'<a href="{conditional_escape(reverse("notification", [ob.subject_id]))}">'
                    f'{_e(gettext("Notification"))}</a>')
            add("</td>")
        add(f"\n  <td>{_e(r.source)}")
        if r.unconfirmed:
            add(unconfirmed)
        add("</td>\n  <td>")
        if r.action:
            add(f'<a class="button" href="{_e(r.action[1])}">{_e(r.action[0])}<span class="sr-only"> – {title}</span></a>')
        else:
            add("—")
        add("</td>\n</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


def groups_html(groups) -> str:
    """Mine frister's child groups (`selectors.by_child`): a `<tbody>` per child with its name as the
    group's heading (or "Without a child"), the number overdue, and its rows without the child
    column — what the template's loop over the groups wrote (tests/deadlines/test_row_html.py)."""
    without = _e(gettext("Without a child"))
    texts = _texts()
    out: list[str] = []
    for g in groups:
        out.append('<tbody class="child-group">\n<tr class="group"><th colspan="6" scope="rowgroup">')
        if g.child:
            out.append(f'<a href="{conditional_escape(reverse("child", [g.child.pk]))}">{_e(g.child.name)}</a>')
        else:
            out.append(without)
        overdue = g.overdue
        if overdue:
            text = ngettext("%(n)s overdue", "%(n)s overdue", overdue) % {"n": _e(overdue)}
            out.append(f' <span class="clock clock-overdue">{text}</span>')
        out.append(f"</th></tr>\n{rows_html(g.rows, hide_child=True, texts=texts)}\n\n</tbody>")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


def rule_table_html(table, as_of_param: str) -> str:
    """The team overview's rows (one per rule: its title and source, then a count per status, each
    count but 0 a link to the cases behind it) — what the template's loop wrote
    (tests/deadlines/test_row_html.py)."""
    if not table:
        return mark_safe(f'<tr><td colspan="7">{_e(gettext("No deadlines."))}</td></tr>')  # noqa: S308
    mark = _unconfirmed()
    as_of = conditional_escape(urlencode(as_of_param))
    out: list[str] = []
    for row in table:
        out.append(f'<tr><th scope="row">{_e(row["title"])}<br><span class="muted">{_e(row["source"])}'
                   f'{" " + mark if row["unconfirmed"] else ""}</span></th>\n')
        rule = conditional_escape(urlencode(row["rule_id"]))
        for status, n in row["cells"]:
            if n:
                out.append(f'<td><a href="?rule={rule}&amp;status={_e(status)}&amp;as_of={as_of}">{_e(n)}</a></td>')
            else:
                out.append("<td>0</td>")
        out.append("</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@register.simple_tag
def rule_table(table, as_of_param):
    return rule_table_html(table, as_of_param)


@register.simple_tag
def deadline_groups(groups):
    return groups_html(groups)


@register.simple_tag
def deadline_rows(rows, hide_child=False):
    return rows_html(rows, hide_child=bool(hide_child))
