#!/usr/bin/env python3
"""Held-out set 4 for the screenshot checker (500+ взаимоэкспертиза, Краснодарский край, 2022).

Deterministic: all randomness is seeded; PDFs get a fixed creation date.
Writes out/sNNN.<ext>, labels.json and schools.json next to this script.
Only the standard library, Pillow and numpy are used.
"""
import datetime as dt
import io
import json
import math
import os
import random
import shutil
import time
import zipfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageEnhance, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
SEED = 4_500_2022

# ----------------------------------------------------------------------------- fonts
FONT_ROOT = "/usr/share/fonts/truetype"
_FONT_FILES = {
    "sans": ["liberation/LiberationSans-Regular.ttf", "dejavu/DejaVuSans.ttf"],
    "sansb": ["liberation/LiberationSans-Bold.ttf", "dejavu/DejaVuSans-Bold.ttf"],
    "dv": ["dejavu/DejaVuSans.ttf"],
    "dvb": ["dejavu/DejaVuSans-Bold.ttf"],
    "cond": ["liberation/LiberationSansNarrow-Regular.ttf", "dejavu/DejaVuSansCondensed.ttf"],
    "condb": ["liberation/LiberationSansNarrow-Bold.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"],
    "serif": ["liberation/LiberationSerif-Regular.ttf", "dejavu/DejaVuSerif.ttf"],
    "serifb": ["liberation/LiberationSerif-Bold.ttf", "dejavu/DejaVuSerif-Bold.ttf"],
    "serifi": ["liberation/LiberationSerif-Italic.ttf", "dejavu/DejaVuSerif-Italic.ttf"],
    "mono": ["liberation/LiberationMono-Regular.ttf", "dejavu/DejaVuSansMono.ttf"],
    "light": ["dejavu/DejaVuSans-ExtraLight.ttf", "dejavu/DejaVuSans.ttf"],
}
_font_cache = {}


def F(kind, size):
    key = (kind, int(size))
    if key not in _font_cache:
        f = None
        for rel in _FONT_FILES[kind] + ["dejavu/DejaVuSans.ttf"]:
            p = os.path.join(FONT_ROOT, rel)
            if os.path.exists(p):
                f = ImageFont.truetype(p, int(size))
                break
        if f is None:
            f = ImageFont.load_default()
        _font_cache[key] = f
    return _font_cache[key]


# ----------------------------------------------------------------------------- drawing helpers
def tw(d, s, f):
    return d.textlength(s, font=f)


def wrap(d, s, f, maxw):
    out = []
    for para in s.split("\n"):
        words = para.split(" ")
        cur = ""
        for w in words:
            t = (cur + " " + w).strip()
            if tw(d, t, f) <= maxw or not cur:
                cur = t
            else:
                out.append(cur)
                cur = w
        out.append(cur)
    return out


def para(d, x, y, s, f, fill, maxw, lh=None):
    lh = lh or int(f.size * 1.4)
    for line in wrap(d, s, f, maxw):
        d.text((x, y), line, font=f, fill=fill)
        y += lh
    return y


def rr(d, box, r, fill=None, outline=None, width=1):
    d.rounded_rectangle(box, radius=r, fill=fill, outline=outline, width=width)


def initials(name):
    p = name.replace(".", " ").split()
    return (p[0][0] + (p[1][0] if len(p) > 1 else "")).upper()


def avatar(d, cx, cy, r, label, color, fg="white"):
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=color)
    f = F("sansb", int(r * 0.8))
    w = tw(d, label, f)
    d.text((cx - w / 2, cy - r * 0.5), label, font=f, fill=fg)


def ctext(d, cx, y, s, f, fill):
    d.text((cx - tw(d, s, f) / 2, y), s, font=f, fill=fill)


