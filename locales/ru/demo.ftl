## Терминальное демо (python -m bot demo)

demo-banner =
    Демо помощника «500+»: бот и эмулятор Telegram запущены у вас в терминале.
    Пишите как пользователь Telegram. Цифра — нажать кнопку под последним сообщением бота.
    :help — подсказка, :users — кто есть в демо, :quit — выход.
demo-help =
    текст или /команда — отправить боту
    1, 2, … — нажать кнопку с этим номером под последним сообщением бота
    :photo ПУТЬ [подпись] — отправить фото из файла
    :doc ПУТЬ [подпись] — отправить документ
    :album ПУТЬ ПУТЬ … — отправить несколько фото одним альбомом
    :users — список демо-пользователей; :user N — говорить от имени пользователя N
    :new — новый, ещё не зарегистрированный пользователь (говорить от его имени)
    :say ТЕКСТ — отправить текст как есть (например, число)
    :quit — выйти
demo-user-line = { $number }. { $name } — { $role }
demo-now-speaking = Теперь вы — { $name } ({ $role }).
demo-bot-says = 🤖 бот → { $name }
demo-bot-edited = 🤖 бот изменил сообщение → { $name }
demo-no-buttons = Под последним сообщением бота нет кнопки с номером { $number }.
demo-file-missing = Файл не найден: { $path }
demo-unknown-command = Не знаю команду демо { $command }. Подсказка: :help
demo-bot-error = Бот ответил ошибкой: { $error }
demo-prompt = { $name }> 
demo-bye = До встречи!
demo-role-school = школа
demo-role-curator = куратор
demo-role-municipal-coordinator = муниципальный координатор
demo-role-regional-coordinator = региональный координатор
demo-role-newcomer = ещё не зарегистрирован
demo-newcomer-name = Новичок { $number }
demo-sent-photo = [фото: { $path } — { $caption }]
demo-sent-document = [файл: { $path } — { $caption }]
demo-album-size = В альбоме от 2 до { $most } файлов, а указано { $count }. Один файл отправьте командой :photo.
