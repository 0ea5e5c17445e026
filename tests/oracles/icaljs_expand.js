#!/usr/bin/env node
// Read .ics files with ical.js (Mozilla's parser, used by Thunderbird) and print,
// as JSON by file, each event with every occurrence ical.js itself expands that
// starts before UNTIL (an ISO date). A file ical.js cannot parse gets {"error": ...}.
//   node icaljs_expand.js UNTIL FILE.ics...
'use strict';
const fs = require('fs');
const ICAL = require('ical.js');

const UNTIL = process.argv[2];
const MAX = 100000; // a runaway guard, far above any real event

function read(file) {
const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
// ical.js has no time zone database: it knows only the file's own VTIMEZONEs.
const zones = [];
for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
  const zone = new ICAL.Timezone(vtimezone);
  ICAL.TimezoneService.register(zone.tzid, zone);
  zones.push(zone.tzid);
}
const value = (t) => (t.isDate ? t.toString() : t.toJSDate().toISOString());
const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
  const event = new ICAL.Event(vevent);
  const occurrences = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && occurrences.length < MAX; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    const start = value(details.startDate);
    if (start >= UNTIL) break;
    occurrences.push([start, value(details.endDate)]);
  }
  return {
    uid: event.uid,
    summary: event.summary,
    status: vevent.getFirstPropertyValue('status'),
    tzid: vevent.getFirstProperty('dtstart').getParameter('tzid') || null,
    description: event.description,
    location: event.location,
    occurrences,
  };
});
return { name: calendar.getFirstPropertyValue('x-wr-calname'), zones, events };
}

const report = {};
for (const file of process.argv.slice(3)) {
  try {
    report[file] = read(file);
  } catch (e) {
    report[file] = { error: `${e.name}: ${e.message}` };
  }
}
console.log(JSON.stringify(report));
