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
    📺 Завтра вебинар: <b>{ $series }</b>
    { $when } ({ $zone })
    Тема: { $topic }
    Расписание и отписка: /webinars
webinars-announce-soon =
    ⏰ Скоро начало: <b>{ $series }</b>
    { $when } ({ $zone })
    Тема: { $topic }
webinars-msk-shift = МСК{ $shift }
