## Подтверждения шагов: отправка, проверка, ход отчётности, выгрузки, напоминания

menu-progress = 📊 Отчётность
command-submit = отправить скриншот, подтверждающий шаг
command-progress = ход отчётности: кто сдал, кто нет
command-review = проверить присланные подтверждения

status-accepted = принято
status-submitted = на проверке
status-returned = возвращено
status-missing = не сдано

submit-not-registered = Отправлять подтверждения могут школы и их кураторы. Подключитесь к проекту: /start
submit-coordinators = Подтверждения отправляют школы и кураторы. Вам доступны ход отчётности (/progress) и проверка (/review).
submit-choose-school = <b>📎 Подтверждение шага</b>
    Выберите школу:
submit-choose-step = <b>📎 Подтверждение шага — { $school }</b>
    Выберите шаг, который подтверждаете:
submit-step-line = { $icon } { $number }. { $title } — { $due }: { $status }
submit-not-yours = Подтверждения этой школы вам отправлять нельзя: вы не её представитель и не её куратор.
submit-send-files = <b>Шаг { $number }. { $title }</b>
    Школа: { $school }

    Пришлите подтверждающие скриншоты: фото, альбом или файл (изображение или PDF, до 20 МБ). Комментарий можно добавить подписью или отдельным сообщением. Затем нажмите «Отправить на проверку».
submit-received = 📥 Получено файлов: { $count }. Добавьте ещё, напишите комментарий или отправьте на проверку.
submit-need-file = Нужен скриншот: пришлите фото или файл (изображение или PDF). Текст можно добавить как комментарий после файла.
submit-unsupported = Этот тип файла не подходит. Пришлите фото, изображение или PDF.
submit-too-big = Файл больше 20 МБ — бот не сможет его получить. Сожмите скриншот или пришлите его фотографией.
submit-comment-saved = 💬 Комментарий сохранён.
submit-comment-replaced = 💬 Комментарий заменён: к подтверждению пойдёт только этот, последний.
submit-send-button = ✅ Отправить на проверку
submit-cancel-button = ✖ Отмена
submit-again-button = 📎 Отправить заново
submit-cancelled = Отправка отменена, ничего не сохранено.
submit-sent = ✅ Отправлено на проверку: шаг { $number }, { $school }, версия { $version }, файлов: { $count }. Координатор проверит и ответит здесь.

review-coordinators-only = Это доступно координаторам проекта.
review-queue-empty = 🎉 Непроверенных подтверждений нет.
review-card = <b>📝 Подтверждение на проверку</b>
    Школа: { $school } ({ $municipality })
    Шаг { $number }. { $title }
    Версия { $version }, прислано { $when }
    Отправил(а): { $sender }
    Файлов: { $count }
review-card-comment = Комментарий: { $comment }
review-card-more = В очереди ещё: { $count }
review-accept = ✅ Принять
review-return = ↩️ Вернуть
review-skip = ⏭ Следующее
review-next = 📝 Следующее на проверку
review-ask-comment = Напишите, что нужно исправить, — школа получит этот комментарий.
review-return-cancel = « Не возвращать
review-comment-invalid = Напишите комментарий текстом, не длиннее { $limit } символов.
review-not-yours = Эта школа вне вашей зоны ответственности: проверять её подтверждения вы не можете.
review-already-decided = Это подтверждение уже проверено.
review-already-yours = Вы уже рассмотрели это подтверждение.
review-accepted = ✅ Принято. { $told }
review-returned = ↩️ Возвращено с комментарием. { $told }
review-told-who = Сообщил: { $names }.
review-told-who-more = Сообщил: { $names } и ещё { $count }.
review-told-no-one = Сообщить некому: у школы пока нет никого в боте — расскажите ей сами.
review-superseded = Это уже не последняя версия: школа прислала версию { $version }. Проверьте её — она в очереди.
review-file-unavailable = ⚠️ Файл { $number } недоступен: ни Telegram, ни хранилище бота его не отдают.
review-card-caption = Подпись школы: { $comment }
review-told-accepted = ✅ Подтверждение шага { $number } «{ $title }» ({ $school }, версия { $version }) принято координатором.
review-told-returned = ↩️ Подтверждение шага { $number } «{ $title }» ({ $school }, версия { $version }) возвращено.
    Комментарий координатора: { $comment }
    Исправьте и отправьте заново.
review-notice = <b>📥 Новые подтверждения на проверку: { $count }</b>
review-notice-line = • { $school } — шаг { $number }, версия { $version }
review-notice-more = …и ещё { $count }
review-open-button = 📝 Открыть проверку

