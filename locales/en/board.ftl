## The review board (Mini App): progress as a table, review as a gallery, who has not sent, reminders

command-board = review board: every school and step, review as a gallery
board-title = 500+ review board
board-nav-progress = 📊 Progress
board-nav-review = 📝 Review
board-nav-missing = ⏰ Not sent

board-status-accepted = accepted
board-status-submitted = awaiting review
board-status-returned = returned
board-status-missing = not sent
board-status-notdue = not due yet
board-status-superseded = replaced by a newer version

board-filter-municipality = Municipality
board-filter-all = all
board-filter-step = Step
board-filter-all-steps = all steps
board-filter-verdict = Bot's check
board-filter-all-verdicts = all
board-filter-status = Status
board-filter-curator = Curator
board-filter-search = Search
board-filter-search-hint = school name or code
board-filter-apply = Show
board-filter-reset = Reset filters

board-matrix-found = { $count ->
        [one] { $count } school
       *[other] { $count } schools
    }
board-matrix-school = School
board-matrix-counts = Step totals
board-summary-title = By municipality: accepted / all
board-page = Page { $number } of { $pages }
board-export-xlsx = 📥 Table (XLSX)
board-export-zip = 🗂 Screenshot archive (ZIP)

board-review-empty = 🎉 Nothing to review: every confirmation sent has been decided.
board-review-waiting = Showing { $shown } of { $count } awaiting review
board-review-more = …and { $count } more: accept these or narrow the filter.
board-review-keys = Keys: ← → next card, Enter open, Space select, A accept, R return with a comment, Esc close, + / − zoom.
board-select-all = Select all
board-select-one = Select: { $school }
board-bulk-accept = ✅ Accept selected
board-no-preview = no preview
board-card-line = Step { $number } · version { $version } · files: { $files }
board-verdict-title = The bot's check

board-close = Close
board-detail-step = Step { $number }. { $title } — version { $version }
board-detail-sent = Sent: { $when }, { $sender }
board-detail-comment = The school's comment:
board-copy-open = Open the confirmation { $school } sent
board-copy-back = Back to the confirmation where the copy was found
board-detail-decided = This version has been decided: { $status }.
board-file-alt = File { $number }
board-file-open = 📄 Open file { $number }
board-file-refused = ⚠️ File { $number } does not count: it is neither an image nor a PDF.
board-file-not-yet = ⏳ File { $number } is not downloaded from Telegram yet; the bot fetches it within minutes.
board-no-files = No files.
board-history = History of the step
board-history-line = Version { $version }: { $status } (sent { $when })
board-history-reviewed = decided { $when }, { $reviewer }
board-accept = ✅ Accept
board-return = ↩️ Return
board-return-comment = What to fix (the school gets this comment)
board-return-hint = e.g. the date is not visible in the screenshot
board-prev = Previous
board-next = Next

board-accepted-one = ✅ Accepted. { $told ->
        [0] Nobody of the school uses the bot — please tell them yourself.
       *[other] Told: { $told }.
    }
board-returned-one = ↩️ Returned with your comment. { $told ->
        [0] Nobody of the school uses the bot — please tell them yourself.
       *[other] Told: { $told }.
    }
board-bulk-done = ✅ Accepted: { $count }. Messages to schools and curators: { $told }.{ $refused_count ->
        [0] {""}
       *[other] {" "}Not accepted: { $refused_count } (the reason is on the card).
    }
board-bad-request = The request was not understood. Reload the page and try again.
board-comment-needed = Write what to fix: a comment is required, at most { $limit } characters.
board-refused-forbidden = This school is outside your area: you cannot review its confirmations.
board-refused-missing = There is no such confirmation: it may have been deleted.
board-refused-decided = Another coordinator has already decided this version.
board-refused-yours = You have already reviewed this version.
board-refused-superseded = This is no longer the newest version: the school sent version { $version }.

board-missing-title = Step { $number }. { $title } — not sent: { $count }
board-missing-due = Due: { $date }
board-missing-none = 🎉 Every school has sent this step.
board-remind = ⏰ Remind
board-reminded = Schools reminded: { $count }, messages: { $people }.{ $already ->
        [0] {""}
       *[other] {" "}Already reminded today: { $already }.
    }{ $sent_count ->
        [0] {""}
       *[other] {" "}Have sent it meanwhile: { $sent_count }.
    }{ $nobody ->
        [0] {""}
       *[other] {" "}Nobody uses the bot at { $nobody } of them: please tell those yourself.
    }
board-nudge = ⏰ <b>A reminder from your coordinator</b>
    { $school }: the confirmation of step { $number } “{ $title }” is awaited. Due: { $due }.
board-nudge-no-due = not set
board-nudge-submit = 📎 Send the confirmation

board-signin-working = Signing in…
board-signin-help = Open the board with the button in the bot (the /board command) — or ask the bot for a browser login link: /board.
board-login-explain = The link works once, for 10 minutes.
board-login-button = Sign in to the board
board-login-used = This link has been used or has expired. Get a new one: /board in the bot.
board-401 = Sign-in not confirmed. Open the board from the bot again.
board-forbidden = This page is not for your role: the board is for coordinators and curators, in their area.
board-busy = Another decision was being saved at the same moment. Please try again.
board-not-found = Not found.
board-js-error = That did not work. Please try again.
board-js-reopen = The session has ended: open the board from the bot again.
board-js-confirm-bulk = Press again to accept the selected ones: schools and curators will be told.
board-js-confirm-remind = Press again to remind the selected schools.

board-open-button = 📋 Review board
board-menu-button = Board
board-link = 📋 <b>Review board</b>
    A browser login link (works once, for 10 minutes):
    { $url }
board-link-button = 🌐 Open in a browser
board-not-for-you = The review board is for coordinators and curators. Join the project: /start
board-not-yours = The review board is for coordinators and curators. How your school's confirmations stand is in the menu: «📊 Reporting».
board-demo-link = 📋 The review board: { $url }
    Signed in as { $name }. The link works once, for 10 minutes; /board in a coordinator's chat gives a new one.
board-demo-unavailable = ⚠️ The review board did not start: { $address } is taken. Choose another port with --board-port.
