## /lang

language-choose = Выберите язык. Сейчас: <b>{ $current }</b>.
language-name-ru = Русский
language-name-en = English
language-changed = Готово: теперь я говорю по-русски.
language-unknown = Такого языка нет. Доступны: <code>ru</code>, <code>en</code>.
