## Рассылки координаторов

command-broadcast = разослать объявление школам, кураторам или координаторам
bc-coordinators-only = Рассылки доступны координаторам проекта.
bc-write = <b>📢 Новое объявление</b>
    Пришлите текст (можно с форматированием) или фото либо документ с подписью.
bc-unsupported = Пришлите текст, фото или документ с подписью.
bc-too-long = Слишком длинно для одного сообщения Telegram: не больше { $limit } символов (у фото и документов подпись короче). Сократите текст и пришлите заново.
bc-choose-role = Кому отправить объявление?
bc-role-schools = 🏫 Школам
bc-role-curators = 🧑‍🏫 Кураторам
bc-role-coordinators = 🧭 Координаторам
bc-role-all = 👥 Школам и кураторам
bc-choose-place = Где?
bc-whole-region = Весь регион
bc-choose-filter = Всем или только тем, кто ещё не подтвердил шаг?
bc-everyone = Всем
bc-not-confirmed = не подтвердившим шаг { $number }
bc-preview-title = <b>📢 Проверьте объявление перед отправкой</b>
bc-preview-counts = Получателей: { $total }. Дойдёт до { $reachable }; не запускали бота: { $never_started }; заблокировали бота: { $blocked }.
bc-preview-text = Текст:
    { $text }
bc-send-now = 📤 Отправить сейчас
bc-send-later = 🕒 Запланировать
bc-channel-off = 📣 В канал: нет
bc-channel-on = 📣 В канал: да, с закреплением
bc-change-audience = 👥 Изменить аудиторию
bc-cancel = ✖ Отмена
bc-cancelled = Рассылка отменена, ничего не отправлено.
bc-nothing-to-cancel = Отменять нечего: новое объявление сейчас не составляется. Идущую рассылку останавливает кнопка «⏹ Остановить» на её карточке.
bc-stop-already-sent = Останавливать нечего: рассылка уже разослана. Вот её итог.
bc-not-yours = Это вне вашей зоны ответственности.
bc-ask-time = Когда отправить? Напишите по вашему времени, например: «завтра в 10», «в пятницу 9:00», «через 2 часа» или «25.10 14:30».
bc-bad-time = Не понял время или оно уже прошло. Напишите, например: «завтра в 10», «в пятницу 9:00», «через 2 часа» или «25.10 14:30».
bc-started = 📤 Рассылка началась: сообщений в очереди — { $count }. Карточка обновляется сама.
bc-scheduled = 🕒 Рассылка запланирована на { $when }: сообщений — { $count }.
bc-stop = ⏹ Остановить
bc-cancel-scheduled = ✖ Отменить рассылку
bc-header = 📢 <b>Объявление</b> — { $author }

    { $text }
bc-report-progress = <b>📤 Рассылка № { $number }</b>: идёт отправка
    Доставлено: { $delivered } из { $total } · в очереди: { $pending }
    Заблокировали бота: { $blocked } · не запускали бота: { $never_started } · ошибки: { $failed }
bc-report-done = <b>✅ Рассылка № { $number } завершена</b>
    Получателей: { $total }
    Доставлено: { $delivered }
    Заблокировали бота: { $blocked }
    Не запускали бота: { $never_started }
    Ошибки: { $failed }
bc-report-stopped = <b>⏹ Рассылка № { $number } остановлена</b>
    Получателей: { $total } · доставлено: { $delivered } · не отправлено: { $cancelled }
    Заблокировали бота: { $blocked } · не запускали бота: { $never_started } · ошибки: { $failed }
bc-report-cancelled = <b>✖ Рассылка № { $number } отменена</b> — ничего не отправлено ({ $cancelled } { $cancelled ->
        [one] сообщение снято
        [few] сообщения сняты
       *[many] сообщений снято
    } с очереди).
bc-channel-not-yours = 📣 Публиковать в канале проекта могут региональные координаторы и федеральные администраторы. Ваше объявление можно отправить людям вашей зоны — начните заново: /broadcast
bc-audience = Кому: { $who } { $where }{ $condition }.
bc-who-schools = представители школ
bc-who-curators = кураторы школ
bc-who-coordinators = координаторы
bc-who-all = школы и их кураторы
bc-where-scope = во всей вашей зоне
bc-where-place = в муниципалитете «{ $place }»
bc-condition-step = , которые ещё не подтвердили шаг { $number } «{ $title }» (к объявлению добавится кнопка «📎 Отправить подтверждение»)
bc-recipients-some = Получат: { $names }.
bc-recipients-more = Получат: { $names } и ещё { $count } — весь список кнопкой «📄 Все получатели».
bc-recipients-file = 📄 Все получатели
bc-recipients-caption = Получатели объявления: { $count }
bc-report-below = <b>📤 Рассылка № { $number } закончилась</b> — отчёт ниже.
bc-report-reasons = Почему не дошло:
bc-report-reason = • { $reason } — { $count }
bc-csv-name = Имя
bc-csv-username = Telegram
bc-scheduled-button = 🕒 Запланированные: { $count }
bc-scheduled-title = <b>🕒 Ваши запланированные рассылки</b>
bc-scheduled-none = Запланированных рассылок нет.
bc-scheduled-line = № { $number } — { $when }, получателей: { $count }: «{ $text }»
bc-scheduled-cancel = ✖ Отменить № { $number }