def battery(d, x, y, h, fg, level=0.7):
    w = int(h * 2)
    d.rectangle((x, y, x + w, y + h), outline=fg, width=max(1, h // 8))
    d.rectangle((x + w, y + h * 0.3, x + w + h * 0.15, y + h * 0.7), fill=fg)
    d.rectangle((x + 3, y + 3, x + 3 + (w - 6) * level, y + h - 3), fill=fg)


def signal(d, x, y, h, fg):
    for i in range(4):
        bh = h * (i + 1) / 4
        d.rectangle((x + i * h * 0.35, y + h - bh, x + i * h * 0.35 + h * 0.22, y + h), fill=fg)


MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря"]
MONTHS_SHORT = ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
WD_SHORT = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
WD_LONG = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"]


def d_long(t):
    return f"{t.day} {MONTHS_GEN[t.month - 1]} {t.year} г."


def d_dm(t):
    return f"{t.day} {MONTHS_GEN[t.month - 1]}"


def d_num(t):
    return t.strftime("%d.%m.%Y")


def hm(t):
    return t.strftime("%H:%M")


# ----------------------------------------------------------------------------- domain
STEPS = ["expertise-2", "expertise-3", "expertise-4", "expertise-5"]
# regional (Krasnodar) windows from seed 000: contact до 23.09, exchange до 29.09,
# meeting до 19.10, final upload to ЛК ИС МЭДК до 26.10 (partner info given by 15.09)
WINDOWS = {
    "expertise-2": (dt.datetime(2022, 9, 15), dt.datetime(2022, 9, 23)),
    "expertise-3": (dt.datetime(2022, 9, 19), dt.datetime(2022, 9, 29)),
    "expertise-4": (dt.datetime(2022, 10, 3), dt.datetime(2022, 10, 19)),
    "expertise-5": (dt.datetime(2022, 10, 17), dt.datetime(2022, 10, 26)),
}

# (type, number, honoree, settlement, district, e-mail, phone)
SCHOOL_ROWS = [
    ("МБОУ СОШ", 3, "им. А.С. Пушкина", "ст. Кущевской", "Кущевский район", "school3@kush.kubannet.ru"),
    ("МБОУ СОШ", 12, None, "ст. Каневской", "Каневской район", "sch12_kan@mail.ru"),
    ("МАОУ СОШ", 7, "им. П.И. Кузнецова", "г. Тихорецка", "Тихорецкий район", "tih-school7@yandex.ru"),
    ("МБОУ ООШ", 21, None, "х. Красный Курган", "Лабинский район", "oosh21@lab.kubannet.ru"),
    ("МБОУ СОШ", 9, None, "пос. Мостовского", "Мостовский район", "mostschool9@mail.ru"),
    ("МБОУ СОШ", 15, "им. Героя Советского Союза Н.А. Бурлуцкого", "ст. Отрадной", "Отрадненский район", "otr15@otr.kubannet.ru"),
    ("МБОУ СОШ", 4, None, "ст. Староминской", "Староминский район", "school4-star@yandex.ru"),
    ("МБОУ СОШ", 18, None, "с. Белая Глина", "Белоглинский район", "belglina18@mail.ru"),
    ("МКОУ ООШ", 28, None, "пос. Восточного", "Курганинский район", "oosh28kurg@mail.ru"),
    ("МБОУ СОШ", 2, "им. И.В. Кривоногова", "г. Апшеронска", "Апшеронский район", "aps-sch2@aps.kubannet.ru"),
    ("МБОУ СОШ", 31, None, "ст. Ленинградской", "Ленинградский район", "len31@len.kubannet.ru"),
    ("МБОУ СОШ", 6, "им. Н.Ф. Ватутина", "ст. Брюховецкой", "Брюховецкий район", "bruh6@mail.ru"),
    ("МБОУ СОШ", 11, None, "ст. Павловской", "Павловский район", "pavl11@pavl.kubannet.ru"),
    ("МБОУ СОШ", 5, None, "ст. Крыловской", "Крыловский район", "kryl-school5@yandex.ru"),
    ("МБОУ СОШ", 14, None, "ст. Новопокровской", "Новопокровский район", "np14school@mail.ru"),
    ("МАОУ СОШ", 8, None, "г. Гулькевичи", "Гулькевичский район", "gul8@gul.kubannet.ru"),
    ("МБОУ СОШ", 19, None, "ст. Казанской", "Кавказский район", "kaz19@kvk.kubannet.ru"),
    ("МБОУ СОШ", 10, "им. В.М. Мартыненко", "пос. Прогресс", "Новокубанский район", "progress10@mail.ru"),
    ("МБОУ СОШ", 23, None, "ст. Воронежской", "Усть-Лабинский район", "ul23voronezh@yandex.ru"),
    ("МБОУ СОШ", 36, None, "ст. Старомышастовской", "Динской район", "din36@din.kubannet.ru"),
    ("МБОУ СОШ", 13, None, "ст. Гривенской", "Калининский район", "griv13@mail.ru"),
    ("МБОУ СОШ", 25, None, "х. Прикубанского", "Славянский район", "slav25@slav.kubannet.ru"),
    ("МБОУ ООШ", 40, None, "ст. Старонижестеблиевской", "Красноармейский район", "oosh40krasn@mail.ru"),
    ("МБОУ СОШ", 20, None, "пос. Ахтанизовского", "Темрюкский район", "temr20@yandex.ru"),
    ("МБОУ СОШ", 33, "им. Г.Т. Беседина", "ст. Холмской", "Абинский район", "abin33@abin.kubannet.ru"),
    ("МБОУ СОШ", 16, None, "с. Мерчанского", "Крымский район", "krym16@mail.ru"),
    ("МБОУ СОШ", 44, None, "пгт Афипского", "Северский район", "sev44@sev.kubannet.ru"),
    ("МБОУ СОШ", 22, None, "с. Небуг", "Туапсинский район", "tuaps22@mail.ru"),
    ("МБОУ СОШ", 26, None, "с. Коноково", "Успенский район", "usp26@usp.kubannet.ru"),
    ("МБОУ СОШ", 7, "им. Ф.Т. Передерия", "ст. Старощербиновской", "Щербиновский район", "sherb7@mail.ru"),
]

SURN_M = ["Иванов", "Коваленко", "Ткаченко", "Бондаренко", "Петров", "Шевченко", "Литвинов", "Кравченко",
          "Мельников", "Гончаренко", "Савченко", "Руденко", "Сидоренко", "Зайцев", "Пономарёв", "Яковенко",
          "Дорошенко", "Белоусов", "Чернов", "Остапенко", "Лысенко", "Кузьменко", "Горбунов", "Марченко"]
SURN_F = ["Иванова", "Коваленко", "Ткаченко", "Бондаренко", "Петрова", "Шевченко", "Литвинова", "Кравченко",
          "Мельникова", "Гончаренко", "Савченко", "Руденко", "Сидоренко", "Зайцева", "Пономарёва", "Яковенко",
          "Дорошенко", "Белоусова", "Чернова", "Остапенко", "Лысенко", "Кузьменко", "Горбунова", "Марченко"]
NAME_F = ["Ирина", "Елена", "Наталья", "Светлана", "Татьяна", "Ольга", "Марина", "Людмила", "Галина",
          "Анна", "Оксана", "Юлия", "Валентина", "Надежда", "Лариса", "Виктория"]
NAME_M = ["Сергей", "Александр", "Виктор", "Андрей", "Николай", "Владимир", "Олег", "Дмитрий", "Игорь"]
PATR_F = ["Петровна", "Ивановна", "Николаевна", "Сергеевна", "Викторовна", "Александровна", "Владимировна",
          "Анатольевна", "Юрьевна", "Геннадьевна", "Васильевна"]
PATR_M = ["Петрович", "Иванович", "Николаевич", "Сергеевич", "Викторович", "Александрович", "Юрьевич"]


class School:
    pass


def build_schools(rng):
    schools = []
    for i, (typ, num, hon, settl, distr, mail) in enumerate(SCHOOL_ROWS):
        s = School()
        s.i = i
        s.typ, s.num, s.hon, s.settl, s.distr, s.mail = typ, num, hon, settl, distr, mail
        s.name = f"{typ} № {num}" + (f" {hon}" if hon else "") + f" {settl}"
        s.short = f"{typ} № {num} {settl}"
        s.tiny = f"СОШ №{num} {settl.split(' ', 1)[1]}" if "СОШ" in typ else f"ООШ №{num} {settl.split(' ', 1)[1]}"
        s.code = f"23{rng.randint(100000, 999999)}"
        s.phone = f"+7 (861{rng.randint(30, 69)}) {rng.randint(2, 7)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
        s.mobile = f"+7 9{rng.randint(18, 89)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
        people = []
        while len(people) < 4:
            if len(people) in (0, 3) and rng.random() < 0.35:
                n = (rng.choice(SURN_M), rng.choice(NAME_M), rng.choice(PATR_M))
            else:
                n = (rng.choice(SURN_F), rng.choice(NAME_F), rng.choice(PATR_F))
            if any(n[0][:5] == q[0][:5] or n[1:] == q[1:] for q in people):
                continue
            people.append(n)
        s.director = people[0]
        s.deputy = people[1]
        s.teacher = people[2]
        s.teacher2 = people[3]
        s.color = tuple(rng.randint(40, 200) for _ in range(3))
        schools.append(s)
    order = list(range(len(schools)))
    rng.shuffle(order)
    for a, b in zip(order[0::2], order[1::2]):
        schools[a].partner = b
        schools[b].partner = a
    return schools


def fio_short(p):
    return f"{p[0]} {p[1][0]}.{p[2][0]}."


def fio_io(p):
    return f"{p[1]} {p[2]}"


def fio_full(p):
    return f"{p[0]} {p[1]} {p[2]}"


# ----------------------------------------------------------------------------- step texts
SUBJECTS = {
    "expertise-2": ["Взаимоэкспертиза документов «500+»: знакомство",
                    "Школа-партнёр по взаимоэкспертизе — установление контакта",
                    "500+ Взаимоэкспертиза. Контактные данные"],
    "expertise-3": ["Пакет документов для взаимоэкспертизы",
                    "Обмен документацией проекта 500+ (обновлённые документы)",
                    "Документы школы: РПШ, концепция, программа развития"],
    "expertise-4": ["Приглашение на онлайн-встречу по взаимоэкспертизе",
                    "Встреча со школой-партнёром (ВКС)",
                    "Онлайн-встреча: обсуждение вызовов и рекомендаций"],
    "expertise-5": ["Формы рекомендаций по итогам взаимоэкспертизы",
                    "Рекомендации школе-партнёру (итоговый файл)",
                    "Итоговые формы экспертизы для ИС МЭДК"],
}

DOCS = ["Рисковый_профиль", "Концепция_развития", "Среднесрочная_программа_развития",
        "Антирисковая_программа_1", "Антирисковая_программа_2", "Антирисковые_программы"]


def body_text(c, sender, recip, who):
    st = c["step"]
    m, p = c[sender], c[recip]
    role = "директор" if who == m.director else "заместитель директора"
    t = c["date"]
    if st == "expertise-2":
        txt = (f"Добрый день, уважаемые коллеги!\n"
               f"Меня зовут {fio_io(who)} {who[0]}, я {role} {m.short} ({m.distr}). "
               f"По распределению для взаимоэкспертизы документов проекта «500+» наша школа определена "
               f"партнёром {p.short}.\n"
               f"Предлагаем согласовать схему взаимодействия: обмен пакетами документов по электронной почте"
               f"{' до 29.09' if c['rng'].random() < 0.3 else ''}, затем онлайн-встречу. "
               f"Наши контакты: {m.mail}, тел. {m.phone}.\n"
               f"Будем рады сотрудничеству!")
    elif st == "expertise-3":
        txt = (f"Здравствуйте, коллеги из {p.short}!\n"
               f"Направляем пакет обновлённых документов {m.short} для взаимоэкспертизы: рисковый профиль, "
               f"концепцию развития, среднесрочную программу развития и антирисковые программы. "
               f"Просим подтвердить получение и выслать ваш пакет на адрес {m.mail}.\n"
               + ("Предзаполненные формы рекомендаций направим до 07.10." if c["rng"].random() < 0.3 else
                  "Предзаполненные формы рекомендаций направим после изучения документов."))
    elif st == "expertise-4":
        w = t + dt.timedelta(days=c["rng"].randint(1, 3))
        if w > WINDOWS[st][1]:
            w = WINDOWS[st][1]
        txt = (f"Уважаемые коллеги!\n"
               f"Приглашаем команду {p.short} на онлайн-встречу по обсуждению результатов взаимоэкспертизы "
               f"{d_dm(w)} в 14:00 (МСК).\n"
               f"Ссылка для подключения: https://telemost.yandex.ru/j/{c['rng'].randint(10**13, 10**14 - 1)}\n"
               f"Повестка: вызовы, выявленные при анализе документов; рекомендации по рисковым факторам; "
               f"порядок обмена формами.")
    else:
        txt = (f"Добрый день!\n"
               f"Направляем заполненные формы рекомендаций по итогам взаимоэкспертизы документов "
               f"{p.short}. Итоговый файл размещён нами в ЛК ИС МЭДК {d_num(t)}.\n"
               f"Просим также выслать рекомендации, сформулированные для {m.short}, — их нужно загрузить "
               f"в ИС МЭДК до 26.10.")
    sign = f"\n\nС уважением,\n{fio_full(who)}\n{m.short}\n{m.phone}"
    return txt + sign


def attachments(c, owner):
    st = c["step"]
    s = c[owner]
    tag = f"СОШ{s.num}" if "СОШ" in s.typ else f"ООШ{s.num}"
    r = c["rng"]
    if st == "expertise-3":
        k = r.sample(DOCS, 4)
        return [(f"{d}_{tag}.{r.choice(['pdf', 'pdf', 'docx'])}", f"{r.randint(180, 4900)} КБ") for d in k]
    if st == "expertise-5":
        return [(f"Рекомендации_{tag}_для_партнера.docx", f"{r.randint(40, 300)} КБ"),
                (f"Форма_экспертизы_{tag}.pdf", f"{r.randint(200, 900)} КБ")]
    if st == "expertise-4" and r.random() < 0.3:
        return [(f"Повестка_встречи_{tag}.docx", f"{r.randint(20, 60)} КБ")]
    return []


# ----------------------------------------------------------------------------- renderers
def win_taskbar(img, t, dark=True):
    d = ImageDraw.Draw(img)
    W, H = img.size
    bh = 40
    d.rectangle((0, H - bh, W, H), fill=(32, 36, 44) if dark else (232, 236, 242))
    fg = (235, 235, 235) if dark else (30, 30, 30)
    # start button
    for k in range(4):
        x = 14 + (k % 2) * 10
        y = H - bh + 10 + (k // 2) * 10
        d.rectangle((x, y, x + 8, y + 8), fill=(80, 160, 230))
    for k, col in enumerate([(250, 200, 60), (60, 120, 220), (220, 80, 60), (80, 180, 120)]):
        d.rectangle((70 + k * 46, H - bh + 9, 92 + k * 46, H - 9), fill=col)
    f = F("sans", 13)
    ctext(d, W - 50, H - bh + 4, hm(t), f, fg)
    ctext(d, W - 50, H - bh + 21, d_num(t), f, fg)


def browser_chrome(img, url, tab, theme=0):
    d = ImageDraw.Draw(img)
    W = img.size[0]
    bg = [(222, 225, 230), (53, 54, 58), (240, 240, 244)][theme]
    fg = (20, 20, 20) if theme != 1 else (230, 230, 230)
    d.rectangle((0, 0, W, 74), fill=bg)
    tabc = (255, 255, 255) if theme != 1 else (80, 82, 86)
    rr(d, (8, 6, 260, 36), 8, fill=tabc)
    d.text((36, 13), tab[:30], font=F("sans", 13), fill=fg)
    d.ellipse((16, 14, 30, 28), fill=(200, 80, 60))
    rr(d, (266, 10, 420, 34), 8, fill=bg)
    d.text((280, 13), "Новая вкладка", font=F("sans", 13), fill=(120, 120, 120))
    rr(d, (110, 40, W - 120, 68), 14, fill=tabc if theme != 1 else (40, 41, 44))
    d.text((132, 46), url, font=F("sans", 14), fill=fg)
    for k in range(3):
        d.text((20 + k * 28, 42), "←→↻"[k], font=F("dv", 16), fill=fg)
    return 74


def r_webmail(c):
    """Web mail client with one open letter (sent to or received from the partner)."""
    r = c["rng"]
    W, H = r.choice([(1366, 768), (1440, 900), (1280, 800), (1536, 864)])
    style = r.randint(0, 2)
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    sent = r.random() < 0.55
    me, pa = c["me"], c["pa"]
    sender, recip = ("me", "pa") if sent else ("pa", "me")
    S, Rc = c[sender], c[recip]
    t = c["date"].replace(hour=r.randint(8, 16), minute=r.randint(0, 59))
    host = {0: "e.mail.ru", 1: "mail.yandex.ru", 2: "mail.kubannet.ru"}[style]
    top = browser_chrome(img, f"https://{host}/{'sent' if sent else 'inbox'}/{r.randint(10**8, 10**9)}",
                         "Почта" if style != 1 else "Входящие — Почта", theme=r.choice([0, 0, 2]))
    taskbar = r.random() < 0.6
    bottom = H - (40 if taskbar else 0)
    accent = [(0, 95, 249), (252, 63, 29), (0, 120, 112)][style]
    # header bar
    d.rectangle((0, top, W, top + 56), fill=[(248, 248, 250), (255, 255, 255), accent][style])
    logo = ["Почта", "Почта", "Kubannet Mail"][style]
    d.text((24, top + 14), logo, font=F("sansb", 24), fill=accent if style != 2 else "white")
    rr(d, (260, top + 12, W - 320, top + 44), 8, fill=(236, 237, 240))
    d.text((278, top + 19), "Поиск по почте", font=F("sans", 15), fill=(140, 140, 140))
    avatar(d, W - 40, top + 28, 17, initials(me.deputy[1] + " " + me.deputy[0]), me.color)
    d.text((W - 300, top + 19), me.mail, font=F("sans", 14),
           fill=(60, 60, 60) if style != 2 else "white")
    # folders
    y0 = top + 56
    d.rectangle((0, y0, 220, bottom), fill=(246, 247, 249))
    rr(d, (16, y0 + 14, 200, y0 + 52), 10, fill=accent)
    ctext(d, 108, y0 + 23, "Написать письмо", F("sansb", 15), "white")
    folders = [("Входящие", r.randint(3, 40)), ("Отправленные", None), ("Черновики", None),
               ("Спам", r.randint(0, 9)), ("Корзина", None), ("500+", None)]
    yy = y0 + 72
    for name, n in folders:
        act = (name == "Отправленные" and sent) or (name == "Входящие" and not sent)
        if act:
            d.rectangle((0, yy - 6, 220, yy + 24), fill=(225, 232, 247))
        d.text((28, yy), name, font=F("sansb" if act else "sans", 15), fill=(30, 30, 30))
        if n:
            d.text((180, yy), str(n), font=F("sans", 13), fill=(120, 120, 120))
        yy += 34
    # letter
    x = 250
    y = y0 + 22
    subj = r.choice(SUBJECTS[c["step"]])
    if not sent and r.random() < 0.5:
        subj = "Re: " + subj
    d.text((x, y), subj, font=F("sansb", 22), fill=(20, 20, 20))
    y += 44
    sp = S.deputy if r.random() < 0.7 else S.director
    avatar(d, x + 20, y + 20, 20, initials(sp[1] + " " + sp[0]), S.color)
    d.text((x + 52, y), f"{fio_full(sp)}", font=F("sansb", 15), fill=(20, 20, 20))
    d.text((x + 52 + tw(d, fio_full(sp), F("sansb", 15)) + 10, y + 1), f"<{S.mail}>", font=F("sans", 14),
           fill=(100, 100, 100))
    dates = [f"{t.day} {MONTHS_SHORT[t.month - 1]} {t.year}, {hm(t)}", f"{d_num(t)} {hm(t)}",
             f"{WD_SHORT[t.weekday()]}, {t.day} {MONTHS_GEN[t.month - 1]}, {hm(t)}"]
    ds = r.choice(dates)
    d.text((W - 60 - tw(d, ds, F("sans", 14)), y), ds, font=F("sans", 14), fill=(110, 110, 110))
    d.text((x + 52, y + 22), f"Кому: {Rc.mail}" + (f"  ({Rc.short})" if r.random() < 0.5 else ""),
           font=F("sans", 14), fill=(90, 90, 90))
    y += 64
    d.line((x, y, W - 40, y), fill=(230, 230, 230))
    y += 18
    fsz = r.choice([15, 16, 16, 17])
    y = para(d, x, y, body_text(c, sender, recip, sp), F("sans", fsz), (25, 25, 25), W - x - 80)
    atts = attachments(c, sender)
    if atts:
        y += 10
        d.text((x, y), f"{len(atts)} файл{'а' if 1 < len(atts) < 5 else ''}", font=F("sansb", 14),
               fill=(90, 90, 90))
        y += 26
        ax = x
        for nm, sz in atts:
            wbox = max(200, int(tw(d, nm, F("sans", 13))) + 60)
            if ax + wbox > W - 40:
                ax = x
                y += 64
            rr(d, (ax, y, ax + wbox, y + 54), 8, outline=(210, 210, 215), fill=(250, 250, 252))
            ext = nm.rsplit(".", 1)[1]
            d.rectangle((ax + 8, y + 9, ax + 38, y + 45), fill=(215, 60, 50) if ext == "pdf" else (40, 90, 200))
            ctext(d, ax + 23, y + 20, ext.upper()[:3], F("sansb", 9), "white")
            d.text((ax + 46, y + 9), nm, font=F("sans", 13), fill=(30, 30, 30))
            d.text((ax + 46, y + 29), sz, font=F("sans", 12), fill=(130, 130, 130))
            ax += wbox + 12
    if taskbar:
        win_taskbar(img, t + dt.timedelta(minutes=r.randint(1, 50)))
    return img


OTHER_MAIL = [
    ("Министерство образования, науки и молодёжной политики КК", "О мониторинге ЛК ИС МЭДК"),
    ("ГБОУ ИРО Краснодарского края", "Вебинар проекта 500+ в четверг, 10:00 МСК"),
    ("Управление образования", "Сведения о заполнении РПШ — срочно"),
    ("ФИОКО. Проект 500+", "Материалы еженедельного вебинара"),
    ("Дневник.ру", "Еженедельный отчёт по классу"),
    ("Сферум", "Новые возможности учебных чатов"),
    ("Госуслуги", "Уведомление о входе в аккаунт"),
    ("Куратор 500+", "Напоминание: подтверждающие скриншоты"),
    ("ЦОКО", "График проведения ВПР (перенос)"),
    ("Яндекс Учебник", "Подборка заданий на неделю"),
]


def r_mail_list(c):
    """Inbox / sent list where the letter to or from the partner is visible."""
    r = c["rng"]
    W, H = r.choice([(1366, 768), (1600, 900), (1280, 1024)])
    img = Image.new("RGB", (W, H), (250, 250, 250))
    d = ImageDraw.Draw(img)
    me, pa = c["me"], c["pa"]
    sent = r.random() < 0.4
    top = browser_chrome(img, "https://mail.yandex.ru/?uid=" + str(r.randint(10**9, 10**10)) +
                         ("#sent" if sent else "#inbox"), "Яндекс Почта", theme=r.choice([0, 1]))
    accent = (255, 204, 0)
    d.rectangle((0, top, W, top + 60), fill="white")
    d.text((24, top + 14), "Почта", font=F("sansb", 26), fill=(30, 30, 30))
    rr(d, (200, top + 10, W - 280, top + 48), 10, fill=(240, 240, 240))
    d.text((220, top + 19), "Найти письма, файлы…", font=F("sans", 16), fill=(150, 150, 150))
    d.text((W - 260, top + 20), me.mail, font=F("sans", 15), fill=(40, 40, 40))
    y0 = top + 60
    d.rectangle((0, y0, 230, H), fill=(245, 245, 245))
    rr(d, (16, y0 + 14, 214, y0 + 54), 10, fill=accent)
    ctext(d, 115, y0 + 24, "Написать", F("sansb", 16), (20, 20, 20))
    yy = y0 + 78
    for name in ["Входящие", "Отправленные", "Удалённые", "Спам", "Черновики", "Взаимоэкспертиза"]:
        act = (name == "Отправленные") == sent and name in ("Входящие", "Отправленные")
        if act:
            rr(d, (8, yy - 6, 222, yy + 24), 8, fill=(255, 240, 190))
        d.text((28, yy), name, font=F("sansb" if act else "sans", 16), fill=(30, 30, 30))
        yy += 36
    # rows
    t = c["date"]
    rows = []
    n = (H - y0 - 20) // 46
    target = r.randint(1, min(4, n - 2))
    times = sorted([t + dt.timedelta(minutes=r.randint(5, 420)) for _ in range(target)], reverse=True) + [t]
    cur = t
    while len(times) < n:
        cur = cur - dt.timedelta(minutes=r.randint(60, 60 * 30))
        times.append(cur)
    sent_to = ["uo@kanevskaya.kubannet.ru", "iro@iro23.ru", "kurator500@mail.ru", "buh-school@mail.ru",
               "metod-kabinet@yandex.ru", "roditeli7a@mail.ru"]
    for k in range(n):
        tt = times[k]
        if k == target:
            who = (f"Кому: {pa.mail}" if sent else f"{fio_short(pa.deputy)} ({pa.tiny})")
            subj = r.choice(SUBJECTS[c["step"]])
            snip = f"— {pa.short}" if sent else f"— {pa.short}: {r.choice(['подтверждаем', 'направляем', 'добрый день'])}"
            bold = not sent
            clip = c["step"] in ("expertise-3", "expertise-5")
        else:
            o = r.choice(OTHER_MAIL)
            who, subj, snip = o[0], o[1], ""
            if sent:
                who = "Кому: " + r.choice(sent_to)
                subj = r.choice(["Отчёт", "Информация по запросу", "Re: " + o[1], "Сведения", "План на неделю"])
            bold = (not sent) and r.random() < 0.3
            clip = r.random() < 0.3
        rows.append((who, subj, snip, tt, bold, clip, k == target))
    # keep chronological: the first rows are the newest
    yy = y0 + 10
    for (who, subj, snip, tt, bold, clip, hit) in rows:
        if hit and r.random() < 0.5:
            d.rectangle((231, yy - 4, W, yy + 40), fill=(255, 249, 222))
        d.rectangle((250, yy + 10, 264, yy + 24), outline=(170, 170, 170))
        fw = F("sansb" if bold else "sans", 15)
        d.text((280, yy + 8), who[:38], font=fw, fill=(20, 20, 20))
        d.text((620, yy + 8), subj, font=fw, fill=(20, 20, 20))
        room = W - 170 - (620 + tw(d, subj, fw) + 8)
        while snip and tw(d, snip, F("sans", 15)) > room:
            snip = snip[:-2].rstrip() + "…" if len(snip) > 3 else ""
            if snip.endswith("……"):
                snip = snip[:-1]
        d.text((620 + tw(d, subj, fw) + 8, yy + 8), snip, font=F("sans", 15), fill=(140, 140, 140))
        if clip:
            d.rounded_rectangle((W - 146, yy + 8, W - 138, yy + 28), radius=4, outline=(110, 110, 110), width=2)
            d.line((W - 142, yy + 12, W - 142, yy + 24), fill=(110, 110, 110), width=1)
        ds = f"{tt.day} {MONTHS_SHORT[tt.month - 1]}" if tt.date() != c["date"].date() else hm(tt)
        if r.random() < 0.3:
            ds = d_num(tt)
        d.text((W - 40 - tw(d, ds, F("sans", 14)), yy + 8), ds, font=F("sans", 14), fill=(100, 100, 100))
        d.line((240, yy + 42, W, yy + 42), fill=(235, 235, 235))
        yy += 46
    return img


def phone_status(d, W, t, bg, fg, scale):
    h = int(36 * scale)
    d.rectangle((0, 0, W, h), fill=bg)
    f = F("sansb", int(17 * scale))
    d.text((int(22 * scale), int(8 * scale)), hm(t), font=f, fill=fg)
    signal(d, W - int(110 * scale), int(11 * scale), int(15 * scale), fg)
    battery(d, W - int(58 * scale), int(11 * scale), int(15 * scale), fg, 0.3 + 0.6 * ((t.minute % 7) / 7))
    return h, (0, 0, int(100 * scale), h), bg, fg, f, (int(22 * scale), int(8 * scale))


CHAT_STYLES = {
    "tg": dict(bg=(204, 222, 190), head=(82, 136, 193), headfg="white", out=(239, 253, 222), inn="white",
               meta=(110, 160, 100), name="Telegram"),
    "wa": dict(bg=(236, 229, 221), head=(7, 94, 84), headfg="white", out=(220, 248, 198), inn="white",
               meta=(120, 120, 120), name="WhatsApp"),
    "vk": dict(bg=(255, 255, 255), head=(255, 255, 255), headfg=(0, 0, 0), out=(204, 228, 255), inn=(235, 237, 240),
               meta=(130, 140, 150), name="VK"),
    "max": dict(bg=(20, 22, 28), head=(30, 33, 40), headfg="white", out=(60, 90, 200), inn=(45, 48, 56),
                meta=(150, 150, 160), name="dark"),
}


def chat_script(c):
    r = c["rng"]
    me, pa = c["me"], c["pa"]
    st = c["step"]
    tag = f"СОШ{me.num}" if "СОШ" in me.typ else f"ООШ{me.num}"
    ptag = f"СОШ{pa.num}" if "СОШ" in pa.typ else f"ООШ{pa.num}"
    if st == "expertise-2":
        return [
            ("out", f"Добрый день! Меня зовут {fio_io(me.deputy)}, заместитель директора {me.short}. "
                    f"Нас определили в пару для взаимоэкспертизы документов по проекту 500+."),
            ("out", f"Ваш адрес {pa.mail} нам дали в министерстве. Удобно ли будет общаться здесь?"),
            ("in", f"Здравствуйте, {fio_io(me.deputy)}! Да, {pa.short} на связи, очень приятно)"),
            ("in", f"Я {fio_io(pa.deputy)}, курирую проект у нас. Давайте обмен документами сделаем "
                   + ("до 29.09" if r.random() < 0.3 else "на следующей неделе")),
            ("out", "Договорились! Тогда наши документы пришлём на почту, а встречу проведём онлайн."),
        ]
    if st == "expertise-3":
        return [
            ("out", f"Коллеги, направляем пакет документов {me.short} для взаимоэкспертизы"),
            ("file", (f"Концепция_развития_{tag}.pdf", f"{r.uniform(0.4, 3.9):.1f} МБ")),
            ("file", (f"Среднесрочная_программа_{tag}.docx", f"{r.randint(90, 900)} КБ")),
            ("file", (f"Рисковый_профиль_{tag}.pdf", f"{r.randint(100, 700)} КБ")),
            ("in", "Получили, спасибо! Наши документы отправляем ответным сообщением"),
            ("fin", (f"Антирисковые_программы_{ptag}.zip", f"{r.uniform(1.1, 6.0):.1f} МБ")),
            ("in", f"Это документы {pa.short}, все обновлённые"),
        ]
    if st == "expertise-4":
        return [
            ("in", f"{fio_io(me.deputy)}, добрый день! Подтверждаем встречу сегодня в 14:00 МСК"),
            ("out", "Добрый! Да, ссылку прислали:"),
            ("out", f"https://telemost.yandex.ru/j/{r.randint(10**13, 10**14 - 1)}"),
            ("in", f"Подключаемся всей командой {pa.short}: директор, замы, куратор"),
            ("out", "Спасибо за встречу! Рекомендации очень полезные, запись сохранили!"),
            ("in", "И вам спасибо! Формы рекомендаций дозаполним и пришлём"),
        ]
    return [
        ("in", f"Направляем итоговые формы рекомендаций для {me.short}"),
        ("fin", (f"Рекомендации_для_{tag}.docx", f"{r.randint(40, 300)} КБ")),
        ("out", "Получили. Наши рекомендации для вас:"),
        ("file", (f"Форма_экспертизы_рекомендации_{ptag}.pdf", f"{r.randint(200, 900)} КБ")),
        ("out", "Всё загрузили в ЛК ИС МЭДК, статус «Загружено»"),
        ("in", "Мы тоже разместили в ИС МЭДК. Спасибо за совместную работу!"),
    ]


def r_chat(c, kind=None):
    r = c["rng"]
    kind = kind or r.choice(["tg", "tg", "wa", "vk", "max"])
    S = CHAT_STYLES[kind]
    W, H = r.choice([(720, 1560), (720, 1600), (1080, 2340), (750, 1334)])
    sc = W / 720
    img = Image.new("RGB", (W, H), S["bg"])
    d = ImageDraw.Draw(img)
    me, pa = c["me"], c["pa"]
    t = c["date"].replace(hour=r.randint(9, 17), minute=r.randint(0, 59))
    shot_t = t + dt.timedelta(minutes=r.randint(3, 200))
    dark = kind == "max"
    y = int(36 * sc)
    hh = int(96 * sc)
    d.rectangle((0, y, W, y + hh), fill=S["head"])
    if kind == "vk":
        d.line((0, y + hh, W, y + hh), fill=(220, 220, 220), width=2)
    d.text((int(18 * sc), y + int(28 * sc)), "←", font=F("dv", int(30 * sc)), fill=S["headfg"])
    contact = r.choice([f"{fio_short(pa.deputy)} {pa.tiny}", f"{pa.tiny} ({pa.deputy[1]})",
                        f"{fio_io(pa.deputy)} зам.дир.", f"Взаимоэкспертиза {me.tiny} + {pa.tiny}"])
    group = contact.startswith("Взаимо")
    avatar(d, int(100 * sc), y + hh // 2, int(30 * sc), initials(pa.deputy[1] + " " + pa.deputy[0]), pa.color)
    nf = F("sansb", int(24 * sc))
    while tw(d, contact, nf) > W - int(240 * sc) and len(contact) > 10:
        contact = contact[:-2]
    d.text((int(145 * sc), y + int(16 * sc)), contact, font=nf, fill=S["headfg"])
    sub = "4 участника" if group else r.choice(["был(а) недавно", "в сети", pa.mobile])
    d.text((int(145 * sc), y + int(52 * sc)), sub, font=F("sans", int(18 * sc)),
           fill=S["headfg"] if kind != "vk" else (120, 120, 120))
    y += hh + int(20 * sc)
    # date chip
    chip = d_dm(t) if r.random() < 0.7 else f"{d_dm(t)} {t.year}"
    cf = F("sansb", int(18 * sc))
    cw = tw(d, chip, cf)
    rr(d, (W / 2 - cw / 2 - 14 * sc, y, W / 2 + cw / 2 + 14 * sc, y + 34 * sc), int(16 * sc),
       fill=(0, 0, 0, 60) if False else ((160, 190, 150) if kind == "tg" else (220, 220, 226) if not dark else (60, 63, 70)))
    ctext(d, W / 2, y + 6 * sc, chip, cf, (255, 255, 255) if kind == "tg" or dark else (80, 80, 80))
    y += int(56 * sc)
    mf = F("sans", int(22 * sc))
    tf = F("sans", int(15 * sc))
    msgs = chat_script(c)
    mt = t
    maxw = int(W * 0.72)
    for side, body in msgs:
        mt = mt + dt.timedelta(minutes=r.randint(1, 25))
        out = side in ("out", "file")
        col = S["out"] if out else S["inn"]
        txtcol = (255, 255, 255) if dark else (20, 20, 20)
        if side in ("file", "fin"):
            nm, sz = body
            bw = min(maxw, int(tw(d, nm, F("sans", int(19 * sc)))) + int(120 * sc))
            bh = int(88 * sc)
            x0 = W - bw - int(16 * sc) if out else int(16 * sc)
            if y + bh > H - int(120 * sc):
                break
            rr(d, (x0, y, x0 + bw, y + bh), int(18 * sc), fill=col)
            d.ellipse((x0 + 12 * sc, y + 14 * sc, x0 + 72 * sc, y + 74 * sc),
                      fill=(82, 136, 193) if kind != "wa" else (200, 70, 60))
            ctext(d, x0 + 42 * sc, y + 30 * sc, "↓", F("dvb", int(24 * sc)), "white")
            d.text((x0 + 84 * sc, y + 14 * sc), nm, font=F("sans", int(19 * sc)), fill=txtcol)
            d.text((x0 + 84 * sc, y + 46 * sc), sz, font=tf, fill=S["meta"])
            d.text((x0 + bw - 60 * sc, y + bh - 24 * sc), hm(mt), font=tf, fill=S["meta"])
            y += bh + int(10 * sc)
            continue
        lines = wrap(d, body, mf, maxw - int(40 * sc))
        lh = int(30 * sc)
        bw = max(int(tw(d, ln, mf)) for ln in lines) + int(36 * sc)
        bw = max(bw, int(130 * sc))
        bh = lh * len(lines) + int(40 * sc)
        if y + bh > H - int(120 * sc):
            break
        x0 = W - bw - int(16 * sc) if out else int(16 * sc)
        rr(d, (x0, y, x0 + bw, y + bh), int(18 * sc), fill=col)
        yy = y + int(10 * sc)
        for ln in lines:
            d.text((x0 + 18 * sc, yy), ln, font=mf, fill=txtcol if "https" not in ln else (40, 100, 200))
            yy += lh
        stamp = hm(mt) + (" ✓✓" if out else "")
        d.text((x0 + bw - tw(d, stamp, F("dv", int(14 * sc))) - 14 * sc, y + bh - 24 * sc), stamp,
               font=F("dv", int(14 * sc)), fill=S["meta"])
        y += bh + int(10 * sc)
    # input bar
    ib = int(90 * sc)
    d.rectangle((0, H - ib, W, H), fill=(255, 255, 255) if not dark else (30, 33, 40))
    rr(d, (int(70 * sc), H - ib + 16 * sc, W - int(90 * sc), H - 16 * sc), int(28 * sc),
       fill=(240, 240, 240) if not dark else (50, 53, 60))
    d.text((int(92 * sc), H - ib + 30 * sc), "Сообщение", font=F("sans", int(21 * sc)), fill=(150, 150, 150))
    d.ellipse((W - 76 * sc, H - ib + 16 * sc, W - 18 * sc, H - 16 * sc), fill=S["head"] if kind != "vk" else (0, 119, 255))
    shot_t = max(shot_t, mt + dt.timedelta(minutes=r.randint(1, 90)))
    c["statusbar"] = phone_status(d, W, shot_t, S["head"], S["headfg"], sc)
    return img


def r_call_log(c):
    """Phone recents: calls with the partner school (step 2, agreed by phone)."""
    r = c["rng"]
    W, H = r.choice([(720, 1520), (1080, 2280)])
    sc = W / 720
    img = Image.new("RGB", (W, H), (250, 250, 250))
    d = ImageDraw.Draw(img)
    me, pa = c["me"], c["pa"]
    t = c["date"].replace(hour=r.randint(9, 16), minute=r.randint(0, 59))
    shot = t + dt.timedelta(hours=r.randint(0, 30))
    c["statusbar"] = phone_status(d, W, shot, (250, 250, 250), (20, 20, 20), sc)
    y = int(60 * sc)
    d.text((int(30 * sc), y), "Недавние", font=F("sansb", int(40 * sc)), fill=(20, 20, 20))
    y += int(80 * sc)
    rr(d, (int(24 * sc), y, W - int(24 * sc), y + 56 * sc), int(28 * sc), fill=(235, 235, 238))
    d.text((int(50 * sc), y + 14 * sc), "Поиск контактов", font=F("sans", int(22 * sc)), fill=(130, 130, 130))
    y += int(90 * sc)
    entries = []
    base = shot
    others = ["Мама", "Бухгалтерия УО", "+7 918 " + str(r.randint(100, 999)) + "-11-" + str(r.randint(10, 99)),
              "Куратор Ольга Н.", "Завхоз", "Директор", "ИРО Краснодар", "Такси", "Ольга (родком 7А)"]
    pa_name = r.choice([f"{pa.tiny} {pa.deputy[1]} {pa.deputy[2]}", f"{pa.deputy[0]} {pa.deputy[1]} ({pa.tiny})",
                        f"Школа-партнёр {pa.tiny}"])
    plan = []
    for k in range(11):
        plan.append(None)
    hit = sorted(r.sample(range(1, 9), 2))
    cur = base
    for k in range(11):
        if k in hit:
            tc = t - dt.timedelta(minutes=(k - hit[0]) * r.randint(25, 200))
            if tc.hour < 8:
                tc = tc.replace(hour=8, minute=r.randint(5, 55))
            plan[k] = (pa_name, tc, True)
        else:
            cur = cur - dt.timedelta(minutes=r.randint(40, 900))
            if cur.hour < 7:
                cur = cur.replace(hour=r.randint(18, 21), minute=r.randint(0, 59)) - dt.timedelta(days=1)
            plan[k] = (r.choice(others), cur, False)
    plan.sort(key=lambda e: e[1], reverse=True)
    lastday = None
    for name, tt, ishit in plan:
        if y > H - 140 * sc:
            break
        if lastday != tt.date():
            lastday = tt.date()
            d.text((int(30 * sc), y), f"{d_dm(tt)}" + (f", {WD_LONG[tt.weekday()]}" if r.random() < 0.5 else ""),
                   font=F("sansb", int(19 * sc)), fill=(110, 110, 110))
            y += int(44 * sc)
        avatar(d, int(62 * sc), y + 34 * sc, int(30 * sc),
               initials("".join(ch for ch in name if ch.isalpha() or ch == " ")) if name[0] != "+" else "#",
               pa.color if ishit else (150, 160, 170))
        d.text((int(112 * sc), y + 8 * sc), name[:34], font=F("sans", int(23 * sc)), fill=(20, 20, 20))
        kind = r.choice(["Исходящий", "Входящий"]) if ishit else r.choice(["Исходящий", "Входящий", "Пропущенный"])
        dur = f", {r.randint(2, 14)} мин {r.randint(0, 59)} с" if ishit else ""
        d.text((int(112 * sc), y + 40 * sc), f"{kind}{dur} · {pa.phone if ishit else 'мобильный'}",
               font=F("sans", int(17 * sc)), fill=(120, 120, 120) if kind != "Пропущенный" else (210, 50, 50))
        d.text((W - 110 * sc, y + 20 * sc), hm(tt), font=F("sans", int(19 * sc)), fill=(110, 110, 110))
        y += int(86 * sc)
    d.rectangle((0, H - 110 * sc, W, H), fill=(244, 244, 246))
    for k, lab in enumerate(["Избранное", "Недавние", "Контакты", "Клавиатура"]):
        ctext(d, W * (k + 0.5) / 4, H - 60 * sc, lab, F("sans", int(17 * sc)),
              (20, 110, 230) if k == 1 else (120, 120, 120))
    return img


def r_meeting(c, kind=None):
    """Video meeting with people from both schools."""
    r = c["rng"]
    kind = kind or r.choice(["zoom", "telemost", "sferum"])
    W, H = r.choice([(1600, 900), (1366, 768), (1920, 1080), (1280, 720)])
    me, pa = c["me"], c["pa"]
    dark = kind in ("zoom", "sferum")
    bg = {"zoom": (26, 26, 26), "telemost": (240, 242, 245), "sferum": (25, 32, 48)}[kind]
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    t = c["date"].replace(hour=r.choice([10, 11, 13, 14, 14, 15]), minute=r.randint(0, 59))
    fg = (235, 235, 235) if dark else (25, 25, 25)
    # title bar
    title = r.choice([f"Взаимоэкспертиза: {me.tiny} — {pa.tiny}",
                      f"Встреча со школой-партнёром {pa.short}",
                      f"500+ взаимоэкспертиза {d_num(t)}",
                      f"Обсуждение рекомендаций {me.tiny} и {pa.tiny}"])
    d.rectangle((0, 0, W, 44), fill=tuple(max(0, v - 12) for v in bg) if dark else (255, 255, 255))
    d.text((20, 11), title, font=F("sansb", 17), fill=fg)
    brand = {"zoom": "Zoom Meeting", "telemost": "Яндекс Телемост", "sferum": "Сферум · звонок"}[kind]
    d.text((W - tw(d, brand, F("sans", 15)) - 20, 13), brand, font=F("sans", 15), fill=(150, 150, 150))
    # participants
    ppl = []
    for s in (me, pa):
        ppl.append((s.director, s))
        ppl.append((s.deputy, s))
        if r.random() < 0.6:
            ppl.append((s.teacher, s))
        if r.random() < 0.3:
            ppl.append((s.teacher2, s))
    r.shuffle(ppl)
    # local user first sometimes
    n = len(ppl)
    cols = 3 if n <= 6 else 4
    rows_ = math.ceil(n / cols)
    bar = 78
    gx0, gy0, gx1, gy1 = 16, 56, W - (16 if r.random() < 0.6 else 330), H - bar - 10
    side = gx1 < W - 100
    cw = (gx1 - gx0 - (cols - 1) * 10) / cols
    ch = (gy1 - gy0 - (rows_ - 1) * 10) / rows_
    speaking = r.randrange(n)
    for k, (p, s) in enumerate(ppl):
        cx = gx0 + (k % cols) * (cw + 10)
        cy = gy0 + (k // cols) * (ch + 10)
        tile = (60, 64, 72) if dark else (214, 220, 228)
        if r.random() < 0.55:
            # "camera": a simple room scene
            rr(d, (cx, cy, cx + cw, cy + ch), 10, fill=tuple(min(255, v + r.randint(20, 70)) for v in tile))
            wallc = tuple(r.randint(150, 230) for _ in range(3))
            d.rectangle((cx + 4, cy + 4, cx + cw - 4, cy + ch * 0.62), fill=wallc)
            px, py = cx + cw / 2 + r.randint(-40, 40), cy + ch * 0.55
            d.ellipse((px - ch * 0.13, py - ch * 0.36, px + ch * 0.13, py - ch * 0.06), fill=(224, 186, 160))
            d.pieslice((px - ch * 0.28, py - ch * 0.02, px + ch * 0.28, py + ch * 0.5), 180, 360,
                       fill=tuple(r.randint(20, 160) for _ in range(3)))
            d.ellipse((px - ch * 0.14, py - ch * 0.40, px + ch * 0.14, py - ch * 0.22),
                      fill=tuple(r.randint(30, 120) for _ in range(3)))
        else:
            rr(d, (cx, cy, cx + cw, cy + ch), 10, fill=tile)
            avatar(d, cx + cw / 2, cy + ch / 2 - 8, min(cw, ch) * 0.18, initials(p[1] + " " + p[0]), s.color)
        if k == speaking:
            rr(d, (cx, cy, cx + cw, cy + ch), 10, outline=(80, 200, 90) if kind != "telemost" else (255, 200, 0), width=4)
        label = r.choice([f"{fio_short(p)} ({s.tiny})", f"{p[1]} {p[2]} — {s.tiny}", f"{s.tiny} {p[0]}"])
        lf = F("sans", 15 if W > 1300 else 13)
        lw = tw(d, label, lf)
        while lw > cw - 20 and len(label) > 8:
            label = label[:-2]
            lw = tw(d, label + "…", lf)
        rr(d, (cx + 8, cy + ch - 34, cx + 20 + lw, cy + ch - 8), 6, fill=(0, 0, 0) if dark else (255, 255, 255))
        d.text((cx + 14, cy + ch - 31), label, font=lf, fill=(240, 240, 240) if dark else (20, 20, 20))
    if side:
        sx = gx1 + 16
        d.rectangle((sx - 6, 44, W, H - bar), fill=(38, 38, 40) if dark else (255, 255, 255))
        d.text((sx + 8, 60), f"Участники ({n})", font=F("sansb", 17), fill=fg)
        yy = 96
        for p, s in sorted(ppl, key=lambda e: e[1].i):
            if yy > H - bar - 40:
                break
            avatar(d, sx + 22, yy + 14, 14, initials(p[1] + " " + p[0]), s.color)
            d.text((sx + 46, yy + 2), f"{fio_short(p)}", font=F("sans", 14), fill=fg)
            d.text((sx + 46, yy + 19), s.short[:34], font=F("sans", 12), fill=(150, 150, 150))
            yy += 44
    # toolbar
    d.rectangle((0, H - bar, W, H), fill=(18, 18, 18) if kind == "zoom" else (255, 255, 255) if kind == "telemost" else (16, 22, 36))
    labels = ["Микрофон", "Камера", "Участники", "Чат", "Демонстрация", "Запись"]
    for k, lab in enumerate(labels):
        x = W / 2 + (k - len(labels) / 2 + 0.5) * 110
        d.ellipse((x - 16, H - bar + 10, x + 16, H - bar + 42), fill=(70, 70, 75) if dark else (228, 230, 235))
        ctext(d, x, H - bar + 48, lab, F("sans", 12), fg)
    rr(d, (W - 150, H - bar + 20, W - 20, H - bar + 58), 10, fill=(225, 50, 50))
    ctext(d, W - 85, H - bar + 29, "Выйти", F("sansb", 15), "white")
    dur = f"{r.randint(0, 1):02d}:{r.randint(5, 59):02d}:{r.randint(0, 59):02d}"
    if r.random() < 0.7:
        d.text((20, H - bar + 14), f"● REC  {dur}" if kind == "zoom" else f"Запись идёт {dur}", font=F("dv", 15),
               fill=(230, 70, 60))
    d.text((20, H - bar + 42), f"{d_num(t)} {hm(t)}", font=F("sans", 14), fill=(150, 150, 150))
    return img


def r_cloud(c):
    """Cloud folder shared with the partner (step 3)."""
    r = c["rng"]
    W, H = r.choice([(1440, 900), (1366, 768), (1600, 1000)])
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    me, pa = c["me"], c["pa"]
    t = c["date"].replace(hour=r.randint(8, 17), minute=r.randint(0, 59))
    top = browser_chrome(img, "https://disk.yandex.ru/client/disk/Взаимоэкспертиза_500", "Диск", theme=0)
    d.rectangle((0, top, W, top + 58), fill=(255, 255, 255))
    d.text((24, top + 14), "Диск", font=F("sansb", 26), fill=(30, 30, 30))
    d.line((0, top + 58, W, top + 58), fill=(230, 230, 230))
    y0 = top + 58
    d.rectangle((0, y0, 240, H), fill=(247, 247, 247))
    for k, lab in enumerate(["Последние", "Файлы", "Фото", "Общий доступ", "Корзина"]):
        act = lab == "Файлы"
        d.text((30, y0 + 24 + k * 40), lab, font=F("sansb" if act else "sans", 16), fill=(30, 30, 30))
    x = 270
    folder = r.choice(["Взаимоэкспертиза 500+", f"Документы {me.tiny} для {pa.tiny}", "500+ обмен документами"])
    d.text((x, y0 + 20), f"Файлы › {folder}", font=F("sansb", 22), fill=(30, 30, 30))
    y = y0 + 80
    tag = f"СОШ{me.num}" if "СОШ" in me.typ else f"ООШ{me.num}"
    for k, doc in enumerate(DOCS[:5]):
        ext = r.choice(["pdf", "pdf", "docx"])
        d.rectangle((x, y, x + 34, y + 40), fill=(215, 60, 50) if ext == "pdf" else (40, 90, 200))
        d.text((x + 50, y + 10), f"{doc}_{tag}.{ext}", font=F("sans", 16), fill=(30, 30, 30))
        tt = t - dt.timedelta(minutes=r.randint(1, 600))
        d.text((x + 560, y + 10), f"{d_num(tt)} {hm(tt)}", font=F("sans", 15), fill=(120, 120, 120))
        d.text((x + 720, y + 10), f"{r.randint(120, 4800)} КБ", font=F("sans", 15), fill=(120, 120, 120))
        y += 60
    # share dialog over a dimmed page
    img = Image.blend(img, Image.new("RGB", img.size, (0, 0, 0)), 0.35)
    d = ImageDraw.Draw(img)
    dw, dh = 560, 360
    dx, dy = W - dw - 60, y0 + 90 + r.randint(0, 80)
    d.rectangle((dx + 6, dy + 6, dx + dw + 6, dy + dh + 6), fill=(205, 205, 205))
    rr(d, (dx, dy, dx + dw, dy + dh), 14, fill="white", outline=(210, 210, 210))
    d.text((dx + 24, dy + 22), "Поделиться папкой", font=F("sansb", 21), fill=(20, 20, 20))
    d.text((dx + 24, dy + 60), folder, font=F("sans", 15), fill=(110, 110, 110))
    rr(d, (dx + 24, dy + 96, dx + dw - 24, dy + 136), 8, outline=(200, 200, 200))
    d.text((dx + 36, dy + 106), "Введите e-mail", font=F("sans", 15), fill=(160, 160, 160))
    d.text((dx + 24, dy + 156), "Есть доступ", font=F("sansb", 15), fill=(60, 60, 60))
    avatar(d, dx + 44, dy + 206, 18, initials(me.deputy[1] + " " + me.deputy[0]), me.color)
    d.text((dx + 72, dy + 196), f"{me.mail} (владелец)", font=F("sans", 15), fill=(30, 30, 30))
    avatar(d, dx + 44, dy + 256, 18, initials(pa.deputy[1] + " " + pa.deputy[0]), pa.color)
    d.text((dx + 72, dy + 238), pa.mail, font=F("sans", 15), fill=(30, 30, 30))
    d.text((dx + 72, dy + 258), pa.short[:46], font=F("sans", 13), fill=(120, 120, 120))
    d.text((dx + dw - 150, dy + 246), "Просмотр ▾", font=F("dv", 14), fill=(60, 60, 60))
    rr(d, (dx + dw - 170, dy + dh - 60, dx + dw - 24, dy + dh - 20), 10, fill=(255, 204, 0))
    ctext(d, dx + dw - 97, dy + dh - 52, "Готово", F("sansb", 16), (20, 20, 20))
    d.text((dx + 24, dy + dh - 50), f"Открыт доступ {d_num(t)}", font=F("sans", 14), fill=(110, 110, 110))
    return img


def r_medk(c):
    """ИС МЭДК personal account, mutual expertise section, files uploaded (step 5)."""
    r = c["rng"]
    W, H = r.choice([(1440, 900), (1366, 768), (1920, 1080), (1280, 960)])
    img = Image.new("RGB", (W, H), (244, 246, 250))
    d = ImageDraw.Draw(img)
    me, pa = c["me"], c["pa"]
    t = c["date"].replace(hour=r.randint(8, 18), minute=r.randint(0, 59))
    top = browser_chrome(img, "https://medk.fioco.ru/school/" + me.code + "/mutual-expertise",
                         "ИС МЭДК — Личный кабинет", theme=r.choice([0, 2]))
    navy = r.choice([(22, 52, 110), (15, 70, 120), (40, 40, 90)])
    d.rectangle((0, top, W, top + 64), fill=navy)
    d.text((24, top + 10), "ИС МЭДК", font=F("sansb", 26), fill="white")
    d.text((24, top + 42), "Информационная система мониторинга электронных дорожных карт", font=F("sans", 12),
           fill=(200, 210, 230))
    d.text((W - 420, top + 22), f"{me.short[:40]}", font=F("sans", 15), fill="white")
    y = top + 64
    d.rectangle((0, y, 250, H), fill="white")
    menu = ["Главная", "Рисковый профиль", "Концептуальные документы", "Дорожная карта", "Подтверждающие документы",
            "Взаимоэкспертиза", "Мониторинг", "Сообщения"]
    for k, lab in enumerate(menu):
        act = lab == "Взаимоэкспертиза"
        if act:
            d.rectangle((0, y + 18 + k * 42 - 8, 250, y + 18 + k * 42 + 26), fill=(228, 236, 250))
            d.rectangle((0, y + 18 + k * 42 - 8, 4, y + 18 + k * 42 + 26), fill=navy)
        d.text((22, y + 18 + k * 42), lab, font=F("sansb" if act else "sans", 15), fill=(30, 40, 60))
    x = 280
    yy = y + 24
    d.text((x, yy), "Личный кабинет ОО › Взаимоэкспертиза документов", font=F("sans", 14), fill=(110, 120, 140))
    yy += 30
    d.text((x, yy), "Взаимоэкспертиза документов (2022)", font=F("sansb", 24), fill=(20, 30, 50))
    yy += 46
    rr(d, (x, yy, W - 30, yy + 86), 8, fill="white", outline=(220, 225, 235))
    d.text((x + 20, yy + 14), f"Образовательная организация: {me.name}", font=F("sans", 15), fill=(30, 30, 30))
    d.text((x + 20, yy + 36), f"Школа-партнёр: {pa.name}", font=F("sansb", 15), fill=(30, 30, 30))
    d.text((x + 20, yy + 58), f"Код ОО партнёра: {pa.code}   ·   {pa.distr}, Краснодарский край",
           font=F("sans", 14), fill=(100, 100, 110))
    yy += 106
    rows = [("Рекомендации, полученные от школы-партнёра", f"Рекомендации_от_{pa.tiny.replace(' ', '_')}.pdf"),
            ("Рекомендации, направленные школе-партнёру", f"Рекомендации_для_{pa.tiny.replace(' ', '_')}.docx"),
            ("Ссылка на файл с видеозаписью встречи", f"https://disk.yandex.ru/i/{r.randint(10**9, 10**10):x}")]
    if r.random() < 0.5:
        rows.append(("Итоговый файл (формы экспертизы)", f"Итоговый_файл_{me.code}.pdf"))
    d.rectangle((x, yy, W - 30, yy + 40), fill=(232, 237, 246))
    cols = [x + 16, x + int((W - x) * 0.40), x + int((W - x) * 0.70), x + int((W - x) * 0.84)]
    for cx, lab in zip(cols, ["Документ", "Файл", "Дата", "Статус"]):
        d.text((cx, yy + 11), lab, font=F("sansb", 14), fill=(50, 60, 80))
    yy += 40
    not_yet = r.random() < 0.2
    for k, (lab, fn) in enumerate(rows):
        d.rectangle((x, yy, W - 30, yy + 56), fill="white", outline=(230, 232, 238))
        para(d, cols[0], yy + 8, lab, F("sans", 14), (30, 30, 30), cols[1] - cols[0] - 20, 19)
        fnf = F("sans", 13)
        fn2 = fn
        while tw(d, fn2, fnf) > cols[2] - cols[1] - 20:
            fn2 = fn2[:-4] + "…"
        d.text((cols[1], yy + 18), fn2, font=fnf, fill=(30, 80, 180))
        tt = t - dt.timedelta(minutes=(len(rows) - k) * r.randint(2, 40))
        d.text((cols[2], yy + 18), f"{d_num(tt)} {hm(tt)}", font=F("sans", 14), fill=(60, 60, 60))
        if not_yet and k == len(rows) - 1:
            rr(d, (cols[3], yy + 14, cols[3] + 130, yy + 40), 12, fill=(255, 240, 200))
            d.text((cols[3] + 12, yy + 18), "На проверке", font=F("sans", 14), fill=(160, 110, 0))
        else:
            rr(d, (cols[3], yy + 14, cols[3] + 120, yy + 40), 12, fill=(220, 245, 225))
            d.text((cols[3] + 12, yy + 18), "Загружено", font=F("sans", 14), fill=(20, 130, 50))
        yy += 56
    if r.random() < 0.6:
        tx = W - 440
        rr(d, (tx, top + 80, W - 30, top + 140), 8, fill=(46, 160, 80))
        d.text((tx + 18, top + 88), "✓ Файл успешно загружен", font=F("dvb", 16), fill="white")
        d.text((tx + 18, top + 112), f"{d_num(t)} {hm(t)}", font=F("sans", 13), fill=(220, 255, 225))
    rr(d, (x, yy + 24, x + 220, yy + 64), 8, fill=navy)
    ctext(d, x + 110, yy + 34, "+ Загрузить файл", F("sansb", 15), "white")
    if r.random() < 0.5:
        win_taskbar(img, t + dt.timedelta(minutes=2), dark=r.random() < 0.5)
    return img


def doc_page(c, w=850, h=1100, title_only=False):
    """An A4-like page with the recommendations / expertise form."""
    r = c["rng"]
    me, pa = c["me"], c["pa"]
    page = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(page)
    t = c["date"]
    m = int(w * 0.09)
    y = int(h * 0.06)
    fz = w / 850
    ctext(d, w / 2, y, "ФОРМА ЭКСПЕРТИЗЫ", F("serifb", int(20 * fz)), "black")
    y += int(32 * fz)
    ctext(d, w / 2, y, "документов в рамках взаимоэкспертизы (проект «500+»)", F("serif", int(16 * fz)), "black")
    y += int(40 * fz)
    y = para(d, m, y, f"Эксперт (ОО): {me.name}", F("serif", int(15 * fz)), "black", w - 2 * m)
    y = para(d, m, y, f"Экспертируемая ОО (школа-партнёр): {pa.name}", F("serifb", int(15 * fz)), "black", w - 2 * m)
    y = para(d, m, y, f"Дата заполнения: {d_num(t)}", F("serif", int(15 * fz)), "black", w - 2 * m)
    y += int(14 * fz)
    crit = ["Соответствие концепции развития рисковому профилю школы",
            "Обоснованность целей и задач среднесрочной программы",
            "Наличие мер по снижению рисков в антирисковых программах",
            "Реалистичность сроков и показателей",
            "Вовлечённость педагогов и родителей"]
    r.shuffle(crit)
    c1, c2 = m, int(w * 0.58)
    d.rectangle((m, y, w - m, y + int(30 * fz)), outline="black")
    d.text((c1 + 6, y + 6), "Критерий", font=F("serifb", int(14 * fz)), fill="black")
    d.text((c2 + 6, y + 6), "Рекомендация", font=F("serifb", int(14 * fz)), fill="black")
    d.line((c2, y, c2, y + int(30 * fz)), fill="black")
    y += int(30 * fz)
    recs = ["Уточнить показатели по фактору «Низкая учебная мотивация»",
            "Добавить мероприятия с родителями обучающихся",
            "Синхронизировать сроки с дорожной картой в ИС МЭДК",
            "Конкретизировать ответственных за выполнение мер",
            "Предусмотреть мониторинг через 3 месяца",
            "Дополнить анализ кадровых ресурсов"]
    r.shuffle(recs)
    for k in range(r.randint(3, 5)):
        a = wrap(d, crit[k], F("serif", int(13 * fz)), c2 - c1 - 12)
        b = wrap(d, recs[k], F("serif", int(13 * fz)), w - m - c2 - 12)
        rh = int((max(len(a), len(b)) * 19 + 12) * fz)
        d.rectangle((m, y, w - m, y + rh), outline="black")
        d.line((c2, y, c2, y + rh), fill="black")
        yy = y + 6
        for ln in a:
            d.text((c1 + 6, yy), ln, font=F("serif", int(13 * fz)), fill="black")
            yy += int(19 * fz)
        yy = y + 6
        for ln in b:
            d.text((c2 + 6, yy), ln, font=F("serif", int(13 * fz)), fill="black")
            yy += int(19 * fz)
        y += rh
    y += int(30 * fz)
    d.text((m, y), f"Директор {me.short}", font=F("serif", int(14 * fz)), fill="black")
    d.text((w - m - 180 * fz, y), fio_short(me.director), font=F("serif", int(14 * fz)), fill="black")
    return page


def r_docview(c):
    """A PDF/Word viewer window showing the filled expertise form (step 5, also step 3 pre-fill)."""
    r = c["rng"]
    W, H = r.choice([(1440, 900), (1366, 768), (1600, 900)])
    dark = r.random() < 0.5
    img = Image.new("RGB", (W, H), (82, 86, 89) if dark else (230, 230, 230))
    d = ImageDraw.Draw(img)
    me, pa = c["me"], c["pa"]
    tag = f"СОШ{me.num}"
    fname = r.choice([f"Форма_экспертизы_{pa.tiny.replace(' ', '_')}.pdf", f"Рекомендации_для_партнера_{tag}.pdf",
                      f"Итоговый файл взаимоэкспертизы {tag}.docx"])
    d.rectangle((0, 0, W, 40), fill=(50, 54, 57) if dark else (43, 87, 154))
    d.text((16, 10), fname, font=F("sans", 15), fill="white")
    d.rectangle((0, 40, W, 84), fill=(60, 64, 67) if dark else (245, 245, 245))
    for k, lab in enumerate(["Файл", "Правка", "Вид", "Вставка", "Справка"]):
        d.text((16 + k * 80, 52), lab, font=F("sans", 14), fill=(220, 220, 220) if dark else (40, 40, 40))
    z = r.choice([100, 110, 125])
    d.text((W - 200, 52), f"1 / 2     {z}%", font=F("sans", 14), fill=(220, 220, 220) if dark else (40, 40, 40))
    pw = int(850 * z / 125)
    page = doc_page(c, w=pw, h=int(pw * 1.3))
    px = (W - pw) // 2 + r.randint(-60, 60)
    img.paste(page, (px, 100))
    d.rectangle((0, H - 28, W, H), fill=(60, 64, 67) if dark else (43, 87, 154))
    t = c["date"].replace(hour=r.randint(9, 17), minute=r.randint(0, 59))
    d.text((16, H - 23), f"Изменён: {d_num(t)} {hm(t)}   Страница 1 из 2   Русский", font=F("sans", 13), fill="white")
    return img


def r_scan(c):
    """A printed protocol of the online meeting, signed and stamped, then scanned."""
    r = c["rng"]
    me, pa = c["me"], c["pa"]
    w, h = 1240, 1754
    page = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(page)
    t = c["date"]
    m = 130
    y = 120
    ctext(d, w / 2, y, "ПРОТОКОЛ", F("serifb", 34), 0)
    y += 50
    ctext(d, w / 2, y, "онлайн-встречи школ-партнёров по взаимоэкспертизе документов", F("serif", 24), 0)
    y += 36
    ctext(d, w / 2, y, "(проект «500+», 2022 год)", F("serif", 24), 0)
    y += 70
    d.text((m, y), d_long(t), font=F("serif", 24), fill=0)
    d.text((w - m - 260, y), "формат: ВКС", font=F("serif", 24), fill=0)
    y += 60
    txt = (f"Присутствовали: от {me.name} — {fio_short(me.director)} (директор), {fio_short(me.deputy)} "
           f"(заместитель директора), {fio_short(me.teacher)}; от {pa.name} — {fio_short(pa.director)}, "
           f"{fio_short(pa.deputy)}\n\n"
           f"Повестка: 1. Обсуждение результатов взаимопроверки концепции развития, среднесрочной программы "
           f"развития и антирисковых программ. 2. Вызовы и рекомендации. 3. Порядок обмена формами рекомендаций "
           f"и загрузки итогового файла в ИС МЭДК.\n\n"
           f"Решили: 1. Принять к сведению рекомендации школы-партнёра. 2. Обменяться заполненными формами "
           f"рекомендаций {'до 24.10.2022' if r.random() < 0.4 else 'в установленный срок'}. 3. Разместить рекомендации и ссылку на видеозапись встречи в ЛК ИС МЭДК.")
    y = para(d, m, y, txt, F("serif", 24), 0, w - 2 * m, 36)
    y += 80
    for s in (me, pa):
        d.text((m, y), f"Директор {s.short}", font=F("serif", 22), fill=0)
        d.line((w - m - 420, y + 26, w - m - 240, y + 26), fill=0)
        # signature squiggle
        pts = []
        x0 = w - m - 410
        for k in range(40):
            pts.append((x0 + k * 4.5, y + 12 + 10 * math.sin(k * r.uniform(0.5, 0.9)) - k * 0.3))
        d.line(pts, fill=40, width=2)
        d.text((w - m - 220, y), fio_short(s.director), font=F("serif", 22), fill=0)
        y += 90
    # stamp
    sx, sy = w - m - 330, y - 220
    d.ellipse((sx, sy, sx + 170, sy + 170), outline=90, width=4)
    d.ellipse((sx + 22, sy + 22, sx + 148, sy + 148), outline=90, width=2)
    ctext(d, sx + 85, sy + 72, f"№ {me.num}", F("serifb", 22), 90)
    img = page.rotate(r.uniform(-1.6, 1.6), resample=Image.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(img).astype(np.float32)
    rs = np.random.RandomState(r.randint(0, 2**31 - 1))
    a = a * r.uniform(0.9, 0.97) + rs.normal(0, 6, a.shape)
    # darker scanner edge
    a[:, : r.randint(6, 30)] *= 0.6
    a = np.clip(a, 0, 255).astype(np.uint8)
    img = Image.fromarray(a, "L").filter(ImageFilter.GaussianBlur(0.6))
    sc = r.choice([0.6, 0.7, 0.8])
    img = img.resize((int(w * sc), int(h * sc)), Image.LANCZOS)
    return img.convert("RGB")


def perspective_coeffs(dst, src):
    """Coefficients mapping output (dst) points to input (src) points for Image.transform."""
    A = []
    B = []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        B += [u, v]
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def photo_of(img, r, hard=False, portrait=None):
    """A phone photo of a monitor showing img: bezel, perspective, moiré, blur, noise."""
    sw, sh = img.size
    bez = int(sw * 0.025)
    mon = Image.new("RGB", (sw + 2 * bez, sh + 2 * bez + int(sw * 0.03)), (18, 18, 20))
    mon.paste(img, (bez, bez))
    mw, mh = mon.size
    portrait = r.random() < 0.15 if portrait is None else portrait
    OW, OH = (1200, 1600) if portrait else (1600, 1200)
    if hard:
        OW, OH = OW * 2 // 3, OH * 2 // 3
    # desk / wall background
    yy, xx = np.mgrid[0:OH, 0:OW]
    base = np.array([r.randint(70, 140), r.randint(60, 120), r.randint(50, 110)], float)
    bg = base[None, None, :] * (0.7 + 0.3 * (yy[..., None] / OH)) + 8 * np.sin(xx[..., None] / 37.0)
    out = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8), "RGB")
    # target quad
    fill = r.uniform(0.78, 0.95)
    qw = OW * fill
    qh = qw * mh / mw
    if qh > OH * 0.95:
        qh = OH * 0.95
        qw = qh * mw / mh
    cx, cy = OW / 2 + r.uniform(-0.04, 0.04) * OW, OH / 2 + r.uniform(-0.04, 0.04) * OH
    k = 0.06 if not hard else 0.10
    j = lambda: r.uniform(-k, k)
    dst = [(cx - qw / 2 + j() * qw, cy - qh / 2 + j() * qh), (cx + qw / 2 + j() * qw, cy - qh / 2 + j() * qh),
           (cx + qw / 2 + j() * qw, cy + qh / 2 + j() * qh), (cx - qw / 2 + j() * qw, cy + qh / 2 + j() * qh)]
    src = [(0, 0), (mw, 0), (mw, mh), (0, mh)]
    coeffs = perspective_coeffs(dst, src)
    warped = mon.transform((OW, OH), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", mon.size, 255).transform((OW, OH), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    out.paste(warped, (0, 0), mask)
    a = np.asarray(out).astype(np.float32)
    # moiré
    f1, f2 = r.uniform(0.25, 0.45), r.uniform(0.02, 0.12)
    ang = r.uniform(0, math.pi)
    mo = np.sin(2 * math.pi * (f1 * (xx * math.cos(ang) + yy * math.sin(ang))) +
                3 * np.sin(2 * math.pi * f2 * yy / 10))
    amp = r.uniform(0.03, 0.07)
    a = a * (1 + amp * mo[..., None] * (np.asarray(mask)[..., None] / 255.0))
    # colour cast, vignette
    cast = np.array([r.uniform(0.9, 1.0), r.uniform(0.93, 1.02), r.uniform(1.0, 1.12)])
    vig = 1 - 0.35 * (((xx - OW / 2) / OW) ** 2 + ((yy - OH / 2) / OH) ** 2) * 2
    a = a * cast[None, None, :] * vig[..., None] * r.uniform(0.85, 1.0)
    rs = np.random.RandomState(r.randint(0, 2**31 - 1))
    a = a + rs.normal(0, 7 if not hard else 11, a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")
    out = out.filter(ImageFilter.GaussianBlur(r.uniform(0.7, 1.3) if not hard else r.uniform(2.0, 2.8)))
    return out


# ----------------------------------------------------------------------------- off-topic / junk
def r_cat(r):
    W, H = r.choice([(1280, 960), (960, 1280), (1200, 900)])
    yy, xx = np.mgrid[0:H, 0:W]
    wall = np.array([r.randint(150, 220), r.randint(130, 200), r.randint(100, 170)], float)
    a = wall[None, None] * (0.8 + 0.2 * xx[..., None] / W)
    img = Image.fromarray(a.astype(np.uint8), "RGB")
    d = ImageDraw.Draw(img)
    d.rectangle((0, H * 0.62, W, H), fill=tuple(r.randint(60, 120) for _ in range(3)))  # sofa
    fur = r.choice([(230, 140, 60), (90, 90, 90), (240, 240, 235), (40, 40, 40), (200, 170, 130)])
    cx, cy = W / 2 + r.randint(-100, 100), H * 0.55
    d.ellipse((cx - 260, cy - 60, cx + 260, cy + 200), fill=fur)  # body
    d.ellipse((cx - 170, cy - 260, cx + 110, cy + 10), fill=fur)  # head
    d.polygon([(cx - 160, cy - 190), (cx - 140, cy - 330), (cx - 70, cy - 240)], fill=fur)
    d.polygon([(cx + 100, cy - 190), (cx + 90, cy - 330), (cx + 10, cy - 240)], fill=fur)
    for ex in (cx - 100, cx + 20):
        d.ellipse((ex - 26, cy - 160, ex + 26, cy - 110), fill=(120, 180, 60))
        d.ellipse((ex - 7, cy - 158, ex + 7, cy - 112), fill=(10, 10, 10))
    d.polygon([(cx - 50, cy - 90), (cx - 30, cy - 90), (cx - 40, cy - 76)], fill=(230, 120, 130))
    for k in (-1, 1):
        for m in range(3):
            d.line((cx - 40 + k * 30, cy - 80, cx - 40 + k * 170, cy - 100 + m * 20), fill=(250, 250, 250), width=2)
    d.arc((cx + 180, cy, cx + 420, cy + 260), 200, 340, fill=fur, width=40)
    a = np.asarray(img).astype(np.float32)
    rs = np.random.RandomState(r.randint(0, 2**31 - 1))
    a += rs.normal(0, 9, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2))


def r_meme(r):
    W, H = 900, 900
    img = r_cat(r).resize((W, H))
    d = ImageDraw.Draw(img)
    top, bot = r.choice([("КОГДА ПЯТНИЦА", "А ТЫ ЕЩЁ НА РАБОТЕ"), ("Я В ПОНЕДЕЛЬНИК", "ПОСЛЕ ВЫХОДНЫХ"),
                         ("ОТЧЁТ? КАКОЙ ОТЧЁТ?", "Я ПРОСТО КОТ"), ("КОФЕ ЗАКОНЧИЛСЯ", "ВСЁ, Я УХОЖУ")])
    f = F("dvb", 58)
    for s, y in ((top, 30), (bot, H - 100)):
        x = W / 2 - tw(d, s, f) / 2
        for dx in (-3, 0, 3):
            for dy in (-3, 0, 3):
                d.text((x + dx, y + dy), s, font=f, fill="black")
        d.text((x, y), s, font=f, fill="white")
    return img


def r_game(r):
    W, H = r.choice([(720, 1520), (1080, 2160)])
    sc = W / 720
    img = Image.new("RGB", (W, H), (60, 30, 90))
    d = ImageDraw.Draw(img)
    d.text((40 * sc, 80 * sc), f"Уровень {r.randint(12, 480)}", font=F("dvb", int(40 * sc)), fill=(255, 220, 80))
    d.text((40 * sc, 140 * sc), f"Очки: {r.randint(1000, 99999)}", font=F("dvb", int(30 * sc)), fill="white")
    cols = [(230, 60, 60), (60, 170, 230), (250, 210, 40), (90, 200, 90), (190, 90, 220), (250, 140, 40)]
    n = 8
    cell = (W - 80 * sc) / n
    for i in range(n):
        for j in range(10):
            x, y = 40 * sc + i * cell, 300 * sc + j * cell
            col = r.choice(cols)
            rr(d, (x + 4, y + 4, x + cell - 4, y + cell - 4), int(14 * sc), fill=col)
            d.ellipse((x + cell * 0.3, y + cell * 0.25, x + cell * 0.5, y + cell * 0.45), fill=(255, 255, 255))
    rr(d, (W / 2 - 150 * sc, H - 200 * sc, W / 2 + 150 * sc, H - 110 * sc), int(40 * sc), fill=(80, 200, 90))
    ctext(d, W / 2, H - 182 * sc, "ИГРАТЬ", F("dvb", int(40 * sc)), "white")
    return img


def r_map(r):
    W, H = r.choice([(1366, 768), (1200, 900)])
    img = Image.new("RGB", (W, H), (236, 232, 222))
    d = ImageDraw.Draw(img)
    d.polygon([(0, H * 0.7), (W * 0.3, H * 0.62), (W * 0.6, H * 0.8), (W, H * 0.75), (W, H), (0, H)],
              fill=(170, 210, 240))
    for k in range(4):
        x = r.randint(50, W - 300)
        y = r.randint(50, int(H * 0.5))
        d.rectangle((x, y, x + r.randint(100, 250), y + r.randint(60, 160)), fill=(200, 230, 190))
    for k in range(14):
        if k % 2:
            y = r.randint(0, H)
            d.line((0, y, W, y + r.randint(-80, 80)), fill="white", width=r.choice([6, 10, 14]))
        else:
            x = r.randint(0, W)
            d.line((x, 0, x + r.randint(-120, 120), H), fill="white", width=r.choice([6, 10, 14]))
    streets = ["ул. Красная", "ул. Северная", "ул. Ставропольская", "ул. Садовая", "пр. Чекистов", "ул. Мира"]
    for s in r.sample(streets, 4):
        d.text((r.randint(40, W - 200), r.randint(40, H - 60)), s, font=F("sans", 15), fill=(90, 90, 90))
    for k in range(5):
        x, y = r.randint(100, W - 100), r.randint(100, H - 100)
        d.ellipse((x - 12, y - 30, x + 12, y - 6), fill=(230, 60, 50))
        d.polygon([(x - 9, y - 14), (x + 9, y - 14), (x, y)], fill=(230, 60, 50))
    rr(d, (20, 20, 460, 66), 10, fill="white")
    d.text((36, 32), r.choice(["аптеки рядом", "кафе Краснодар", "шиномонтаж", "парк Галицкого"]), font=F("sans", 18),
           fill=(40, 40, 40))
    return img


def r_recipe(r):
    W, H = r.choice([(720, 1560), (1280, 900)])
    sc = min(W, H) / 720
    img = Image.new("RGB", (W, H), (255, 253, 248))
    d = ImageDraw.Draw(img)
    dish = r.choice(["Борщ по-кубански", "Пирог с капустой", "Блины на молоке", "Шарлотка с яблоками"])
    d.rectangle((0, 0, W, 110 * sc), fill=(190, 60, 40))
    d.text((30 * sc, 30 * sc), "Вкусные рецепты", font=F("serifb", int(38 * sc)), fill="white")
    y = 140 * sc
    d.text((30 * sc, y), dish, font=F("serifb", int(40 * sc)), fill=(40, 30, 20))
    y += 70 * sc
    d.ellipse((W / 2 - 180 * sc, y, W / 2 + 180 * sc, y + 240 * sc), fill=(200, 70, 50))
    d.ellipse((W / 2 - 140 * sc, y + 30 * sc, W / 2 + 140 * sc, y + 210 * sc), fill=(230, 110, 80))
    y += 270 * sc
    d.text((30 * sc, y), "Ингредиенты:", font=F("sansb", int(28 * sc)), fill=(40, 30, 20))
    y += 50 * sc
    ing = ["свёкла — 2 шт.", "капуста — 300 г", "картофель — 3 шт.", "морковь — 1 шт.", "мука — 250 г",
           "яйца — 3 шт.", "сахар — 1 ст.", "молоко — 500 мл", "соль по вкусу"]
    for s in r.sample(ing, 6):
        d.text((50 * sc, y), "• " + s, font=F("sans", int(24 * sc)), fill=(50, 50, 50))
        y += 40 * sc
    y += 20 * sc
    para(d, 30 * sc, y, "Приготовление: нарежьте овощи, обжарьте на сковороде 5 минут, затем добавьте остальные "
                       "ингредиенты и готовьте на медленном огне. Подавайте со сметаной.",
         F("sans", int(22 * sc)), (60, 60, 60), W - 60 * sc)
    return img


def r_weather(r):
    W, H = r.choice([(1366, 768), (720, 1520)])
    sc = min(W, H) / 720
    img = Image.new("RGB", (W, H), (70, 130, 200))
    a = np.asarray(img).astype(float)
    yy = np.arange(H)[:, None, None] / H
    a = a * (1.1 - 0.4 * yy)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    city = r.choice(["Краснодаре", "Сочи", "Анапе", "Армавире", "Ейске"])
    d.text((40 * sc, 40 * sc), f"Погода в {city}", font=F("sansb", int(36 * sc)), fill="white")
    tmp = r.randint(-3, 29)
    d.text((40 * sc, 110 * sc), f"{tmp:+d}°", font=F("light", int(120 * sc)), fill="white")
    d.ellipse((W - 260 * sc, 100 * sc, W - 100 * sc, 260 * sc), fill=(255, 210, 60))
    d.text((40 * sc, 280 * sc), r.choice(["Облачно с прояснениями", "Ясно", "Небольшой дождь"]) +
           f", ощущается как {tmp - 2:+d}°", font=F("sans", int(24 * sc)), fill="white")
    for k, wd in enumerate(WD_SHORT):
        x = 40 * sc + k * (W - 80 * sc) / 7
        d.text((x, 380 * sc), wd, font=F("sans", int(22 * sc)), fill="white")
        d.text((x, 420 * sc), f"{tmp + r.randint(-4, 4):+d}°", font=F("sansb", int(22 * sc)), fill="white")
    d.text((40 * sc, 500 * sc), f"Ветер {r.randint(1, 9)} м/с   Давление {r.randint(740, 765)} мм рт. ст.",
           font=F("sans", int(20 * sc)), fill=(230, 240, 255))
    return img


def r_shop(r):
    W, H = r.choice([(1440, 900), (1366, 768)])
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    top = browser_chrome(img, "https://www.market-shop.ru/catalog/" + str(r.randint(10**6, 10**7)), "Каталог")
    d.rectangle((0, top, W, top + 64), fill=(120, 40, 200))
    d.text((24, top + 16), "МаркетШоп", font=F("sansb", 28), fill="white")
    rr(d, (260, top + 12, W - 300, top + 52), 10, fill="white")
    d.text((280, top + 22), r.choice(["чайник электрический", "детские кроссовки", "пылесос", "рюкзак школьный"]),
           font=F("sans", 16), fill=(60, 60, 60))
    items = ["Чайник электрический 1,7 л", "Кроссовки детские", "Пылесос беспроводной", "Рюкзак школьный",
             "Сковорода 28 см", "Плед флисовый", "Наушники беспроводные", "Набор фломастеров"]
    r.shuffle(items)
    for k in range(8):
        x = 30 + (k % 4) * (W - 60) / 4
        y = top + 100 + (k // 4) * 340
        rr(d, (x, y, x + (W - 60) / 4 - 20, y + 200), 12, fill=tuple(r.randint(200, 245) for _ in range(3)))
        d.ellipse((x + 60, y + 40, x + 200, y + 170), fill=tuple(r.randint(40, 200) for _ in range(3)))
        d.text((x, y + 215), f"{r.randint(3, 99) * 100 - 10} ₽", font=F("dvb", 22), fill=(20, 20, 20))
        d.text((x, y + 250), items[k], font=F("sans", 16), fill=(60, 60, 60))
        rr(d, (x, y + 280, x + 160, y + 316), 8, fill=(120, 40, 200))
        d.text((x + 20, y + 288), "В корзину", font=F("sans", 16), fill="white")
    return img


def r_football(r):
    W, H = 1280, 800
    img = Image.new("RGB", (W, H), (20, 110, 50))
    d = ImageDraw.Draw(img)
    for k in range(8):
        d.rectangle((k * W / 8, 0, k * W / 8 + W / 16, H), fill=(28, 122, 58))
    d.rectangle((60, 60, W - 60, H - 60), outline="white", width=4)
    d.line((W / 2, 60, W / 2, H - 60), fill="white", width=4)
    d.ellipse((W / 2 - 90, H / 2 - 90, W / 2 + 90, H / 2 + 90), outline="white", width=4)
    rr(d, (20, 20, 420, 70), 8, fill=(20, 20, 30))
    d.text((36, 30), f"КРД {r.randint(0, 4)} : {r.randint(0, 4)} ЦСК   {r.randint(10, 89)}'", font=F("dvb", 24), fill="white")
    for k in range(10):
        x, y = r.randint(100, W - 100), r.randint(100, H - 100)
        d.ellipse((x - 10, y - 10, x + 10, y + 10), fill=r.choice([(250, 250, 250), (30, 30, 30)]))
    return img


OFFTOPIC = {"offtopic_cat": r_cat, "offtopic_meme": r_meme, "offtopic_game": r_game, "offtopic_map": r_map,
            "offtopic_recipe": r_recipe, "offtopic_weather": r_weather, "offtopic_shop": r_shop,
            "offtopic_sport": r_football}


def r_blank(r, variant):
    if variant == 0:  # pure white, PNG
        return Image.new("RGB", (1366, 768), (255, 255, 255))
    if variant == 1:  # nearly white with sensor noise (camera pointed at a white wall)
        a = np.full((1200, 1600, 3), 236, float)
        rs = np.random.RandomState(r.randint(0, 2**31 - 1))
        a += rs.normal(0, 3, a.shape)
        return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if variant == 2:  # black phone screenshot
        return Image.new("RGB", (1080, 2340), (0, 0, 0))
    if variant == 3:  # grey gradient
        yy, xx = np.mgrid[0:720, 0:1280]
        a = 120 + 12 * xx / 1280
        return Image.fromarray(np.stack([a, a, a + 3], -1).astype(np.uint8))
    if variant == 4:  # empty browser-like page, single light bar
        img = Image.new("RGB", (1440, 900), (250, 250, 250))
        ImageDraw.Draw(img).rectangle((0, 0, 1440, 6), fill=(235, 235, 235))
        return img
    if variant == 5:  # dark grey noisy (photo in a dark room)
        a = np.full((960, 1280, 3), 22, float)
        rs = np.random.RandomState(r.randint(0, 2**31 - 1))
        a += rs.normal(0, 4, a.shape)
        return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if variant == 6:  # blue solid (a default desktop colour)
        return Image.new("RGB", (1920, 1080), (0, 99, 177))
    # pale yellow, phone size
    return Image.new("RGB", (720, 1600), (255, 252, 235))


# ----------------------------------------------------------------------------- encoding
PDF_TIME = time.gmtime(1664000000)


def encode(img, mime, r, quality=None):
    b = io.BytesIO()
    if mime == "image/png":
        img.save(b, "PNG", optimize=False)
    elif mime == "image/jpeg":
        img.convert("RGB").save(b, "JPEG", quality=quality or r.choice([80, 85, 87, 90, 92, 95]))
    elif mime == "application/pdf":
        img.convert("RGB").save(b, "PDF", resolution=r.choice([96.0, 150.0]), creationDate=PDF_TIME,
                                modDate=PDF_TIME, title="scan")
    else:
        raise ValueError(mime)
    return b.getvalue()


EXT = {"image/png": "png", "image/jpeg": "jpg", "application/pdf": "pdf"}


# ----------------------------------------------------------------------------- copy transforms
def t_crop(img, r):
    w, h = img.size
    l, t_, rt, b = [r.uniform(0.01, 0.06) for _ in range(4)]
    return img.crop((int(w * l), int(h * t_), int(w * (1 - rt)), int(h * (1 - b))))


def t_resize(img, r):
    s = r.uniform(0.5, 0.9)
    return img.resize((max(1, int(img.size[0] * s)), max(1, int(img.size[1] * s))), Image.LANCZOS)


def t_corner(img, r):
    img = img.copy()
    d = ImageDraw.Draw(img)
    w, h = img.size
    cw, ch = int(w * r.uniform(0.12, 0.2)), int(h * r.uniform(0.06, 0.12))
    corner = r.choice(["tl", "tr", "bl", "br"])
    x0 = 0 if corner[1] == "l" else w - cw
    y0 = 0 if corner[0] == "t" else h - ch
    px = img.getpixel((min(w - 1, x0 + cw // 2), min(h - 1, y0 + ch + 3 if corner[0] == "t" else y0 - 3)))
    mode = r.random()
    if mode < 0.5:
        d.rectangle((x0, y0, x0 + cw, y0 + ch), fill=px)
    else:
        d.rectangle((x0, y0, x0 + cw, y0 + ch), fill=(255, 255, 255))
        d.text((x0 + 8, y0 + 6), r.choice(["ок", "см.", "✓", "1"]), font=F("dvb", max(12, ch // 3)), fill=(200, 30, 30))
    return img


def t_clock(img, r, sb):
    img = img.copy()
    d = ImageDraw.Draw(img)
    h, box, bg, fg, f, pos = sb
    d.rectangle(box, fill=bg)
    d.text(pos, f"{r.randint(8, 21):02d}:{r.randint(0, 59):02d}", font=f, fill=fg)
    return img


def t_bright(img, r):
    img = ImageEnhance.Brightness(img).enhance(r.choice([r.uniform(0.82, 0.93), r.uniform(1.06, 1.15)]))
    return ImageEnhance.Contrast(img).enhance(r.uniform(0.88, 1.12))


# ----------------------------------------------------------------------------- plan
def main():
    R = random.Random(SEED)
    schools = build_schools(random.Random(SEED + 1))
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)

    items = []  # dicts with ts, school, step, expected, family, payload builder

    def rnd_time(step, lo_off=0.0, hi_off=0.0, rr_=R):
        a, b = WINDOWS[step]
        a = a + dt.timedelta(days=lo_off)
        b = b + dt.timedelta(days=hi_off)
        span = (b - a).total_seconds()
        t = a + dt.timedelta(seconds=rr_.uniform(0, span))
        t = t.replace(hour=rr_.randint(8, 17), minute=rr_.randint(0, 59), second=rr_.randint(0, 59))
        if t > b.replace(hour=23, minute=59):
            t = b.replace(hour=17)
        return t

    slots = [(s, st) for s in range(30) for st in STEPS]
    R.shuffle(slots)

    # renderer choice per step
    DESK = {"webmail", "mail_list", "meet_zoom", "meet_telemost", "meet_sferum", "cloud_share", "medk_upload",
            "doc_viewer"}
    FAM_BY_STEP = {
        "expertise-2": ["webmail", "webmail", "mail_list", "chat_tg", "chat_wa", "chat_vk", "call_log", "chat_max"],
        "expertise-3": ["webmail", "webmail", "mail_list", "cloud_share", "chat_tg", "chat_wa", "doc_viewer"],
        "expertise-4": ["meet_zoom", "meet_telemost", "meet_sferum", "meet_telemost", "chat_tg", "chat_wa",
                        "scan_protocol", "webmail"],
        "expertise-5": ["medk_upload", "medk_upload", "medk_upload", "doc_viewer", "webmail", "chat_tg"],
    }

    def render(fam, c):
        if fam == "webmail":
            return r_webmail(c)
        if fam == "mail_list":
            return r_mail_list(c)
        if fam.startswith("chat_"):
            return r_chat(c, fam[5:])
        if fam == "call_log":
            return r_call_log(c)
        if fam.startswith("meet_"):
            return r_meeting(c, {"meet_zoom": "zoom", "meet_telemost": "telemost", "meet_sferum": "sferum"}[fam])
        if fam == "cloud_share":
            return r_cloud(c)
        if fam == "medk_upload":
            return r_medk(c)
        if fam == "doc_viewer":
            return r_docview(c)
        if fam == "scan_protocol":
            return r_scan(c)
        raise ValueError(fam)

    def ctx(s, st, t, rng):
        return {"me": schools[s], "pa": schools[schools[s].partner], "step": st, "date": t, "rng": rng}

    # ---- genuine originals (one per slot, except slots taken by copies / junk-only)
    n_copy_slots = 25
    copy_slots = set()
    junk_only = set()
    # choose copy slots: later steps more likely, avoid expertise-2 for "same school other step"
    genuine = {}
    plan_copies = []
    # first decide genuine for all, then convert some slots to copies
    for s, st in slots:
        genuine[(s, st)] = True
    # junk-only slots (school sent junk and nothing else)
    for s, st in slots[:3]:
        junk_only.add((s, st))
        genuine[(s, st)] = False

    # copies: 18 other-school same-step, 7 same-school other-step
    cand = [x for x in slots[3:]]
    R.shuffle(cand)
    other = []
    protected = set()
    partner_src = set()  # a joint document (signed protocol) may legitimately be shared by both partners
    for s, st in cand:
        if len(other) >= 18:
            break
        if (s, st) in protected:
            continue
        # source: another school with a genuine slot for this step (not itself a copy slot)
        srcs = [(s2, st) for s2 in range(30) if s2 != s and genuine.get((s2, st)) and (s2, st) not in copy_slots]
        if not srcs:
            continue
        # prefer the partner sometimes (partner re-sends the other school's screenshot)
        pa = schools[s].partner
        src = (pa, st) if (pa, st) in srcs and R.random() < 0.35 else R.choice(srcs)
        if src in [o[1] for o in other]:
            continue
        copy_slots.add((s, st))
        protected.add(src)
        if src[0] == pa:
            partner_src.add(src)
        genuine[(s, st)] = False
        other.append(((s, st), src))
    same = []
    for s, st in cand:
        if len(same) >= 7:
            break
        if (s, st) in copy_slots or (s, st) in protected or st == "expertise-2" or not genuine.get((s, st)):
            continue
        earlier = [x for x in STEPS[: STEPS.index(st)] if genuine.get((s, x))]
        if not earlier:
            continue
        src = (s, R.choice(earlier))
        if src in [o[1] for o in other] + [o[1] for o in same]:
            continue
        copy_slots.add((s, st))
        protected.add(src)
        genuine[(s, st)] = False
        same.append(((s, st), src))

    # ---- render genuine originals
    fam_count = {}
    records = {}  # slot -> record of genuine original
    genuine_slots = [x for x in slots if genuine[x]]
    for k, (s, st) in enumerate(genuine_slots):
        rng = random.Random(R.randint(0, 2**31 - 1))
        t = rnd_time(st, hi_off=-1 if st != "expertise-2" else 0, rr_=rng)
        c = ctx(s, st, t, rng)
        fam = rng.choice(FAM_BY_STEP[st])
        # balance a bit: avoid more than 9 of one family
        if fam_count.get(fam, 0) >= 12:
            under = [f for f in FAM_BY_STEP[st] if fam_count.get(f, 0) < 12]
            if under:
                fam = rng.choice(under)
        if fam == "scan_protocol" and (s, st) in partner_src:
            fam = "meet_telemost"
        fam_count[fam] = fam_count.get(fam, 0) + 1
        img = render(fam, c)
        family = fam
        photo = fam in DESK and rng.random() < 0.22
        if photo:
            hard = rng.random() < 0.25
            img = photo_of(img, rng, hard=hard)
            family = ("blurry_photo(" if hard else "monitor_photo(") + fam + ")"
            mime = "image/jpeg"
        elif fam == "scan_protocol":
            mime = rng.choice(["application/pdf", "application/pdf", "image/jpeg"])
        else:
            roll = rng.random()
            if fam.startswith("chat") or fam == "call_log":
                mime = "image/jpeg" if roll < 0.55 else "image/png"
            else:
                mime = "image/png" if roll < 0.62 else ("image/jpeg" if roll < 0.86 else "application/pdf")
        data = encode(img, mime, rng)
        sub_t = t + dt.timedelta(minutes=rng.randint(5, 60 * 30))
        rec = dict(ts=sub_t, school=s, step=st, expected="ok", family=family, copy_of=None, mime=mime, data=data,
                   img=img, sb=c.get("statusbar"), key=("orig", s, st))
        records[(s, st)] = rec
        items.append(rec)

    # ---- copies
    simple = ["copy_exact", "copy_jpeg", "copy_resize", "copy_crop", "copy_corner", "copy_bright", "copy_convert"]
    ttypes = (["copy_exact"] * 3 + ["copy_jpeg"] * 3 + ["copy_resize"] * 3 + ["copy_crop"] * 3 +
              ["copy_corner"] * 2 + ["copy_clock"] * 2 + ["copy_bright"] * 2 + ["copy_convert"] * 3 +
              ["copy_combo"] * 3 + ["copy_photo"] * 1)
    R.shuffle(ttypes)
    allc = other + same
    # clock changes need a phone original: put them on copies whose source has a status bar
    phone_idx = [i for i, (_, src) in enumerate(allc) if records[src]["sb"] is not None and
                 records[src]["family"].startswith(("chat", "call"))]
    desk_idx = [i for i, (_, src) in enumerate(allc) if not records[src]["family"].startswith(("chat", "call"))
                and "photo" not in records[src]["family"] and records[src]["family"] != "scan_protocol"]
    assign = [None] * len(allc)
    for tt_ in ("copy_clock", "copy_clock"):
        if phone_idx:
            i = phone_idx.pop(0)
            assign[i] = tt_
            ttypes.remove(tt_)
    if "copy_photo" in ttypes and desk_idx:
        i = [j for j in desk_idx if assign[j] is None][0]
        assign[i] = "copy_photo"
        ttypes.remove("copy_photo")
    ttypes = [x if x != "copy_clock" else "copy_crop" for x in ttypes]
    ttypes = [x if x != "copy_photo" else "copy_resize" for x in ttypes]
    for i in range(len(allc)):
        if assign[i] is None:
            assign[i] = ttypes.pop(0)

    for i, ((s, st), src) in enumerate(allc):
        o = records[src]
        rng = random.Random(R.randint(0, 2**31 - 1))
        kind = assign[i]
        img = o["img"]
        mime = o["mime"]
        fam = kind
        if kind == "copy_exact":
            data = o["data"]
        elif kind == "copy_jpeg":
            mime = "image/jpeg"
            data = encode(img, mime, rng, quality=rng.choice([45, 60, 70, 75, 82]))
            if data == o["data"]:
                data = encode(img, mime, rng, quality=55)
        elif kind == "copy_convert":
            choices = {"image/png": ["image/jpeg", "application/pdf"], "image/jpeg": ["image/png", "application/pdf"],
                       "application/pdf": ["image/png", "image/jpeg"]}[o["mime"]]
            mime = rng.choice(choices)
            data = encode(img, mime, rng)
            fam = f"copy_convert({EXT[o['mime']]}->{EXT[mime]})"
        elif kind == "copy_clock":
            img = t_clock(img, rng, o["sb"])
            data = encode(img, mime if mime != "application/pdf" else "image/png", rng)
            mime = mime if mime != "application/pdf" else "image/png"
        elif kind == "copy_photo":
            img = photo_of(img, rng)
            mime = "image/jpeg"
            data = encode(img, mime, rng)
        elif kind == "copy_combo":
            ops = rng.sample(["resize", "crop", "corner", "bright", "jpeg"], 2)
            for op in ops:
                if op == "resize":
                    img = t_resize(img, rng)
                elif op == "crop":
                    img = t_crop(img, rng)
                elif op == "corner":
                    img = t_corner(img, rng)
                elif op == "bright":
                    img = t_bright(img, rng)
            if "jpeg" in ops:
                mime = "image/jpeg"
            elif mime == "application/pdf":
                mime = "image/png"
            data = encode(img, mime, rng, quality=rng.choice([70, 80, 88]) if mime == "image/jpeg" else None)
            fam = "copy_combo(" + "+".join(ops) + ")"
        else:
            img = {"copy_resize": t_resize, "copy_crop": t_crop, "copy_corner": t_corner, "copy_bright": t_bright}[kind](img, rng)
            if mime == "application/pdf":
                mime = rng.choice(["image/png", "image/jpeg"])
            data = encode(img, mime, rng)
        lo = o["ts"] + dt.timedelta(minutes=rng.randint(30, 60 * 60))
        if st != o["step"]:
            a = WINDOWS[st][0].replace(hour=9)
            lo = max(lo, a + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 5)))
        how = "other_school" if s != o["school"] else "other_step"
        items.append(dict(ts=lo, school=s, step=st, expected="suspicious", family=fam + "/" + how,
                          copy_of=o, mime=mime, data=data, img=img, sb=None, key=("copy", s, st)))

    # ---- re-sends of one's own file (same school, same step): ok
    rs_src = [x for x in genuine_slots]
    R.shuffle(rs_src)
    for k, slot in enumerate(rs_src[:5]):
        o = records[slot]
        rng = random.Random(R.randint(0, 2**31 - 1))
        if k < 2:
            data, mime, fam = o["data"], o["mime"], "resend_exact"
        else:
            mime = "image/jpeg"
            data = encode(o["img"], mime, rng, quality=rng.choice([70, 78, 84]))
            fam = "resend_jpeg"
        items.append(dict(ts=o["ts"] + dt.timedelta(minutes=rng.randint(2, 60 * 20)), school=o["school"],
                          step=o["step"], expected="ok", family=fam, copy_of=o, mime=mime, data=data, img=None,
                          sb=None, key=("resend",) + slot))

    # ---- junk (blank, tiny, corrupt, wrong type, off-topic)
    junk_specs = ([("blank", v) for v in range(8)] + [("tiny", v) for v in range(5)] +
                  [("corrupt", v) for v in range(5)] + [("mime_mismatch", v) for v in range(5)] +
                  [(k, 0) for k in OFFTOPIC] + [(k, 1) for k in ["offtopic_cat", "offtopic_meme", "offtopic_map",
                                                               "offtopic_weather"]])
    R.shuffle(junk_specs)
    slot_pool = sorted(junk_only) + [x for x in slots if genuine[x]]
    R.shuffle(slot_pool)
    slot_pool = sorted(junk_only) + slot_pool
    for k, (kind, v) in enumerate(junk_specs):
        s, st = slot_pool[k]
        rng = random.Random(R.randint(0, 2**31 - 1))
        t = rnd_time(st, rr_=rng)
        if (s, st) in records and rng.random() < 0.6:
            # sent by mistake shortly before the real one
            t = records[(s, st)]["ts"] - dt.timedelta(minutes=rng.randint(3, 300))
        fam = kind
        if kind == "blank":
            img = r_blank(rng, v)
            mime = ["image/png", "image/jpeg", "image/png", "image/jpeg", "image/png", "image/jpeg", "application/pdf",
                    "image/png"][v]
            data = encode(img, mime, rng)
            fam = f"blank_{['white', 'white_noise', 'black', 'grey_gradient', 'empty_page', 'dark_noise', 'solid_blue', 'pale'][v]}"
        elif kind == "tiny":
            c = ctx(s, st, t, rng)
            base = [r_webmail, r_medk, r_chat, r_meeting, r_docview][v](c)
            size = [(40, 30), (64, 48), (32, 32), (90, 60), (48, 100)][v]
            img = base.resize(size, Image.LANCZOS)
            mime = ["image/png", "image/jpeg", "image/png", "image/jpeg", "image/png"][v]
            data = encode(img, mime, rng)
            fam = f"tiny_{size[0]}x{size[1]}"
        elif kind == "corrupt":
            c = ctx(s, st, t, rng)
            base = [r_webmail, r_chat, r_meeting, r_medk, r_cloud][v](c)
            mime = ["image/png", "image/jpeg", "image/jpeg", "application/pdf", "image/png"][v]
            full = encode(base, mime, rng)
            if v == 4:
                # damaged middle: zeroed block (CRC errors)
                b = bytearray(full)
                mid = len(b) // 3
                b[mid: mid + 4096] = bytes(4096)
                data = bytes(b)
                fam = "corrupt_zeroed"
            else:
                data = full[: int(len(full) * rng.uniform(0.25, 0.55))]
                fam = "corrupt_truncated"
            img = None
        elif kind == "mime_mismatch":
            rs = np.random.RandomState(rng.randint(0, 2**31 - 1))
            if v == 0:
                c = ctx(s, st, t, rng)
                data = encode(r_medk(c), "image/png", rng)
                mime = "application/pdf"
                fam = "mime_png_as_pdf"
            elif v == 1:
                data = rs.bytes(rng.randint(30000, 90000))
                mime = "application/pdf"
                fam = "mime_random_as_pdf"
            elif v == 2:
                data = rs.bytes(rng.randint(20000, 60000))
                mime = "image/jpeg"
                fam = "mime_random_as_jpeg"
            elif v == 3:
                html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Почта</title></head><body>"
                        "<p>Сессия истекла. Войдите снова.</p></body></html>\n" * 40).encode("utf-8")
                data = html
                mime = "image/png"
                fam = "mime_html_as_png"
            else:
                zb = io.BytesIO()
                with zipfile.ZipFile(zb, "w") as z:
                    zi = zipfile.ZipInfo("word/document.xml", date_time=(2022, 10, 1, 12, 0, 0))
                    z.writestr(zi, "<w:document>Рекомендации школе-партнёру</w:document>" * 50)
                    zi = zipfile.ZipInfo("[Content_Types].xml", date_time=(2022, 10, 1, 12, 0, 0))
                    z.writestr(zi, "<Types/>")
                data = zb.getvalue()
                mime = "application/pdf"
                fam = "mime_docx_as_pdf"
            img = None
        else:
            img = OFFTOPIC[kind](rng)
            mime = rng.choice(["image/jpeg", "image/jpeg", "image/png"])
            data = encode(img, mime, rng)
        items.append(dict(ts=t, school=s, step=st, expected="suspicious", family=fam, copy_of=None, mime=mime,
                          data=data, img=img, sb=None, key=("junk", kind, v)))

    # ---- order and write
    items.sort(key=lambda e: (e["ts"], e["school"], e["step"]))
    labels = []
    for n, it in enumerate(items, 1):
        it["file"] = f"out/s{n:03d}.{EXT[it['mime']]}"
    seen = set()
    for it in items:
        with open(os.path.join(HERE, it["file"]), "wb") as fh:
            fh.write(it["data"])
        co = it["copy_of"]
        if co is not None:
            assert co["file"] in seen, (it["file"], co["file"])
        seen.add(it["file"])
        labels.append({"file": it["file"], "mime": it["mime"], "school": it["school"], "step": it["step"],
                       "expected": it["expected"], "family": it["family"],
                       "copy_of": co["file"] if co is not None else None})
    with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8") as fh:
        json.dump(labels, fh, ensure_ascii=False, indent=1)
    with open(os.path.join(HERE, "schools.json"), "w", encoding="utf-8") as fh:
        json.dump({str(s.i): {"name": s.name, "partner": s.partner} for s in schools}, fh, ensure_ascii=False,
                  indent=1)
    print(len(labels), "files")


if __name__ == "__main__":
    main()
