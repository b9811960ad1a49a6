## /help and the list of commands

help-title = <b>What I can do</b>
help-line = { $command } — { $description }
help-footer = Type a command or pick it from the “/” menu next to the input field. You can also simply ask about deadlines and stages in your own words, e.g. “when is the self-assessment due?”

command-start = start and open the main menu
command-help = list of commands
command-lang = change the language (Russian / English)

unknown-command =
    I don't know the command <code>{ $command }</code>.
    Here is what I can do:
unknown-text = For now I understand commands and menu buttons. Open the menu: /start or the list of commands: /help
