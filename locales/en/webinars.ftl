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
    📺 Webinar tomorrow: <b>{ $series }</b>
    { $when } ({ $zone })
    Topic: { $topic }
    Schedule and unsubscribing: /webinars
webinars-announce-soon =
    ⏰ Starting soon: <b>{ $series }</b>
    { $when } ({ $zone })
    Topic: { $topic }
webinars-msk-shift = MSK{ $shift }
