## Project calendar: deadlines, stages, answers to questions

menu-deadlines = 📅 My deadlines
command-deadlines = what is due and by when (in your region)
command-stages = the project's stages and steps

cal-deadlines-title = <b>📅 Coming deadlines</b>
cal-for-region = Your region's deadlines where it has them, else the federal ones; dates are in your local time.
cal-federal-only = These are the federal deadlines. To see your region's, join the project: /start
cal-nothing-due = Nothing is due soon.
cal-due-line = <b>{ $title }</b>
    by { $date }: { $status }
cal-overdue = 🔴 overdue by { $days } { $days ->
        [one] day
       *[other] days
    }
cal-today = 🟠 due today
cal-days-left = ⏳ { $days } { $days ->
        [one] day
       *[other] days
    } left
cal-all-stages = 🗂 All stages
cal-my-deadlines = 📅 My deadlines
cal-stages-title = <b>🗂 Project stages</b>. Choose a stage:
cal-stage-title = <b>{ $stage }</b>. Choose a step:
cal-step-heading = <b>{ $stage } · step { $number }</b>
    <b>{ $title }</b>
cal-todo = To do: { $todo }
cal-window = Window: { $start } to { $end }
cal-federal = Federal deadline: by { $date }
cal-federal-none = No federal deadline: the region sets it.
cal-regional = Your region's deadline: by { $date }
cal-form = Reporting: { $form }
cal-responsible = Responsible: { $who }
cal-form-screenshot = a confirming screenshot to the coordinator
cal-form-ministry-letter = a letter of the ministry
cal-form-upload-medk = upload to ИС МЭДК
cal-form-survey = survey answers
cal-form-email = an e-mail to the address the coordinator gave
cal-when-answer = <b>{ $title }</b>
cal-faq = { $text }
cal-which-one = Which one do you mean?
cal-not-understood = I found no answer to that. Try other words, e.g. "deadline for exchanging documents", or browse the stages: /stages
cal-next-webinar-local = The next webinar is on <b>{ $when }</b>, your time (MSK{ $shift }).
cal-next-webinar-moscow = The next webinar is on <b>{ $when }</b>, Moscow time.
command-calendar = my deadlines and webinars as a calendar file (.ics)
cal-ics-deadline = Deadline
cal-ics-caption = 📆 Your deadlines ({ $count }) and the coming webinars. Open the file and your phone or mail app will offer to add them to your calendar, in your own time zone.
cal-not-understood-ask = I found no answer to that. I can pass it to your coordinator, and the answer will come here. Or ask in other words, e.g. "deadline for exchanging documents".
handoff-ask-button = 🙋 Ask my coordinator
handoff-passed = I passed the question to your coordinator. As soon as they answer, I will send it here.
handoff-passed-admins = I passed the question to the project's federal admins: there is no coordinator above you in the bot. As soon as they answer, I will send it here.
handoff-nobody = There is nobody to pass the question to: no coordinator above you in the project, and no federal admins set up in the bot. Ask it in the project's channel or write to the organisers directly.
handoff-new =
    ❓ <b>Question</b> from { $name }:
    "{ $text }"
handoff-answer-button = ✍️ Answer
handoff-not-yours = This question comes from outside your area.
handoff-already-answered = This question has already been answered.
handoff-type-answer = Type your answer to "{ $text }" and I will pass it on.
handoff-answer =
    💬 <b>Your coordinator's answer</b> to "{ $text }":
    { $answer }
handoff-sent = ✅ Answer sent.
handoff-undelivered = The answer is saved but could not be delivered: the asker blocked the bot.
handoff-queue-empty = No open questions.
command-questions = questions passed to you (coordinators)
command-region-calendar = the region's calendar: download, edit, upload (regional coordinators)
calupload-regional-only = Regional coordinators can change the region's calendar.
calupload-instructions = Your region's calendar (version { $version }). Put your dates into the <code>regional</code> fields (YYYY-MM-DD) and send the file back. I will check every line, show the changes and apply them only when you confirm; earlier versions are kept.
calupload-too-big = The file is too large for a calendar. Send the YAML file you downloaded.
calupload-not-text = This is not a text file. Send the edited YAML file.
calupload-send-file = I am waiting for the calendar file (YAML) downloaded above, edited.
calupload-refused = ❌ The file has { $count } { $count ->
        [one] error
       *[other] errors
    }. The calendar is unchanged: fix them and send it again:
