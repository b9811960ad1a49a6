## Profile and personal data

menu-profile = 👤 Profile
command-profile = your profile: roles, school, language, time zone
command-forget = delete my personal data

profile-title = <b>👤 Profile</b>
profile-name = Name: { $name }
profile-roles = Roles:
profile-no-roles = No roles yet: send a request via /start or ask your coordinator for an invite link.
profile-role-line = • { $role }: { $place }
profile-admin = • federal project administrator
profile-language = Language: { $language }
profile-zone = Time zone: { $zone } (MSK{ $shift })
profile-rename = ✏️ Change my name
profile-leave = 🚪 Leave: { $role }, { $place }
profile-forget = 🗑 Delete my data
profile-rename-ask = Type the name I should call you (e.g. "Natalya Vasinova").
profile-name-empty = The name cannot be empty. Type the name I should call you.
profile-name-too-long = That name is too long: 128 characters at most. Please shorten it.
profile-renamed = Done, the name is saved.
profile-forget-ask = Delete your personal data? I will forget your name, roles, requests and subscriptions. Accepted confirmations you sent for your school stay with the school, without your name; those not accepted (waiting for review or returned) are deleted.
profile-forget-yes = 🗑 Yes, delete
profile-forgotten = Done: your data is deleted. If you write to me again, I will only know your Telegram name.
