#!/usr/bin/python3
"""Read .ics files with libical (Evolution's parser) through GObject introspection;
print as JSON by file what it could not parse and every start of each event that
libical itself expands between 2000 and UNTIL (a date; UTC starts).  Runs with
Debian's python3 (python3-gi, gir1.2-ical-3.0).
    /usr/bin/python3 libical_expand.py UNTIL FILE.ics...
"""
import datetime as dt
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as ICal  # noqa: E402


def children(component):
    child = component.get_first_component(ICal.ComponentKind.ANY_COMPONENT)
    while child:
        yield child
        child = component.get_next_component(ICal.ComponentKind.ANY_COMPONENT)


def parse_errors(component):
    errors = []
    prop = component.get_first_property(ICal.PropertyKind.XLICERROR_PROPERTY)
    while prop:
        errors.append(prop.get_xlicerror())
        prop = component.get_next_property(ICal.PropertyKind.XLICERROR_PROPERTY)
    for child in children(component):
        errors += parse_errors(child)
    return errors


def read(path, until):
    try:
        calendar = ICal.Component.new_from_string(open(path, encoding="utf-8").read())
    except TypeError:  # the binding raises when libical returns nothing
        calendar = None
    if calendar is None:
        return {"error": "libical could not parse the file"}
    window = (ICal.Time.new_from_string("20000101T000000Z"), ICal.Time.new_from_string(until.replace("-", "") + "T000000Z"))
    events = []
    for vevent in children(calendar):
        if vevent.isa() != ICal.ComponentKind.VEVENT_COMPONENT:
            continue
        starts = []
        vevent.foreach_recurrence(*window, lambda comp, span, *_, found=starts: found.append(
            dt.datetime.fromtimestamp(span.get_start(), dt.timezone.utc).isoformat()), None)
        events.append({"uid": vevent.get_uid(), "summary": vevent.get_summary(),
                       "status": ICal.Property.status_to_string(vevent.get_status()), "starts": starts})
    return {"parse_errors": parse_errors(calendar), "events": events}


print(json.dumps({path: read(path, sys.argv[1]) for path in sys.argv[2:]}, ensure_ascii=False))
