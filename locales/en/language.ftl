## /lang

language-choose = Choose a language. Now: <b>{ $current }</b>.
language-name-ru = Русский
language-name-en = English
language-changed = Done: I now speak English.
language-unknown = No such language. Available: <code>ru</code>, <code>en</code>.
