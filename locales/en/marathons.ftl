## Best-practice marathons, podcasts and radio broadcasts

command-marathons = best-practice marathons: programme, proposing a talk
mar-title = <b>🏃 Best-practice marathons and broadcasts</b>
mar-none = No marathons yet.
mar-new-marathon = ➕ New marathon
mar-new-podcast = ➕ Podcast or radio broadcast
mar-kind-marathon = best-practice marathon
mar-kind-podcast = podcast / radio broadcast
mar-level-municipal = municipal level
mar-level-regional = regional level
mar-level-federal = federal level
mar-card = { $icon } <b>{ $title }</b>
    { $kind }, { $level }
mar-programme = <b>Programme</b> (your local time):
mar-programme-empty = The programme is not set yet.
mar-talk-line = • { $when } — “{ $topic }”, { $speaker } ({ $school })
mar-propose = 🎤 Propose a talk
mar-proposals = 📥 Talk proposals: { $count }
mar-publish = 📣 Announce the programme
mar-coordinators-only = Project coordinators open marathons.
mar-ask-title = What is the marathon or broadcast called? Write its title.
mar-bad-text = Write it as text, at most { $limit } characters.
mar-created = ✅ Created. Schools in your area can now propose talks.
mar-not-yours = Not available: the school or the marathon is outside your area.
mar-choose-school = Which school is the talk from?
mar-ask-topic = The topic of the talk?
mar-ask-description = Briefly: what will you tell, what experience will you show?
mar-ask-speaker = Who will speak? Name and position.
mar-proposed = ✅ The proposal went to the coordinator of “{ $title }”. I will tell you the decision.
mar-new-proposal = 🎤 New proposal for “{ $title }”: { $school } — “{ $topic }”
mar-proposals-open = 📥 Open the proposals
mar-no-proposals = No new proposals.
mar-proposal-card = <b>🎤 Proposal for “{ $title }”</b>
    School: { $school }
    Topic: { $topic }
    About: { $description }
    Speaker: { $speaker }
    More proposals: { $count }
mar-accept = ✅ Into the programme
mar-decline = ✖ Decline
mar-next = ⏭ Next
mar-ask-when = When is the talk? Date and time in your local time, e.g. 27.10 15:00
mar-bad-when = I could not read the time, or it has passed. Write it like this: 27.10 15:00
mar-when-outside = The marathon runs { $start } — { $end }, and that time is outside its days. Type a date and time on one of those days (your own time), e.g. { $example }
mar-accepted = ✅ The talk is in the programme. The school has been told.
mar-declined = The proposal was declined. The school has been told.
mar-told-accepted = 🎉 Your talk “{ $topic }” is in the programme of “{ $title }”: { $when } (your time).
mar-told-declined = The proposal “{ $topic }” for “{ $title }” did not make the programme this time. Thank you for offering to share your experience!
mar-publish-empty = The programme has no talks yet: accept proposals first.
mar-published = 📣 The programme was sent: { $count } messages. Each talk will be reminded beforehand.
mar-announce = { $icon } <b>{ $title }</b> — programme
mar-reminder = ⏰ In an hour in “{ $title }”: “{ $topic }”, { $speaker } ({ $school }) — { $when }
mar-edit-programme = 🗓 Change the programme
mar-choose-talk = Which talk do you want to move or take out of the programme?
mar-talk-button = { $when } — { $topic }
mar-talk-card = <b>🎤 Talk in the programme</b>
    When: { $when } (your time)
    Topic: { $topic }
    Speaker: { $speaker } ({ $school })
mar-move = 🕒 Move
mar-withdraw = ✖ Take out of the programme
mar-moved = ✅ The talk is moved. The school has been told. If the programme was already announced, announce it again so everyone gets the new one.
mar-withdrawn = The talk is out of the programme and will not be reminded. The school has been told. If the programme was already announced, announce it again.
mar-told-moved = 🕒 Your talk “{ $topic }” in “{ $title }” is moved to { $when } (your time).
mar-told-withdrawn = Your talk “{ $topic }” was taken out of the programme of “{ $title }”. If this is a mistake, write to the marathon's coordinator.
