## /help и список команд

help-title = <b>Что я умею</b>
help-line = { $command } — { $description }
help-footer = Команды можно набрать или выбрать в меню «/» рядом с полем ввода.

command-start = начать и открыть главное меню
command-help = список команд
command-lang = сменить язык (русский / английский)

unknown-command =
    Я не знаю команду <code>{ $command }</code>.
    Вот что я умею:
unknown-text = Пока я понимаю команды и кнопки меню. Откройте меню: /start или список команд: /help
