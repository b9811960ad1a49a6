## Вебинары проекта

menu-webinars = 📺 Вебинары
command-webinars = ближайшие вебинары и напоминания о них

webinars-title = <b>Ближайшие вебинары</b>
webinars-zone-moscow = Время московское.
webinars-zone-local = Время ваше местное (МСК{ $shift }).
webinars-none = В ближайшие месяцы вебинаров нет — сезон закончился. Я сообщу, когда появится расписание.
webinars-item = 🗓 <b>{ $when }</b> — { $series }
webinars-cancelled = ❌ Отменён
webinars-topic = Тема: { $topic }
webinars-speakers = Выступают: { $speakers }
webinars-join = Подключиться: { $link }
webinars-recording = Запись: { $link }
webinars-subscribe-button = 🔔 Напоминать о вебинарах
webinars-unsubscribe-button = 🔕 Не напоминать о вебинарах
webinars-subscribed = Готово: напомню накануне и перед началом.
webinars-unsubscribed = Готово: напоминать о вебинарах не буду.
webinars-moscow-time = по московскому времени
webinars-announce-day-before =
    📺 { $day } вебинар: <b>{ $series }</b>
    { $when } ({ $zone })
    Тема: { $topic }
    Расписание и отписка: /webinars
webinars-announce-soon =
    ⏰ Скоро начало: <b>{ $series }</b>
    { $when } ({ $zone })
    Тема: { $topic }
webinars-msk-shift = МСК{ $shift }
wed-open = ✏️ Изменить расписание
wed-not-allowed = Это вне ваших прав: федеральную серию вебинаров ведут федеральные администраторы, вебинары региона — его региональные координаторы.
wed-list = <b>✏️ Расписание вебинаров</b> (время московское)
    Выберите вебинар, чтобы указать тему, выступающих, ссылку или запись, либо отменить его.
wed-add = ➕ Добавить вебинар
wed-cancel-season = 🚫 Отменить оставшиеся в сезоне
wed-card-title = <b>✏️ Вебинар</b> (время московское)
wed-card-hint = Чтобы очистить поле, отправьте «-».
wed-field-topic = Тема
wed-field-speakers = Выступающие
wed-field-join = Ссылка на подключение
wed-field-recording = Ссылка на запись
wed-cancel-one = ❌ Отменить этот вебинар
wed-restore = ↩️ Вернуть в расписание
wed-ask-field = Напишите новое значение: { $field }. Чтобы очистить, отправьте «-».
wed-bad-text = Напишите текстом, не длиннее { $limit } символов.
wed-bad-link = Ссылка должна начинаться с https:// или http://
wed-saved = ✅ Сохранено.
wed-ask-time = Когда? Дата и время по Москве, например: 27.10.2022 10:00
wed-bad-time = Не понял дату или она уже прошла. Напишите так: 27.10.2022 10:00
wed-added = ✅ Вебинар добавлен в расписание.
wed-cancel-season-ask = Отменить все оставшиеся вебинары сезона ({ $count })? Подписчики увидят отмену в /webinars, напоминаний не будет.
wed-cancel-season-yes = 🚫 Да, отменить
wed-season-cancelled = Отменено вебинаров: { $count }.
webinars-regional-title = Региональный вебинар
webinars-note = 📍 Для вашего региона: { $note }
webinars-join-button = ▶️ Подключиться
webinars-recording-button = 🎞 Смотреть запись
webinars-announce-recording =
    🎞 Запись вебинара: <b>{ $series }</b>
    { $when } ({ $zone })
    Тема: { $topic }
wed-list-regional = <b>✏️ Вебинары вашего региона</b> (время московское)
    Федеральную серию ведут администраторы проекта; к её вебинарам вы можете добавить заметку для своего региона.
wed-add-regional = ➕ Региональный вебинар
wed-field-note = 📍 Заметка для региона
wed-card-note-hint = Этот вебинар ведут федеральные администраторы. Вы можете добавить заметку, которую прочтут только в вашем регионе (например, где собираются и кто выступает от региона).
webinars-today = Сегодня
webinars-tomorrow = Завтра
