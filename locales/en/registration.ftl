## Registration: role, school, request to the coordinator, invites

reg-who-are-you = So that I can show your deadlines and take your confirmations, tell me who you are. Coordinators join by an invite link from their own coordinator.
reg-i-am-school = 🏫 I represent a school
reg-i-am-curator = 🧑‍🏫 I am a school's curator
reg-find-school = Type the school's ИС МЭДК code (e.g. <code>edu670009</code>) or part of its name, e.g. "СШ 9 Смоленск". Or choose from the list: region → municipality → school.
reg-browse = 🗺 Choose from the list
reg-not-found = No school found for "{ $query }". Check the code or try other words, or choose from the list.
reg-found = Here is what I found for "{ $query }". Choose your school:
reg-choose-region = Choose the region:
reg-choose-municipality = Choose the municipality:
reg-choose-school = Schools of { $municipality }. Choose yours:
reg-confirm = Check your request: you are the { $role }, { $place }. Send it to the coordinator?
reg-send = ✅ Send the request
reg-other-school = 🔎 Choose another school
reg-request-sent = The request is with your coordinator. I will write as soon as they decide.
reg-request-pending = This request is already waiting for the coordinator; I will write when they decide.
reg-request-granted = You already have this role; all set.
reg-request-failed = The request could not be sent: the school was not found. Please try again: /start
reg-new-request =
    📝 <b>New request</b>
    { $name } ({ $username }), { $role }
    School: { $school }
reg-approve = ✅ Approve
reg-decline = ❌ Decline
reg-not-yours = This request is outside your area: the coordinator of its school decides.
reg-already-decided = This request has already been decided.
reg-already-approved = ✅ This request has already been approved ({ $when }), by { $name }.
reg-already-declined = ❌ This request has already been declined ({ $when }), by { $name }.
reg-already-cancelled = The requester took this request back ({ $when }).
reg-decided-by-you = you
reg-decided-by-unknown = a coordinator who has since deleted their data
reg-approved-by-you = ✅ Approved: { $name }, { $school }.
reg-declined-by-you = ❌ Declined: { $name }, { $school }.
reg-you-approved = 🎉 The coordinator approved your request: { $school }. I will now show your deadlines and take confirmations.
reg-you-declined = The coordinator declined the request ({ $school }). If that is a mistake, contact the coordinator or send it again: /start
reg-coordinators-only = This command is for coordinators.
reg-no-requests = No new requests.
reg-place-line = • { $place }
reg-invite-ok =
    🎉 Done: you have joined as { $role }.
    { $places }
reg-invite-unknown = This invite link was not found. Check that you copied all of it, or ask your coordinator for a new one.
reg-invite-expired = This invite has expired. Ask your coordinator for a new one.
reg-invite-used-up = This invite has already been used. Ask your coordinator for a new one.
command-requests = join requests (for coordinators)
reg-waiting = ⏳ Your request is waiting for a decision: { $role }, { $place }. Deciding: { $deciders }. Sent { $since }.
reg-waiting-deciders-none = the project's federal admin
reg-waiting-hint = I will write as soon as the coordinator decides. Meanwhile you can look at deadlines and webinars.
reg-cancel-request = ✖️ Cancel the request: { $school }
reg-request-cancelled = The request is cancelled. If you change your mind — /start
reg-decline-ask = Write the reason for declining in one message — the applicant will read it. Or decline without a reason.
reg-decline-bare = ❌ Decline without a reason
reg-decline-too-long = The reason is longer than { $limit } characters. Shorten it and send it again.
reg-you-declined-reason = The coordinator declined your request: { $role }, { $place }.
    Reason: { $reason }
    If this is a mistake, contact the coordinator or send the request again: /start
reg-you-declined-role = The coordinator declined your request: { $role }, { $place }. If this is a mistake, contact the coordinator or send the request again: /start
