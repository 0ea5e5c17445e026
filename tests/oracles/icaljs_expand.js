#!/usr/bin/env node
// Read an .ics file with ical.js (Mozilla's parser, used by Thunderbird) and print,
// as JSON, each event with its occurrences expanded by ical.js itself.
//   node icaljs_expand.js FILE.ics [MAX_OCCURRENCES]
'use strict';
const fs = require('fs');
const ICAL = require('ical.js');

const [file, max = '60'] = process.argv.slice(2);
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
  for (let next = iterator.next(); next && occurrences.length < Number(max); next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    occurrences.push([value(details.startDate), value(details.endDate)]);
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
console.log(JSON.stringify({ name: calendar.getFirstPropertyValue('x-wr-calname'), zones, events }));
