## Step confirmations: sending, review, progress, exports, reminders

menu-progress = 📊 Reporting
command-submit = send a screenshot confirming a step
command-progress = reporting progress: who has sent, who has not
command-review = review the confirmations sent

status-accepted = accepted
status-submitted = awaiting review
status-returned = returned
status-missing = not sent

submit-not-registered = Schools and their curators send confirmations. Join the project first: /start
submit-coordinators = Schools and curators send confirmations. You can follow progress (/progress) and review (/review).
submit-choose-school = <b>📎 Step confirmation</b>
    Choose the school:
submit-choose-step = <b>📎 Step confirmation — { $school }</b>
    Choose the step you are confirming:
submit-step-line = { $icon } { $number }. { $title } — { $due }: { $status }
submit-not-yours = You cannot send confirmations for this school: you neither represent nor curate it.
submit-send-files = <b>Step { $number }. { $title }</b>
    School: { $school }

    Send the confirming screenshots: a photo, an album or a file (an image or a PDF, up to 20 MB). Add a comment as a caption or a separate message. Then tap “Send for review”.
submit-received = 📥 Files received: { $count }. Add more, write a comment or send for review.
submit-need-file = A screenshot is needed: send a photo or a file (an image or a PDF). Text can be added as a comment after a file.
submit-unsupported = This kind of file does not fit. Send a photo, an image or a PDF.
submit-too-big = The file is over 20 MB, which a bot cannot receive. Compress the screenshot or send it as a photo.
submit-comment-saved = 💬 Comment saved.
submit-comment-replaced = 💬 Comment replaced: only this latest one goes with the confirmation.
submit-send-button = ✅ Send for review
submit-cancel-button = ✖ Cancel
submit-again-button = 📎 Send again
submit-cancelled = Cancelled; nothing was saved.
submit-sent = ✅ Sent for review: step { $number }, { $school }, version { $version }, files: { $count }. The coordinator will review it and answer here.

review-coordinators-only = This is for project coordinators.
review-queue-empty = 🎉 Nothing is waiting for review.
review-card = <b>📝 Confirmation to review</b>
    School: { $school } ({ $municipality })
    Step { $number }. { $title }
    Version { $version }, sent { $when }
    Sent by: { $sender }
    Files: { $count }
review-card-comment = Comment: { $comment }
review-card-more = Also waiting: { $count }
review-accept = ✅ Accept
review-return = ↩️ Return
review-skip = ⏭ Next
review-next = 📝 Next to review
review-ask-comment = Write what needs fixing; the school will get this comment.
review-return-cancel = « Do not return
review-comment-invalid = Write the comment as text, at most { $limit } characters.
review-not-yours = This school is outside your area: you cannot review its confirmations.
review-already-decided = This confirmation has already been reviewed.
review-already-yours = You have already reviewed this confirmation.
review-accepted = ✅ Accepted. { $told }
review-returned = ↩️ Returned with your comment. { $told }
review-told-who = Told: { $names }.
review-told-who-more = Told: { $names } and { $count } more.
review-told-no-one = No one to tell: nobody of the school uses the bot yet — please tell them yourself.
review-superseded = This is no longer the newest version: the school sent version { $version }. Review that one — it is in the queue.
review-file-unavailable = ⚠️ File { $number } is unavailable: neither Telegram nor the bot's storage has it.
review-card-caption = The school's caption: { $comment }
review-told-accepted = ✅ The confirmation of step { $number } “{ $title }” ({ $school }, version { $version }) was accepted by the coordinator.
review-told-returned = ↩️ The confirmation of step { $number } “{ $title }” ({ $school }, version { $version }) was returned.
    The coordinator's comment: { $comment }
    Please fix it and send it again.
review-notice = <b>📥 New confirmations to review: { $count }</b>
review-notice-line = • { $school } — step { $number }, version { $version }
review-notice-more = …and { $count } more
review-open-button = 📝 Open review

