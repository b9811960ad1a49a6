## Загрузка справочника и приглашения

command-import = загрузить список школ и кураторов (для координаторов)
command-invite = создать ссылку-приглашение (для координаторов)

import-coordinators-only = Загружать справочник могут муниципальные и региональные координаторы.
import-instructions =
    Пришлите файл XLSX или CSV со школами и кураторами вашей территории — как в этом шаблоне.
    Лист «Школы»: муниципалитет, код школы в ИС МЭДК, название.
    Лист «Кураторы»: ФИО, Telegram @username или телефон, коды школ через запятую.
    Я проверю весь файл и ничего не запишу, пока в нём есть ошибки. Повторная загрузка обновляет школы по коду, без дублей.
import-too-big = Файл больше 20 МБ — Telegram не даст мне его скачать. Разделите его на части.
import-checking = ⏳ Проверяю файл…
import-send-file = Жду файл XLSX или CSV (шаблон — в сообщении выше).
import-refused = ❌ В файле { $count } { $count ->
        [one] ошибка
        [few] ошибки
       *[many] ошибок
    }. Ничего не записано — исправьте и пришлите файл снова:
import-error-line = • { $sheet }, строка { $row }: { $reason } { $value }
import-more-errors = …и ещё { $count }.
import-done = ✅ Справочник загружен: новых школ — { $schools }, обновлено — { $updated }, новых муниципалитетов — { $municipalities }, привязок кураторов — { $curators }. Кураторы получат роль, как только напишут мне.
import-error-format = Нужен файл XLSX или CSV.
import-error-no-sheets = В файле нет листов «Школы» или «Кураторы». Возьмите за основу шаблон.
import-reason-no-municipality = не указан муниципалитет
import-reason-bad-code = код школы не похож на код ИС МЭДК (eduNNNNNN)
import-reason-no-name = не указано название или ФИО
import-reason-duplicate = этот код школы уже встречался выше
import-reason-other-region = код школы из другого региона
import-reason-other-municipality = муниципалитет вне вашей территории
import-reason-bad-contact = нужен Telegram @username или телефон +7…
import-reason-no-schools = не указаны коды школ
import-reason-unknown-school = нет такой школы ни в файле, ни в справочнике
import-reason-outside-scope = школа вне вашей территории: её меняет координатор её муниципалитета или региона
import-reason-too-long = слишком длинное значение (больше 300 знаков)

invite-coordinators-only = Приглашения создают координаторы и администраторы проекта.
invite-choose-role = Кого приглашаем?
invite-find-school = Напишите код или часть названия школы.
invite-no-school = Не нашёл такую школу на вашей территории. Попробуйте иначе.
invite-pick-school = Выберите школу:
invite-schools-so-far = Школы: { $schools }. Напишите ещё одну — или нажмите «Готово».
invite-schools-done = ✅ Готово
invite-choose-municipality = Выберите муниципалитет:
invite-type-region = Напишите код региона (например, 67 — Смоленская область).
invite-unknown-region = Нет региона с таким кодом. Напишите двузначный код, например 67.
invite-choose-uses = Сколько человек смогут воспользоваться ссылкой?
invite-uses = { $count }
invite-refused = Такое приглашение вне ваших полномочий.
invite-ready =
    🔗 Приглашение: { $role }.
    Воспользоваться можно { $count } раз(а), до { $until }.
    Перешлите ссылку: { $link }

# Reading uploaded spreadsheets (imports and calendars)
sheet-error-unreadable = Не получилось прочитать файл — он повреждён или это не XLSX. Сохраните его заново и пришлите ещё раз.
sheet-error-too-slow = Файл читается слишком долго — похоже, в нём огромное число строк или ячеек. Оставьте в нём только нужные листы и строки и пришлите ещё раз.
sheet-error-too-big-unpacked = Файл слишком велик после распаковки (в нём огромное число строк или ячеек). Оставьте только нужные листы и строки и пришлите ещё раз.
sheet-error-no-delimiter = В CSV не нашлось разделителя столбцов: нужны «;» или «,». Сохраните таблицу из Excel как «CSV (разделители — точка с запятой)».
sheet-error-csv-broken = CSV повреждён (например, незакрытые кавычки). Сохраните таблицу из Excel заново и пришлите ещё раз.
sheet-error-encoding = Не получилось распознать кодировку CSV: нужна UTF-8 или Windows-1251 (так сохраняет Excel).
import-error-too-many-rows = В файле больше 20 000 строк — это больше любой территории. Разделите его и загрузите частями.
