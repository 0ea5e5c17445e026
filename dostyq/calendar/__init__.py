"""Calendar logic on top of the content model: occurrences, month grids, iCalendar."""
