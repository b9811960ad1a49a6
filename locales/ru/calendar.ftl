## Календарь проекта: сроки, этапы, ответы на вопросы

menu-deadlines = 📅 Мои сроки
command-deadlines = что и к какому сроку сделать (в вашем регионе)
command-stages = этапы и шаги проекта

cal-deadlines-title = <b>📅 Ближайшие сроки</b>
cal-for-region = Сроки вашего региона, где они есть, иначе федеральные; даты — по вашему местному времени.
cal-federal-only = Показываю федеральные сроки. Чтобы видеть сроки вашего региона, подключитесь к проекту: /start
cal-nothing-due = Ближайших сроков нет.
cal-due-line = <b>{ $title }</b>
    до { $date } — { $status }
cal-overdue = 🔴 просрочено на { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }
cal-today = 🟠 срок сегодня
cal-days-left = ⏳ { $days ->
        [one] остался { $days } день
        [few] осталось { $days } дня
       *[many] осталось { $days } дней
    }
cal-all-stages = 🗂 Все этапы
cal-my-deadlines = 📅 Мои сроки
cal-stages-title = <b>🗂 Этапы проекта</b>. Выберите этап:
cal-stage-title = <b>{ $stage }</b>. Выберите шаг:
cal-step-heading = <b>{ $stage } · шаг { $number }</b>
    <b>{ $title }</b>
cal-todo = Что сделать: { $todo }
cal-window = Окно: с { $start } по { $end }
cal-federal = Федеральный срок: до { $date }
cal-federal-none = Федерального срока нет — сроки устанавливает регион.
cal-regional = Срок вашего региона: до { $date }
cal-form = Отчётность: { $form }
cal-responsible = Отвечает: { $who }
cal-form-screenshot = подтверждающий скриншот координатору
cal-form-ministry-letter = письмо министерства
cal-form-upload-medk = загрузка в ИС МЭДК
cal-form-survey = ответы на опрос
cal-form-email = письмо на адрес, указанный координатором
cal-when-answer = <b>{ $title }</b>
cal-faq = { $text }
cal-which-one = Уточните, о чём вы спрашиваете:
cal-not-understood = Не нашёл ответа на этот вопрос. Попробуйте спросить иначе — например, «до какого числа обмен документами?» — или посмотрите этапы: /stages
cal-next-webinar-local = Ближайший вебинар — <b>{ $when }</b> по вашему времени (МСК{ $shift }).
cal-next-webinar-moscow = Ближайший вебинар — <b>{ $when }</b> по московскому времени.
command-calendar = мои сроки и вебинары файлом для календаря (.ics)
cal-ics-deadline = Срок
cal-ics-caption = 📆 Ваши сроки ({ $count }) и ближайшие вебинары. Откройте файл — телефон или почта предложат добавить события в календарь; время покажется по вашему часовому поясу.
cal-not-understood-ask = Не нашёл ответа на этот вопрос. Могу передать его вашему координатору — ответ придёт сюда. Или спросите иначе, например «до какого числа обмен документами?».
handoff-ask-button = 🙋 Спросить координатора
handoff-passed = Передал вопрос координатору. Как только он ответит, я пришлю ответ сюда.
handoff-passed-admins = Передал вопрос федеральным администраторам проекта — координатора над вами в боте нет. Как только ответят, я пришлю ответ сюда.
handoff-nobody = Передать вопрос некому: над вами в проекте нет координатора, а федеральные администраторы в боте не назначены. Задайте его в канале проекта или напишите организаторам напрямую.
handoff-new =
    ❓ <b>Вопрос</b> от { $name }:
    «{ $text }»
handoff-answer-button = ✍️ Ответить
handoff-not-yours = Этот вопрос задан не из вашей зоны ответственности.
handoff-already-answered = На этот вопрос уже ответили.
handoff-type-answer = Напишите ответ на вопрос «{ $text }» — я перешлю его автору.
handoff-answer =
    💬 <b>Ответ координатора</b> на ваш вопрос «{ $text }»:
    { $answer }
handoff-sent = ✅ Ответ отправлен.
handoff-undelivered = Ответ сохранён, но доставить его не удалось: автор заблокировал бота.
handoff-queue-empty = Открытых вопросов нет.
command-questions = вопросы, переданные вам (для координаторов)
command-region-calendar = календарь региона: скачать, изменить, загрузить (региональным координаторам)
calupload-regional-only = Менять календарь региона могут региональные координаторы.
calupload-instructions = Календарь вашего региона (версия { $version }). Впишите свои сроки в поля <code>regional</code> (дата ГГГГ-ММ-ДД) и пришлите файл обратно. Я проверю каждую строку, покажу изменения и применю их только после подтверждения; прежние версии сохраняются.
calupload-too-big = Файл слишком большой для календаря. Пришлите выгруженный файл YAML.
calupload-not-text = Это не текстовый файл. Пришлите выгруженный файл YAML после правки.
calupload-send-file = Жду файл календаря (YAML), выгруженный выше и исправленный.
calupload-refused = ❌ В файле { $count } { $count ->
        [one] ошибка
        [few] ошибки
       *[many] ошибок
    }. Календарь не изменён — исправьте и пришлите снова:
