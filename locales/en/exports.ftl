# The missing list that acts, and exports a ministry can file (issue 20, items 2 and 3).

missing-curator = 　curator: { $name }, { $contact }
missing-curator-no-contact = 　curator: { $name } (contact unknown)
missing-no-curator = 　no curator named
missing-curators-more = 　…and { $count } more curators
missing-page = Page { $page } of { $pages }
missing-previous = ‹ Back
missing-next = Next ›
missing-remind-button = 🔔 Remind them ({ $count })
missing-reminded = 🔔 Reminder queued: { $people } people, { $schools } schools.
    Schools with nobody registered in the bot: { $nobody } (tell them yourself).
    Already reminded today: { $already }. Sent meanwhile: { $sent }.
missing-coordinators-only = The missing list and reminders are for coordinators, in their own area.

export-curator = Curator
export-accepted-count = Steps accepted
export-summary-sheet = Summary
export-step-sheet = Step { $number }
export-status = Status
export-sent-at = Date sent ({ $zone })
export-reviewer = Reviewer
export-comment = Comment
export-versions = Versions
export-status-superseded = superseded by a newer version

manifest-school-code = School code
manifest-school = School
manifest-step = Step
manifest-version = Version
manifest-status = Status
manifest-reviewer = Reviewer
manifest-comment = Comment
manifest-file = File in the archive
manifest-original = File name as sent
manifest-sha256 = SHA-256

zip-all-versions = 🗂 All versions (ZIP)
progress-zip-done-latest = 🗂 The archive is ready (the latest version of each school's step): { $count } files in { $parts } parts. Not yet downloaded from Telegram: { $absent }. Each part holds manifest.csv.
progress-zip-done-all = 🗂 The archive of all versions is ready: { $count } files in { $parts } parts. Not yet downloaded from Telegram: { $absent }. Each part holds manifest.csv.
chart-others-note = Showing the { $shown } municipalities with most not sent; { $rest } more: accepted { $accepted }, awaiting review { $submitted }, returned { $returned }, not sent { $missing }.
