## Common texts: menu, navigation, errors

menu-title = Main menu. What do you need?
menu-help = ❓ Help
menu-language = 🌐 Language / Язык
nav-back-to-menu = « Menu

error-generic = Something went wrong and I could not complete the request. Please try again a bit later — nothing you sent is lost.
error-stale-button = This button is out of date. Open the menu again: /start
nav-back = « Back

role-school = school
role-curator = curator
role-municipal = municipal coordinator
role-regional = regional coordinator
throttle-notice = ⏳ Too many messages in a row — I will answer the next ones in a few seconds. The extra messages were skipped; please repeat what you need a little later.
