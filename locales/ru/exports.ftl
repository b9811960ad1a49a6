# The missing list that acts, and exports a ministry can file (issue 20, items 2 and 3).

missing-curator = 　куратор: { $name }, { $contact }
missing-curator-no-contact = 　куратор: { $name } (контакт неизвестен)
missing-no-curator = 　куратор не указан
missing-curators-more = 　…и ещё кураторов: { $count }
missing-page = Страница { $page } из { $pages }
missing-previous = ‹ Назад
missing-next = Дальше ›
missing-remind-button = 🔔 Напомнить им ({ $count })
missing-reminded = 🔔 Напоминание поставлено в очередь: людей — { $people }, школ — { $schools }.
    Школ без зарегистрированных в боте: { $nobody } (сообщите им сами).
    Уже напоминали сегодня: { $already }. Сдали тем временем: { $sent }.
missing-coordinators-only = Список несдавших и напоминания — для координаторов, в их зоне.

export-curator = Куратор
export-accepted-count = Принято шагов
export-summary-sheet = Сводка
export-step-sheet = Шаг { $number }
export-status = Статус
export-sent-at = Дата отправки ({ $zone })
export-reviewer = Проверил
export-comment = Комментарий
export-versions = Версий
export-status-superseded = заменено новой версией

manifest-school-code = Код школы
manifest-school = Школа
manifest-step = Шаг
manifest-version = Версия
manifest-status = Статус
manifest-reviewer = Проверил
manifest-comment = Комментарий
manifest-file = Файл в архиве
manifest-original = Имя файла у отправителя
manifest-sha256 = SHA-256

zip-all-versions = 🗂 Все версии (ZIP)
progress-zip-done-latest = 🗂 Архив готов (последняя версия каждой школы по каждому шагу): файлов — { $count }, частей — { $parts }. Ещё не скачано из Telegram: { $absent }. В каждой части — manifest.csv.
progress-zip-done-all = 🗂 Архив всех версий готов: файлов — { $count }, частей — { $parts }. Ещё не скачано из Telegram: { $absent }. В каждой части — manifest.csv.
chart-others-note = Показаны { $shown } муниципалитетов, где больше всего несданного; ещё { $rest }: принято { $accepted }, на проверке { $submitted }, возвращено { $returned }, не сдано { $missing }.
