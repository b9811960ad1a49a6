## Профиль и персональные данные

menu-profile = 👤 Профиль
command-profile = ваш профиль: роли, школа, язык, часовой пояс
command-forget = удалить мои персональные данные

profile-title = <b>👤 Профиль</b>
profile-name = Имя: { $name }
profile-roles = Роли:
profile-no-roles = Ролей пока нет — отправьте заявку через /start или попросите у координатора ссылку-приглашение.
profile-role-line = • { $role } — { $place }
profile-admin = • федеральный администратор проекта
profile-language = Язык: { $language }
profile-zone = Часовой пояс: { $zone } (МСК{ $shift })
profile-rename = ✏️ Изменить имя
profile-leave = 🚪 Отказаться: { $role }, { $place }
profile-forget = 🗑 Удалить мои данные
profile-rename-ask = Напишите, как вас называть (например, «Наталья Дмитриевна Васинова»).
profile-name-empty = Имя не может быть пустым. Напишите, как вас называть.
profile-name-too-long = Слишком длинное имя — не больше 128 символов. Напишите короче.
profile-renamed = Готово, имя сохранено.
profile-forget-ask = Удалить ваши персональные данные? Я забуду имя, роли, заявки и подписки. Подтверждения, которые вы отправляли за школу, останутся у школы, но без вашего имени.
profile-forget-yes = 🗑 Да, удалить
profile-forgotten = Готово: ваши данные удалены. Если напишете мне снова, я буду знать только ваше имя в Telegram.
