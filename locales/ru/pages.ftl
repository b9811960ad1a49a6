## Длинные списки: страницы и поиск по части названия

pages-back = ‹ Назад
pages-forward = Вперёд ›
pages-position = стр. { $page }/{ $pages }
pages-type-to-filter = Или напишите часть названия — пришлю подходящие.
pages-found = По запросу «{ $query }» { $count ->
        [one] нашёлся { $count } вариант
        [few] нашлось { $count } варианта
       *[many] нашлось { $count } вариантов
    }:
pages-found-more = По запросу «{ $query }» { $count ->
        [one] нашёлся { $count } вариант
        [few] нашлось { $count } варианта
       *[many] нашлось { $count } вариантов
    }, вот первые { $shown }. Напишите точнее, чтобы сузить.
pages-nothing-found = По запросу «{ $query }» ничего не нашлось. Напишите иначе или листайте список.
pages-whole-list = 📋 Весь список