progress-nothing = There are no schools in your area yet. Join the project: /start
progress-title = <b>📊 Reporting progress</b> — schools: { $schools }
    ✅ accepted · 🕓 awaiting review · ↩️ returned · ▫️ not sent
progress-step = <b>{ $number }. { $title }</b> — { $due }
    ✅ { $accepted } · 🕓 { $submitted } · ↩️ { $returned } · ▫️ { $missing }
progress-missing-button = Who has not sent step { $number }
progress-review-button = 📝 To review: { $count }
progress-chart-steps = 📈 Chart by step
progress-chart-municipalities = 📈 Chart by municipality
progress-chart-title-steps = Reporting progress by step
progress-chart-title-municipalities = Reporting progress by municipality (school × step)
progress-xlsx = 📥 Table (XLSX)
progress-zip = 🗂 Screenshot archive (ZIP)
progress-school = <b>{ $school }</b>
progress-submit-for = 📎 Send a confirmation: { $school }
progress-missing-title = <b>Not sent step { $number }: { $count }</b>
progress-missing-line = { $icon } { $school } ({ $municipality })
progress-missing-more = …and { $count } more
progress-xlsx-caption = Reporting progress: { $schools } schools.
progress-zip-working = ⏳ Building the screenshot archive…
progress-zip-done = 🗂 The archive is ready: { $count } files in { $parts } part(s). Not yet downloaded from Telegram: { $absent }.
progress-zip-empty = No screenshots yet. Not yet downloaded from Telegram: { $absent }.
zip-step-folder = Step

xlsx-sheet = Reporting progress
xlsx-region = Region
xlsx-municipality = Municipality
xlsx-code = School code
xlsx-school = School

remind-title = ⏰ <b>Deadlines are close</b> — confirmations not sent yet: { $count }
remind-line = • <b>{ $when }</b> — step { $number } “{ $title }”, by { $due }. School: { $school }
remind-submit-button = 📎 Step { $number }: { $school }
remind-in-days = { $days ->
        [one] In { $days } day
       *[other] In { $days } days
    }
remind-tomorrow = Tomorrow
remind-overdue = 🔴 The deadline of step { $number } “{ $title }” ({ $due }) passed yesterday. Confirmations missing: { $count }
remind-overdue-line = • { $school }
remind-digest = <b>📊 Weekly summary</b> — schools: { $schools }
remind-digest-line = { $number }. { $title }: ✅ { $accepted } · 🕓 { $submitted } · ↩️ { $returned } · ▫️ { $missing }
submit-send-button-short = 📎 Send the confirmation
submit-due = by { $date }
submit-no-due = no deadline
submit-file-refused = ⚠️ The file «{ $name }» was not accepted: { $reason }
submit-file-refused-next = The other files stay in the draft. Send a suitable screenshot (a photo, an image or a PDF) or send what you have.
submit-a-photo = photo
submit-refused-empty = the file is empty.
submit-refused-not-image = it is neither an image nor a PDF (checked by its content).
submit-comment-too-long = ✂️ The comment is longer than { $limit } characters (it has { $length }). Shorten it and send it again — the files stay in the draft.
submit-kept-outside-flow = 📎 Kept { $count } file(s). Choose the step they confirm — they go straight into the draft, no need to send them again.
review-checks = 🤖 The bot's check: { $verdict }
review-copy-button = 🔗 Open what was sent: { $school }
review-copy-card = <b>🔗 The confirmation the copy was made of</b>
    School: { $school } ({ $municipality })
    Step { $number }. { $title }
    Version { $version }, sent { $when }
    Sent by: { $sender }
    Files: { $count }
review-copy-status = Status: { $status ->
    [accepted] accepted
    [returned] returned
    [superseded] replaced by a newer version
   *[submitted] waiting for review
}
review-copy-back = « Back to the card
review-copy-not-yours = This confirmation belongs to a school outside your area: you cannot open it.
review-copy-missing = This confirmation no longer exists.
submit-too-many = One confirmation takes at most { $limit } files; this file was not added. Send the ones collected for review, or cancel the draft to start again.
