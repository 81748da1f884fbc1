"""Words the portal shows that are defined in other apps (choice labels) or stored in
English (match reasons), so that `makemessages` finds them and Spanish readers get them in
Spanish. Translations live in locale/es/LC_MESSAGES/django.po (issue 20, item 5)."""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_noop

# employers.JobOpening.Schedule and jobseekers.CareerProfile.TravelMode labels.
CHOICE_LABELS = (
    gettext_noop("Weekday daytime"),
    gettext_noop("Evenings"),
    gettext_noop("Nights"),
    gettext_noop("Weekends"),
    gettext_noop("Flexible"),
    gettext_noop("Mixed shifts"),
    gettext_noop("Walking"),
    gettext_noop("Bicycle"),
    gettext_noop("Bus or train"),
    gettext_noop("Car"),
    gettext_noop("Lift from family or friends"),
)

# jobseekers.matching.reasons: the fixed reasons, word for word as stored.
FIXED_REASONS = (
    gettext_noop("the kind of work you asked for"),
    gettext_noop("very close to the kind of work you asked for"),
    gettext_noop("similar to the kind of work you asked for"),
    gettext_noop("in the same line of work you asked for"),
    gettext_noop("your employment specialist knows this employer well"),
    gettext_noop("weekday daytime hours, as you wanted"),
    gettext_noop("evening hours, as you wanted"),
    gettext_noop("night hours, as you wanted"),
    gettext_noop("weekend hours, as you wanted"),
    gettext_noop("flexible hours, as you wanted"),
    gettext_noop("mixed shifts, as you wanted"),
)
TRAVEL = {
    "walking": gettext_noop("walking"),
    "by bike": gettext_noop("by bike"),
    "by bus": gettext_noop("by bus"),
    "by car": gettext_noop("by car"),
    "with a lift": gettext_noop("with a lift"),
}
# Reasons with a figure or the person's own words: (pattern, message with named parts).
PATTERNS = (
    (
        re.compile(r"^less than a mile away(?:, (?P<how>.+))?$"),
        gettext_noop("less than a mile away"),
    ),
    (re.compile(r"^1 mile away(?:, (?P<how>.+))?$"), gettext_noop("1 mile away")),
    (
        re.compile(r"^(?P<miles>[\d.]+) miles? away(?:, (?P<how>.+))?$"),
        gettext_noop("%(miles)s miles away"),
    ),
    (
        re.compile(r"^pays \$(?P<wage>[\d.]+) an hour, what you asked for or more$"),
        gettext_noop("pays $%(wage)s an hour, what you asked for or more"),
    ),
    (
        re.compile(r"^(?P<hours>[\d.]+) hours a week, about what you want$"),
        gettext_noop("%(hours)s hours a week, about what you want"),
    ),
    (
        re.compile(r"^you asked for jobs like (?P<own>.+)$"),
        gettext_noop("you asked for jobs like %(own)s"),
    ),
    (re.compile(r"^you said you like (?P<own>.+)$"), gettext_noop("you said you like %(own)s")),
    (
        re.compile(r"^you said you are good at (?P<own>.+)$"),
        gettext_noop("you said you are good at %(own)s"),
    ),
    (re.compile(r"^it uses your skill: (?P<own>.+)$"), gettext_noop("it uses your skill: %(own)s")),
    (
        re.compile(r"^like your past job as (?P<own>.+)$"),
        gettext_noop("like your past job as %(own)s"),
    ),
)


def reason_words(reason: str) -> str:
    """A stored English match reason in the active language ("17 miles away, by bus" ->
    "a 17 millas, en autobús"); the person's own words are kept as they wrote them. A
    reason not known here is shown as stored."""
    if reason in FIXED_REASONS:
        return gettext(reason)
    for pattern, message in PATTERNS:
        found = pattern.match(reason)
        if found is None:
            continue
        parts = {k: v for k, v in found.groupdict().items() if k != "how"}
        text = gettext(message) % parts if parts else gettext(message)
        how = found.groupdict().get("how")
        if how:
            text = f"{text}, {gettext(TRAVEL.get(how, how))}"
        return text
    return reason
