## Общие тексты: меню, навигация, ошибки

menu-title = Главное меню. Выберите, что нужно:
menu-help = ❓ Помощь
menu-language = 🌐 Язык / Language
nav-back-to-menu = « В меню

error-generic = Что-то пошло не так, и я не смог выполнить запрос. Попробуйте ещё раз чуть позже — ваши данные не потеряны.
error-stale-button = Эта кнопка устарела. Откройте меню заново: /start
nav-back = « Назад

role-school = школа
role-curator = куратор
role-municipal = муниципальный координатор
role-regional = региональный координатор
