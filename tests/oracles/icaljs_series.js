#!/usr/bin/env node
// What Thunderbird shows for each event of .ics files: ical.js expands every
// series with its RECURRENCE-ID overrides applied, until UNTIL (an ISO date), and
// prints per file, per UID, every occurrence as [start, end, summary, status]
// (UTC instants; dates for all-day events).
//   node icaljs_series.js UNTIL FILE.ics...
'use strict';
const fs = require('fs');
const ICAL = require('ical.js');

const UNTIL = process.argv[2];
const MAX = 100000; // a runaway guard

function read(file) {
  const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone.tzid, zone);
  }
  const value = (t) => (t.isDate ? t.toString() : t.toJSDate().toISOString());
  const byUid = {};
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const uid = vevent.getFirstPropertyValue('uid');
    (byUid[uid] = byUid[uid] || []).push(vevent);
  }
  const result = {};
  for (const [uid, vevents] of Object.entries(byUid)) {
    const master = vevents.find((v) => !v.hasProperty('recurrence-id'));
    const overrides = vevents.filter((v) => v.hasProperty('recurrence-id'));
    const occurrences = [];
    if (!master) {
      for (const v of overrides) {
        const e = new ICAL.Event(v);
        occurrences.push([value(e.startDate), value(e.endDate), e.summary, v.getFirstPropertyValue('status')]);
      }
    } else {
      const event = new ICAL.Event(master, { exceptions: overrides });
      const iterator = event.iterator();
      for (let next = iterator.next(); next && occurrences.length < MAX; next = iterator.next()) {
        const details = event.getOccurrenceDetails(next);
        const start = value(details.startDate);
        if (start >= UNTIL) break;
        const item = details.item;
        occurrences.push([start, value(details.endDate), item.summary,
          item.component.getFirstPropertyValue('status') || master.getFirstPropertyValue('status')]);
      }
    }
    result[uid] = occurrences;
  }
  return result;
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
