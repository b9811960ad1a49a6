## Доска проверки (Mini App): ход отчётности таблицей, проверка галереей, кто не сдал, напоминания

command-board = доска проверки: все школы и шаги, проверка галереей
board-title = Доска проверки «500+»
board-nav-progress = 📊 Ход отчётности
board-nav-review = 📝 Проверка
board-nav-missing = ⏰ Кто не сдал

board-status-accepted = принято
board-status-submitted = на проверке
board-status-returned = возвращено
board-status-missing = не сдано
board-status-notdue = срок не наступил
board-status-superseded = заменено новой версией

board-filter-municipality = Муниципалитет
board-filter-all = все
board-filter-step = Шаг
board-filter-all-steps = все шаги
board-filter-verdict = Проверка бота
board-filter-all-verdicts = все
board-filter-status = Статус
board-filter-curator = Куратор
board-filter-search = Поиск
board-filter-search-hint = название или код школы
board-filter-apply = Показать
board-filter-reset = Сбросить фильтры

board-matrix-found = { $count ->
        [one] { $count } школа
        [few] { $count } школы
       *[many] { $count } школ
    }
board-matrix-school = Школа
board-matrix-counts = Итого по шагу
board-summary-title = По муниципалитетам: принято / всего
board-page = Страница { $number } из { $pages }
board-export-xlsx = 📥 Таблица (XLSX)
board-export-zip = 🗂 Архив скриншотов (ZIP)

board-review-empty = 🎉 Проверять нечего: все присланные подтверждения рассмотрены.
board-review-waiting = Показано { $shown } из { $count } ожидающих проверки
board-review-more = …и ещё { $count }: примите показанные или сузьте фильтр.
board-review-keys = Клавиши: ← → — соседняя карточка, Enter — открыть, Пробел — отметить, A — принять, R — вернуть с комментарием, Esc — закрыть, + / − — масштаб.
board-select-all = Отметить все
board-select-one = Отметить: { $school }
board-bulk-accept = ✅ Принять отмеченные
board-no-preview = нет превью
board-card-line = Шаг { $number } · версия { $version } · файлов: { $files }
board-verdict-title = Проверка бота

board-close = Закрыть
board-detail-step = Шаг { $number }. { $title } — версия { $version }
board-detail-sent = Прислано: { $when }, { $sender }
board-detail-comment = Комментарий школы:
board-copy-open = Открыть подтверждение, которое прислала { $school }
board-copy-back = Назад к подтверждению, где нашлась копия
board-detail-decided = Эта версия уже рассмотрена: { $status }.
board-file-alt = Файл { $number }
board-file-open = 📄 Открыть файл { $number }
board-file-refused = ⚠️ Файл { $number } не засчитан: это не изображение и не PDF.
board-file-not-yet = ⏳ Файл { $number } ещё не скачан из Telegram; бот заберёт его в ближайшие минуты.
board-no-files = Файлов нет.
board-history = История шага
board-history-line = Версия { $version }: { $status } (прислано { $when })
board-history-reviewed = рассмотрено { $when }, { $reviewer }
board-accept = ✅ Принять
board-return = ↩️ Вернуть
board-return-comment = Что исправить (школа получит этот комментарий)
board-return-hint = например: на скриншоте не видна дата
board-prev = Предыдущая
board-next = Следующая

board-accepted-one = ✅ Принято. { $told ->
        [0] Из школы ботом никто не пользуется — сообщите им сами.
       *[other] Сообщили: { $told }.
    }
board-returned-one = ↩️ Возвращено с комментарием. { $told ->
        [0] Из школы ботом никто не пользуется — сообщите им сами.
       *[other] Сообщили: { $told }.
    }
board-bulk-done = ✅ Принято: { $count }. Сообщений школам и кураторам: { $told }.{ $refused_count ->
        [0] {""}
       *[other] {" "}Не принято: { $refused_count } (причина — на карточке).
    }
board-bad-request = Запрос не понят. Обновите страницу и попробуйте ещё раз.
board-comment-needed = Напишите, что исправить: комментарий обязателен, не длиннее { $limit } символов.
board-refused-forbidden = Эта школа вне вашей зоны: её подтверждения проверять нельзя.
board-refused-missing = Такого подтверждения нет: возможно, его удалили.
board-refused-decided = Эту версию уже рассмотрел другой координатор.
board-refused-yours = Вы уже рассмотрели эту версию.
board-refused-superseded = Это уже не последняя версия: школа прислала версию { $version }.

board-missing-title = Шаг { $number }. { $title } — не сдали: { $count }
board-missing-due = Срок: { $date }
board-missing-none = 🎉 Все школы прислали подтверждение этого шага.
board-remind = ⏰ Напомнить
board-reminded = Напомнили школам: { $count }, сообщений: { $people }.{ $already ->
        [0] {""}
       *[other] {" "}Уже напоминали сегодня: { $already }.
    }{ $sent_count ->
        [0] {""}
       *[other] {" "}Уже прислали: { $sent_count }.
    }{ $nobody ->
        [0] {""}
       *[other] {" "}Школ, где ботом никто не пользуется: { $nobody } — сообщите им сами.
    }
board-nudge = ⏰ <b>Напоминание координатора</b>
    { $school }: ждём подтверждение шага { $number } «{ $title }». Срок — { $due }.
board-nudge-no-due = не назначен
board-nudge-submit = 📎 Отправить подтверждение

board-signin-working = Входим…
board-signin-help = Откройте доску кнопкой в боте (команда /board) — или попросите у бота ссылку для входа в браузере: /board.
board-login-explain = Ссылка одноразовая и действует 10 минут.
board-login-button = Войти на доску
board-login-used = Ссылка уже использована или устарела. Получите новую: /board в боте.
board-401 = Вход не подтверждён. Откройте доску из бота заново.
board-forbidden = Эта страница не для вашей роли: доска — для координаторов и кураторов в их зоне.
board-busy = В этот момент сохранялось другое решение. Повторите, пожалуйста.
board-not-found = Не найдено.
board-js-error = Не получилось. Попробуйте ещё раз.
board-js-reopen = Сеанс закончился: откройте доску из бота заново.
board-js-confirm-bulk = Нажмите ещё раз, чтобы принять отмеченные: школы и кураторы получат сообщения.
board-js-confirm-remind = Нажмите ещё раз, чтобы напомнить отмеченным школам.

board-open-button = 📋 Доска проверки
board-menu-button = Доска
board-link = 📋 <b>Доска проверки</b>
    Ссылка для входа в браузере (одноразовая, действует 10 минут):
    { $url }
board-link-button = 🌐 Открыть в браузере
board-not-for-you = Доска проверки — для координаторов и кураторов. Подключитесь к проекту: /start
board-not-yours = Доска проверки — для координаторов и кураторов. Как идут подтверждения вашей школы, видно в меню: «📊 Отчётность».
board-demo-link = 📋 Доска проверки: { $url }
    Вход от имени: { $name }. Ссылка одноразовая и действует 10 минут; новую даст /board в чате координатора.
board-demo-unavailable = ⚠️ Доска проверки не запустилась: адрес { $address } занят. Укажите другой порт: --board-port.
