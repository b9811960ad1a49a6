#!/usr/bin/env python
"""Held-out set #3 for the screenshot check. Deterministic (seeded)."""
import io, json, os, random, shutil
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter, ImageEnhance

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
R = random.Random(20221003)
FD = "/usr/share/fonts/truetype/"
FONTS = {
    "sans": FD + "dejavu/DejaVuSans.ttf", "sansb": FD + "dejavu/DejaVuSans-Bold.ttf",
    "lib": FD + "liberation/LiberationSans-Regular.ttf", "libb": FD + "liberation/LiberationSans-Bold.ttf",
    "serif": FD + "liberation/LiberationSerif-Regular.ttf", "serifb": FD + "liberation/LiberationSerif-Bold.ttf",
    "cond": FD + "dejavu/DejaVuSansCondensed.ttf", "mono": FD + "dejavu/DejaVuSansMono.ttf",
}
_fc = {}
def F(name, size):
    k = (name, int(size))
    if k not in _fc:
        _fc[k] = ImageFont.truetype(FONTS[name], max(6, int(size)))
    return _fc[k]

# ---------------------------------------------------------------- schools
PLACES = [("Красноармейский район", 19), ("г. Горячий Ключ", 5), ("Динской район", 10), ("Гулькевичский район", 16),
          ("Мостовский район", 16), ("Темрюкский район", 28), ("г. Смоленск", 9), ("г. Смоленск", 33),
          ("г. Смоленск", 10), ("г. Смоленск", 27), ("Балахтинский район", 1), ("Балахтинский район", 2),
          ("г. Хабаровск", 48), ("Хабаровский район", 3), ("Нанайский район", 7), ("Амурский район", 4),
          ("г. Комсомольск-на-Амуре", 22), ("Ванинский район", 11), ("Кызылский кожуун", 2), ("г. Кызыл", 14),
          ("Орловский район", 6), ("г. Орёл", 31), ("г. Калуга", 12), ("Козельский район", 3),
          ("Бахчисарайский район", 8), ("г. Симферополь", 26), ("Тбилисский район", 13), ("Каневской район", 21),
          ("Ейский район", 17), ("Славянский район", 35)]
TYPES = [("МБОУ", "Муниципальное бюджетное общеобразовательное учреждение"),
         ("МКОУ", "Муниципальное казённое общеобразовательное учреждение"),
         ("МАОУ", "Муниципальное автономное общеобразовательное учреждение")]
DOMAINS = ["edu.ru", "mail.ru", "yandex.ru", "obr.krasnodar.ru", "list.ru"]
SCHOOLS = []
for i, (place, num) in enumerate(PLACES):
    ab, full = TYPES[i % 3] if i % 5 else TYPES[0]
    kind = "средняя общеобразовательная школа" if i % 4 else "основная общеобразовательная школа"
    kabbr = "СОШ" if i % 4 else "ООШ"
    name = f"{full} «{kind[0].upper() + kind[1:]} № {num}» ({place})"
    short = f"{ab} {kabbr} № {num}"
    tr = ["krasnoarm", "gkluch", "dinsk", "gulkev", "most", "temr", "smol", "smol", "smol", "smol", "balakht",
          "balakht", "khv", "khvr", "nanai", "amursk", "kms", "vanino", "kyzylk", "kyzyl", "orelr", "orel",
          "kaluga", "kozelsk", "bakhch", "simf", "tbil", "kanev", "eysk", "slav"][i]
    email = f"school{num}_{tr}@{DOMAINS[i % 5]}"
    SCHOOLS.append(dict(name=name, short=short, email=email, partner=i ^ 1, place=place))
# pairs 0-1, 2-3 ... random "распределены по парам случайным образом" - shuffle pairs a bit
perm = list(range(30)); R.shuffle(perm)
for a, b in zip(perm[0::2], perm[1::2]):
    SCHOOLS[a]["partner"] = b; SCHOOLS[b]["partner"] = a

PEOPLE = ["Иванова Марина Петровна", "Кудрявцев Олег Иванович", "Смирнова Елена Викторовна", "Лобанова Е.Н.",
          "Пияева Светлана", "Жойкин С.А.", "Новикова Ирина", "Абрамчик Надежда", "Ким Алексей", "Оюн Айдың",
          "Петренко Галина", "Сафонов Денис", "Гончарова Татьяна", "Куратор Белова А.С.", "Зам. дир. по УВР",
          "Морозова Ольга", "Ткаченко Виктор", "Ахмедова Лейла", "Шептицкая Ж.В.", "Вакунова С.В."]
DOCS = ["Концепция развития", "Среднесрочная программа развития", "Рисковый профиль школы",
        "Антирисковая программа «Низкая учебная мотивация»", "Антирисковая программа «Дефициты компетенций педагогов»",
        "Антирисковая программа «Высокая доля обучающихся с рисками учебной неуспешности»",
        "Антирисковая программа «Несформированность внутришкольной системы повышения квалификации»",
        "Форма экспертизы концепции развития", "Рекомендации школе-партнёру"]
MONTHS = ["", "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря"]
DEADLINE = {"expertise-2": (9, 23), "expertise-3": (10, 7), "expertise-4": (10, 21), "expertise-5": (11, 1)}
START = {"expertise-2": (9, 14), "expertise-3": (9, 20), "expertise-4": (10, 5), "expertise-5": (10, 14)}
RES = {"phone": [(1080, 2400), (750, 1334), (1080, 2340)], "laptop": [(1366, 768), (1920, 1080), (1536, 864)],
       "tablet": [(2048, 1536), (1536, 2048)]}

def rand_date(rng, step):
    m0, d0 = START[step]; m1, d1 = DEADLINE[step]
    import datetime
    a = datetime.date(2022, m0, d0); b = datetime.date(2022, m1, d1)
    return a + datetime.timedelta(days=rng.randint(0, (b - a).days))

def dstr(d, style):
    if style == 0: return d.strftime("%d.%m.%Y")
    if style == 1: return f"{d.day} {MONTHS[d.month]} {d.year} г."
    return f"{d.day} {MONTHS[d.month][:3]}"

THEMES = {
    "light": dict(bg=(255, 255, 255), panel=(243, 244, 247), fg=(30, 30, 35), sub=(110, 115, 125), line=(220, 222, 228)),
    "dark": dict(bg=(28, 30, 36), panel=(40, 43, 51), fg=(232, 234, 238), sub=(150, 155, 165), line=(60, 64, 74)),
    "warm": dict(bg=(252, 249, 242), panel=(238, 232, 220), fg=(40, 35, 30), sub=(120, 110, 95), line=(215, 205, 190)),
}
ACCENTS = [(0, 119, 255), (42, 171, 238), (76, 175, 80), (229, 57, 53), (255, 152, 0), (103, 58, 183), (0, 150, 136),
           (63, 81, 181), (233, 30, 99)]

