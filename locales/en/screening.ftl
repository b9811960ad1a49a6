## Checks of sent files: the verdict and its reasons on the review card

screening-verdict-ok = 🟢 looks right
screening-verdict-unclear = 🟡 worth a look
screening-verdict-suspicious = 🔴 suspicious
screening-verdict-unchecked = ⏳ not checked by the bot yet
screening-file = File { $file }:

screening-reason-unreadable = the file does not open as an image or a PDF
screening-reason-type-mismatch = the file was sent as { $declared } but is { $detected }
screening-reason-unsupported = the bot cannot open the { $detected } format
screening-reason-tiny = the image is too small ({ $width }×{ $height })
screening-reason-blank = blank image
screening-reason-copy = { $same ->
    [yes] the same picture the school already sent for step { $step } (season { $season }, version { $version })
   *[no] a copy of the screenshot { $school } sent for step { $step } (season { $season }, version { $version })
}
screening-reason-no-text = hardly any readable text on the image
screening-reason-picture = no text on the image: a picture, not a screenshot
screening-reason-text-unchecked = the text was not checked
screening-reason-nothing-of-step = nothing about the step on this file
screening-reason-found = shown on it: { $items }
screening-reason-missing = not found: { $items }
screening-reason-off-topic = nothing on the image confirms this step
screening-reason-other-step = looks like the confirmation of another step (step { $step })
screening-reason-date-late = the date on the screenshot ({ $date }) is after the deadline ({ $due })
screening-reason-date-old = the date on the screenshot ({ $date }) is from another season

screening-expect-partner = the partner school (name, code or e-mail)
screening-expect-correspondence = correspondence or an agreement to talk
screening-expect-documents = the project documents
screening-expect-forms = the recommendation form
screening-expect-meeting = an online meeting
screening-expect-medk = an ИС МЭДК page
screening-expect-upload = uploaded files
screening-expect-selfdiag = the self-diagnosis
screening-expect-date = a date not after the deadline
screening-expect-other = other

screening-auto-accepted = ✅ Step { $number } ({ $school }, version { $version }) was accepted automatically: what was sent looks right. Your region accepts such confirmations automatically.
auto-button = 🤖 Auto-accept
auto-title = <b>🤖 Accepting confirmations automatically</b>
    For the marked steps the bot accepts a confirmation itself when its check says "looks right" (the text on the screenshot was read, nothing suspicious). Everything else still waits for a reviewer. Tap a step to switch it on or off.
auto-regional-only = Regional coordinators switch auto-accept on for their region.