calupload-error-line = • строка { $line }: { $reason } { $value }
calupload-reason-yaml = файл не разбирается как YAML
calupload-reason-shape = неожиданная структура — возьмите за основу выгруженный файл
calupload-reason-unknown-region = неизвестный код региона
calupload-reason-other-region = это календарь другого региона
calupload-reason-unknown-step = нет такого шага
calupload-reason-bad-date = неверная дата (нужно ГГГГ-ММ-ДД)
calupload-reason-end-before-start = окончание раньше начала
calupload-reason-out-of-season = дата вне сезона: допустимы даты с начала прошлого года до конца следующего
calupload-no-changes = Изменений нет — календарь остаётся прежним.
calupload-preview = Проверьте изменения ({ $count }):
calupload-change-line = • { $title }: { $before } → { $after }
calupload-federal = федеральный срок
calupload-apply = ✅ Применить
calupload-cancel = Отмена
calupload-applied = ✅ Календарь региона обновлён (версия { $version }). Сроки и напоминания уже считаются по нему.
command-season = календарь нового сезона (федеральным администраторам)
season-admins-only = Календарь сезона задают федеральные администраторы проекта.
season-instructions = Календарь сезона в этом формате: этапы, шаги, федеральные сроки, формы отчётности, ключевые слова для вопросов. Поменяйте <code>season</code> на новый год, впишите этапы и сроки и пришлите файл. Региональные координаторы затем уточнят свои сроки командой /region_calendar.
season-refused = ❌ Календарь не принят: { $reason }. Действующий календарь не изменён.
season-preview = Календарь сезона { $season }: этапов — { $stages }, шагов — { $steps }. Сейчас действует сезон { $current }. Применить?
season-applied = ✅ Действует календарь сезона { $season } (версия { $version }).
cal-submit-step = 📎 Отправить подтверждение
handoff-too-long = ✂️ Вопрос длиннее { $limit } знаков — координатору будет трудно его прочесть. Сократите его и задайте снова.
handoff-answer-too-long = ✂️ Ответ длиннее { $limit } знаков. Сократите его и пришлите снова.
ans-unknown = В календаре и справке проекта этого нет — ни такого срока, ни такого мероприятия. Могу передать вопрос вашему координатору: ответ придёт сюда.
ans-unknown-group = В календаре и справке проекта этого нет — ни такого срока, ни такого мероприятия. Спросите координатора или посмотрите этапы: /stages
ans-card-title = <b>{ $title }</b>
ans-card-when = 📅 { $when }
ans-card-todo = Что сделать: { $todo }
ans-card-who = Кто: { $who }
ans-card-concerns = Касается: { $roles }
ans-card-report = Как отчитаться: { $report }
ans-card-result = Показатель: { $result }
ans-card-link = Ссылка: { $link }
ans-card-source = <i>Источник: { $document }, строка { $line }</i>
ans-seed-000 = выступление министерства образования Краснодарского края 14.09.2022
ans-seed-001 = сборник межшкольного семинара, Смоленск, 17.11.2022
ans-seed-003 = дорожная карта Балахтинского района Красноярского края на 2022 год
ans-seed-004 = план-график проекта в Хабаровском крае на 2022 год
ans-role-school = школ
ans-role-curator = кураторов
ans-role-municipal = муниципальных координаторов
ans-role-regional = региональных координаторов
ans-when-deadline = до { $date }
ans-when-window = с { $start } по { $end }
ans-when-months = { $start } — { $end }
ans-when-federal-regional = до { $regional } — срок вашего региона (федеральный срок — до { $federal })
ans-time-moscow = в { $time } по московскому времени
ans-time-local = в { $time } по московскому времени ({ $local } по вашему времени)
ans-status-starts = ⏳ начнётся через { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }
ans-status-running = ▶️ идёт сейчас, до конца { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
ans-status-past = ✔️ прошло
ans-list-title = Нашёл в календаре { $count } { $count ->
        [one] пункт
        [few] пункта
       *[many] пунктов
    }:
ans-list-line = • <b>{ $title }</b> — { $when }; { $status } { $mark }
ans-mark-now = ⬅️ сейчас
ans-mark-next = ⬅️ следующий
ans-list-more = Подробнее о каждом — кнопками ниже.
ans-curators = Куратор школы { $school }: { $people }
ans-no-curator = У школы { $school } куратор в справочнике пока не указан.
ans-coordinators-municipal = Ваш муниципальный координатор: { $people }
ans-coordinators-regional = Ваш региональный координатор: { $people }
ans-person-username = { $name } (@{ $username })
ans-my-schools = Ваша школа: { $schools }
ans-submit-button = 📎 Отправить подтверждение
ans-read-more = ℹ️ { $title }
ans-list-who =    Кто: { $who }
ans-list-how =    { $todo } Как отчитаться: { $report }
ans-when-region-sets = срок устанавливает регион
ans-list-line-plain = • <b>{ $title }</b> — { $when }
week-title = <b>🗓 Неделя проекта «500+» с { $monday }</b> (время московское)
week-nothing = На этой неделе федеральных сроков, вебинаров и выступлений нет.
week-deadlines = <b>Сроки:</b>
week-deadline = • до { $due } — { $title }
week-webinars = <b>Вебинары:</b>
week-webinar = • { $when } — { $series }. Тема: { $topic }
week-talks = <b>Марафоны лучших практик:</b>
week-talk = • { $when } — «{ $topic }» ({ $marathon })
