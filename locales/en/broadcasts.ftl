## Coordinator broadcasts

command-broadcast = send an announcement to schools, curators or coordinators
bc-coordinators-only = Broadcasts are for project coordinators.
bc-write = <b>📢 New announcement</b>
    Send the text (formatting is kept), or a photo or document with a caption.
bc-unsupported = Send text, a photo or a document with a caption.
bc-too-long = Too long for one Telegram message: at most { $limit } characters (captions of photos and documents are shorter). Shorten it and send it again.
bc-choose-role = Who should get the announcement?
bc-role-schools = 🏫 Schools
bc-role-curators = 🧑‍🏫 Curators
bc-role-coordinators = 🧭 Coordinators
bc-role-all = 👥 Schools and curators
bc-choose-place = Where?
bc-whole-region = The whole region
bc-choose-filter = Everyone, or only those who have not confirmed a step yet?
bc-everyone = Everyone
bc-not-confirmed = not confirmed step { $number }
bc-preview-title = <b>📢 Check the announcement before sending</b>
bc-preview-counts = Recipients: { $total }. Reachable: { $reachable }; never started the bot: { $never_started }; blocked the bot: { $blocked }.
bc-preview-text = Text:
    { $text }
bc-send-now = 📤 Send now
bc-send-later = 🕒 Schedule
bc-channel-off = 📣 To the channel: no
bc-channel-on = 📣 To the channel: yes, pinned
bc-change-audience = 👥 Change the audience
bc-cancel = ✖ Cancel
bc-cancelled = The broadcast was cancelled; nothing was sent.
bc-nothing-to-cancel = Nothing to cancel: no announcement is being written now. A broadcast that is going out is stopped with «⏹ Stop» on its card.
bc-stop-already-sent = Nothing to stop: the broadcast has already gone out. Here is how it went.
bc-not-yours = This is outside your area.
bc-ask-time = When should it go? Write it in your local time, e.g. "tomorrow at 10", "friday 9:00", "in 2 hours" or 25.10 14:30.
bc-bad-time = I could not read the time, or it has passed. Write e.g. "tomorrow at 10", "friday 9:00", "in 2 hours" or 25.10 14:30.
bc-started = 📤 The broadcast has started: { $count } messages queued. This card updates itself.
bc-scheduled = 🕒 The broadcast is scheduled for { $when }: { $count } messages.
bc-stop = ⏹ Stop
bc-cancel-scheduled = ✖ Cancel the broadcast
bc-header = 📢 <b>Announcement</b> — { $author }

    { $text }
bc-report-progress = <b>📤 Broadcast No. { $number }</b>: sending
    Delivered: { $delivered } of { $total } · queued: { $pending }
    Blocked the bot: { $blocked } · never started the bot: { $never_started } · errors: { $failed }
bc-report-done = <b>✅ Broadcast No. { $number } finished</b>
    Recipients: { $total }
    Delivered: { $delivered }
    Blocked the bot: { $blocked }
    Never started the bot: { $never_started }
    Errors: { $failed }
bc-report-stopped = <b>⏹ Broadcast No. { $number } stopped</b>
    Recipients: { $total } · delivered: { $delivered } · not sent: { $cancelled }
    Blocked the bot: { $blocked } · never started the bot: { $never_started } · errors: { $failed }
bc-report-cancelled = <b>✖ Broadcast No. { $number } cancelled</b>: nothing was sent ({ $cancelled } { $cancelled ->
        [one] message
       *[other] messages
    } taken off the queue).
bc-channel-not-yours = 📣 Only regional coordinators and federal admins post to the project channel. You can send your announcement to the people of your area — start again: /broadcast
bc-audience = To: { $who } { $where }{ $condition }.
bc-who-schools = the schools' representatives
bc-who-curators = the schools' curators
bc-who-coordinators = the coordinators
bc-who-all = the schools and their curators
bc-where-scope = in your whole area
bc-where-place = in the municipality «{ $place }»
bc-condition-step = , who have not yet confirmed step { $number } “{ $title }” (a «📎 Send confirmation» button is added to the announcement)
bc-recipients-some = Recipients: { $names }.
bc-recipients-more = Recipients: { $names } and { $count } more — the whole list with «📄 All recipients».
bc-recipients-file = 📄 All recipients
bc-recipients-caption = The announcement's recipients: { $count }
bc-report-below = <b>📤 Broadcast No. { $number } is over</b> — the report is below.
bc-report-reasons = Why some did not get it:
bc-report-reason = • { $reason } — { $count }
bc-csv-name = Name
bc-csv-username = Telegram
bc-scheduled-button = 🕒 Scheduled: { $count }
bc-scheduled-title = <b>🕒 Your scheduled broadcasts</b>
bc-scheduled-none = No broadcasts are scheduled.
bc-scheduled-line = No. { $number } — { $when }, recipients: { $count }: “{ $text }”
bc-scheduled-cancel = ✖ Cancel No. { $number }
