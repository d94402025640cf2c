# SPDX-License-Identifier: MPL-2.0
"""Words for the flags' rules and reasons, in the user's language: the domain core gives codes
and numbers, these sentences say what they mean ("why is this child flagged")."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from forebyg.domain import progression as dp

FLAG_TITLES = {
    dp.REACHED: gettext_lazy("Goals reached and stable"),
    dp.STALLED: gettext_lazy("No progression over the last follow-ups"),
}
FLAG_HINTS = {
    dp.REACHED: gettext_lazy("A candidate for a less intrusive measure: consider stepping down the staircase."),
    dp.STALLED: gettext_lazy("Time to rethink the measure with the child and family."),
}
REASONS = {
    "no_active_goals": gettext_lazy("The child has no active goals (no plan with goals on an open case)."),
    "all_reached": gettext_lazy("Every active goal is reached and stable."),
    "not_all_reached": gettext_lazy("Not every active goal is reached and stable yet."),
    "too_few_occasions": gettext_lazy("Too few scaling occasions to judge."),
    "not_comparable": gettext_lazy("Not comparable: no respondent scaled at both ends of every interval."),
    "no_increase": gettext_lazy("No respondent's mean score rose in any of the intervals."),
    "increase": gettext_lazy("At least one respondent's mean score rose."),
    "goals_reached": gettext_lazy("The scores did not rise, but the goals are reached and stable."),
}
DIRECTIONS = {
    "start": gettext_lazy("Onto the staircase"), "end": gettext_lazy("Off the staircase"),
    "up": gettext_lazy("Step up"), "down": gettext_lazy("Step down"),
}
TIMELINE = {"scaling": gettext_lazy("Scaling round"), "instrument": gettext_lazy("Questionnaire answered")}
REACHED_BY = {"scaling": gettext_lazy("by scaling"), "gas": gettext_lazy("by GAS"), None: gettext_lazy("not yet")}


def rule_text(code: str, rules: dp.FlagRules) -> str:
    """The rule behind a flag, with the municipality's thresholds filled in."""
    if code == dp.REACHED:
        rounds = ngettext("its last scaling round is", "its last %(n)d scaling rounds are", rules.reached_rounds) % {
            "n": rules.reached_rounds}
        how = (_("the respondents' mean score") if rules.reached_aggregate == "mean"
               else _("every respondent's score"))
        text = _("Raised when every active goal is reached and stable: %(rounds)s each at or above the goal's "
                 "target score (%(how)s; the target is %(target)d unless the goal has its own).") % {
            "rounds": rounds, "how": how, "target": rules.default_target}
        if rules.use_gas:
            text += " " + ngettext(
                "A goal with GAS levels also counts as reached when its last GAS rating is %(level)s or more.",
                "A goal with GAS levels also counts as reached when its last %(n)d GAS ratings are %(level)s or more.",
                rules.reached_rounds) % {"n": rules.reached_rounds,
                                         "level": f"{rules.gas_reached_level:+d}" if rules.gas_reached_level else "0"}
        return text
    increase = (_("any rise") if not rules.min_increase
                else _("a rise of more than %(x)s") % {"x": f"{rules.min_increase:g}"})
    return ngettext(
        "Raised when, at the last follow-up, no respondent's mean score over the active goals rose (%(increase)s "
        "counts as progression) compared with the occasion before. Scaling rounds on the same day form one occasion.",
        "Raised when, over the last %(n)d follow-ups, no respondent's mean score over the active goals rose "
        "(%(increase)s counts as progression) from one occasion to the next. Scaling rounds on the same day form "
        "one occasion; every interval needs a respondent who scaled at both ends.",
        rules.stalled_followups) % {"n": rules.stalled_followups, "increase": increase}


def _respondent(key: tuple[str, str], labels: dict[str, str]) -> str:
    kind, name = key
    base = labels.get(kind, kind)
    return f"{base} ({name})" if name else base


def flag_rows(flags: dict[str, dp.Flag], rules: dp.FlagRules, goals: dict, labels: dict[str, str],
              names: dict[tuple[str, str], str] | None = None) -> list[dict]:
    """Each flag with its title, rule, reason and the numbers behind it, ready for a template.
    `names` maps a respondent key (kind, folded name) to the name as written."""
    out = []
    for code in (dp.REACHED, dp.STALLED):
        flag = flags[code]
        goal_rows = [{"goal": goals.get(e.goal), "target": e.target, "reached_by": REACHED_BY[e.reached_by],
                      "reached": bool(e.reached_by), "rounds": e.rounds, "gas": e.gas} for e in flag.goals]
        interval_rows = [{"start": i.start, "end": i.end, "progressed": i.progressed,
                          "pairs": [(_respondent((k[0], (names or {}).get(k, k[1])), labels), a, b, b - a)
                                    for k, (a, b) in sorted(i.means.items())]} for i in flag.intervals]
        out.append({"code": code, "flag": flag, "raised": flag.raised, "title": FLAG_TITLES[code],
                    "hint": FLAG_HINTS[code], "rule": rule_text(code, rules), "reason": REASONS.get(flag.reason, ""),
                    "goal_rows": goal_rows, "interval_rows": interval_rows})
    return out
