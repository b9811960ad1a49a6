## The terminal demo (python -m bot demo)

demo-banner =
    The 500+ assistant demo: the bot and a Telegram emulator are running in your terminal.
    Type as a Telegram user. A number taps that button under the bot's last message.
    :help — hints, :users — who is in the demo, :quit — leave.
demo-help =
    text or /command — send it to the bot
    1, 2, … — tap the button with that number under the bot's last message
    :photo PATH [caption] — send a photo from a file
    :doc PATH [caption] — send a document
    :album PATH PATH … — send several photos as one album
    :users — the demo users; :user N — speak as user N
    :new — a new user who has not registered yet (speak as them)
    :say TEXT — send the text as it is (a number, say)
    :quit — leave
demo-user-line = { $number }. { $name } — { $role }
demo-now-speaking = You are now { $name } ({ $role }).
demo-bot-says = 🤖 bot → { $name }
demo-bot-edited = 🤖 bot edited a message → { $name }
demo-no-buttons = The bot's last message has no button number { $number }.
demo-file-missing = File not found: { $path }
demo-unknown-command = Unknown demo command { $command }. Hints: :help
demo-bot-error = The bot answered with an error: { $error }
demo-prompt = { $name }> 
demo-bye = Goodbye!
demo-role-school = school
demo-role-curator = curator
demo-role-municipal-coordinator = municipal coordinator
demo-role-regional-coordinator = regional coordinator
demo-role-newcomer = not registered yet
demo-newcomer-name = Newcomer { $number }
demo-sent-photo = [photo: { $path } — { $caption }]
demo-sent-document = [document: { $path } — { $caption }]
demo-album-size = An album holds 2 to { $most } files, not { $count }. Send a single file with :photo.
