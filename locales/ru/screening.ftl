## Проверка присланных файлов: вердикт и его причины на карточке проверки

screening-verdict-ok = 🟢 выглядит верно
screening-verdict-unclear = 🟡 стоит посмотреть
screening-verdict-suspicious = 🔴 подозрительно
screening-verdict-unchecked = ⏳ ещё не проверено ботом
screening-file = Файл { $file }:

screening-reason-unreadable = файл не открывается как изображение или PDF
screening-reason-type-mismatch = файл заявлен как { $declared }, а на деле это { $detected }
screening-reason-unsupported = формат { $detected } бот открыть не может
screening-reason-tiny = слишком маленькое изображение ({ $width }×{ $height })
screening-reason-blank = пустое изображение
screening-reason-copy = { $same ->
    [yes] та же картинка, что школа уже присылала для шага { $step } (сезон { $season }, версия { $version })
   *[no] копия скриншота, который прислала { $school } для шага { $step } (сезон { $season }, версия { $version })
}
screening-reason-no-text = на изображении почти нет читаемого текста
screening-reason-picture = на изображении нет текста: это картинка, а не снимок экрана
screening-reason-text-unchecked = текст не проверялся
screening-reason-nothing-of-step = на этом файле нет ничего о шаге
screening-reason-found = на скриншоте есть: { $items }
screening-reason-missing = не найдено: { $items }
screening-reason-off-topic = на изображении нет ничего, что подтверждает этот шаг
screening-reason-other-step = похоже на подтверждение другого шага (шаг { $step })
screening-reason-date-late = дата на снимке ({ $date }) позже срока ({ $due })
screening-reason-date-old = дата на снимке ({ $date }) из другого сезона

screening-expect-partner = школа-партнёр (название, код или e-mail)
screening-expect-correspondence = переписка или договорённость о связи
screening-expect-documents = документы проекта
screening-expect-forms = форма рекомендаций
screening-expect-meeting = онлайн-встреча
screening-expect-medk = страница ИС МЭДК
screening-expect-upload = загруженные файлы
screening-expect-selfdiag = самодиагностика
screening-expect-date = дата не позже срока
screening-expect-other = другое

screening-auto-accepted = ✅ Шаг { $number } ({ $school }, версия { $version }) принят автоматически: присланное выглядит верно. Регион включил автоприёмку таких подтверждений.
auto-button = 🤖 Автоприём
auto-title = <b>🤖 Автоприём подтверждений</b>
    Для отмеченных шагов бот сам примет подтверждение, если его проверка показала «выглядит верно» (текст на снимке прочитан, ничего подозрительного). Всё остальное по-прежнему ждёт проверяющего. Нажмите на шаг, чтобы включить или выключить.
auto-regional-only = Автоприём включают региональные координаторы для своего региона.
