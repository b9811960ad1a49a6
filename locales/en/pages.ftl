## Long lists: pages and searching by part of a name

pages-back = ‹ Back
pages-forward = Next ›
pages-position = p. { $page }/{ $pages }
pages-type-to-filter = Or type part of the name and I will send the matches.
pages-found = { $count ->
        [one] { $count } match
       *[other] { $count } matches
    } for “{ $query }”:
pages-found-more = { $count ->
        [one] { $count } match
       *[other] { $count } matches
    } for “{ $query }”, here are the first { $shown }. Type more to narrow it down.
pages-nothing-found = Nothing found for “{ $query }”. Type it differently or browse the list.
pages-whole-list = 📋 The whole list