progress-nothing = В вашей зоне пока нет школ. Подключитесь к проекту: /start
progress-title = <b>📊 Ход отчётности</b> — школ: { $schools }
    ✅ принято · 🕓 на проверке · ↩️ возвращено · ▫️ не сдано
progress-step = <b>{ $number }. { $title }</b> — { $due }
    ✅ { $accepted } · 🕓 { $submitted } · ↩️ { $returned } · ▫️ { $missing }
progress-missing-button = Кто не сдал шаг { $number }
progress-review-button = 📝 На проверку: { $count }
progress-chart-steps = 📈 График по шагам
progress-chart-municipalities = 📈 График по муниципалитетам
progress-chart-title-steps = Ход отчётности по шагам
progress-chart-title-municipalities = Ход отчётности по муниципалитетам (школа × шаг)
progress-xlsx = 📥 Таблица (XLSX)
progress-zip = 🗂 Архив скриншотов (ZIP)
progress-school = <b>{ $school }</b>
progress-submit-for = 📎 Отправить подтверждение: { $school }
progress-missing-title = <b>Не сдали шаг { $number }: { $count }</b>
progress-missing-line = { $icon } { $school } ({ $municipality })
progress-missing-more = …и ещё { $count }
progress-xlsx-caption = Ход отчётности: школ — { $schools }.
progress-zip-working = ⏳ Собираю архив скриншотов…
progress-zip-done = 🗂 Архив готов: файлов — { $count }, частей — { $parts }. Ещё не скачано из Telegram: { $absent }.
progress-zip-empty = Скриншотов пока нет. Ещё не скачано из Telegram: { $absent }.
zip-step-folder = Шаг

xlsx-sheet = Ход отчётности
xlsx-region = Регион
xlsx-municipality = Муниципалитет
xlsx-code = Код школы
xlsx-school = Школа

remind-title = ⏰ <b>Подходят сроки</b> — подтверждений ещё нет: { $count }
remind-line = • <b>{ $when }</b> — шаг { $number } «{ $title }», до { $due }. Школа: { $school }
remind-submit-button = 📎 Шаг { $number }: { $school }
remind-in-days = { $days ->
        [one] Через { $days } день
        [few] Через { $days } дня
       *[many] Через { $days } дней
    }
remind-tomorrow = Завтра
remind-overdue = 🔴 Вчера истёк срок шага { $number } «{ $title }» ({ $due }). Не прислали подтверждение: { $count }
remind-overdue-line = • { $school }
remind-digest = <b>📊 Сводка за неделю</b> — школ: { $schools }
remind-digest-line = { $number }. { $title }: ✅ { $accepted } · 🕓 { $submitted } · ↩️ { $returned } · ▫️ { $missing }
submit-send-button-short = 📎 Отправить подтверждение
submit-due = до { $date }
submit-no-due = без срока
submit-file-refused = ⚠️ Файл «{ $name }» не принят: { $reason }
submit-file-refused-next = Остальные файлы остались в черновике. Пришлите подходящий скриншот (фото, изображение или PDF) или отправьте то, что есть.
submit-a-photo = фото
submit-refused-empty = файл пустой.
submit-refused-not-image = это не изображение и не PDF (проверено по содержимому файла).
submit-comment-too-long = ✂️ Комментарий длиннее { $limit } знаков (в нём { $length }). Сократите его и пришлите снова — файлы в черновике сохранены.
submit-kept-outside-flow = 📎 Сохранил файлов: { $count }. Выберите шаг, который они подтверждают, — файлы сразу попадут в черновик, присылать заново не нужно.
review-checks = 🤖 Проверка бота: { $verdict }
review-copy-button = 🔗 Открыть присланное: { $school }
review-copy-card = <b>🔗 Подтверждение, с которого сделана копия</b>
    Школа: { $school } ({ $municipality })
    Шаг { $number }. { $title }
    Версия { $version }, прислано { $when }
    Отправил(а): { $sender }
    Файлов: { $count }
review-copy-status = Статус: { $status ->
    [accepted] принято
    [returned] возвращено
    [superseded] заменено новой версией
   *[submitted] ждёт проверки
}
review-copy-back = « Назад к карточке
review-copy-not-yours = Это подтверждение школы вне вашей зоны ответственности: открыть его вы не можете.
review-copy-missing = Этого подтверждения больше нет.
submit-too-many = В одном подтверждении не больше { $limit } файлов — этот файл не добавлен. Отправьте собранные на проверку или уберите лишние, отменив черновик.
