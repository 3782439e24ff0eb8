"""Deadlines: promises and regulator clocks, when the other side's time is up, and who to go
to next.

Pure functions over records: nothing here reads the database.

- :mod:`.rules`: the regulator clocks, bodies and escalation routes, as data
  (``resources/rules/deadlines.json``), and :func:`~.rules.next_body`
- :mod:`.workdays`: day counting (calendar, working and business days, weeks; holidays)
- :mod:`.timeline`: events in time order; the event a complaint counts as lodged at
- :mod:`.promises`: a promise's state (pending, kept, broken)
- :mod:`.promise_due`: the due time a promise's words state ("3个工作日内回电")
- :mod:`.clock`: the regulator clock of a case and its sentences
- :mod:`.due`: the due list across open cases and its buckets
- :mod:`.ics`: the due list as an iCalendar file
- :mod:`.wording`: dates, times and institution names as sentences write them
- :mod:`.letters`: the complaint and chaser letters
- :mod:`.unsolicited`: how often and when unsolicited calls come
"""
