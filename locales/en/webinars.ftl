## Project webinars

menu-webinars = 📺 Webinars
command-webinars = coming webinars and reminders

webinars-title = <b>Coming webinars</b>
webinars-zone-moscow = Times are Moscow time.
webinars-zone-local = Times are your local time (MSK{ $shift }).
webinars-none = No webinars in the coming months: the season is over. I will tell you when the schedule appears.
webinars-item = 🗓 <b>{ $when }</b> — { $series }
webinars-cancelled = ❌ Cancelled
webinars-topic = Topic: { $topic }
webinars-speakers = Speakers: { $speakers }
webinars-join = Join: { $link }
webinars-recording = Recording: { $link }
webinars-subscribe-button = 🔔 Remind me of webinars
webinars-unsubscribe-button = 🔕 Stop webinar reminders
webinars-subscribed = Done: I will remind you the day before and shortly before the start.
webinars-unsubscribed = Done: no more webinar reminders.
webinars-moscow-time = Moscow time
webinars-announce-day-before =
    📺 Webinar { $day }: <b>{ $series }</b>
    { $when } ({ $zone })
    Topic: { $topic }
    Schedule and unsubscribing: /webinars
webinars-announce-soon =
    ⏰ Starting soon: <b>{ $series }</b>
    { $when } ({ $zone })
    Topic: { $topic }
webinars-msk-shift = MSK{ $shift }
wed-open = ✏️ Edit the schedule
wed-not-allowed = This is outside your rights: federal admins keep the federal webinar series, a region's regional coordinators keep the region's own webinars.
wed-list = <b>✏️ Webinar schedule</b> (Moscow time)
    Choose a webinar to set its topic, speakers, link or recording, or to cancel it.
wed-add = ➕ Add a webinar
wed-cancel-season = 🚫 Cancel the rest of the season
wed-card-title = <b>✏️ Webinar</b> (Moscow time)
wed-card-hint = To clear a field, send “-”.
wed-field-topic = Topic
wed-field-speakers = Speakers
wed-field-join = Join link
wed-field-recording = Recording link
wed-cancel-one = ❌ Cancel this webinar
wed-restore = ↩️ Put it back
wed-ask-field = Write the new value: { $field }. To clear it, send “-”.
wed-bad-text = Write it as text, at most { $limit } characters.
wed-bad-link = A link must start with https:// or http://
wed-saved = ✅ Saved.
wed-ask-time = When? Date and time in Moscow, e.g. 27.10.2022 10:00
wed-bad-time = I could not read the date, or it has passed. Write it like this: 27.10.2022 10:00
wed-added = ✅ The webinar was added to the schedule.
wed-cancel-season-ask = Cancel all the remaining webinars of the season ({ $count })? Subscribers will see the cancellation in /webinars and get no reminders.
wed-cancel-season-yes = 🚫 Yes, cancel
wed-season-cancelled = Webinars cancelled: { $count }.
webinars-regional-title = Regional webinar
webinars-note = 📍 For your region: { $note }
webinars-join-button = ▶️ Join
webinars-recording-button = 🎞 Watch the recording
webinars-announce-recording =
    🎞 Webinar recording: <b>{ $series }</b>
    { $when } ({ $zone })
    Topic: { $topic }
wed-list-regional = <b>✏️ Your region's webinars</b> (Moscow time)
    The federal series is kept by the project's admins; you can add a note for your region to its webinars.
wed-add-regional = ➕ Regional webinar
wed-field-note = 📍 Note for the region
wed-card-note-hint = This webinar is kept by the federal admins. You can add a note that only your region reads (for example, where people gather and who speaks for the region).
webinars-today = today
webinars-tomorrow = tomorrow
