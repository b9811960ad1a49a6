## Марафоны лучших практик, подкасты и радиоэфиры

command-marathons = марафоны лучших практик: программа, заявки на выступление
mar-title = <b>🏃 Марафоны лучших практик и эфиры</b>
mar-none = Пока марафонов нет.
mar-new-marathon = ➕ Новый марафон
mar-new-podcast = ➕ Подкаст или радиоэфир
mar-kind-marathon = марафон лучших практик
mar-kind-podcast = подкаст / радиоэфир
mar-level-municipal = муниципальный уровень
mar-level-regional = региональный уровень
mar-level-federal = федеральный уровень
mar-card = { $icon } <b>{ $title }</b>
    { $kind }, { $level }
mar-programme = <b>Программа</b> (время ваше местное):
mar-programme-empty = Программа пока не составлена.
mar-talk-line = • { $when } — «{ $topic }», { $speaker } ({ $school })
mar-propose = 🎤 Предложить выступление
mar-proposals = 📥 Заявки на выступление: { $count }
mar-publish = 📣 Объявить программу
mar-coordinators-only = Открывать марафоны могут координаторы проекта.
mar-ask-title = Как называется марафон или эфир? Напишите название.
mar-bad-text = Напишите текстом, не длиннее { $limit } символов.
mar-created = ✅ Создано. Школы вашей зоны смогут предложить выступления.
mar-not-yours = Это недоступно: школа или марафон вне вашей зоны.
mar-choose-school = От какой школы выступление?
mar-ask-topic = Тема выступления?
mar-ask-description = Коротко: о чём расскажете, какой опыт покажете?
mar-ask-speaker = Кто выступит? Фамилия, имя, должность.
mar-proposed = ✅ Заявка отправлена координатору марафона «{ $title }». Я сообщу о решении.
mar-new-proposal = 🎤 Новая заявка в «{ $title }»: { $school } — «{ $topic }»
mar-proposals-open = 📥 Открыть заявки
mar-no-proposals = Новых заявок нет.
mar-proposal-card = <b>🎤 Заявка в «{ $title }»</b>
    Школа: { $school }
    Тема: { $topic }
    О чём: { $description }
    Выступает: { $speaker }
    Ещё заявок: { $count }
mar-accept = ✅ В программу
mar-decline = ✖ Отклонить
mar-next = ⏭ Следующая
mar-ask-when = Когда выступление? Дата и время по вашему времени, например: 27.10 15:00
mar-bad-when = Не понял время или оно уже прошло. Напишите так: 27.10 15:00
mar-accepted = ✅ Выступление включено в программу. Школа получила уведомление.
mar-declined = Заявка отклонена. Школа получила уведомление.
mar-told-accepted = 🎉 Ваше выступление «{ $topic }» включено в программу «{ $title }»: { $when } (ваше время).
mar-told-declined = Заявка «{ $topic }» в «{ $title }» в этот раз не вошла в программу. Спасибо за готовность поделиться опытом!
mar-publish-empty = В программе пока нет выступлений: сначала примите заявки.
mar-published = 📣 Программа разослана: сообщений — { $count }. Перед каждым выступлением будет напоминание.
mar-announce = { $icon } <b>{ $title }</b> — программа
mar-reminder = ⏰ Через час в «{ $title }»: «{ $topic }», { $speaker } ({ $school }) — { $when }