def wrap(d, text, font, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if d.textlength(t, font=font) <= width or not cur:
            cur = t
        else:
            lines.append(cur); cur = w
    if cur: lines.append(cur)
    return lines

def text_block(d, xy, text, font, fill, width, gap=1.3):
    x, y = xy
    for ln in wrap(d, text, font, width):
        d.text((x, y), ln, font=font, fill=fill); y += int(font.size * gap)
    return y

def chrome(img, p, T):
    """status bar (phone/tablet) or taskbar (laptop) with clock"""
    d = ImageDraw.Draw(img); W, H = img.size
    if p["dev"] in ("phone", "tablet"):
        s = W / 1080 if p["dev"] == "phone" else W / 1536
        h = int(70 * s)
        d.rectangle([0, 0, W, h], fill=T["panel"])
        d.text((int(40 * s), int(16 * s)), p["clock"], font=F("sansb", 34 * s), fill=T["fg"])
        for k in range(4):
            x = W - int((200 - k * 22) * s); d.rectangle([x, int((46 - k * 7) * s), x + int(14 * s), int(52 * s)], fill=T["fg"])
        d.rectangle([W - int(100 * s), int(22 * s), W - int(40 * s), int(50 * s)], outline=T["fg"], width=max(1, int(3 * s)))
        d.rectangle([W - int(96 * s), int(26 * s), W - int(96 * s) + int(p["batt"] * 0.52 * s), int(46 * s)], fill=T["fg"])
        return h, 0
    h = 40 if W < 1600 else 48
    d.rectangle([0, H - h, W, H], fill=(20, 24, 32) if p["taskdark"] else (230, 232, 236))
    c = (240, 240, 240) if p["taskdark"] else (20, 20, 20)
    for k in range(6):
        d.rounded_rectangle([60 + k * 52, H - h + 8, 92 + k * 52, H - 8], 5, fill=ACCENTS[(k + p["seed"]) % 9])
    d.text((W - 110, H - h + 4), p["clock"], font=F("lib", 15), fill=c)
    d.text((W - 118, H - h + 21), p["date_s"], font=F("lib", 13), fill=c)
    return 0, h

def base(p):
    W, H = p["size"]; T = THEMES[p["theme"]]
    img = Image.new("RGB", (W, H), T["bg"])
    top, bot = chrome(img, p, T)
    return img, ImageDraw.Draw(img), T, top, bot

# ---------------------------------------------------------------- genuine renderers
def r_email(p):
    rng = random.Random(p["seed"]); img, d, T, top, bot = base(p); W, H = img.size
    me, pa = SCHOOLS[p["school"]], SCHOOLS[p["partner"]]
    A = p["acc"]; s = p["scale"]
    clients = ["Почта Mail.ru", "Яндекс Почта", "Outlook Web", "Входящие — Почта"]
    cl = clients[rng.randrange(4)]
    y = top
    hh = int(64 * s); d.rectangle([0, y, W, y + hh], fill=A)
    d.text((int(20 * s), y + int(16 * s)), cl, font=F("sansb", 26 * s), fill=(255, 255, 255))
    y += hh
    side = 0
    if p["dev"] != "phone":
        side = int(W * 0.2); d.rectangle([0, y, side, H - bot], fill=T["panel"])
        yy = y + int(20 * s)
        for f in ["Входящие", "Отправленные", "Черновики", "Проект 500+", "Спам", "Корзина"]:
            d.text((int(24 * s), yy), f, font=F("lib", 18 * s), fill=T["fg"]); yy += int(38 * s)
    x0 = side + int(28 * s); wid = W - x0 - int(28 * s)
    subj = rng.choice(["Взаимоэкспертиза документов, проект «500+»", "Установление контакта со школой-партнёром",
                       "Проект 500+ — школа-партнёр по взаимоэкспертизе", "Re: Взаимоэкспертиза: знакомство"])
    if p["step"] == "expertise-3":
        subj = rng.choice(["Обмен документацией проекта «500+»", "Документы для взаимоэкспертизы", "Re: пакет документов (обновлённый)"])
    if p["step"] == "expertise-4":
        subj = rng.choice(["Встреча со школой-партнёром (ВКС)", "Ссылка на онлайн-встречу по итогам взаимопроверки"])
    if p["step"] == "expertise-5":
        subj = rng.choice(["Формы рекомендаций — итоговые", "Рекомендации школе-партнёру для ИС МЭДК"])
    y += int(26 * s)
    y = text_block(d, (x0, y), subj, F("sansb", 30 * s), T["fg"], wid)
    y += int(14 * s)
    sender, recv = (me, pa) if rng.random() < 0.6 else (pa, me)
    d.ellipse([x0, y, x0 + int(56 * s), y + int(56 * s)], fill=ACCENTS[rng.randrange(9)])
    d.text((x0 + int(70 * s), y), sender["short"], font=F("sansb", 20 * s), fill=T["fg"])
    d.text((x0 + int(70 * s), y + int(28 * s)), f"<{sender['email']}>  →  {recv['email']}", font=F("lib", 17 * s), fill=T["sub"])
    d.text((x0 + int(70 * s), y + int(52 * s)), dstr(p["date"], 1) + ", " + p["msgtime"], font=F("lib", 16 * s), fill=T["sub"])
    y += int(100 * s)
    d.line([x0, y, x0 + wid, y], fill=T["line"], width=max(1, int(2 * s))); y += int(20 * s)
    body = [f"Добрый день, коллеги из {recv['short']}!",
            f"Мы — {sender['short']}, ваша школа-партнёр по взаимоэкспертизе документов в рамках проекта «500+».",
            rng.choice(["Предлагаем договориться о схеме взаимодействия и удобном времени для созвона.",
                        "Просим подтвердить получение письма и сообщить контактное лицо.",
                        "Направляем пакет документов: рисковый профиль, концепцию развития, среднесрочную программу и антирисковые программы.",
                        "Предлагаем провести онлайн-встречу по обсуждению результатов взаимопроверки."]),
            "С уважением, " + rng.choice(PEOPLE) + ", " + rng.choice(["директор", "заместитель директора", "координатор проекта"])]
    bf = F(rng.choice(["lib", "sans"]), 20 * s)
    for para in body:
        y = text_block(d, (x0, y), para, bf, T["fg"], wid) + int(14 * s)
    if p["step"] in ("expertise-3", "expertise-5"):
        docs = rng.sample(DOCS[:7] if p["step"] == "expertise-3" else DOCS[7:] + DOCS[:2], 3)
        for dn in docs:
            bw = min(wid, int(520 * s))
            d.rounded_rectangle([x0, y, x0 + bw, y + int(56 * s)], int(8 * s), outline=T["line"], width=2, fill=T["panel"])
            ext = rng.choice(["pdf", "docx"])
            d.rectangle([x0 + int(10 * s), y + int(10 * s), x0 + int(46 * s), y + int(46 * s)], fill=(200, 40, 40) if ext == "pdf" else (40, 90, 200))
            d.text((x0 + int(58 * s), y + int(6 * s)), (dn[:38] + "…" if len(dn) > 38 else dn) + "." + ext, font=F("lib", 16 * s), fill=T["fg"])
            d.text((x0 + int(58 * s), y + int(30 * s)), f"{rng.randint(120, 3900)} КБ", font=F("lib", 14 * s), fill=T["sub"])
            y += int(66 * s)
    return img

def r_chat(p):
    rng = random.Random(p["seed"]); img, d, T, top, bot = base(p); W, H = img.size
    me, pa = SCHOOLS[p["school"]], SCHOOLS[p["partner"]]; s = p["scale"]; A = p["acc"]
    app = rng.choice(["Telegram", "WhatsApp", "VK Мессенджер", "Сферум"])
    y = top; hh = int(110 * s)
    d.rectangle([0, y, W, y + hh], fill=T["panel"])
    d.ellipse([int(90 * s), y + int(18 * s), int(164 * s), y + int(92 * s)], fill=A)
    d.text((int(185 * s), y + int(18 * s)), pa["short"] + " (партнёр 500+)", font=F("sansb", 30 * s), fill=T["fg"])
    d.text((int(185 * s), y + int(60 * s)), app + " · был(а) недавно", font=F("sans", 22 * s), fill=T["sub"])
    y += hh + int(30 * s)
    d.text((W // 2 - int(60 * s), y), dstr(p["date"], 2), font=F("sans", 22 * s), fill=T["sub"]); y += int(60 * s)
    msgs = {"expertise-2": ["Здравствуйте! Мы ваша школа-партнёр по взаимоэкспертизе «500+»", "Добрый день! Очень приятно, давайте работать",
                            f"Наш адрес почты {me['email']}", f"Записали. Наш — {pa['email']}", "Когда удобно созвониться?", "В четверг после вебинара"],
            "expertise-3": ["Отправили вам рисковый профиль и концепцию развития", "Получили, спасибо! Высылаем свои документы",
                            "Среднесрочная программа развития — обновлённая версия", "Антирисковые программы во вложении", "Изучим до 7 октября"],
            "expertise-4": ["Встреча в Яндекс Телемост завтра в 10:00", "Будем всей командой", "Запись встречи сохраним для ИС МЭДК", "Спасибо за рекомендации!"],
            "expertise-5": ["Загрузили итоговый файл в ЛК ИС МЭДК", "Формы рекомендаций отправили вам на почту", "У нас тоже статус «Загружено»"]}[p["step"]]
    rng.shuffle(msgs) if rng.random() < 0.3 else None
    f = F(rng.choice(["sans", "lib"]), 30 * s)
    mine = rng.random() < 0.5
    for m in msgs:
        lines = wrap(d, m, f, int(W * 0.62)); bh = len(lines) * int(40 * s) + int(50 * s)
        bw = max(d.textlength(l, font=f) for l in lines) + int(50 * s)
        if y + bh > H - int(140 * s): break
        x = W - bw - int(30 * s) if mine else int(30 * s)
        col = tuple(int(c * 0.35 + b * 0.65) for c, b in zip(A, T["bg"])) if mine else T["panel"]
        d.rounded_rectangle([x, y, x + bw, y + bh], int(24 * s), fill=col)
        yy = y + int(14 * s)
        for l in lines:
            d.text((x + int(25 * s), yy), l, font=f, fill=T["fg"]); yy += int(40 * s)
        t = f"{rng.randint(8, 18)}:{rng.randint(0, 59):02d}"
        d.text((x + bw - int(80 * s), y + bh - int(30 * s)), t, font=F("sans", 18 * s), fill=T["sub"])
        y += bh + int(22 * s); mine = not mine if rng.random() < 0.7 else mine
    d.rounded_rectangle([int(20 * s), H - int(120 * s), W - int(20 * s), H - int(40 * s)], int(40 * s), fill=T["panel"])
    d.text((int(60 * s), H - int(100 * s)), "Сообщение", font=F("sans", 28 * s), fill=T["sub"])
    return img

def r_meeting(p):
    rng = random.Random(p["seed"]); W, H = p["size"]
    img = Image.new("RGB", (W, H), (24, 25, 28) if p["theme"] != "light" else (236, 238, 242)); d = ImageDraw.Draw(img)
    T = THEMES["dark" if p["theme"] != "light" else "light"]; top, bot = chrome(img, p, T); s = p["scale"]
    me, pa = SCHOOLS[p["school"]], SCHOOLS[p["partner"]]
    app = rng.choice(["Яндекс Телемост", "Сферум — видеозвонок", "VK Звонки", "Контур.Толк", "TrueConf"])
    d.text((int(20 * s), top + int(12 * s)), f"{app}: Взаимоэкспертиза {me['short']} – {pa['short']}", font=F("sansb", 20 * s), fill=T["fg"])
    d.text((int(20 * s), top + int(42 * s)), f"{dstr(p['date'], 0)}  ·  идёт запись  ·  {rng.randint(5, 58)}:{rng.randint(0, 59):02d}", font=F("lib", 16 * s), fill=(230, 60, 60))
    n = rng.choice([4, 6, 6, 8, 9]); cols = 2 if p["dev"] == "phone" else (3 if n <= 9 else 4); rows = (n + cols - 1) // cols
    gx0, gy0, gx1, gy1 = int(16 * s), top + int(80 * s), W - int(16 * s), H - bot - int(90 * s)
    cw = (gx1 - gx0) // cols; ch = (gy1 - gy0) // rows
    names = rng.sample(PEOPLE, n)
    for k in range(n):
        cx, cy = gx0 + (k % cols) * cw, gy0 + (k // cols) * ch
        col = tuple(rng.randint(40, 120) for _ in range(3))
        d.rounded_rectangle([cx + 4, cy + 4, cx + cw - 4, cy + ch - 4], int(10 * s), fill=col)
        if rng.random() < 0.6:  # "video": face-ish shapes
            fx, fy = cx + cw // 2, cy + ch // 2
            r = min(cw, ch) // 5
            d.ellipse([fx - r, fy - int(r * 1.3), fx + r, fy + int(r * 0.7)], fill=(rng.randint(170, 230), rng.randint(130, 180), rng.randint(100, 150)))
            d.rectangle([fx - int(r * 1.8), fy + int(r * 0.9), fx + int(r * 1.8), cy + ch - 6], fill=tuple(rng.randint(30, 200) for _ in range(3)))
        else:
            r = min(cw, ch) // 6; fx, fy = cx + cw // 2, cy + ch // 2
            d.ellipse([fx - r, fy - r, fx + r, fy + r], fill=ACCENTS[k % 9])
            ini = "".join(w[0] for w in names[k].split()[:2])
            d.text((fx - r // 2, fy - r // 2), ini, font=F("sansb", r * 0.8), fill=(255, 255, 255))
        lab = names[k] + (f" ({[me, pa][k % 2]['short']})" if rng.random() < 0.5 else "")
        d.rectangle([cx + 8, cy + ch - int(40 * s), cx + 8 + d.textlength(lab, font=F("lib", 16 * s)) + 12, cy + ch - int(12 * s)], fill=(0, 0, 0))
        d.text((cx + 14, cy + ch - int(38 * s)), lab, font=F("lib", 16 * s), fill=(255, 255, 255))
    by = H - bot - int(70 * s)
    for k in range(5):
        x = W // 2 + (k - 2) * int(80 * s)
        d.ellipse([x - int(26 * s), by, x + int(26 * s), by + int(52 * s)], fill=(220, 50, 50) if k == 4 else (70, 72, 80))
    return img

def r_medk(p):
    rng = random.Random(p["seed"]); img, d, T, top, bot = base(p); W, H = img.size; s = p["scale"]
    me, pa = SCHOOLS[p["school"]], SCHOOLS[p["partner"]]; A = p["acc"]
    y = top; hh = int(70 * s)
    d.rectangle([0, y, W, y + hh], fill=(20, 60, 120) if p["theme"] == "light" else (15, 30, 60))
    d.text((int(24 * s), y + int(18 * s)), "ФИС ОКО · ИС МЭДК — Мониторинг электронных дорожных карт", font=F("sansb", 22 * s), fill=(255, 255, 255))
    y += hh + int(20 * s); x0 = int(30 * s)
    d.text((x0, y), "Личный кабинет ОО: " + me["short"], font=F("sansb", 24 * s), fill=T["fg"]); y += int(40 * s)
    d.text((x0, y), rng.choice(["Раздел «Дорожные карты» → Взаимоэкспертиза", "Подтверждающие документы (2 этап)", "Загрузка итогового файла взаимоэкспертизы"]), font=F("lib", 19 * s), fill=T["sub"]); y += int(50 * s)
    cols = ["Документ", "Дата загрузки", "Статус"]
    cw = [0.55, 0.2, 0.25]; tw = W - 2 * x0
    d.rectangle([x0, y, x0 + tw, y + int(44 * s)], fill=T["panel"])
    cx = x0
    for c, w in zip(cols, cw):
        d.text((cx + int(10 * s), y + int(10 * s)), c, font=F("sansb", 18 * s), fill=T["fg"]); cx += int(tw * w)
    y += int(44 * s)
    rows = [f"Рекомендации, полученные от школы-партнёра ({pa['short']})", f"Рекомендации, направленные школе-партнёру ({pa['short']})",
            "Ссылка на видеозапись встречи", "Итоговый файл взаимоэкспертизы", "Концепция развития", "Среднесрочная программа развития",
            "Рисковый профиль", "Антирисковые программы"]
    rows = rows[:4] + rng.sample(rows[4:], rng.randint(0, 3))
    fsz = F("lib", 17 * s)
    for r in rows:
        rh = int(52 * s) if d.textlength(r, font=fsz) < tw * 0.53 else int(80 * s)
        text_block(d, (x0 + int(10 * s), y + int(12 * s)), r, fsz, T["fg"], int(tw * 0.53))
        dd = rand_date(rng, p["step"])
        d.text((x0 + int(tw * 0.55) + int(10 * s), y + int(12 * s)), dstr(dd, 0), font=fsz, fill=T["fg"])
        st, sc = rng.choice([("Загружено", (46, 160, 67)), ("Загружено", (46, 160, 67)), ("На проверке", (230, 140, 0)), ("Принято", (30, 110, 220))])
        bx = x0 + int(tw * 0.75) + int(10 * s)
        d.rounded_rectangle([bx, y + int(8 * s), bx + int(150 * s), y + int(40 * s)], int(12 * s), fill=sc)
        d.text((bx + int(12 * s), y + int(12 * s)), st, font=F("lib", 16 * s), fill=(255, 255, 255))
        y += rh; d.line([x0, y, x0 + tw, y], fill=T["line"], width=1)
        if y > H - bot - int(120 * s): break
    y += int(30 * s)
    d.rounded_rectangle([x0, y, x0 + int(260 * s), y + int(48 * s)], int(6 * s), fill=A)
    d.text((x0 + int(20 * s), y + int(12 * s)), "Загрузить файл", font=F("sansb", 18 * s), fill=(255, 255, 255))
    return img

def r_form(p):
    rng = random.Random(p["seed"]); img, d, T, top, bot = base(p); W, H = img.size; s = p["scale"]
    me, pa = SCHOOLS[p["school"]], SCHOOLS[p["partner"]]; A = p["acc"]
    d.rectangle([0, top, W, top + int(150 * s)], fill=A)
    cw = min(W - int(40 * s), int(900 * s)); x0 = (W - cw) // 2; y = top + int(90 * s)
    d.rounded_rectangle([x0, y, x0 + cw, y + int(520 * s)], int(10 * s), fill=T["panel"], outline=T["line"])
    d.rectangle([x0, y, x0 + cw, y + int(12 * s)], fill=A)
    y += int(40 * s)
    title = rng.choice(["Мониторинг взаимоэкспертизы «500+»", "Подтверждение этапа взаимоэкспертизы", "Анкета: обмен документацией проекта"])
    y = text_block(d, (x0 + int(30 * s), y), title, F("sansb", 30 * s), T["fg"], cw - int(60 * s)) + int(16 * s)
    d.text((x0 + int(30 * s), y), "Ответ отправлен", font=F("sans", 24 * s), fill=T["fg"]); y += int(50 * s)
    y = text_block(d, (x0 + int(30 * s), y), f"Спасибо! Ответ {me['short']} по этапу «{ {'expertise-2': 'Установление контакта со школой-партнёром', 'expertise-3': 'Обмен документацией проекта', 'expertise-4': 'Встреча со школой-партнёром', 'expertise-5': 'Загрузка итогового файла в ЛК ИС МЭДК'}[p['step']]}» записан. Школа-партнёр: {pa['short']}.", F("lib", 19 * s), T["sub"], cw - int(60 * s)) + int(20 * s)
    d.text((x0 + int(30 * s), y), "Отправлено " + dstr(p["date"], 1) + " в " + p["msgtime"], font=F("lib", 17 * s), fill=T["sub"]); y += int(50 * s)
    d.text((x0 + int(30 * s), y), "Отправить ещё один ответ", font=F("lib", 19 * s), fill=A)
    return img

def r_viewer(p):
    rng = random.Random(p["seed"]); img, d, T, top, bot = base(p); W, H = img.size; s = p["scale"]
    me, pa = SCHOOLS[p["school"]], SCHOOLS[p["partner"]]
    doc = rng.choice(DOCS[:7])
    bar = int(56 * s)
    d.rectangle([0, top, W, top + bar], fill=(50, 54, 60))
    d.text((int(16 * s), top + int(14 * s)), f"{doc[:40]}_{pa['short'].replace(' ', '_')}.pdf", font=F("lib", 18 * s), fill=(240, 240, 240))
    d.text((W - int(200 * s), top + int(14 * s)), f"{rng.randint(1, 4)} / {rng.randint(5, 40)}   {rng.choice([75, 100, 125])}%", font=F("lib", 18 * s), fill=(240, 240, 240))
    d.rectangle([0, top + bar, W, H - bot], fill=(82, 86, 89) if p["theme"] == "dark" else (200, 202, 206))
    pw = min(W - int(60 * s), int((H - bot - top - bar) * 0.72)); x0 = (W - pw) // 2; y = top + bar + int(24 * s)
    d.rectangle([x0, y, x0 + pw, H - bot], fill=(255, 255, 255))
    k = pw / 560; y += int(50 * k); xx = x0 + int(60 * k); ww = pw - int(120 * k)
    y = text_block(d, (xx, y), pa["name"].upper(), F("serifb", 15 * k), (0, 0, 0), ww) + int(20 * k)
    y = text_block(d, (xx, y), doc, F("serifb", 24 * k), (0, 0, 0), ww) + int(10 * k)
    y = text_block(d, (xx, y), "на 2022–2023 годы (обновлённая редакция от " + dstr(p["date"], 0) + ")", F("serif", 16 * k), (0, 0, 0), ww) + int(20 * k)
    paras = ["Цель: повышение уровня образовательных результатов обучающихся посредством совершенствования предметно-методологической компетентности педагогов.",
             "Задачи: снижение доли обучающихся с рисками учебной неуспешности; развитие внутришкольной системы повышения квалификации; работа с родителями.",
             "Риск: низкая учебная мотивация обучающихся. Показатель: доля обучающихся с положительной учебной мотивацией.",
             "Сроки реализации: сентябрь 2022 – декабрь 2023. Ответственные: директор, заместитель директора по УВР.",
             "Экспертное заключение школы-партнёра " + me["short"] + ": рекомендовано уточнить индикаторы и сроки мер."]
    rng.shuffle(paras)
    for pr in paras:
        y = text_block(d, (xx, y), pr, F("serif", 15 * k), (20, 20, 20), ww) + int(12 * k)
        if y > H - bot - 40: break
    return img

RENDER = {"email": r_email, "chat": r_chat, "meeting": r_meeting, "medk": r_medk, "form": r_form, "viewer": r_viewer}

def photo_of(img, seed):
    """a phone photo of a monitor showing img"""
    rng = random.Random(seed); W, H = rng.choice([(1600, 1200), (1200, 1600), (2000, 1500)])
    bg = Image.new("RGB", (W, H), tuple(rng.randint(40, 110) for _ in range(3)))
    arr = np.asarray(bg).astype(np.float32)
    yy, xx = np.mgrid[0:H, 0:W]; arr *= (0.7 + 0.3 * (xx / W))[..., None]
    bg = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    d = ImageDraw.Draw(bg)
    # monitor bezel
    mx0, my0 = int(W * 0.06), int(H * 0.1); mx1, my1 = int(W * 0.94), int(H * 0.86)
    src = img.convert("RGB")
    sw, sh = src.size
    j = lambda: rng.randint(-int(W * 0.04), int(W * 0.04))
    quad_dst = [(mx0 + j(), my0 + j()), (mx1 + j(), my0 + j()), (mx1 + j(), my1 + j()), (mx0 + j(), my1 + j())]
    d.polygon([(x - 20, y - 20) if i == 0 else (x + 20, y - 20) if i == 1 else (x + 20, y + 20) if i == 2 else (x - 20, y + 20) for i, (x, y) in enumerate(quad_dst)], fill=(15, 15, 18))
    # perspective: find coeffs mapping dst->src
    def coeffs(dst, srcq):
        M = []
        for (x, y), (u, v) in zip(dst, srcq):
            M.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); M.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b = np.array([c for pt in srcq for c in pt], dtype=float)
        return np.linalg.solve(np.array(M, dtype=float), b)
    c = coeffs(quad_dst, [(0, 0), (sw, 0), (sw, sh), (0, sh)])
    warped = src.transform((W, H), Image.PERSPECTIVE, tuple(c), Image.BILINEAR)
    mask = Image.new("L", (W, H), 0); ImageDraw.Draw(mask).polygon(quad_dst, fill=255)
    bg.paste(warped, (0, 0), mask)
    a = np.asarray(bg).astype(np.float32)
    a = a * rng.uniform(0.8, 0.95) + rng.uniform(5, 25)
    a += np.random.default_rng(seed).normal(0, 6, a.shape)
    glare = np.exp(-(((xx - W * rng.random()) ** 2 + (yy - H * rng.random()) ** 2) / (2 * (W * 0.2) ** 2)))
    a += (glare * 50)[..., None]
    out = Image.fromarray(a.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.4)))
    return out

# ---------------------------------------------------------------- negatives
def off_photo(rng, W, H):
    a = np.zeros((H, W, 3), np.float32); hz = rng.uniform(0.35, 0.65)
    yy, xx = np.mgrid[0:H, 0:W] / np.array([H, W])[:, None, None]
    sky1, sky2 = np.array([rng.randint(60, 140), rng.randint(120, 190), rng.randint(200, 255)]), np.array([230, 230, 240])
    g1 = np.array([rng.randint(30, 90), rng.randint(90, 160), rng.randint(20, 70)])
    t = (yy / hz)[..., None]; a[:] = sky1 * (1 - t) + sky2 * t
    ground = yy > hz + 0.04 * np.sin(xx * rng.uniform(3, 9) + rng.random() * 6)
    a[ground] = g1 * (0.7 + 0.6 * np.random.default_rng(rng.randint(0, 9999)).random(ground.sum()))[:, None] * 0 + g1
    a += np.random.default_rng(rng.randint(0, 9999)).normal(0, 10, a.shape)
    img = Image.fromarray(a.clip(0, 255).astype(np.uint8)); d = ImageDraw.Draw(img)
    sx, sy, r = rng.randint(0, W), int(H * hz * rng.uniform(0.2, 0.7)), rng.randint(W // 20, W // 8)
    d.ellipse([sx - r, sy - r, sx + r, sy + r], fill=(255, 240, 180))
    for _ in range(rng.randint(3, 12)):  # trees
        tx = rng.randint(0, W); ty = int(H * (hz + rng.uniform(0.02, 0.3))); th = rng.randint(H // 10, H // 4)
        d.rectangle([tx - 8, ty - th // 3, tx + 8, ty], fill=(80, 50, 30))
        d.polygon([(tx, ty - th), (tx - th // 3, ty - th // 3), (tx + th // 3, ty - th // 3)], fill=(20, rng.randint(70, 120), 30))
    return img.filter(ImageFilter.GaussianBlur(1.2))

def off_meme(rng, W, H):
    img = off_photo(rng, W, H) if rng.random() < 0.5 else Image.new("RGB", (W, H), tuple(rng.randint(0, 255) for _ in range(3)))
    d = ImageDraw.Draw(img)
    if rng.random() < 0.6:
        cx, cy, r = W // 2, H // 2, min(W, H) // 4
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(250, 200, 60))
        d.ellipse([cx - r // 2, cy - r // 3, cx - r // 4, cy], fill=(0, 0, 0)); d.ellipse([cx + r // 4, cy - r // 3, cx + r // 2, cy], fill=(0, 0, 0))
        d.arc([cx - r // 2, cy, cx + r // 2, cy + r // 2], 0, 180, fill=(0, 0, 0), width=8)
    top, botm = rng.choice([("КОГДА ПЯТНИЦА", "А ЗАВТРА СУББОТА"), ("Я И МОЙ КОТ", "ПОСЛЕ ОТПУСКА"), ("НИКТО:", "АБСОЛЮТНО НИКТО:"), ("ОЖИДАНИЕ", "РЕАЛЬНОСТЬ")])
    f = F("sansb", W // 12)
    for txt, y in ((top, H // 20), (botm, H - H // 20 - f.size)):
        tw = d.textlength(txt, font=f); x = (W - tw) / 2
        d.text((x, y), txt, font=f, fill=(255, 255, 255), stroke_width=max(2, W // 250), stroke_fill=(0, 0, 0))
    return img

def off_app(rng, W, H, kind):
    theme = rng.choice(["light", "dark"]); T = THEMES[theme]
    img = Image.new("RGB", (W, H), T["bg"]); d = ImageDraw.Draw(img); s = W / 1080 if W < H else W / 1600
    A = rng.choice(ACCENTS)
    d.rectangle([0, 0, W, int(90 * s)], fill=A)
    titles = {"weather": "Погода — Москва", "shop": "Маркетплейс: скидки недели", "game": "Три в ряд — уровень 47",
              "recipe": "Рецепт: борщ по-домашнему", "news": "Новости спорта", "calc": "Калькулятор", "music": "Музыка — Моя волна",
              "bank": "Мобильный банк", "map": "Карты — маршрут", "taxi": "Такси — заказ", "cinema": "Кино: афиша"}
    d.text((int(30 * s), int(24 * s)), titles[kind], font=F("sansb", 34 * s), fill=(255, 255, 255))
    y = int(130 * s)
    if kind == "weather":
        d.text((int(40 * s), y), f"+{rng.randint(3, 18)}°", font=F("sansb", 200 * s), fill=T["fg"]); y += int(260 * s)
        for k in range(7):
            d.text((int(40 * s), y), ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"][k] + f"   облачно   +{rng.randint(1, 15)}° / {rng.randint(-5, 5)}°", font=F("sans", 34 * s), fill=T["fg"]); y += int(70 * s)
    elif kind in ("shop", "cinema"):
        cw = int(W / 2.2)
        for k in range(6):
            x = int(30 * s) + (k % 2) * (cw + int(30 * s)); yy = y + (k // 2) * int(cw * 1.2)
            d.rounded_rectangle([x, yy, x + cw, yy + int(cw * 0.8)], 14, fill=tuple(rng.randint(60, 230) for _ in range(3)))
            d.text((x, yy + int(cw * 0.82)), (f"{rng.randint(199, 9999)} ₽  " + rng.choice(["Кроссовки", "Чайник", "Наушники", "Куртка"])) if kind == "shop" else rng.choice(["Сеанс 19:40", "Премьера", "3D 21:15"]), font=F("sansb", 30 * s), fill=T["fg"])
    elif kind == "game":
        n = 8; cs = (W - int(60 * s)) // n
        for i in range(n):
            for j in range(n):
                c = ACCENTS[rng.randrange(6)]
                d.ellipse([int(30 * s) + i * cs + 6, y + j * cs + 6, int(30 * s) + (i + 1) * cs - 6, y + (j + 1) * cs - 6], fill=c)
        d.text((int(30 * s), y + n * cs + 20), f"Очки: {rng.randint(1000, 99999)}   Ходы: {rng.randint(1, 30)}", font=F("sansb", 40 * s), fill=T["fg"])
    elif kind == "calc":
        d.text((W - int(500 * s), y), str(rng.randint(1000, 999999)), font=F("sans", 120 * s), fill=T["fg"]); y += int(250 * s)
        bw = (W - int(60 * s)) // 4
        for k, ch in enumerate("789÷456×123−0,=+"):
            x = int(30 * s) + (k % 4) * bw; yy = y + (k // 4) * bw
            d.ellipse([x + 10, yy + 10, x + bw - 10, yy + bw - 10], fill=A if ch in "÷×−+=" else T["panel"])
            d.text((x + bw // 2 - 20 * s, yy + bw // 2 - 30 * s), ch, font=F("sans", 60 * s), fill=T["fg"])
    elif kind == "map":
        a = np.full((H, W, 3), 235, np.uint8); img = Image.fromarray(a); d = ImageDraw.Draw(img)
        for _ in range(40):
            d.line([(rng.randint(0, W), rng.randint(0, H)), (rng.randint(0, W), rng.randint(0, H))], fill=(255, 255, 255), width=rng.randint(6, 20))
        for _ in range(8):
            x, yy = rng.randint(0, W), rng.randint(0, H); d.rectangle([x, yy, x + rng.randint(40, 300), yy + rng.randint(40, 300)], fill=(200, 230, 200))
        pts = [(rng.randint(0, W), rng.randint(0, H)) for _ in range(5)]; d.line(pts, fill=(30, 120, 255), width=14)
        d.rectangle([0, H - int(220 * s), W, H], fill=(255, 255, 255))
        d.text((int(30 * s), H - int(190 * s)), f"{rng.randint(5, 59)} мин · {rng.randint(2, 40)} км  Маршрут на машине", font=F("sansb", 36 * s), fill=(20, 20, 20))
    else:
        lines = {"recipe": ["Свёкла — 2 шт.", "Капуста — 300 г", "Картофель — 3 шт.", "Морковь, лук", "Варить 40 минут", "Подавать со сметаной"],
                 "news": ["Футбол: итоги тура", "Хоккей: КХЛ, результаты матчей", "Теннис: финал турнира", "Биатлон: старт сезона", "Баскетбол: Единая лига"],
                 "music": ["Трек 1 — Исполнитель", "Трек 2 — Группа", "Плейлист дня", "Подкасты", "Новые релизы", "Слушать дальше"],
                 "bank": [f"Баланс: {rng.randint(100, 99999)},{rng.randint(10, 99)} ₽", "Перевод по номеру телефона", "Кешбэк за октябрь", "Платежи: ЖКХ", "История операций"],
                 "taxi": ["Откуда: ул. Ленина, 12", "Куда: ТЦ «Галерея»", f"Эконом · {rng.randint(150, 900)} ₽", "Комфорт", "Заказать"]}[kind]
        for l in lines:
            d.rounded_rectangle([int(30 * s), y, W - int(30 * s), y + int(110 * s)], 16, fill=T["panel"])
            d.text((int(60 * s), y + int(30 * s)), l, font=F("sans", 38 * s), fill=T["fg"]); y += int(140 * s)
    return img

# ---------------------------------------------------------------- build
items = []   # dicts with data bytes, key for ordering
def enc(img, fmt, q=None):
    b = io.BytesIO()
    if fmt == "png": img.save(b, "PNG")
    elif fmt == "jpg": img.convert("RGB").save(b, "JPEG", quality=q or 90)
    elif fmt == "pdf": img.convert("RGB").save(b, "PDF", resolution=100)
    return b.getvalue()
MIME = {"png": "image/png", "jpg": "image/jpeg", "pdf": "application/pdf"}

STEP_KINDS = {"expertise-2": ["email", "email", "chat", "chat", "form"], "expertise-3": ["email", "chat", "viewer", "viewer", "form"],
              "expertise-4": ["meeting", "meeting", "meeting", "chat", "form"], "expertise-5": ["medk", "medk", "medk", "form", "email"]}
import datetime
def make_params(rng, school, step, kind, seed):
    dev = rng.choice(["phone", "phone", "laptop", "laptop", "tablet"]) if kind != "chat" else rng.choice(["phone", "phone", "phone", "tablet"])
    if kind in ("medk", "viewer") and dev == "phone" and rng.random() < 0.6: dev = "laptop"
    size = rng.choice(RES[dev]); W, H = size
    scale = (W / 1080 * (1.0 if kind in ("chat", "meeting") else 1.5)) if dev == "phone" else (min(W, H) / 900 if dev == "laptop" else min(W, H) / 1100)
    date = rand_date(rng, step)
    clk = f"{rng.randint(8, 21)}:{rng.randint(0, 59):02d}"
    return dict(seed=seed, school=school, partner=SCHOOLS[school]["partner"], step=step, kind=kind, dev=dev, size=size,
                scale=scale, theme=rng.choice(["light", "light", "dark", "warm"]), acc=rng.choice(ACCENTS), date=date,
                clock=clk, date_s=date.strftime("%d.%m.%Y"), msgtime=f"{rng.randint(8, 17)}:{rng.randint(0, 59):02d}",
                batt=rng.randint(15, 100), taskdark=rng.random() < 0.5)

genuine = []
steps = list(DEADLINE)
seed = 1000
for i in range(85):
    school = i % 30 if i < 60 else R.randrange(30)
    step = steps[(i // 30 + i) % 4] if i < 60 else R.choice(steps)
    kind = R.choice(STEP_KINDS[step])
    seed += 1
    p = make_params(R, school, step, kind, seed)
    img = RENDER[kind](p)
    fam = "g_" + kind
    if i % 12 == 5:  # phone photo of a screen
        if p["dev"] == "phone":
            p = make_params(random.Random(seed), school, step, kind, seed); p.update(dev="laptop", size=(1366, 768), scale=768 / 900)
            img = RENDER[kind](p)
        img = photo_of(img, seed); fam = "g_photo_" + kind; fmt = "jpg"
    else:
        fmt = R.choice(["png", "png", "png", "jpg"]) if i % 17 != 3 else "pdf"
        if fmt == "pdf": fam = "g_pdf_" + kind
    it = dict(img=img, params=p, data=enc(img, fmt, q=R.randint(80, 95)), ext=fmt, school=school, step=step,
              expected="ok", family=fam, copy_of=None, key=float(len(items)) * 1.0, lineage=len(items))
    items.append(it); genuine.append(it)

# negatives
neg_specs = (["blank"] * 6 + ["tiny"] * 5 + ["corrupt"] * 5 + ["mislabel"] * 5 + ["photo"] * 4 + ["meme"] * 4 +
             ["weather", "shop", "game", "recipe", "news", "calc", "music", "bank", "map", "taxi", "cinema"])
R.shuffle(neg_specs)
for j, kind in enumerate(neg_specs):
    rng = random.Random(5000 + j); school = rng.randrange(30); step = rng.choice(steps)
    dev = rng.choice(["phone", "laptop", "tablet"]); W, H = rng.choice(RES[dev])
    ext = "png"; data = None; img = None; mime = None
    if kind == "blank":
        v = rng.choice([(255, 255, 255), (0, 0, 0), (245, 245, 247), (30, 32, 38), (200, 210, 230), "noise"])
        if v == "noise":
            a = np.full((H, W, 3), 240, np.float32) + np.random.default_rng(j).normal(0, 2, (H, W, 3))
            img = Image.fromarray(a.clip(0, 255).astype(np.uint8))
        else:
            img = Image.new("RGB", (W, H), v)
        ext = rng.choice(["png", "jpg"])
    elif kind == "tiny":
        tw, th = rng.choice([(48, 32), (64, 64), (90, 40), (120, 60), (32, 57)])
        g = random.choice(genuine) if False else genuine[rng.randrange(len(genuine))]
        p2 = dict(g["params"]); p2["seed"] = 9000 + j  # re-render fresh, then shrink: independent lineage
        img = RENDER[p2["kind"]](p2).resize((tw, th), Image.LANCZOS); ext = rng.choice(["png", "jpg"])
    elif kind == "corrupt":
        g = genuine[rng.randrange(len(genuine))]; p2 = dict(g["params"]); p2["seed"] = 9100 + j
        im = RENDER[p2["kind"]](p2); ext = rng.choice(["png", "jpg", "pdf"])
        full = enc(im, ext)
        mode = j % 3
        if mode == 0: data = full[: len(full) // rng.randint(3, 8)]
        elif mode == 1:
            b = bytearray(full); st = len(b) // 4
            for k in range(st, st + 4000): b[k] = rng.randrange(256)
            b = b[: len(b) // 2]; data = bytes(b)
        else: data = bytes(rng.randrange(256) for _ in range(20000))
    elif kind == "mislabel":
        mis_i = globals().setdefault("_mis", [0]); mis_i[0] += 1
        ext, data = ([
            ("png", "<!DOCTYPE html><html><head><title>Ошибка 404</title></head><body>Страница не найдена</body></html>".encode()),
            ("jpg", ("Скриншот будет позже, извините. " * 40).encode("utf-8")),
            ("pdf", b"PK\x03\x04\x14\x00\x06\x00" + bytes(rng.randrange(256) for _ in range(6000))),
            ("png", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(rng.randrange(256) for _ in range(8000))),
            ("jpg", b"GIF89a" + bytes(rng.randrange(256) for _ in range(3000))),
            ("pdf", "Рекомендации школе-партнёру.docx (текст без PDF)".encode() * 30)])[mis_i[0] % 6]
    elif kind == "photo":
        img = off_photo(rng, *rng.choice([(1600, 1200), (1200, 1600), (4032 // 2, 3024 // 2)])); ext = "jpg"
    elif kind == "meme":
        img = off_meme(rng, *rng.choice([(800, 800), (1080, 1080), (960, 720)])); ext = rng.choice(["jpg", "png"])
    else:
        img = off_app(rng, *((1080, 2400) if rng.random() < 0.6 else (1920, 1080)), kind); ext = rng.choice(["png", "jpg"])
    if data is None: data = enc(img, ext)
    fam = {"blank": "n_blank", "tiny": "n_tiny", "corrupt": "n_corrupt", "mislabel": "n_mislabel", "photo": "n_photo", "meme": "n_meme"}.get(kind, "n_app_" + kind)
    items.append(dict(img=img, data=data, ext=ext, school=school, step=step, expected="suspicious", family=fam,
                      copy_of=None, key=R.uniform(0, 85), lineage=len(items)))

# copies: another school (often the partner) or another step
COPY_KINDS = ["exact", "resize", "jpeg", "crop", "corner", "bright", "contrast", "clock", "resize_jpeg", "crop_jpeg"]
pool = [g for g in genuine[:70] if g["ext"] != "pdf"]
orig_used = R.sample(pool, 25)
for k, g in enumerate(orig_used):
    ck = COPY_KINDS[k % len(COPY_KINDS)]
    if ck == "clock" and g["family"].startswith("g_photo"): ck = "resize"
    img = g["img"]; ext = g["ext"]; rng = random.Random(7000 + k)
    if ck == "exact": im2 = img; ext = rng.choice(["png", "jpg"]) if ext == "png" else ext
    elif ck == "resize": im2 = img.resize((int(img.width * 0.7), int(img.height * 0.7)), Image.LANCZOS)
    elif ck == "jpeg": im2 = img; ext = "jpg"
    elif ck in ("crop", "crop_jpeg"):
        dx, dy = int(img.width * rng.uniform(0.01, 0.04)), int(img.height * rng.uniform(0.01, 0.04))
        im2 = img.crop((dx, dy, img.width - int(img.width * 0.02), img.height - dy)); ext = "jpg" if ck == "crop_jpeg" else ext
    elif ck == "corner":
        im2 = img.copy(); dd = ImageDraw.Draw(im2); cw, chh = int(img.width * 0.15), int(img.height * 0.08)
        dd.rectangle([img.width - cw, img.height - chh, img.width, img.height], fill=(250, 250, 250))
        dd.text((img.width - cw + 10, img.height - chh + 10), "СОШ", font=F("sansb", chh // 3), fill=(200, 0, 0))
    elif ck == "bright": im2 = ImageEnhance.Brightness(img).enhance(rng.choice([0.9, 1.1]))
    elif ck == "contrast": im2 = ImageEnhance.Contrast(img).enhance(rng.choice([0.88, 1.12]))
    elif ck == "clock":
        p2 = dict(g["params"]); h, m = map(int, p2["clock"].split(":")); m = (m + rng.randint(3, 40)) % 60
        p2["clock"] = f"{h}:{m:02d}"; p2["batt"] = max(5, p2["batt"] - 7); im2 = RENDER[p2["kind"]](p2)
    elif ck == "resize_jpeg": im2 = img.resize((int(img.width * 0.6), int(img.height * 0.6)), Image.BILINEAR); ext = "jpg"
    if ck == "exact" and ext == g["ext"]:
        data = g["data"]
    else:
        data = enc(im2, ext, q=rng.choice([55, 70, 85]))
    other_step = rng.random() < 0.3
    if other_step:
        school = g["school"]; step = rng.choice([s_ for s_ in steps if s_ != g["step"]])
    else:
        school = SCHOOLS[g["school"]]["partner"] if rng.random() < 0.5 else rng.choice([x for x in range(30) if x != g["school"]])
        step = g["step"]
    items.append(dict(img=im2, data=data, ext=ext, school=school, step=step, expected="suspicious", family="c_" + ck,
                      copy_of=g, key=g["key"] + rng.uniform(0.5, 30), lineage=g["lineage"]))

# same-school same-step re-sends
rest = [g for g in genuine if g not in orig_used and g["ext"] != "pdf"]
for k, g in enumerate(R.sample(rest, 5)):
    rng = random.Random(8000 + k); mode = ["exact", "jpeg", "resize", "exact", "jpeg"][k]
    if mode == "exact": data, ext, im2 = g["data"], g["ext"], g["img"]
    elif mode == "jpeg": im2, ext = g["img"], "jpg"; data = enc(im2, "jpg", q=75)
    else: im2 = g["img"].resize((int(g["img"].width * 0.8), int(g["img"].height * 0.8)), Image.LANCZOS); ext = g["ext"]; data = enc(im2, ext, q=85)
    items.append(dict(img=im2, data=data, ext=ext, school=g["school"], step=g["step"], expected="ok", family="r_" + mode,
                      copy_of=g, key=g["key"] + rng.uniform(0.5, 20), lineage=g["lineage"]))

# ---------------------------------------------------------------- write
items.sort(key=lambda x: x["key"])
shutil.rmtree(OUT, ignore_errors=True); os.makedirs(OUT)
for n, it in enumerate(items, 1):
    it["name"] = f"out/s{n:03d}.{it['ext']}"
    with open(os.path.join(HERE, it["name"]), "wb") as f: f.write(it["data"])
labels = [dict(file=it["name"], mime=MIME[it["ext"]], school=it["school"], step=it["step"], expected=it["expected"],
               family=it["family"], copy_of=it["copy_of"]["name"] if it["copy_of"] else None) for it in items]
for it in items:
    assert it["copy_of"] is None or items.index(it["copy_of"]) < items.index(it)
json.dump(labels, open(os.path.join(HERE, "labels.json"), "w"), ensure_ascii=False, indent=1)
json.dump({str(i): {"name": s["name"], "partner": s["partner"]} for i, s in enumerate(SCHOOLS)},
          open(os.path.join(HERE, "schools.json"), "w"), ensure_ascii=False, indent=1)
json.dump({it["name"]: it["lineage"] for it in items}, open(os.path.join(HERE, "lineage.json"), "w"), indent=0)
print(len(items), "files")