calupload-error-line = • line { $line }: { $reason } { $value }
calupload-reason-yaml = the file is not valid YAML
calupload-reason-shape = unexpected structure: start from the downloaded file
calupload-reason-unknown-region = unknown region code
calupload-reason-other-region = this is another region's calendar
calupload-reason-unknown-step = no such step
calupload-reason-bad-date = not a date (YYYY-MM-DD)
calupload-reason-end-before-start = ends before it starts
calupload-reason-out-of-season = the date is outside the season: dates from the start of the previous year to the end of the next one are accepted
calupload-no-changes = No changes: the calendar stays as it is.
calupload-preview = Check the changes ({ $count }):
calupload-change-line = • { $title }: { $before } → { $after }
calupload-federal = the federal deadline
calupload-apply = ✅ Apply
calupload-cancel = Cancel
calupload-applied = ✅ The region's calendar is updated (version { $version }). Deadlines and reminders follow it already.
command-season = a new season's calendar (federal admins)
season-admins-only = The season's calendar is set by the project's federal admins.
season-instructions = The season's calendar in this format: stages, steps, federal deadlines, reporting forms, keywords for questions. Change <code>season</code> to the new year, fill in the stages and dates and send the file. Regional coordinators then set their own dates with /region_calendar.
season-refused = ❌ The calendar was not accepted: { $reason }. The calendar in force is unchanged.
season-preview = Season { $season } calendar: { $stages } stages, { $steps } steps. Season { $current } is in force now. Apply?
season-applied = ✅ The season { $season } calendar is in force (version { $version }).
cal-submit-step = 📎 Send the confirmation
handoff-too-long = ✂️ The question is longer than { $limit } characters — hard for a coordinator to read. Shorten it and ask again.
handoff-answer-too-long = ✂️ The answer is longer than { $limit } characters. Shorten it and send it again.
ans-unknown = The calendar and the project's notes do not have this: no such deadline or event. I can pass your question to your coordinator, and the answer will come here.
ans-unknown-group = The calendar and the project's notes do not have this: no such deadline or event. Ask your coordinator or browse the stages: /stages
ans-card-title = <b>{ $title }</b>
ans-card-when = 📅 { $when }
ans-card-todo = To do: { $todo }
ans-card-who = Who: { $who }
ans-card-concerns = Concerns: { $roles }
ans-card-report = How to report: { $report }
ans-card-result = Indicator: { $result }
ans-card-link = Link: { $link }
ans-card-source = <i>Source: { $document }, line { $line }</i>
ans-seed-000 = the Krasnodar krai ministry of education's talk of 14.09.2022
ans-seed-001 = the Smolensk inter-school seminar's collection, 17.11.2022
ans-seed-003 = the Balakhta district (Krasnoyarsk krai) roadmap for 2022
ans-seed-004 = the Khabarovsk krai plan-schedule for 2022
ans-role-school = schools
ans-role-curator = curators
ans-role-municipal = municipal coordinators
ans-role-regional = regional coordinators
ans-when-deadline = by { $date }
ans-when-window = { $start } to { $end }
ans-when-months = { $start } to { $end }
ans-when-federal-regional = by { $regional }, your region's deadline (the federal one is { $federal })
ans-time-moscow = at { $time } Moscow time
ans-time-local = at { $time } Moscow time ({ $local } your time)
ans-status-starts = ⏳ starts in { $days } { $days ->
        [one] day
       *[other] days
    }
ans-status-running = ▶️ on now, { $days } { $days ->
        [one] day
       *[other] days
    } to go
ans-status-past = ✔️ past
ans-list-title = I found { $count } calendar { $count ->
        [one] item
       *[other] items
    }:
ans-list-line = • <b>{ $title }</b>: { $when }; { $status } { $mark }
ans-mark-now = ⬅️ now
ans-mark-next = ⬅️ next
ans-list-more = Tap one below to read more.
ans-curators = The curator of { $school }: { $people }
ans-no-curator = The directory has no curator for { $school } yet.
ans-coordinators-municipal = Your municipal coordinator: { $people }
ans-coordinators-regional = Your regional coordinator: { $people }
ans-person-username = { $name } (@{ $username })
ans-my-schools = Your school: { $schools }
ans-submit-button = 📎 Send a confirmation
ans-read-more = ℹ️ { $title }
ans-list-who =    Who: { $who }
ans-list-how =    { $todo } How to report: { $report }
ans-when-region-sets = the region sets the date
ans-list-line-plain = • <b>{ $title }</b>: { $when }
week-title = <b>🗓 The «500+» week from { $monday }</b> (Moscow time)
week-nothing = No federal deadlines, webinars or talks this week.
week-deadlines = <b>Deadlines:</b>
week-deadline = • by { $due } — { $title }
week-webinars = <b>Webinars:</b>
week-webinar = • { $when } — { $series }. Topic: { $topic }
week-talks = <b>Best-practice marathons:</b>
week-talk = • { $when } — “{ $topic }” ({ $marathon })
