#!/usr/bin/env python3
"""Held-out screenshot set #2 for the 500+ screenshot check.

Renders >=150 files into out/, writes labels.json (submission order) and schools.json.
Deterministic (fixed seed).  Only Pillow + numpy.
"""
import io
import json
import math
import os
import random
import shutil
import zipfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
R = random.Random(500_2022_2)

DJ = "/usr/share/fonts/truetype/dejavu/"
LB = "/usr/share/fonts/truetype/liberation/"
FAMS = {
    "dejavu": (DJ + "DejaVuSans.ttf", DJ + "DejaVuSans-Bold.ttf"),
    "dejavu_cond": (DJ + "DejaVuSansCondensed.ttf", DJ + "DejaVuSansCondensed-Bold.ttf"),
    "liberation": (LB + "LiberationSans-Regular.ttf", LB + "LiberationSans-Bold.ttf"),
    "narrow": (LB + "LiberationSansNarrow-Regular.ttf", LB + "LiberationSansNarrow-Bold.ttf"),
}
SERIF = (DJ + "DejaVuSerif.ttf", DJ + "DejaVuSerif-Bold.ttf")
LSERIF = (LB + "LiberationSerif-Regular.ttf", LB + "LiberationSerif-Bold.ttf")
MONO = (DJ + "DejaVuSansMono.ttf", DJ + "DejaVuSansMono-Bold.ttf")
_fc = {}


def F(fam, size, bold=False):
    pair = FAMS[fam] if isinstance(fam, str) else fam
    path = pair[1 if bold else 0]
    if not os.path.exists(path):
        path = FAMS["dejavu"][1 if bold else 0]
    key = (path, int(size))
    if key not in _fc:
        _fc[key] = ImageFont.truetype(path, max(6, int(size)))
    return _fc[key]


def tw(d, s, f):
    return d.textlength(s, font=f)


def wrap(d, text, f, maxw):
    out = []
    for para in text.split("\n"):
        words = []
        for w in para.split(" "):
            while tw(d, w, f) > maxw and len(w) > 1:
                k = len(w)
                while k > 1 and tw(d, w[:k], f) > maxw:
                    k -= 1
                words.append(w[:k])
                w = w[k:]
            words.append(w)
        line = ""
        for w in words:
            cand = (line + " " + w).strip()
            if tw(d, cand, f) <= maxw or not line:
                line = cand
            else:
                out.append(line)
                line = w
        out.append(line)
    return out


def para(d, xy, text, f, fill, maxw, lh=1.35):
    x, y = xy
    for ln in wrap(d, text, f, maxw):
        d.text((x, y), ln, font=f, fill=fill)
        y += int(f.size * lh)
    return y


LIGHT = dict(bg=(255, 255, 255), fg=(32, 33, 36), muted=(95, 99, 104), border=(218, 220, 224),
             panel=(241, 243, 244), sel=(232, 240, 254), dark=False)
DARK = dict(bg=(32, 33, 36), fg=(232, 234, 237), muted=(154, 160, 166), border=(70, 72, 76),
            panel=(44, 45, 48), sel=(40, 52, 72), dark=True)
ACCENTS = [(26, 115, 232), (0, 119, 255), (229, 57, 53), (45, 140, 80), (255, 149, 0), (111, 66, 193),
           (0, 150, 136), (33, 150, 243)]

MON_G = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
         "октября", "ноября", "декабря"]
MON_S = ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."]
WD = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"]

# ----------------------------------------------------------------------------- schools
SCH = [
    # (full name, short, email, region)
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7» муниципального образования Тимашевский район",
     "МБОУ СОШ № 7 Тимашевского района", "sosh7@tim.kubannet.ru", "Краснодарский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Основная общеобразовательная школа № 19» станицы Каневской",
     "МБОУ ООШ № 19 ст. Каневской", "school19@kanevskaya.ru", "Краснодарский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 4» города Рославля Смоленской области",
     "МБОУ «СОШ № 4» г. Рославля", "roslavl-school4@mail.ru", "Смоленская область"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Ново-Дугинская средняя школа» Сычёвского района Смоленской области",
     "МБОУ «Ново-Дугинская СШ»", "novoduginskaya.sh@yandex.ru", "Смоленская область"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Тюльковская средняя общеобразовательная школа» Балахтинского района",
     "МБОУ Тюльковская СОШ", "tulkovo-sosh@mail.ru", "Красноярский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Чистопольская средняя общеобразовательная школа» Балахтинского района",
     "МБОУ Чистопольская СОШ", "chistopole.school@mail.ru", "Красноярский край"),
    ("Муниципальное казённое общеобразовательное учреждение «Приморская средняя общеобразовательная школа» Балахтинского района",
     "МКОУ Приморская СОШ", "primorsk-sosh24@yandex.ru", "Красноярский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа села Троицкое» Нанайского муниципального района Хабаровского края",
     "МБОУ СОШ с. Троицкое", "troitskoe.school@nanrayon.ru", "Хабаровский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 3 рабочего посёлка Ванино» Ванинского муниципального района",
     "МБОУ СОШ № 3 п. Ванино", "vanino-sosh3@mail.ru", "Хабаровский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 6» города Амурска",
     "МБОУ СОШ № 6 г. Амурска", "amursk6@edu27.ru", "Хабаровский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Первомайская школа» Первомайского района Республики Крым",
     "МБОУ «Первомайская школа»", "pervomaysk-school@crimeaedu.ru", "Республика Крым"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 2 с. Сукпак» Кызылского кожууна Республики Тыва",
     "МБОУ СОШ № 2 с. Сукпак", "sukpak-sosh2@rtyva.ru", "Республика Тыва"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Ливенская средняя общеобразовательная школа № 5» Орловской области",
     "МБОУ «Ливенская СОШ № 5»", "livny-school5@orel-edu.ru", "Орловская область"),
    ("Муниципальное казённое общеобразовательное учреждение «Средняя общеобразовательная школа № 2» города Людиново Калужской области",
     "МКОУ «СОШ № 2» г. Людиново", "ludinovo-sch2@kaluga.ru", "Калужская область"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 11» станицы Кореновской",
     "МБОУ СОШ № 11 ст. Кореновской", "korenovsk11@mail.ru", "Краснодарский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Вяземская средняя школа № 9» Смоленской области",
     "МБОУ Вяземская СШ № 9", "vyazma-sh9@yandex.ru", "Смоленская область"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Кожанская средняя общеобразовательная школа» Балахтинского района",
     "МБОУ Кожанская СОШ", "kozhany.sosh@mail.ru", "Красноярский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа посёлка Сита» муниципального района имени Лазо",
     "МБОУ СОШ п. Сита", "sita-school@lazo-edu.ru", "Хабаровский край"),
    ("Муниципальное общеобразовательное учреждение «Джанкойская средняя школа № 8» Республики Крым",
     "МОУ «Джанкойская СШ № 8»", "dzhankoy8@crimeaedu.ru", "Республика Крым"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа с. Хову-Аксы» Чеди-Хольского кожууна",
     "МБОУ СОШ с. Хову-Аксы", "hovu-aksy@rtyva.ru", "Республика Тыва"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Мценская средняя общеобразовательная школа № 4» Орловской области",
     "МБОУ «Мценская СОШ № 4»", "mtsensk-sosh4@orel-edu.ru", "Орловская область"),
    ("Муниципальное казённое общеобразовательное учреждение «Основная общеобразовательная школа» села Износки Калужской области",
     "МКОУ «ООШ» с. Износки", "iznoski-oosh@kaluga.ru", "Калужская область"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 25» города Армавира",
     "МБОУ СОШ № 25 г. Армавира", "armavir25@mail.ru", "Краснодарский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Ельнинская средняя школа № 2 имени М. И. Глинки» Смоленской области",
     "МБОУ Ельнинская СШ № 2", "elnya-sh2@yandex.ru", "Смоленская область"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Грузенская средняя общеобразовательная школа» Балахтинского района",
     "МБОУ Грузенская СОШ", "gruzenka-sosh@mail.ru", "Красноярский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1 г. Николаевска-на-Амуре»",
     "МБОУ СОШ № 1 г. Николаевска-на-Амуре", "nikol-sosh1@edu27.ru", "Хабаровский край"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Красноперекопская средняя школа № 3» Республики Крым",
     "МБОУ «Красноперекопская СШ № 3»", "krp-school3@crimeaedu.ru", "Республика Крым"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1 г. Шагонара» Улуг-Хемского кожууна",
     "МБОУ СОШ № 1 г. Шагонара", "shagonar-sosh1@rtyva.ru", "Республика Тыва"),
    ("Муниципальное бюджетное общеобразовательное учреждение «Болховская средняя общеобразовательная школа № 1» Орловской области",
     "МБОУ «Болховская СОШ № 1»", "bolhov-sosh1@orel-edu.ru", "Орловская область"),
    ("Муниципальное казённое общеобразовательное учреждение «Средняя общеобразовательная школа № 3» города Сухиничи Калужской области",
     "МКОУ «СОШ № 3» г. Сухиничи", "suhinichi-sosh3@kaluga.ru", "Калужская область"),
]
assert len(SCH) == 30
_idx = list(range(30))
R.shuffle(_idx)
PARTNER = {}
for i in range(0, 30, 2):
    a, b = _idx[i], _idx[i + 1]
    PARTNER[a], PARTNER[b] = b, a

SURN = ["Иванова", "Петрова", "Сидоренко", "Кузнецова", "Морозова", "Волкова", "Соколова", "Лебедева",
        "Козлова", "Новикова", "Орлова", "Захарова", "Белова", "Ковалёва", "Ондар", "Монгуш", "Смирнова",
        "Гаврилова", "Тимофеева", "Ершова", "Фёдорова", "Яковлева", "Шевченко", "Бондаренко", "Куулар"]
SURN_M = ["Иванов", "Петров", "Сидоренко", "Кузнецов", "Морозов", "Волков", "Григорьев", "Ондар",
          "Монгуш", "Тарасов", "Полищук", "Лавров"]
NAMES_F = ["Татьяна", "Наталья", "Елена", "Ольга", "Светлана", "Ирина", "Марина", "Галина", "Анна", "Юлия",
           "Оксана", "Людмила", "Айлана", "Чейнеш"]
PATR_F = ["Петровна", "Викторовна", "Александровна", "Сергеевна", "Николаевна", "Ивановна", "Юрьевна",
          "Владимировна", "Анатольевна"]
NAMES_M = ["Алексей", "Сергей", "Андрей", "Виктор", "Игорь", "Аяс", "Дмитрий", "Олег"]
PATR_M = ["Иванович", "Петрович", "Сергеевич", "Викторович", "Николаевич", "Александрович"]


def make_staff(rng):
    if rng.random() < 0.8:
        s, n, p = rng.choice(SURN), rng.choice(NAMES_F), rng.choice(PATR_F)
    else:
        s, n, p = rng.choice(SURN_M), rng.choice(NAMES_M), rng.choice(PATR_M)
    return {"full": f"{s} {n} {p}", "short": f"{s} {n[0]}.{p[0]}.", "first": f"{n} {p}", "sur": s, "n": n}


STAFF = {}
_srng = random.Random(77)
for i in range(30):
    STAFF[i] = [make_staff(_srng) for _ in range(4)]

ROLES = ["директор", "заместитель директора по УВР", "заместитель директора по УВР", "учитель, член рабочей группы"]


# ----------------------------------------------------------------------------- dates
def d_of(step, rng):
    # conservative windows (not after the earlier regional deadlines)
    win = {"expertise-2": ((9, 15), (9, 22)), "expertise-3": ((9, 19), (9, 28)),
           "expertise-4": ((10, 3), (10, 18)), "expertise-5": ((10, 12), (10, 25))}[step]
    import datetime as dt
    a = dt.date(2022, *win[0])
    b = dt.date(2022, *win[1])
    while True:
        x = a + dt.timedelta(days=rng.randint(0, (b - a).days))
        if x.weekday() < 5 or rng.random() < 0.15:
            return x


def clock(rng, lo=8, hi=18):
    return f"{rng.randint(lo, hi)}:{rng.randint(0, 59):02d}"


def dlong(d):
    return f"{d.day} {MON_G[d.month - 1]} {d.year}"


def dnum(d):
    return d.strftime("%d.%m.%Y")


# ----------------------------------------------------------------------------- chrome helpers
def status_bar(img, d, u, th, clk, style="android"):
    W = img.width
    h = int(26 * u)
    d.rectangle([0, 0, W, h], fill=th["statusbg"] if "statusbg" in th else th["bg"])
    f = F("dejavu", 13 * u, bold=(style == "ios"))
    col = th["fg"]
    if style == "ios":
        d.text((int(24 * u), int(5 * u)), clk, font=f, fill=col)
    else:
        d.text((int(14 * u), int(5 * u)), clk, font=f, fill=col)
    # battery + signal
    bx = W - int(40 * u)
    d.rounded_rectangle([bx, int(8 * u), bx + int(22 * u), int(18 * u)], radius=int(2 * u), outline=col, width=max(1, int(u)))
    d.rectangle([bx + int(2 * u), int(10 * u), bx + int(15 * u), int(16 * u)], fill=col)
    for k in range(4):
        x = bx - int((40 - k * 5) * u)
        d.rectangle([x, int((18 - 3 * k) * u), x + int(3 * u), int(18 * u)], fill=col)
    if style == "android":
        d.text((bx - int(70 * u), int(6 * u)), "4G", font=F("dejavu", 10 * u), fill=col)
    return h


def taskbar(img, d, u, th, clk, date):
    W, H = img.size
    h = int(40 * u)
    bg = (30, 30, 30) if th["dark"] else (232, 236, 242)
    fg = (240, 240, 240) if th["dark"] else (20, 20, 20)
    d.rectangle([0, H - h, W, H], fill=bg)
    for k in range(5):
        x = int((14 + k * 44) * u)
        c = [(0, 120, 215), (255, 185, 0), (0, 153, 188), (232, 17, 35), (16, 124, 16)][k]
        d.rounded_rectangle([x, H - h + int(9 * u), x + int(22 * u), H - int(9 * u)], radius=int(4 * u), fill=c)
    f = F("dejavu", 11 * u)
    s2 = dnum(date)
    wmax = max(tw(d, clk, f), tw(d, s2, f))
    d.text((W - wmax - int(16 * u), H - h + int(5 * u)), clk, font=f, fill=fg)
    d.text((W - wmax - int(16 * u), H - h + int(21 * u)), s2, font=f, fill=fg)
    d.text((W - wmax - int(60 * u), H - h + int(13 * u)), "РУС", font=f, fill=fg)
    return h


def browser(img, d, u, th, url, tab, fam):
    W = img.width
    tb = int(34 * u)
    ab = int(38 * u)
    tabbg = (222, 225, 230) if not th["dark"] else (25, 26, 28)
    d.rectangle([0, 0, W, tb], fill=tabbg)
    d.rounded_rectangle([int(8 * u), int(6 * u), int(250 * u), tb + int(6 * u)], radius=int(8 * u), fill=th["bg"])
    ft = F(fam, 12 * u)
    t = tab
    while tw(d, t, ft) > 200 * u:
        t = t[:-2]
    d.text((int(34 * u), int(13 * u)), t if t == tab else t + "…", font=ft, fill=th["fg"])
    d.ellipse([int(14 * u), int(13 * u), int(26 * u), int(25 * u)], fill=ACCENTS[len(url) % len(ACCENTS)])
    d.text((int(266 * u), int(9 * u)), "+", font=F(fam, 16 * u), fill=th["muted"])
    d.rectangle([0, tb, W, tb + ab], fill=th["bg"])
    for k, ch in enumerate(["←", "→", "⟳"]):
        d.text((int((12 + k * 28) * u), tb + int(9 * u)), ch, font=F("dejavu", 15 * u), fill=th["muted"])
    d.rounded_rectangle([int(100 * u), tb + int(5 * u), W - int(120 * u), tb + ab - int(5 * u)],
                        radius=int(14 * u), fill=th["panel"])
    d.text((int(118 * u), tb + int(11 * u)), "🔒" if False else url, font=F(fam, 13 * u), fill=th["fg"])
    d.line([0, tb + ab, W, tb + ab], fill=th["border"], width=max(1, int(u)))
    return tb + ab


# ----------------------------------------------------------------------------- texts
def mail_text(step, me, pa, who_me, who_pa, d, rng, direction):
    P, M = SCH[pa][1], SCH[me][1]
    if step == "expertise-2":
        subj = rng.choice(["Взаимоэкспертиза документов (проект «500+»)",
                           "Проект 500+: школа-партнёр по взаимоэкспертизе",
                           "Установление контакта — взаимоэкспертиза 500+"])
        if direction == "out":
            body = (f"Уважаемые коллеги из {P}!\n\nПо итогам распределения пар наша школа ({M}) стала вашим партнёром "
                    f"по взаимоэкспертизе документов в рамках проекта «500+». Предлагаем договориться о порядке "
                    f"взаимодействия: обмен документами по электронной почте до конца сентября, затем онлайн-встреча.\n\n"
                    f"Контактное лицо: {who_me['full']}, заместитель директора по УВР, тел. +7 9{rng.randint(10, 99)} "
                    f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}.\n\nС уважением,\n{who_me['short']}\n{M}")
        else:
            body = (f"Здравствуйте, {who_me['first']}!\n\nПисьмо получили, спасибо. {P} готова к взаимодействию "
                    f"по взаимоэкспертизе документов проекта «500+». Ответственный с нашей стороны — "
                    f"{who_pa['full']}. Предлагаем до {rng.randint(26, 29)} сентября обменяться пакетами документов.\n\n"
                    f"С уважением,\n{who_pa['short']}\n{P}")
        att = []
    elif step == "expertise-3":
        subj = rng.choice(["Документы школы для взаимоэкспертизы", "500+ обмен документацией проекта",
                           "Пакет документов: рисковый профиль, концепция, программы"])
        if direction == "out":
            body = (f"Добрый день, коллеги ({P})!\n\nНаправляем обновлённый пакет документов {M} для взаимоэкспертизы: "
                    f"рисковый профиль, концепцию развития, среднесрочную программу развития и антирисковые программы. "
                    f"Просим подтвердить получение. Ждём ваши документы для изучения и предзаполнения форм рекомендаций.\n\n"
                    f"С уважением,\n{who_me['short']}")
        else:
            body = (f"Добрый день!\n\nВо вложении документы {P}: рисковый профиль, концепция развития, "
                    f"среднесрочная программа развития, антирисковые программы (обновлённые). "
                    f"Ваши документы получили, приступаем к изучению.\n\n{who_pa['short']}, {P}")
        tag = rng.choice(["", "_" + SCH[me if direction == "out" else pa][1].split("№")[-1].strip().replace(" ", "")[:6]])
        att = [f"Рисковый_профиль{tag}.pdf", f"Концепция_развития{tag}.docx", "Среднесрочная_программа.docx",
               "Антирисковые_программы.zip"]
        rng.shuffle(att)
        att = att[:rng.randint(2, 4)]
    elif step == "expertise-4":
        subj = rng.choice(["Онлайн-встреча по итогам взаимоэкспертизы", "Ссылка на запись встречи 500+"])
        body = (f"Коллеги из {P}, спасибо за встречу {d.day} {MON_G[d.month - 1]}! Направляем ссылку на видеозапись "
                f"встречи по обсуждению вызовов и рекомендаций по итогам взаимопроверки документов: "
                f"https://disk.yandex.ru/i/{''.join(rng.choice('abcdefghjkmnpqrstuvwxyzABCDEFGH23456789') for _ in range(14))}\n\n"
                f"Протокол встречи во вложении.\n\n{who_me['short']}, {M}")
        att = ["Протокол_встречи.pdf"]
    else:
        subj = rng.choice(["Формы рекомендаций (взаимоэкспертиза 500+)", "Заполненная форма рекомендаций школе-партнёру"])
        body = (f"Уважаемые коллеги ({P})!\n\nНаправляем окончательно заполненные формы рекомендаций по каждому документу "
                f"(рисковый профиль, концепция развития, среднесрочная программа, антирисковые программы). "
                f"Ваши рекомендации получены, итоговый файл загружаем в ЛК ИС МЭДК.\n\nС уважением,\n{who_me['short']}, {M}")
        att = ["Форма_рекомендаций_школе-партнёру.docx", "Рекомендации_итог.pdf"]
    return subj, body, att


# ----------------------------------------------------------------------------- renderers (genuine)
SIZES_DESK = [(1366, 768, 1.0), (1920, 1080, 1.25), (2560, 1440, 2.0), (1440, 900, 1.1), (1280, 800, 1.0),
              (1536, 864, 1.15)]
SIZES_PHONE = [(1080, 2400, 2.75), (720, 1600, 1.9), (1170, 2532, 3.0), (1080, 2340, 2.6)]


def pick_desk(rng):
    return rng.choice(SIZES_DESK)


def pick_phone(rng):
    return rng.choice(SIZES_PHONE)


def r_webmail(c):
    rng = random.Random(c["seed"])
    W, H, u = c.get("size") or pick_desk(rng)
    th = dict(DARK if c["dark"] else LIGHT)
    fam = rng.choice(list(FAMS))
    acc = rng.choice(ACCENTS)
    img = Image.new("RGB", (W, H), th["bg"])
    d = ImageDraw.Draw(img)
    me, pa = c["school"], c["about"]
    host = rng.choice([("mail.yandex.ru", "Яндекс Почта"), ("e.mail.ru", "Почта Mail.ru"),
                       ("mail.google.com", "Gmail"), ("mail.rambler.ru", "Рамблер/почта")])
    direction = c.get("direction") or rng.choice(["out", "in"])
    who_me, who_pa = STAFF[me][rng.randint(0, 2)], STAFF[pa][rng.randint(0, 2)]
    subj, body, att = mail_text(c["step"], me, pa, who_me, who_pa, c["date"], rng, direction)
    top = browser(img, d, u, th, f"https://{host[0]}/?uid=#message/{rng.randint(10**15, 10**16)}", subj, fam)
    tbh = taskbar(img, d, u, th, c["clock"], c["date"]) if c.get("taskbar", True) else 0
    # app header
    hh = int(56 * u)
    d.rectangle([0, top, W, top + hh], fill=th["panel"] if not th["dark"] else (38, 39, 42))
    d.text((int(20 * u), top + int(16 * u)), host[1], font=F(fam, 19 * u, True), fill=acc)
    d.rounded_rectangle([int(240 * u), top + int(10 * u), int(760 * u), top + hh - int(10 * u)], radius=int(8 * u),
                        fill=th["bg"], outline=th["border"])
    d.text((int(256 * u), top + int(18 * u)), "Поиск в почте", font=F(fam, 13 * u), fill=th["muted"])
    y0 = top + hh
    # folders
    lw = int(210 * u)
    d.rounded_rectangle([int(16 * u), y0 + int(14 * u), lw - int(16 * u), y0 + int(50 * u)], radius=int(16 * u), fill=acc)
    d.text((int(34 * u), y0 + int(22 * u)), "Написать", font=F(fam, 14 * u, True), fill=(255, 255, 255))
    folders = ["Входящие", "Отправленные", "Черновики", "Спам", "Корзина", "Проект 500+"]
    cur = "Отправленные" if direction == "out" else "Входящие"
    for k, fo in enumerate(folders):
        y = y0 + int((66 + k * 32) * u)
        if fo == cur:
            d.rounded_rectangle([int(8 * u), y - int(5 * u), lw - int(8 * u), y + int(24 * u)], radius=int(12 * u), fill=th["sel"])
        d.text((int(28 * u), y), fo, font=F(fam, 14 * u, fo == cur), fill=th["fg"])
        if fo == "Входящие":
            d.text((lw - int(40 * u), y), str(rng.randint(2, 40)), font=F(fam, 12 * u), fill=th["muted"])
    # message
    x = lw + int(24 * u)
    mw = W - x - int(60 * u)
    y = y0 + int(22 * u)
    d.text((x, y), subj, font=F(fam, 21 * u, True), fill=th["fg"])
    y += int(44 * u)
    if direction == "out":
        frm = (who_me["full"], SCH[me][2]); to = (SCH[pa][1], SCH[pa][2])
    else:
        frm = (who_pa["full"], SCH[pa][2]); to = (who_me["full"], SCH[me][2])
    d.ellipse([x, y, x + int(40 * u), y + int(40 * u)], fill=ACCENTS[(me + pa) % len(ACCENTS)])
    d.text((x + int(13 * u), y + int(9 * u)), frm[0][0], font=F(fam, 17 * u, True), fill=(255, 255, 255))
    d.text((x + int(52 * u), y), f"{frm[0]} <{frm[1]}>", font=F(fam, 14 * u, True), fill=th["fg"])
    d.text((x + int(52 * u), y + int(21 * u)), f"Кому: {to[0]} <{to[1]}>", font=F(fam, 13 * u), fill=th["muted"])
    ds = f"{c['date'].day} {MON_S[c['date'].month - 1]} {c['date'].year} г., {c['mtime']}"
    d.text((W - int(60 * u) - tw(d, ds, F(fam, 13 * u)), y), ds, font=F(fam, 13 * u), fill=th["muted"])
    y += int(64 * u)
    fb = F(fam, rng.choice([14, 15, 16]) * u)
    y = para(d, (x, y), body, fb, th["fg"], min(mw, 900 * u))
    y += int(16 * u)
    for k, a in enumerate(att):
        cx = x + (k % 3) * int(250 * u)
        cy = y + (k // 3) * int(60 * u)
        if cy + int(50 * u) > H - tbh:
            break
        d.rounded_rectangle([cx, cy, cx + int(236 * u), cy + int(48 * u)], radius=int(6 * u), outline=th["border"], fill=th["panel"])
        ext = a.rsplit(".", 1)[-1].upper()
        col = {"PDF": (220, 50, 47), "DOCX": (40, 100, 200), "ZIP": (120, 120, 120)}.get(ext, acc)
        d.rectangle([cx + int(8 * u), cy + int(8 * u), cx + int(40 * u), cy + int(40 * u)], fill=col)
        d.text((cx + int(11 * u), cy + int(17 * u)), ext[:4], font=F("dejavu", 9 * u, True), fill=(255, 255, 255))
        nm = a if tw(d, a, F(fam, 12 * u)) < 180 * u else a[:22] + "…"
        d.text((cx + int(48 * u), cy + int(8 * u)), nm, font=F(fam, 12 * u), fill=th["fg"])
        d.text((cx + int(48 * u), cy + int(26 * u)), f"{rng.randint(80, 2400)} КБ", font=F(fam, 11 * u), fill=th["muted"])
    return img


def r_mailphone(c):
    rng = random.Random(c["seed"])
    W, H, u = c.get("size") or pick_phone(rng)
    th = dict(DARK if c["dark"] else LIGHT)
    if th["dark"]:
        th["bg"] = (18, 18, 18)
    fam = rng.choice(list(FAMS))
    acc = rng.choice(ACCENTS)
    img = Image.new("RGB", (W, H), th["bg"])
    d = ImageDraw.Draw(img)
    me, pa = c["school"], c["about"]
    direction = c.get("direction") or rng.choice(["out", "in"])
    who_me, who_pa = STAFF[me][rng.randint(0, 2)], STAFF[pa][rng.randint(0, 2)]
    subj, body, att = mail_text(c["step"], me, pa, who_me, who_pa, c["date"], rng, direction)
    y = status_bar(img, d, u, th, c["clock"], rng.choice(["android", "ios"]))
    y += int(10 * u)
    d.text((int(14 * u), y), "‹", font=F("dejavu", 26 * u), fill=acc)
    d.text((int(34 * u), y + int(5 * u)), "Входящие" if direction == "in" else "Отправленные", font=F(fam, 15 * u), fill=acc)
    y += int(50 * u)
    m = int(16 * u)
    y = para(d, (m, y), subj, F(fam, 20 * u, True), th["fg"], W - 2 * m, 1.25) + int(14 * u)
    frm = (who_me["full"], SCH[me][2]) if direction == "out" else (who_pa["full"], SCH[pa][2])
    to = SCH[pa][2] if direction == "out" else SCH[me][2]
    d.ellipse([m, y, m + int(38 * u), y + int(38 * u)], fill=ACCENTS[(pa * 3) % len(ACCENTS)])
    d.text((m + int(12 * u), y + int(8 * u)), frm[0][0], font=F(fam, 16 * u, True), fill=(255, 255, 255))
    d.text((m + int(48 * u), y), frm[0], font=F(fam, 14 * u, True), fill=th["fg"])
    d.text((m + int(48 * u), y + int(19 * u)), frm[1], font=F(fam, 12 * u), fill=th["muted"])
    y += int(46 * u)
    d.text((m, y), f"кому: {to}", font=F(fam, 12 * u), fill=th["muted"])
    d.text((m, y + int(18 * u)), f"{c['date'].day} {MON_G[c['date'].month - 1]}, {c['mtime']}", font=F(fam, 12 * u), fill=th["muted"])
    y += int(48 * u)
    d.line([m, y, W - m, y], fill=th["border"], width=max(1, int(u)))
    y += int(14 * u)
    y = para(d, (m, y), body, F(fam, 15 * u), th["fg"], W - 2 * m, 1.4) + int(12 * u)
    for a in att:
        if y > H - int(120 * u):
            break
        d.rounded_rectangle([m, y, W - m, y + int(44 * u)], radius=int(8 * u), fill=th["panel"])
        d.text((m + int(12 * u), y + int(13 * u)), "📎 " if False else "▣ " + a, font=F(fam, 13 * u), fill=th["fg"])
        y += int(52 * u)
    # bottom bar
    by = H - int(56 * u)
    d.line([0, by, W, by], fill=th["border"], width=max(1, int(u)))
    for k, s in enumerate(["Ответить", "Переслать", "Удалить"]):
        d.text((int(20 * u) + k * (W // 3), by + int(18 * u)), s, font=F(fam, 13 * u), fill=acc)
    return img


def chat_script(step, me, pa, a, b, d, rng):
    P, M = SCH[pa][1], SCH[me][1]
    if step == "expertise-2":
        return [
            ("me", f"Здравствуйте! Это {a['full']}, {M}. Мы ваша школа-партнёр по взаимоэкспертизе в проекте 500+"),
            ("pa", f"Добрый день! Да, нам тоже пришло письмо министерства. Я {b['full']}, зам. директора {P}"),
            ("me", "Отлично! Предлагаю общаться здесь и по почте. Документы пришлём до конца сентября"),
            ("pa", "Договорились. Наша почта " + SCH[pa][2]),
            ("me", "Спасибо, записала 👍" if False else "Спасибо, записала!"),
        ]
    if step == "expertise-3":
        return [
            ("pa", f"Коллеги, отправили вам на почту документы {P}: рисковый профиль, концепцию развития и среднесрочную программу"),
            ("me", "Получили, спасибо! Антирисковые программы тоже будут?"),
            ("pa", "Да, досылаем файлом сюда"),
            ("file", "Антирисковые_программы_" + P.split()[-1].replace("«", "").replace("»", "") + ".pdf"),
            ("me", f"Наши документы ({M}) тоже отправили вам, проверьте, пожалуйста"),
            ("pa", "Всё дошло. Начинаем предзаполнение форм рекомендаций"),
        ]
    if step == "expertise-4":
        return [
            ("me", f"{b['first']}, напоминаю: встреча по итогам взаимоэкспертизы сегодня в {rng.randint(13, 15)}:00, ссылка ниже"),
            ("me", "https://telemost.yandex.ru/j/" + "".join(rng.choice("0123456789") for _ in range(14))),
            ("pa", "Спасибо, подключимся всей рабочей группой"),
            ("pa", "Встреча прошла продуктивно, спасибо за рекомендации по концепции развития!"),
            ("me", "И вам спасибо! Запись встречи выложим на диск и пришлём ссылку"),
        ]
    return [
        ("me", f"Добрый день! Отправили вам заполненные формы рекомендаций от {M}"),
        ("file", "Форма_рекомендаций_" + P.split()[-1].replace("«", "").replace("»", "") + ".docx"),
        ("pa", "Получили, спасибо! Наши рекомендации для вас тоже готовы"),
        ("file", "Рекомендации_школе-партнёру.pdf"),
        ("me", "Всё загрузили в ЛК ИС МЭДК: полученные рекомендации, направленные и ссылку на видеозапись"),
    ]


def r_chat(c):
    rng = random.Random(c["seed"])
    phone = c.get("phone", True)
    if phone:
        W, H, u = c.get("size") or pick_phone(rng)
    else:
        W, H, u = c.get("size") or pick_desk(rng)
    app = rng.choice(["tg", "wa", "vk"])
    dark = c["dark"]
    fam = rng.choice(list(FAMS))
    if app == "tg":
        bg = (14, 22, 33) if dark else (207, 222, 190)
        outc = (43, 82, 120) if dark else (239, 253, 222)
        inc = (24, 37, 51) if dark else (255, 255, 255)
        head = (23, 33, 43) if dark else (81, 125, 162)
    elif app == "wa":
        bg = (11, 20, 26) if dark else (236, 229, 221)
        outc = (0, 92, 75) if dark else (220, 248, 198)
        inc = (32, 44, 51) if dark else (255, 255, 255)
        head = (32, 44, 51) if dark else (0, 128, 105)
    else:
        bg = (25, 25, 26) if dark else (237, 238, 240)
        outc = (40, 58, 80) if dark else (204, 228, 255)
        inc = (44, 45, 46) if dark else (255, 255, 255)
        head = (34, 34, 35) if dark else (255, 255, 255)
    fg = (235, 235, 235) if dark else (17, 17, 17)
    muted = (140, 150, 160) if dark else (110, 120, 130)
    hfg = (255, 255, 255) if (dark or app != "vk") else (17, 17, 17)
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    # subtle wallpaper pattern
    if app == "tg" and not dark:
        for _ in range(int(W * H / 9000)):
            x, y = rng.randint(0, W), rng.randint(0, H)
            r = rng.randint(3, 9) * u
            d.ellipse([x, y, x + r, y + r], outline=(196, 212, 178))
    me, pa = c["school"], c["about"]
    a, b = STAFF[me][rng.randint(0, 2)], STAFF[pa][rng.randint(0, 2)]
    y = 0
    th = dict(fg=hfg, bg=head, dark=dark, statusbg=head)
    if phone:
        y = status_bar(img, d, u, th, c["clock"], rng.choice(["android", "ios"]))
    else:
        # left chat list
        pass
    x0 = 0
    if not phone:
        x0 = int(320 * u)
        d.rectangle([0, 0, x0, H], fill=(23, 33, 43) if dark else (255, 255, 255))
        for k in range(9):
            yy = int((64 + k * 66) * u)
            nm = [f"{b['sur']} ({SCH[pa][1]})", "Рабочая группа 500+", "Куратор " + STAFF[me][3]["short"],
                  "Родители 7 «Б»", "Методобъединение", "Избранное", "Педсовет", "Завуч", "Библиотека"][k]
            if k == 0:
                d.rectangle([0, yy - int(8 * u), x0, yy + int(58 * u)], fill=(43, 82, 120) if dark else (64, 167, 227))
            d.ellipse([int(10 * u), yy, int(54 * u), yy + int(44 * u)], fill=ACCENTS[(k + me) % len(ACCENTS)])
            col = (255, 255, 255) if k == 0 else fg
            d.text((int(64 * u), yy + int(2 * u)), nm[:30], font=F(fam, 13 * u, True), fill=col)
            d.text((int(64 * u), yy + int(24 * u)), ["Всё дошло", "Ок", "Спасибо!", "Собрание в четверг", "Фото", "", "Повестка", "Ок", "Книги"][k],
                   font=F(fam, 12 * u), fill=col if k == 0 else muted)
    hh = int(56 * u)
    d.rectangle([x0, y, W, y + hh], fill=head)
    title = rng.choice([f"{b['short']} ({SCH[pa][1]})", f"Взаимоэкспертиза: {SCH[me][1]} — {SCH[pa][1]}", f"{b['full']}"])
    ft = F(fam, 16 * u, True)
    while tw(d, title, ft) > W - x0 - 120 * u:
        ft = F(fam, ft.size - 1, True)
    d.text((x0 + int(60 * u), y + int(8 * u)), title, font=ft, fill=hfg)
    sub_t = rng.choice(["в сети", "был(а) недавно", "3 участника"])
    if title == f"{b['full']}":
        sub_t = SCH[pa][1]
    d.text((x0 + int(60 * u), y + int(31 * u)), sub_t, font=F(fam, 12 * u),
           fill=hfg if app != "vk" else muted)
    if phone:
        d.text((x0 + int(14 * u), y + int(10 * u)), "←", font=F("dejavu", 22 * u), fill=hfg)
    y += hh + int(14 * u)
    # date chip
    ds = f"{c['date'].day} {MON_G[c['date'].month - 1]}"
    fd = F(fam, 12 * u, True)
    cw = tw(d, ds, fd) + 24 * u
    cx = x0 + (W - x0 - cw) / 2
    d.rounded_rectangle([cx, y, cx + cw, y + int(24 * u)], radius=int(12 * u), fill=(0, 0, 0) if dark else (180, 200, 170) if app == "tg" else (225, 240, 250))
    d.text((cx + 12 * u, y + int(5 * u)), ds, font=fd, fill=(255, 255, 255) if app == "tg" or dark else (80, 80, 80))
    y += int(40 * u)
    msgs = chat_script(c["step"], me, pa, a, b, c["date"], rng)
    fb = F(fam, rng.choice([14, 15, 16]) * u)
    maxw = int((W - x0) * 0.72)
    h0, m0 = map(int, c["mtime"].split(":"))
    for k, (who, txt) in enumerate(msgs):
        m0 += rng.randint(1, 9)
        tm = f"{(h0 + m0 // 60) % 24:02d}:{m0 % 60:02d}"
        mine = who == "me" or (who == "file" and k % 2 == 0)
        if who == "file":
            lines = [txt]
            bw = min(maxw, int(tw(d, txt, fb) + 90 * u))
        else:
            lines = wrap(d, txt, fb, maxw - 40 * u)
            bw = int(max(tw(d, ln, fb) for ln in lines) + 70 * u)
        bh = int(len(lines) * fb.size * 1.35 + 26 * u)
        if who == "file":
            bh = int(56 * u)
        if y + bh > H - int(70 * u):
            break
        bx = W - bw - int(12 * u) if mine else x0 + int(12 * u)
        d.rounded_rectangle([bx, y, bx + bw, y + bh], radius=int(12 * u), fill=outc if mine else inc)
        if who == "file":
            d.ellipse([bx + int(8 * u), y + int(8 * u), bx + int(48 * u), y + int(48 * u)], fill=(64, 167, 227))
            d.text((bx + int(56 * u), y + int(10 * u)), txt if tw(d, txt, fb) < bw - 60 * u else txt[:28] + "…", font=fb, fill=fg)
            d.text((bx + int(56 * u), y + int(32 * u)), f"{rng.randint(1, 9)},{rng.randint(0, 9)} МБ", font=F(fam, 11 * u), fill=muted)
        else:
            yy = y + int(8 * u)
            for ln in lines:
                d.text((bx + int(12 * u), yy), ln, font=fb, fill=fg)
                yy += int(fb.size * 1.35)
        d.text((bx + bw - int(50 * u), y + bh - int(17 * u)), tm, font=F(fam, 10 * u), fill=muted)
        y += bh + int(10 * u)
    # input
    iy = H - int(58 * u)
    d.rectangle([x0, iy, W, H], fill=inc if dark else (255, 255, 255))
    d.text((x0 + int(54 * u), iy + int(18 * u)), "Сообщение", font=F(fam, 15 * u), fill=muted)
    return img


def r_meeting(c):
    rng = random.Random(c["seed"])
    W, H, u = c.get("size") or pick_desk(rng)
    fam = rng.choice(list(FAMS))
    plat = rng.choice(["Яндекс Телемост", "Сферум", "VK Звонки", "Zoom", "Контур.Толк", "TrueConf"])
    dark = c["dark"]
    bg = (24, 24, 27) if dark else (236, 238, 242)
    fg = (240, 240, 240) if dark else (20, 20, 20)
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    me, pa = c["school"], c["about"]
    people = [(s, me) for s in STAFF[me][:rng.randint(2, 3)]] + [(s, pa) for s in STAFF[pa][:rng.randint(2, 4)]]
    if rng.random() < 0.5:
        people.append((STAFF[me][3], -1))  # curator
    rng.shuffle(people)
    topb = int(48 * u)
    d.rectangle([0, 0, W, topb], fill=(16, 16, 18) if dark else (255, 255, 255))
    title = rng.choice(["Взаимоэкспертиза документов 500+: ", "Встреча со школой-партнёром: ", "Обсуждение рекомендаций: "])
    title += f"{SCH[me][1]} и {SCH[pa][1]}"
    ft = F(fam, 14 * u, True)
    while tw(d, title, ft) > W - 480 * u:
        ft = F(fam, ft.size - 1, True)
    d.text((int(16 * u), int(15 * u)), title, font=ft, fill=fg)
    d.ellipse([W - int(330 * u), int(18 * u), W - int(318 * u), int(30 * u)], fill=(230, 40, 40))
    d.text((W - int(312 * u), int(14 * u)), f"Запись  {rng.randint(0, 1):02d}:{rng.randint(5, 59):02d}:{rng.randint(0, 59):02d}",
           font=F(fam, 14 * u), fill=fg)
    d.text((W - int(150 * u), int(14 * u)), f"{plat}", font=F(fam, 13 * u), fill=(120, 160, 255))
    side = rng.random() < 0.6
    sw = int(300 * u) if side else 0
    botb = int(70 * u)
    gx0, gy0, gx1, gy1 = int(10 * u), topb + int(10 * u), W - sw - int(10 * u), H - botb - int(10 * u)
    n = len(people)
    cols = math.ceil(math.sqrt(n * (gx1 - gx0) / (gy1 - gy0) / 1.5))
    rows = math.ceil(n / cols)
    cw = (gx1 - gx0) // cols
    ch = (gy1 - gy0) // rows
    for k, (p, sc) in enumerate(people):
        cx, cy = gx0 + (k % cols) * cw, gy0 + (k // cols) * ch
        tile = (rng.randint(40, 90), rng.randint(40, 90), rng.randint(50, 110)) if dark else (rng.randint(160, 210),) * 3
        d.rounded_rectangle([cx + 4, cy + 4, cx + cw - 4, cy + ch - 4], radius=int(10 * u), fill=tile)
        mx, my = cx + cw // 2, cy + ch // 2
        rr = int(min(cw, ch) * 0.2)
        if rng.random() < 0.5:
            # "camera" person silhouette
            room = tuple(min(255, v + 40) for v in tile)
            d.rectangle([cx + 6, cy + 6, cx + cw - 6, cy + ch - 6], fill=room)
            skin = rng.choice([(224, 172, 140), (198, 150, 120), (170, 120, 90)])
            d.ellipse([mx - rr, my - int(rr * 1.6), mx + rr, my + int(rr * 0.6)], fill=skin)
            d.pieslice([mx - int(rr * 2.2), my + int(rr * 0.5), mx + int(rr * 2.2), my + int(rr * 4)], 180, 360,
                       fill=rng.choice([(40, 50, 90), (90, 30, 40), (60, 60, 60), (20, 90, 80)]))
        else:
            d.ellipse([mx - rr, my - rr, mx + rr, my + rr], fill=ACCENTS[k % len(ACCENTS)])
            ini = p["sur"][0] + p["n"][0]
            fi = F(fam, rr * 0.8, True)
            d.text((mx - tw(d, ini, fi) / 2, my - fi.size * 0.6), ini, font=fi, fill=(255, 255, 255))
        lab = p["short"] + (f" ({SCH[sc][1]})" if sc >= 0 else " (куратор)")
        fl = F(fam, 12 * u)
        while tw(d, lab, fl) > cw - 30 and fl.size > 9:
            fl = F(fam, fl.size - 1)
        if tw(d, lab, fl) > cw - 30:
            lab = p["short"] + " " + SCH[sc][1].split()[-1] if sc >= 0 else p["short"]
        lw_ = tw(d, lab, fl)
        d.rectangle([cx + 10, cy + ch - 14 - fl.size - 8, cx + 18 + lw_, cy + ch - 12], fill=(0, 0, 0))
        d.text((cx + 14, cy + ch - 16 - fl.size - 2), lab, font=fl, fill=(255, 255, 255))
    if side:
        sx = W - sw
        d.rectangle([sx, topb, W, H - botb], fill=(36, 36, 40) if dark else (255, 255, 255))
        d.text((sx + int(14 * u), topb + int(12 * u)), f"Участники ({len(people) + 1})", font=F(fam, 15 * u, True), fill=fg)
        yy = topb + int(44 * u)
        for p, sc in people:
            d.ellipse([sx + int(14 * u), yy, sx + int(38 * u), yy + int(24 * u)], fill=(120, 130, 150))
            d.text((sx + int(46 * u), yy), p["short"], font=F(fam, 13 * u), fill=fg)
            sub = SCH[sc][1] if sc >= 0 else "куратор"
            fs = F(fam, 11 * u)
            while tw(d, sub, fs) > sw - 60 * u and fs.size > 8:
                fs = F(fam, fs.size - 1)
            d.text((sx + int(46 * u), yy + int(17 * u)), sub, font=fs, fill=(150, 150, 160))
            yy += int(44 * u)
    d.rectangle([0, H - botb, W, H], fill=(16, 16, 18) if dark else (255, 255, 255))
    for k, (lab, colr) in enumerate([("Микрофон", (80, 80, 90)), ("Камера", (80, 80, 90)), ("Экран", (80, 80, 90)),
                                     ("Чат", (80, 80, 90)), ("Завершить", (220, 50, 50))]):
        bx = W // 2 + (k - 2) * int(90 * u)
        d.ellipse([bx - int(20 * u), H - botb + int(8 * u), bx + int(20 * u), H - botb + int(48 * u)], fill=colr)
        fl = F(fam, 10 * u)
        d.text((bx - tw(d, lab, fl) / 2, H - botb + int(52 * u)), lab, font=fl, fill=fg)
    dd = c["date"]
    stamp = f"{WD[dd.weekday()]}, {dd.day} {MON_G[dd.month - 1]}  {c['clock']}"
    d.text((int(16 * u), H - botb + int(24 * u)), stamp, font=F(fam, 13 * u), fill=fg)
    return img


DOCS = ["Рекомендации, полученные от школы-партнёра", "Рекомендации, направленные школе-партнёру",
        "Ссылка на файл с видеозаписью встречи", "Итоговый файл взаимоэкспертизы"]
DOCS3 = ["Рисковый профиль школы", "Концепция развития", "Среднесрочная программа развития",
         "Антирисковые программы", "Документы школы-партнёра (получены)"]


def r_medk(c):
    rng = random.Random(c["seed"])
    W, H, u = c.get("size") or pick_desk(rng)
    th = dict(DARK if c["dark"] else LIGHT)
    fam = rng.choice(list(FAMS))
    img = Image.new("RGB", (W, H), th["bg"])
    d = ImageDraw.Draw(img)
    me, pa = c["school"], c["about"]
    url = rng.choice(["https://edk.fioco.ru/lk/school/expertise", "https://medk.fioco.ru/oo/roadmap/vzaimoekspertiza",
                      "https://is-medk.fioco.ru/cabinet/documents"])
    top = browser(img, d, u, th, url, "ИС МЭДК — личный кабинет ОО", fam) if c.get("chrome", True) else 0
    tbh = taskbar(img, d, u, th, c["clock"], c["date"]) if c.get("taskbar", rng.random() < 0.6) else 0
    hb = (30, 58, 110) if not th["dark"] else (22, 34, 60)
    hh = int(64 * u)
    d.rectangle([0, top, W, top + hh], fill=hb)
    d.text((int(24 * u), top + int(10 * u)), "ИС МЭДК", font=F(fam, 22 * u, True), fill=(255, 255, 255))
    d.text((int(24 * u), top + int(38 * u)), "Информационная система мониторинга электронных дорожных карт",
           font=F(fam, 11 * u), fill=(200, 210, 230))
    user = SCH[me][1]
    fu = F(fam, 13 * u)
    d.text((W - tw(d, user, fu) - int(60 * u), top + int(22 * u)), user, font=fu, fill=(255, 255, 255))
    y = top + hh
    d.rectangle([0, y, W, y + int(40 * u)], fill=th["panel"])
    for k, s in enumerate(["Дорожная карта", "Документы", "Взаимоэкспертиза", "Мониторинг", "Сообщения"]):
        fx = F(fam, 13 * u, s == "Взаимоэкспертиза")
        d.text((int((24 + k * 160) * u), y + int(12 * u)), s, font=fx, fill=th["fg"])
    y += int(60 * u)
    m = int(32 * u)
    d.text((m, y), "Личный кабинет ОО › Взаимоэкспертиза документов", font=F(fam, 12 * u), fill=th["muted"])
    y += int(26 * u)
    step5 = c["step"] == "expertise-5"
    d.text((m, y), "Взаимоэкспертиза: размещение результатов" if step5 else "Взаимоэкспертиза: обмен документацией",
           font=F(fam, 20 * u, True), fill=th["fg"])
    y += int(38 * u)
    d.text((m, y), f"Школа-партнёр: {SCH[pa][0] if rng.random() < 0.5 else SCH[pa][1]}", font=F(fam, 13 * u), fill=th["fg"])
    y += int(22 * u)
    d.text((m, y), f"Эл. почта партнёра: {SCH[pa][2]}", font=F(fam, 13 * u), fill=th["muted"])
    y += int(36 * u)
    cols = [("№", 40), ("Документ", 430), ("Файл / ссылка", 360), ("Дата загрузки", 150), ("Статус", 220)]
    scale = (W - 2 * m) / (sum(w for _, w in cols) * u)
    scale = min(scale, 1.0)
    rh = int(40 * u)
    x = m
    d.rectangle([m, y, W - m, y + rh], fill=th["panel"])
    for name, w in cols:
        d.text((x + int(8 * u), y + int(12 * u)), name, font=F(fam, 13 * u, True), fill=th["fg"])
        x += int(w * u * scale)
    y += rh
    docs = DOCS if step5 else DOCS3
    import datetime as dt
    for k, doc in enumerate(docs):
        x = m
        dd = c["date"] - dt.timedelta(days=rng.randint(0, 3))
        if doc.startswith("Ссылка"):
            fn = "https://disk.yandex.ru/i/" + "".join(rng.choice("abcdefKLMNP23456") for _ in range(10))
        else:
            tag = SCH[pa if "полученные" in doc or "партнёра" in doc else me][1].split("№")[-1].strip()[:10]
            fn = doc.split(",")[0].replace(" ", "_")[:24] + "_" + tag.replace(" ", "") + rng.choice([".pdf", ".docx"])
        st = rng.choice(["Загружен", "Загружен", "На проверке у куратора", "Подтверждён куратором"])
        vals = [str(k + 1), doc, fn, dnum(dd), st]
        for (name, w), v in zip(cols, vals):
            fv = F(fam, 13 * u)
            mw = int(w * u * scale) - int(14 * u)
            ls = wrap(d, v, fv, mw)[:2]
            col = th["fg"]
            if name == "Статус":
                col = (46, 160, 67) if "Подтв" in v or v == "Загружен" else (210, 140, 20)
            if name == "Файл / ссылка":
                col = (60, 130, 240)
            for j, ln in enumerate(ls):
                d.text((x + int(8 * u), y + int(8 * u) + j * int(17 * u)), ln, font=fv, fill=col)
            x += int(w * u * scale)
        y += int(52 * u)
        d.line([m, y - int(6 * u), W - m, y - int(6 * u)], fill=th["border"])
        if y > H - tbh - int(80 * u):
            break
    if y < H - tbh - int(80 * u):
        d.rounded_rectangle([m, y + int(10 * u), m + int(220 * u), y + int(48 * u)], radius=int(6 * u), fill=(30, 58, 110))
        d.text((m + int(18 * u), y + int(20 * u)), "+ Загрузить документ", font=F(fam, 13 * u, True), fill=(255, 255, 255))
    return img


def r_form(c):
    rng = random.Random(c["seed"])
    phone = c.get("phone", rng.random() < 0.35)
    W, H, u = c.get("size") or (pick_phone(rng) if phone else pick_desk(rng))
    dark = c["dark"]
    acc = rng.choice([(103, 58, 183), (0, 120, 212), (219, 68, 55), (15, 157, 88), (255, 204, 0)])
    bg = (32, 33, 36) if dark else tuple(min(255, int(v * 0.12 + 240 * 0.88) + 8) for v in acc)
    card = (48, 49, 52) if dark else (255, 255, 255)
    fg = (232, 234, 237) if dark else (32, 33, 36)
    mu = (160, 165, 170) if dark else (95, 99, 104)
    fam = rng.choice(list(FAMS))
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    th = dict(DARK if dark else LIGHT)
    me, pa = c["school"], c["about"]
    kind = rng.choice(["google", "yandex"])
    url = "https://docs.google.com/forms/d/e/1FAIpQL" + "".join(rng.choice("abcdefXYZ0123") for _ in range(18)) + "/formResponse" \
        if kind == "google" else "https://forms.yandex.ru/u/" + "".join(rng.choice("0123456789abcdef") for _ in range(24)) + "/success"
    if phone:
        top = status_bar(img, d, u, dict(th, bg=card, statusbg=card), c["clock"])
        d.rectangle([0, top, W, top + int(44 * u)], fill=card)
        d.text((int(14 * u), top + int(12 * u)), url.split("/")[2], font=F(fam, 14 * u), fill=fg)
        top += int(44 * u)
        tbh = 0
    else:
        top = browser(img, d, u, th, url, "Форма рекомендаций 500+", fam)
        tbh = taskbar(img, d, u, th, c["clock"], c["date"]) if rng.random() < 0.5 else 0
    cw = min(W - int(24 * u), int(640 * u))
    x = (W - cw) // 2
    y = top + int(20 * u)
    ch = int(420 * u)
    d.rounded_rectangle([x, y, x + cw, y + ch], radius=int(8 * u), fill=card)
    d.rectangle([x, y, x + cw, y + int(10 * u)], fill=acc)
    m = x + int(24 * u)
    yy = y + int(30 * u)
    ttl = rng.choice(["Форма рекомендаций по итогам взаимоэкспертизы документов (проект «500+»)",
                      "Предзаполнение формы рекомендаций школе-партнёру — проект 500+",
                      "Взаимоэкспертиза 500+: рекомендации школе-партнёру"])
    yy = para(d, (m, yy), ttl, F(fam, 22 * u), fg, cw - int(48 * u), 1.25) + int(14 * u)
    ok = rng.choice(["Ответ отправлен", "Ваш ответ записан.", "Спасибо! Ответ отправлен"])
    d.text((m, yy), ok, font=F(fam, 16 * u, True), fill=fg)
    yy += int(36 * u)
    rows = [f"Образовательная организация: {SCH[me][1]}", f"Школа-партнёр: {SCH[pa][1]}",
            f"Документ: {rng.choice(['Концепция развития', 'Рисковый профиль', 'Среднесрочная программа развития', 'Антирисковые программы'])}",
            f"Дата: {dnum(c['date'])}"]
    for r in rows:
        yy = para(d, (m, yy), r, F(fam, 13 * u), mu, cw - int(48 * u), 1.3) + int(4 * u)
    yy += int(14 * u)
    d.text((m, yy), "Отправить ещё один ответ", font=F(fam, 13 * u), fill=(26, 115, 232))
    yy += int(24 * u)
    d.text((m, yy), "Изменить ответ", font=F(fam, 13 * u), fill=(26, 115, 232))
    ty = max(yy + int(40 * u), y + ch + int(20 * u))
    foot = "Google Формы" if kind == "google" else "Яндекс Формы"
    fo = F(fam, 15 * u, True)
    d.text(((W - tw(d, foot, fo)) / 2, ty), foot, font=fo, fill=mu)
    return img


def r_pdf(c):
    rng = random.Random(c["seed"])
    W, H, u = c.get("size") or pick_desk(rng)
    dark = c["dark"]
    bg = (56, 56, 61) if dark else (210, 212, 216)
    bar = (42, 42, 46) if dark else (249, 249, 250)
    bfg = (230, 230, 230) if dark else (30, 30, 30)
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    me, pa = c["school"], c["about"]
    step4 = c["step"] == "expertise-4"
    fname = ("Протокол_встречи_" if step4 else "Форма_рекомендаций_") + SCH[pa][2].split("@")[0] + ".pdf"
    bh = int(44 * u)
    d.rectangle([0, 0, W, bh], fill=bar)
    fam = rng.choice(list(FAMS))
    d.text((int(16 * u), int(13 * u)), "≡  " + fname, font=F(fam, 14 * u), fill=bfg)
    mid = f"1 / {rng.randint(2, 6)}    —   {rng.choice([100, 110, 125, 90])}%   +"
    d.text((W / 2 - 80 * u, int(13 * u)), mid, font=F(fam, 14 * u), fill=bfg)
    d.text((W - int(160 * u), int(13 * u)), "↓     ⋮", font=F("dejavu", 15 * u), fill=bfg)
    tbh = taskbar(img, d, u, dict(LIGHT, dark=dark), c["clock"], c["date"]) if rng.random() < 0.5 else 0
    pw = int(min(W * 0.62, 820 * u))
    px = (W - pw) // 2
    py = bh + int(20 * u)
    d.rectangle([px + 4, py + 4, px + pw + 4, H + 10], fill=(0, 0, 0) if dark else (170, 170, 175))
    d.rectangle([px, py, px + pw, H + 10], fill=(255, 255, 255))
    serif = rng.choice([SERIF, LSERIF])
    m = px + int(60 * u)
    mw = pw - int(120 * u)
    y = py + int(50 * u)
    ink = (10, 10, 10)
    fs = rng.choice([13, 14]) * u
    if step4:
        t1 = "ПРОТОКОЛ"
        t2 = "встречи школ-партнёров в рамках взаимоэкспертизы документов проекта «500+»"
    else:
        t1 = "ФОРМА РЕКОМЕНДАЦИЙ"
        t2 = "по итогам взаимоэкспертизы документов проекта «500+»"
    ft = F(serif, fs + 3 * u, True)
    d.text((px + (pw - tw(d, t1, ft)) / 2, y), t1, font=ft, fill=ink)
    y += int(30 * u)
    for ln in wrap(d, t2, F(serif, fs, True), mw):
        d.text((px + (pw - tw(d, ln, F(serif, fs, True))) / 2, y), ln, font=F(serif, fs, True), fill=ink)
        y += int(fs * 1.4)
    y += int(14 * u)
    fb = F(serif, fs)
    d.text((m, y), f"Дата: {dlong(c['date'])} г.", font=fb, fill=ink)
    d.text((m + mw - tw(d, "Форма: онлайн (ВКС)", fb), y), "Форма: онлайн (ВКС)" if step4 else "", font=fb, fill=ink)
    y += int(fs * 2)
    if step4:
        body = (f"Присутствовали: от {SCH[me][0]} — {STAFF[me][0]['full']}, {STAFF[me][1]['full']}; "
                f"от {SCH[pa][0]} — {STAFF[pa][0]['full']}, {STAFF[pa][1]['full']}.\n"
                "Повестка: 1. Обсуждение результатов взаимопроверки рискового профиля, концепции развития, "
                "среднесрочной программы развития и антирисковых программ. 2. Вызовы и рекомендации школе-партнёру. "
                "3. Порядок заполнения и обмена формами рекомендаций.\n"
                "Решили: 1. Принять к сведению рекомендации школы-партнёра. 2. Доработать антирисковые программы "
                "с учётом замечаний. 3. Обменяться окончательно заполненными формами рекомендаций до 26 октября "
                "и разместить их в ЛК ИС МЭДК вместе со ссылкой на видеозапись встречи.")
    else:
        body = (f"Школа-эксперт: {SCH[me][0]}.\nШкола-партнёр: {SCH[pa][0]}.\n"
                f"Документ: {rng.choice(['Концепция развития', 'Среднесрочная программа развития', 'Антирисковая программа «Низкая учебная мотивация обучающихся»'])}.\n"
                "1. Соответствие документа выявленным рисковым профилем факторам: соответствует частично.\n"
                "2. Сильные стороны: чётко сформулированы цели и задачи, определены ответственные.\n"
                "3. Рекомендации: конкретизировать показатели результативности, согласовать сроки мероприятий "
                "со среднесрочной программой развития, предусмотреть мониторинг промежуточных результатов.")
    y = para(d, (m, y), body, fb, ink, mw, 1.45)
    y += int(24 * u)
    d.text((m, y), f"{'Секретарь' if step4 else 'Эксперт'}: ____________ / {STAFF[me][1]['short']}", font=fb, fill=ink)
    return img


def r_photo(c):
    """Phone photo of a laptop screen showing a genuine screen (base rendered by c['base'])."""
    rng = random.Random(c["seed"])
    sub = dict(c)
    sub["seed"] = c["seed"] + 1
    sub["size"] = rng.choice([(1366, 768, 1.0), (1920, 1080, 1.25)])
    sub["taskbar"] = True
    base = RENDER[c["base"]](sub)
    portrait = rng.random() < 0.3
    PW, PH = (1512, 2016) if portrait else (2016, 1512)
    # desk / room background
    yy, xx = np.mgrid[0:PH, 0:PW].astype(np.float32)
    c0 = np.array(rng.choice([(120, 96, 70), (70, 70, 75), (150, 140, 130), (95, 80, 60)]), np.float32)
    grad = 0.75 + 0.45 * (yy / PH) + 0.1 * np.sin(xx / 37.0)
    arr = c0[None, None, :] * grad[..., None]
    arr += np.random.default_rng(c["seed"]).normal(0, 6, arr.shape)
    photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    # quad of the screen
    bw, bh = base.size
    s = (PW * rng.uniform(0.80, 0.92)) / bw if not portrait else (PW * rng.uniform(0.88, 0.97)) / bw
    tw_, th_ = bw * s, bh * s
    cx, cy = PW / 2 + rng.uniform(-40, 40), PH / 2 + rng.uniform(-60, 30)
    j = lambda: rng.uniform(-0.035, 0.035) * tw_
    quad = [(cx - tw_ / 2 + j(), cy - th_ / 2 + j()), (cx + tw_ / 2 + j(), cy - th_ / 2 + j()),
            (cx + tw_ / 2 + j(), cy + th_ / 2 + j()), (cx - tw_ / 2 + j(), cy + th_ / 2 + j())]
    dp = ImageDraw.Draw(photo)
    bez = [(quad[0][0] - 30, quad[0][1] - 34), (quad[1][0] + 30, quad[1][1] - 34), (quad[2][0] + 30, quad[2][1] + 40),
           (quad[3][0] - 30, quad[3][1] + 40)]
    dp.polygon(bez, fill=(18, 18, 20))
    # perspective coeffs: output quad -> source rect
    src = [(0, 0), (bw, 0), (bw, bh), (0, bh)]
    A, B = [], []
    for (x, y), (X, Y) in zip(quad, src):
        A.append([x, y, 1, 0, 0, 0, -X * x, -X * y]); B.append(X)
        A.append([0, 0, 0, x, y, 1, -Y * x, -Y * y]); B.append(Y)
    coef = np.linalg.solve(np.array(A, float), np.array(B, float))
    warped = base.transform((PW, PH), Image.PERSPECTIVE, tuple(coef), Image.BICUBIC)
    mask = Image.new("L", (PW, PH), 0)
    ImageDraw.Draw(mask).polygon(quad, fill=255)
    photo.paste(warped, (0, 0), mask)
    a = np.asarray(photo).astype(np.float32)
    # moire + glare + vignette
    a += 5 * np.sin((xx * 0.9 + yy * 0.35) / 2.3)[..., None] * (np.asarray(mask)[..., None] / 255)
    gx, gy = rng.uniform(0.2, 0.8) * PW, rng.uniform(0.1, 0.5) * PH
    a += 45 * np.exp(-(((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * (PW * 0.15) ** 2)))[..., None]
    v = 1 - 0.35 * (((xx - PW / 2) / PW) ** 2 + ((yy - PH / 2) / PH) ** 2) * 2
    a *= v[..., None]
    a *= np.array([1.0, 0.98, 0.9 + rng.uniform(-0.05, 0.08)])[None, None, :]
    a += np.random.default_rng(c["seed"] + 5).normal(0, 4, a.shape)
    photo = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.2)))
    photo = photo.rotate(rng.uniform(-2.5, 2.5), resample=Image.BICUBIC, fillcolor=tuple(int(x) for x in c0))
    return photo


RENDER = {"webmail": r_webmail, "mailphone": r_mailphone, "chat": r_chat, "meeting": r_meeting, "medk": r_medk,
          "form": r_form, "pdfview": r_pdf, "photo": r_photo}

# ----------------------------------------------------------------------------- off-topic renderers


def _noise_photo(W, H, seed, base_cols):
    g = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    a = np.zeros((H, W, 3), np.float32)
    top, bot = np.array(base_cols[0], np.float32), np.array(base_cols[1], np.float32)
    t = (yy / H)[..., None]
    a[:] = top * (1 - t) + bot * t
    # low-frequency texture
    small = g.normal(0, 1, (H // 40 + 2, W // 40 + 2, 3)).astype(np.float32)
    lf = np.asarray(Image.fromarray(((small * 30) + 128).clip(0, 255).astype(np.uint8)).resize((W, H), Image.BICUBIC), np.float32) - 128
    a += lf * 0.6
    a += g.normal(0, 5, a.shape)
    return a, xx, yy, g


def o_landscape(seed):
    rng = random.Random(seed)
    W, H = rng.choice([(2000, 1500), (1600, 1200), (1500, 2000)])
    a, xx, yy, g = _noise_photo(W, H, seed, [(90, 150, 220), (200, 220, 240)])
    hor = H * rng.uniform(0.45, 0.6)
    ridge = hor - 160 * np.abs(np.sin(np.arange(W) / 170.0 + rng.random() * 5)) - 60 * np.sin(np.arange(W) / 53.0)
    m = yy > ridge[None, :]
    a[m] = a[m] * 0.3 + np.array([70, 90, 80]) * 0.7
    lake = yy > hor + 60
    a[lake] = a[lake] * 0.4 + np.array([50, 90, 120]) * 0.6
    sx, sy = rng.uniform(0.2, 0.8) * W, H * 0.2
    a += 120 * np.exp(-(((xx - sx) ** 2 + (yy - sy) ** 2) / (2 * 60 ** 2)))[..., None]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.0))


def o_pet(seed):
    rng = random.Random(seed)
    W, H = rng.choice([(1600, 1200), (1200, 1600)])
    a, xx, yy, g = _noise_photo(W, H, seed, [(180, 160, 140), (120, 100, 80)])
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(6))
    d = ImageDraw.Draw(img)
    fur = rng.choice([(200, 120, 50), (90, 90, 90), (230, 230, 225), (40, 35, 30)])
    cx, cy = W / 2, H * 0.6
    d.ellipse([cx - 380, cy - 180, cx + 380, cy + 260], fill=fur)
    d.ellipse([cx - 220, cy - 520, cx + 220, cy - 120], fill=fur)
    d.polygon([(cx - 200, cy - 420), (cx - 150, cy - 640), (cx - 50, cy - 480)], fill=fur)
    d.polygon([(cx + 200, cy - 420), (cx + 150, cy - 640), (cx + 50, cy - 480)], fill=fur)
    for s in (-1, 1):
        d.ellipse([cx + s * 90 - 40, cy - 370, cx + s * 90 + 40, cy - 300], fill=(120, 180, 60))
        d.ellipse([cx + s * 90 - 12, cy - 365, cx + s * 90 + 12, cy - 305], fill=(10, 10, 10))
    d.polygon([(cx - 20, cy - 260), (cx + 20, cy - 260), (cx, cy - 235)], fill=(230, 140, 150))
    a = np.asarray(img).astype(np.float32) + np.random.default_rng(seed).normal(0, 9, (H, W, 3))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.3))


def o_meme(seed, variant=None):
    rng = random.Random(seed)
    pet = rng.random() < 0.5 if variant is None else variant == 0
    img = o_pet(seed + 3).resize((800, 800)) if pet else o_landscape(seed + 4).resize((900, 700))
    d = ImageDraw.Draw(img)
    top, bot = rng.choice([("КОГДА ПЯТНИЦА", "А ЗАВТРА СНОВА НА РАБОТУ"), ("Я В ПОНЕДЕЛЬНИК", "ПОСЛЕ ВЫХОДНЫХ"),
                           ("КОГДА СКАЗАЛИ", "ЧТО КАНИКУЛЫ ОТМЕНИЛИ")]) if variant is None else \
        [("КОГДА ПЯТНИЦА", "А ЗАВТРА СНОВА НА РАБОТУ"), ("Я В ПОНЕДЕЛЬНИК", "ПОСЛЕ ВЫХОДНЫХ")][variant]
    for txt, y in ((top, 20), (bot, img.height - 90)):
        f = F("dejavu", 54, True)
        while tw(d, txt, f) > img.width - 40:
            f = F("dejavu", f.size - 2, True)
        x = (img.width - tw(d, txt, f)) / 2
        d.text((x, y), txt, font=f, fill=(255, 255, 255), stroke_width=4, stroke_fill=(0, 0, 0))
    return img


def o_game(seed):
    rng = random.Random(seed)
    W, H, u = pick_phone(rng)
    img = Image.new("RGB", (W, H), (40, 20, 70))
    d = ImageDraw.Draw(img)
    status_bar(img, d, u, dict(fg=(255, 255, 255), bg=(40, 20, 70), dark=True), clock(rng))
    d.text((int(20 * u), int(50 * u)), f"Уровень {rng.randint(20, 300)}", font=F("dejavu", 20 * u, True), fill=(255, 220, 80))
    d.text((int(20 * u), int(80 * u)), f"Очки: {rng.randint(1000, 99999):,}".replace(",", " "), font=F("dejavu", 18 * u), fill=(255, 255, 255))
    d.text((W - int(140 * u), int(50 * u)), "♥ ♥ ♥", font=F("dejavu", 22 * u), fill=(240, 60, 90))
    n = 8
    cs = (W - int(40 * u)) // n
    y0 = int(160 * u)
    cols = [(230, 60, 60), (60, 200, 90), (60, 120, 230), (240, 200, 40), (180, 80, 220), (250, 140, 40)]
    for i in range(n):
        for j in range(n + 2):
            x, y = int(20 * u) + i * cs, y0 + j * cs
            d.rounded_rectangle([x + 3, y + 3, x + cs - 3, y + cs - 3], radius=int(8 * u), fill=(70, 40, 110))
            col = rng.choice(cols)
            if rng.random() < 0.5:
                d.ellipse([x + cs * 0.18, y + cs * 0.18, x + cs * 0.82, y + cs * 0.82], fill=col)
            else:
                d.polygon([(x + cs / 2, y + cs * 0.15), (x + cs * 0.85, y + cs / 2), (x + cs / 2, y + cs * 0.85), (x + cs * 0.15, y + cs / 2)], fill=col)
    d.rounded_rectangle([int(60 * u), H - int(150 * u), W - int(60 * u), H - int(90 * u)], radius=int(30 * u), fill=(255, 170, 0))
    d.text((W / 2 - 60 * u, H - int(135 * u)), "ХОДОВ: 12", font=F("dejavu", 20 * u, True), fill=(60, 20, 0))
    return img


def o_chess(seed):
    rng = random.Random(seed)
    W, H, u = pick_desk(rng)
    img = Image.new("RGB", (W, H), (48, 46, 43))
    d = ImageDraw.Draw(img)
    top = browser(img, d, u, DARK, "https://lichess.org/" + "".join(rng.choice("abcdefgh12345678") for _ in range(8)), "Игра против компьютера", "dejavu")
    bs = min(W * 0.5, H - top - 60 * u)
    bx, by = int(60 * u), top + int(30 * u)
    sq = bs / 8
    pieces = "♜♞♝♛♚♝♞♜"
    for i in range(8):
        for j in range(8):
            col = (240, 217, 181) if (i + j) % 2 == 0 else (181, 136, 99)
            d.rectangle([bx + i * sq, by + j * sq, bx + (i + 1) * sq, by + (j + 1) * sq], fill=col)
    fp = F("dejavu", sq * 0.8)
    for i in range(8):
        if rng.random() < 0.8:
            d.text((bx + i * sq + sq * 0.1, by), pieces[i], font=fp, fill=(20, 20, 20))
        if rng.random() < 0.8:
            d.text((bx + i * sq + sq * 0.1, by + sq * (1 if rng.random() < 0.7 else 3)), "♟", font=fp, fill=(20, 20, 20))
        if rng.random() < 0.8:
            d.text((bx + i * sq + sq * 0.1, by + 6 * sq), "♙", font=fp, fill=(250, 250, 250))
        if rng.random() < 0.85:
            d.text((bx + i * sq + sq * 0.1, by + 7 * sq), "♖♘♗♕♔♗♘♖"[i], font=fp, fill=(250, 250, 250))
    x = bx + bs + int(40 * u)
    d.text((x, by), "Stockfish уровень 4", font=F("dejavu", 18 * u, True), fill=(220, 220, 220))
    d.text((x, by + int(40 * u)), "1. e4 e5  2. Кf3 Кc6  3. Сb5 a6  4. Сa4 Кf6", font=F("dejavu", 15 * u), fill=(200, 200, 200))
    d.text((x, by + int(80 * u)), "05:12", font=F("dejavu", 40 * u, True), fill=(255, 255, 255))
    return img


def o_shop(seed):
    rng = random.Random(seed)
    W, H, u = pick_desk(rng)
    th = LIGHT
    img = Image.new("RGB", (W, H), (245, 245, 247))
    d = ImageDraw.Draw(img)
    top = browser(img, d, u, th, "https://www.ozon.ru/category/kurtki-zhenskie-7502/", "Куртки женские — купить", "liberation")
    d.rectangle([0, top, W, top + int(70 * u)], fill=(0, 91, 255))
    d.text((int(30 * u), top + int(18 * u)), "МАРКЕТ", font=F("liberation", 26 * u, True), fill=(255, 255, 255))
    d.rounded_rectangle([int(240 * u), top + int(14 * u), W - int(300 * u), top + int(56 * u)], radius=int(8 * u), fill=(255, 255, 255))
    d.text((int(256 * u), top + int(24 * u)), "Искать на Маркете", font=F("liberation", 15 * u), fill=(150, 150, 150))
    d.text((W - int(260 * u), top + int(24 * u)), "Войти   Заказы   Корзина", font=F("liberation", 14 * u), fill=(255, 255, 255))
    items = ["Куртка демисезонная", "Пуховик удлинённый", "Ветровка с капюшоном", "Парка утеплённая", "Жилет стёганый",
             "Куртка из экокожи", "Бомбер oversize", "Плащ классический", "Пальто шерстяное", "Анорак"]
    cw = int(220 * u)
    n = max(1, (W - int(60 * u)) // (cw + int(20 * u)))
    y = top + int(100 * u)
    k = 0
    while y + int(380 * u) < H:
        for i in range(n):
            x = int(30 * u) + i * (cw + int(20 * u))
            d.rounded_rectangle([x, y, x + cw, y + int(360 * u)], radius=int(10 * u), fill=(255, 255, 255))
            col = tuple(rng.randint(60, 220) for _ in range(3))
            d.rectangle([x + int(10 * u), y + int(10 * u), x + cw - int(10 * u), y + int(210 * u)], fill=(235, 235, 238))
            d.ellipse([x + cw / 2 - 50 * u, y + 40 * u, x + cw / 2 + 50 * u, y + 180 * u], fill=col)
            d.text((x + int(12 * u), y + int(222 * u)), f"{rng.randint(9, 99) * 100 - 1:,} ₽".replace(",", " "), font=F("liberation", 20 * u, True), fill=(240, 30, 80))
            d.text((x + int(12 * u), y + int(254 * u)), items[k % len(items)], font=F("liberation", 14 * u), fill=(30, 30, 30))
            d.text((x + int(12 * u), y + int(276 * u)), f"★ {rng.uniform(4.1, 4.9):.1f}  · {rng.randint(12, 3000)} отзывов", font=F("liberation", 12 * u), fill=(120, 120, 120))
            d.rounded_rectangle([x + int(12 * u), y + int(306 * u), x + cw - int(12 * u), y + int(344 * u)], radius=int(8 * u), fill=(0, 91, 255))
            d.text((x + int(50 * u), y + int(315 * u)), "В корзину", font=F("liberation", 14 * u, True), fill=(255, 255, 255))
            k += 1
        y += int(380 * u)
    return img


def o_feed(seed):
    rng = random.Random(seed)
    W, H, u = pick_phone(rng)
    dark = rng.random() < 0.5
    th = dict(DARK if dark else LIGHT)
    img = Image.new("RGB", (W, H), th["bg"])
    d = ImageDraw.Draw(img)
    y = status_bar(img, d, u, th, clock(rng))
    d.text((int(16 * u), y + int(10 * u)), "Лента", font=F("dejavu", 22 * u, True), fill=th["fg"])
    y += int(56 * u)
    posts = [("Марина Котова", "Наконец-то на даче! Урожай яблок в этом году просто огромный"),
             ("Клуб любителей рыбалки", "Утренний клёв на Енисее, щука 4 кг. Кто с нами в субботу?"),
             ("Игорь Седов", "Сегодня пробежал свой первый полумарафон, 21 км за 2 часа"),
             ("Рецепты на каждый день", "Шарлотка с яблоками за 30 минут: простой рецепт")]
    rng.shuffle(posts)
    for name, txt in posts:
        if y > H - int(200 * u):
            break
        d.ellipse([int(16 * u), y, int(56 * u), y + int(40 * u)], fill=rng.choice(ACCENTS))
        d.text((int(66 * u), y + int(2 * u)), name, font=F("dejavu", 14 * u, True), fill=th["fg"])
        d.text((int(66 * u), y + int(22 * u)), f"{rng.randint(1, 23)} ч назад", font=F("dejavu", 11 * u), fill=th["muted"])
        y += int(52 * u)
        y = para(d, (int(16 * u), y), txt, F("dejavu", 14 * u), th["fg"], W - int(32 * u)) + int(8 * u)
        ph = int(260 * u)
        arr = o_landscape(rng.randint(0, 10**6)).resize((W, ph))
        img.paste(arr, (0, y))
        y += ph + int(10 * u)
        d.text((int(16 * u), y), f"♥ {rng.randint(5, 900)}    💬 {rng.randint(0, 80)}".replace("💬", "✎"), font=F("dejavu", 14 * u), fill=th["muted"])
        y += int(40 * u)
    return img


def o_map(seed):
    rng = random.Random(seed)
    W, H, u = rng.choice([pick_desk(rng), pick_phone(rng)])
    img = Image.new("RGB", (W, H), (242, 239, 233))
    d = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randint(0, W), rng.randint(0, H)
        d.rectangle([x, y, x + rng.randint(40, 200), y + rng.randint(40, 160)], fill=rng.choice([(230, 226, 218), (214, 234, 200), (224, 220, 210)]))
    pts = [(rng.randint(0, W), 0)] + [(rng.randint(0, W), rng.randint(0, H)) for _ in range(3)] + [(rng.randint(0, W), H)]
    d.line(pts, fill=(170, 210, 240), width=int(40 * u), joint="curve")
    for _ in range(14):
        if rng.random() < 0.5:
            y = rng.randint(0, H); d.line([(0, y), (W, y + rng.randint(-200, 200))], fill=(255, 255, 255), width=int(rng.choice([6, 10, 14]) * u))
        else:
            x = rng.randint(0, W); d.line([(x, 0), (x + rng.randint(-200, 200), H)], fill=(255, 255, 255), width=int(rng.choice([6, 10, 14]) * u))
    d.line([(0, rng.randint(0, H)), (W, rng.randint(0, H))], fill=(252, 214, 112), width=int(16 * u))
    rp = [(rng.randint(0, W), rng.randint(0, H)) for _ in range(4)]
    d.line(rp, fill=(60, 120, 250), width=int(8 * u))
    for x, y in (rp[0], rp[-1]):
        d.ellipse([x - 14 * u, y - 14 * u, x + 14 * u, y + 14 * u], fill=(240, 60, 50), outline=(255, 255, 255), width=int(3 * u))
    for nm in ["ул. Ленина", "пр. Мира", "ул. Советская", "Парк Победы", "Аптека", "Пятёрочка", "Кафе «Уют»"]:
        d.text((rng.randint(0, W - 200), rng.randint(0, H - 40)), nm, font=F("dejavu", 12 * u), fill=(90, 90, 90))
    d.rounded_rectangle([int(16 * u), int(16 * u), int(420 * u), int(120 * u)], radius=int(10 * u), fill=(255, 255, 255))
    d.text((int(30 * u), int(28 * u)), f"{rng.randint(7, 45)} мин · {rng.randint(2, 30)},{rng.randint(0, 9)} км", font=F("dejavu", 20 * u, True), fill=(30, 30, 30))
    d.text((int(30 * u), int(66 * u)), "Маршрут на автомобиле · пробки 4 балла", font=F("dejavu", 13 * u), fill=(110, 110, 110))
    return img


def o_sheet(seed):
    rng = random.Random(seed)
    W, H, u = pick_desk(rng)
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    kind = rng.choice(["food", "football", "garden"])
    title = {"food": "Закупка_продуктов_ноябрь.xlsx", "football": "Турнирная_таблица_РПЛ.xlsx", "garden": "Дача_посадки_2022.xlsx"}[kind]
    d.rectangle([0, 0, W, int(32 * u)], fill=(33, 115, 70))
    d.text((int(12 * u), int(7 * u)), title + " — Excel", font=F("dejavu", 13 * u), fill=(255, 255, 255))
    d.rectangle([0, int(32 * u), W, int(120 * u)], fill=(243, 242, 241))
    for k, t in enumerate(["Файл", "Главная", "Вставка", "Разметка", "Формулы", "Данные", "Вид"]):
        d.text((int((12 + k * 80) * u), int(40 * u)), t, font=F("dejavu", 12 * u), fill=(40, 40, 40))
    rows = {"food": [["Наименование", "Ед.", "Кол-во", "Цена", "Сумма"]] + [[n, "кг", str(rng.randint(2, 50)), f"{rng.randint(30, 600)},00", ""] for n in
                                                                        ["Картофель", "Морковь", "Гречка", "Рис", "Сахар", "Мука", "Яблоки", "Капуста", "Лук", "Масло сливочное", "Сыр"]],
            "football": [["Команда", "И", "В", "Н", "П", "О"]] + [[n, "14", str(rng.randint(2, 10)), str(rng.randint(1, 5)), str(rng.randint(1, 8)), str(rng.randint(8, 33))] for n in
                                                                 ["Зенит", "ЦСКА", "Спартак", "Краснодар", "Локомотив", "Динамо", "Ростов", "Сочи", "Ахмат", "Урал"]],
            "garden": [["Культура", "Сорт", "Посадка", "Сбор", "Урожай, кг"]] + [[n, s, "май", "август", str(rng.randint(2, 40))] for n, s in
                                                                            [("Томаты", "Бычье сердце"), ("Огурцы", "Кураж"), ("Картофель", "Удача"), ("Морковь", "Нантская"), ("Кабачки", "Цукеша"), ("Перец", "Калифорнийское чудо")]]}[kind]
    y0 = int(150 * u)
    cwid = int(150 * u)
    rh = int(24 * u)
    for i in range(int((H - y0) / rh)):
        for j in range(min(12, W // cwid + 1)):
            x = int(40 * u) + j * cwid
            y = y0 + i * rh
            d.rectangle([x, y, x + cwid, y + rh], outline=(218, 220, 224))
            if i < len(rows) and j < len(rows[i]):
                d.text((x + 4, y + 4), rows[i][j], font=F("dejavu", 12 * u, i == 0), fill=(20, 20, 20))
        d.text((int(8 * u), y0 + i * rh + 4), str(i + 1), font=F("dejavu", 11 * u), fill=(100, 100, 100))
    return img


def o_weather(seed):
    rng = random.Random(seed)
    W, H, u = pick_phone(rng)
    a, xx, yy, g = _noise_photo(W, H, seed, [(40, 90, 160), (120, 160, 210)])
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(20))
    d = ImageDraw.Draw(img)
    status_bar(img, d, u, dict(fg=(255, 255, 255), bg=(40, 90, 160), dark=True), clock(rng))
    city = rng.choice(["Балахта", "Смоленск", "Хабаровск", "Краснодар", "Кызыл"])
    d.text((W / 2 - tw(d, city, F("dejavu", 26 * u)) / 2, int(90 * u)), city, font=F("dejavu", 26 * u), fill=(255, 255, 255))
    t = f"{rng.randint(-5, 12)}°"
    d.text((W / 2 - tw(d, t, F("dejavu", 90 * u)) / 2, int(130 * u)), t, font=F("dejavu", 90 * u), fill=(255, 255, 255))
    s = rng.choice(["Облачно", "Небольшой дождь", "Ясно", "Снег"])
    d.text((W / 2 - tw(d, s, F("dejavu", 18 * u)) / 2, int(250 * u)), s, font=F("dejavu", 18 * u), fill=(230, 230, 240))
    y = int(320 * u)
    d.rounded_rectangle([int(16 * u), y, W - int(16 * u), y + int(130 * u)], radius=int(16 * u), fill=(60, 100, 160))
    for k in range(6):
        x = int(30 * u) + k * (W - int(60 * u)) // 6
        d.text((x, y + int(14 * u)), f"{(10 + k) % 24}:00", font=F("dejavu", 12 * u), fill=(255, 255, 255))
        d.text((x, y + int(80 * u)), f"{rng.randint(-3, 10)}°", font=F("dejavu", 16 * u, True), fill=(255, 255, 255))
    y += int(150 * u)
    for k, dn in enumerate(["Сегодня", "Пт", "Сб", "Вс", "Пн", "Вт", "Ср"]):
        d.text((int(30 * u), y + k * int(46 * u)), dn, font=F("dejavu", 16 * u), fill=(255, 255, 255))
        d.text((W - int(160 * u), y + k * int(46 * u)), f"{rng.randint(-6, 2)}°  {rng.randint(3, 12)}°", font=F("dejavu", 16 * u), fill=(255, 255, 255))
    return img


def o_article(seed, kind):
    rng = random.Random(seed)
    W, H, u = pick_desk(rng)
    th = dict(DARK if rng.random() < 0.3 else LIGHT)
    img = Image.new("RGB", (W, H), th["bg"])
    d = ImageDraw.Draw(img)
    if kind == "recipe":
        url, tab, h1 = "https://www.povarenok.ru/recipes/show/12345/", "Борщ классический", "Борщ классический с говядиной"
        body = ("Ингредиенты: говядина на кости — 500 г, свёкла — 2 шт., капуста — 300 г, картофель — 3 шт., морковь, лук, "
                "томатная паста — 2 ст. л., чеснок, зелень, соль и перец по вкусу.\nШаг 1. Сварите бульон из говядины, "
                "периодически снимая пену. Шаг 2. Обжарьте лук и морковь, добавьте тёртую свёклу и томатную пасту. "
                "Шаг 3. В кипящий бульон положите картофель и капусту, через 10 минут добавьте зажарку.")
    elif kind == "sport":
        url, tab, h1 = "https://www.sport-express.ru/football/rfpl/news/", "РПЛ: обзор тура", "«Зенит» обыграл «Спартак» в центральном матче тура"
        body = ("Петербургский клуб одержал победу со счётом 2:1. Голы забили Малком и Клаудиньо, у гостей отличился Промес. "
                "После этого матча «Зенит» укрепился на первом месте турнирной таблицы, опережая ближайшего преследователя "
                "на четыре очка. Следующий тур пройдёт после перерыва на матчи сборных.")
    elif kind == "cinema":
        url, tab, h1 = "https://www.kinopoisk.ru/film/1234567/", "Фильм — Кинопоиск", "Холоп 2 (2023) — смотреть онлайн"
        body = ("Комедия, Россия. Режиссёр: Клим Шипенко. В ролях: Милош Бикович, Александра Бортич, Иван Охлобыстин. "
                "Рейтинг Кинопоиска 7.1. Доступно по подписке. Продолжительность 1 ч 50 мин. Смотреть трейлер. "
                "Рецензии зрителей: 342 положительных, 58 отрицательных.")
    else:
        url, tab, h1 = "https://habr.com/ru/articles/690000/", "Как я собрал умный дом", "Как я собрал умный дом на Raspberry Pi"
        body = ("В этой статье я расскажу, как за выходные собрать систему управления освещением и датчиками температуры "
                "на одноплатном компьютере. Понадобятся: Raspberry Pi 4, реле, датчики DS18B20 и немного терпения. "
                "Код на Python и схема подключения — под катом.")
    top = browser(img, d, u, th, url, tab, "liberation")
    if rng.random() < 0.5:
        taskbar(img, d, u, th, clock(rng), d_of("expertise-3", rng))
    m = int(max(60 * u, (W - 900 * u) / 2))
    y = top + int(50 * u)
    y = para(d, (m, y), h1, F("liberation", 30 * u, True), th["fg"], int(900 * u), 1.2) + int(20 * u)
    a = o_landscape(rng.randint(0, 10**6)) if kind != "recipe" else o_pet(rng.randint(0, 10**6))
    ph = int(300 * u)
    a = a.resize((int(min(900 * u, W - 2 * m)), ph))
    img.paste(a, (m, y))
    y += ph + int(20 * u)
    para(d, (m, y), body, F("liberation", 16 * u), th["fg"], int(min(900 * u, W - 2 * m)), 1.5)
    return img


def o_bank(seed):
    rng = random.Random(seed)
    W, H, u = pick_phone(rng)
    img = Image.new("RGB", (W, H), (245, 246, 248))
    d = ImageDraw.Draw(img)
    hb = rng.choice([(33, 160, 56), (255, 221, 45), (239, 49, 36)])
    d.rectangle([0, 0, W, int(260 * u)], fill=hb)
    status_bar(img, d, u, dict(fg=(20, 20, 20), bg=hb, statusbg=hb, dark=False), clock(rng))
    d.text((int(20 * u), int(60 * u)), "Дебетовая карта ·· " + str(rng.randint(1000, 9999)), font=F("dejavu", 14 * u), fill=(20, 20, 20))
    d.text((int(20 * u), int(90 * u)), f"{rng.randint(1, 90)} {rng.randint(100, 999)},{rng.randint(10, 99)} ₽", font=F("dejavu", 34 * u, True), fill=(20, 20, 20))
    for k, t in enumerate(["Перевести", "Оплатить", "Пополнить"]):
        d.rounded_rectangle([int((20 + k * 118) * u), int(170 * u), int((128 + k * 118) * u), int(230 * u)], radius=int(12 * u), fill=(255, 255, 255))
        d.text((int((30 + k * 118) * u), int(190 * u)), t, font=F("dejavu", 12 * u), fill=(20, 20, 20))
    y = int(290 * u)
    d.text((int(20 * u), y), "История операций", font=F("dejavu", 18 * u, True), fill=(20, 20, 20))
    y += int(40 * u)
    for nm in ["Пятёрочка", "Перевод Ольге К.", "Магнит", "Яндекс Такси", "Аптека Ригла", "МТС, оплата связи", "Wildberries", "Кафе «Шоколадница»"]:
        d.ellipse([int(20 * u), y, int(60 * u), y + int(40 * u)], fill=rng.choice(ACCENTS))
        d.text((int(72 * u), y + int(2 * u)), nm, font=F("dejavu", 15 * u), fill=(20, 20, 20))
        d.text((int(72 * u), y + int(22 * u)), "Покупки", font=F("dejavu", 12 * u), fill=(120, 120, 120))
        s = f"−{rng.randint(50, 4000)} ₽"
        d.text((W - int(20 * u) - tw(d, s, F("dejavu", 15 * u)), y + int(8 * u)), s, font=F("dejavu", 15 * u), fill=(20, 20, 20))
        y += int(62 * u)
    return img


def o_desktop(seed):
    rng = random.Random(seed)
    W, H, u = pick_desk(rng)
    img = o_landscape(seed).resize((W, H))
    d = ImageDraw.Draw(img)
    th = dict(LIGHT)
    for k, nm in enumerate(["Корзина", "Этот компьютер", "Фото с выпускного", "Google Chrome", "Telegram", "Музыка"]):
        x, y = int(20 * u), int((20 + k * 96) * u)
        d.rounded_rectangle([x + int(14 * u), y, x + int(58 * u), y + int(44 * u)], radius=int(6 * u), fill=rng.choice(ACCENTS))
        d.text((x, y + int(50 * u)), nm[:12], font=F("dejavu", 11 * u), fill=(255, 255, 255), stroke_width=1, stroke_fill=(0, 0, 0))
    taskbar(img, d, u, th, clock(rng), d_of("expertise-4", rng))
    return img


def o_code(seed):
    rng = random.Random(seed)
    W, H, u = pick_desk(rng)
    img = Image.new("RGB", (W, H), (30, 30, 30))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, int(48 * u), H], fill=(51, 51, 51))
    d.rectangle([int(48 * u), 0, int(300 * u), H], fill=(37, 37, 38))
    for k, f in enumerate(["main.py", "utils.py", "config.yaml", "README.md", "tests/", "requirements.txt"]):
        d.text((int(64 * u), int((40 + k * 24) * u)), f, font=F(MONO, 13 * u), fill=(204, 204, 204))
    code = ["import pandas as pd", "import matplotlib.pyplot as plt", "", "def load(path):", "    df = pd.read_csv(path, sep=';')",
            "    df = df.dropna()", "    return df", "", "def plot_sales(df):", "    g = df.groupby('month')['sum'].sum()",
            "    g.plot(kind='bar')", "    plt.title('Продажи по месяцам')", "    plt.show()", "", "if __name__ == '__main__':",
            "    plot_sales(load('sales_2022.csv'))"]
    for k, ln in enumerate(code):
        y = int((40 + k * 22) * u)
        d.text((int(310 * u), y), f"{k + 1:>3}", font=F(MONO, 14 * u), fill=(110, 118, 129))
        col = (86, 156, 214) if ln.strip().startswith(("import", "def", "if", "return")) else (212, 212, 212)
        d.text((int(360 * u), y), ln, font=F(MONO, 14 * u), fill=col)
    d.rectangle([0, H - int(22 * u), W, H], fill=(0, 122, 204))
    d.text((int(10 * u), H - int(19 * u)), "main  Python 3.10  UTF-8  Ln 12, Col 5", font=F("dejavu", 11 * u), fill=(255, 255, 255))
    return img


def o_music(seed):
    rng = random.Random(seed)
    W, H, u = pick_phone(rng)
    img = Image.new("RGB", (W, H), (18, 18, 18))
    d = ImageDraw.Draw(img)
    status_bar(img, d, u, dict(fg=(255, 255, 255), bg=(18, 18, 18), dark=True), clock(rng))
    cov = o_landscape(seed + 9).resize((W - int(80 * u), W - int(80 * u)))
    img.paste(cov, (int(40 * u), int(110 * u)))
    y = int(130 * u) + cov.height
    d.text((int(40 * u), y), rng.choice(["Звезда по имени Солнце", "Кукушка", "Группа крови"]), font=F("dejavu", 22 * u, True), fill=(255, 255, 255))
    d.text((int(40 * u), y + int(34 * u)), "Кино", font=F("dejavu", 16 * u), fill=(170, 170, 170))
    y += int(90 * u)
    d.line([int(40 * u), y, W - int(40 * u), y], fill=(80, 80, 80), width=int(4 * u))
    d.line([int(40 * u), y, int(40 * u) + (W - int(80 * u)) * 0.4, y], fill=(30, 215, 96), width=int(4 * u))
    d.text((W / 2 - 60 * u, y + int(40 * u)), "⏮   ▶   ⏭", font=F("dejavu", 30 * u), fill=(255, 255, 255))
    return img


def o_promo_mail(seed):
    rng = random.Random(seed)
    W, H, u = pick_desk(rng)
    th = dict(LIGHT)
    img = Image.new("RGB", (W, H), th["bg"])
    d = ImageDraw.Draw(img)
    top = browser(img, d, u, th, "https://e.mail.ru/inbox/0:1665" + str(rng.randint(10**8, 10**9)), "Входящие — Почта Mail.ru", "dejavu")
    lw = int(210 * u)
    for k, fo in enumerate(["Входящие", "Отправленные", "Черновики", "Рассылки", "Спам"]):
        d.text((int(28 * u), top + int((30 + k * 32) * u)), fo, font=F("dejavu", 14 * u), fill=th["fg"])
    x = lw + int(24 * u)
    y = top + int(24 * u)
    shop = rng.choice([("Спортмастер", "Осенняя распродажа: скидки до 50% на всё!"), ("Лента", "Ваши персональные предложения на неделю"),
                       ("Литрес", "Книги недели: три по цене двух")])
    d.text((x, y), shop[1], font=F("dejavu", 21 * u, True), fill=th["fg"])
    y += int(40 * u)
    d.text((x, y), f"{shop[0]} <news@{shop[0].lower()}.ru>   ·   {d_of('expertise-3', rng).day} сент.", font=F("dejavu", 13 * u), fill=th["muted"])
    y += int(40 * u)
    bw = min(W - x - int(60 * u), int(700 * u))
    d.rectangle([x, y, x + bw, y + int(280 * u)], fill=rng.choice([(255, 90, 40), (0, 160, 120), (250, 200, 40)]))
    f = F("dejavu", 46 * u, True)
    d.text((x + int(30 * u), y + int(60 * u)), "−50%", font=f, fill=(255, 255, 255))
    d.text((x + int(30 * u), y + int(140 * u)), "Только до воскресенья", font=F("dejavu", 22 * u), fill=(255, 255, 255))
    y += int(300 * u)
    d.rounded_rectangle([x, y, x + int(240 * u), y + int(50 * u)], radius=int(25 * u), fill=(20, 20, 20))
    d.text((x + int(50 * u), y + int(14 * u)), "Перейти в каталог", font=F("dejavu", 15 * u, True), fill=(255, 255, 255))
    d.text((x, y + int(80 * u)), "Вы получили это письмо, так как подписаны на рассылку. Отписаться", font=F("dejavu", 11 * u), fill=th["muted"])
    return img


def o_taxi(seed):
    rng = random.Random(seed)
    img = o_map(seed)
    if img.width > img.height:
        img = img.crop((0, 0, min(img.width, 1080), img.height)).resize((1080, 2400))
    W, H = img.size
    u = W / 400
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, H - int(300 * u), W, H + 40], radius=int(24 * u), fill=(255, 255, 255))
    d.text((int(20 * u), H - int(280 * u)), "Куда едем?", font=F("dejavu", 22 * u, True), fill=(20, 20, 20))
    for k, (t, p) in enumerate([("Эконом", "254 ₽"), ("Комфорт", "312 ₽"), ("Детский", "365 ₽")]):
        x = int((20 + k * 124) * u)
        d.rounded_rectangle([x, H - int(230 * u), x + int(110 * u), H - int(150 * u)], radius=int(12 * u), fill=(245, 245, 245))
        d.text((x + int(10 * u), H - int(220 * u)), t, font=F("dejavu", 13 * u), fill=(20, 20, 20))
        d.text((x + int(10 * u), H - int(190 * u)), p, font=F("dejavu", 16 * u, True), fill=(20, 20, 20))
    d.rounded_rectangle([int(20 * u), H - int(120 * u), W - int(20 * u), H - int(64 * u)], radius=int(12 * u), fill=(252, 211, 0))
    d.text((W / 2 - 50 * u, H - int(106 * u)), "Заказать", font=F("dejavu", 18 * u, True), fill=(20, 20, 20))
    return img


OFFTOPIC = {"photo_landscape": o_landscape, "photo_pet": o_pet, "meme": o_meme, "game_match3": o_game, "game_chess": o_chess,
            "web_shop": o_shop, "social_feed": o_feed, "map": o_map, "sheet_unrelated": o_sheet, "app_weather": o_weather,
            "web_recipe": lambda s: o_article(s, "recipe"), "web_sport": lambda s: o_article(s, "sport"),
            "web_cinema": lambda s: o_article(s, "cinema"), "web_blog": lambda s: o_article(s, "blog"),
            "app_bank": o_bank, "desktop_empty": o_desktop, "code_editor": o_code, "app_music": o_music,
            "mail_promo": o_promo_mail, "app_taxi": o_taxi, "meme_b": lambda s: o_meme(s, 1)}

# ----------------------------------------------------------------------------- saving helpers


def enc(img, fmt, q=90):
    b = io.BytesIO()
    if fmt == "jpg":
        img.convert("RGB").save(b, "JPEG", quality=q, subsampling=2 if q < 90 else 0)
    elif fmt == "png":
        img.save(b, "PNG", optimize=False)
    elif fmt == "webp":
        img.save(b, "WEBP", quality=q)
    elif fmt == "pdf":
        img.convert("RGB").save(b, "PDF", resolution=150)
    return b.getvalue()


MIME = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "pdf": "application/pdf"}


# ----------------------------------------------------------------------------- build plan
def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rng = random.Random(424242)
    items = []  # dicts: kind, school, step, expected, family, copy_of, data(bytes), ext, mime, ctx

    steps = ["expertise-2", "expertise-3", "expertise-4", "expertise-5"]
    # genuine plan: (family, renderer, steps allowed, count, extras)
    plan = [
        ("mail_web", "webmail", ["expertise-2", "expertise-3", "expertise-5"], 14, {}),
        ("mail_web_meeting", "webmail", ["expertise-4"], 3, {}),
        ("mail_phone", "mailphone", ["expertise-2", "expertise-3", "expertise-5"], 7, {}),
        ("chat_phone", "chat", steps, 12, {"phone": True}),
        ("chat_desktop", "chat", steps, 5, {"phone": False}),
        ("video_meeting", "meeting", ["expertise-4"], 12, {}),
        ("medk_page", "medk", ["expertise-5", "expertise-5", "expertise-3"], 11, {}),
        ("form_sent", "form", ["expertise-3", "expertise-5"], 8, {}),
        ("pdf_viewer", "pdfview", ["expertise-4", "expertise-5"], 7, {}),
        ("photo_of_screen", "photo", None, 6, {}),
    ]
    genuine = []
    sc_cycle = list(range(30)) * 4
    rng.shuffle(sc_cycle)
    used = set()
    si = 0
    for fam, rend, st, n, extra in plan:
        for k in range(n):
            # choose a school/step pair not used yet (one genuine per school-step, resends are separate)
            for _ in range(200):
                s = sc_cycle[si % len(sc_cycle)]; si += 1
                if rend == "photo":
                    base = rng.choice(["webmail", "meeting", "medk"])
                    stp = {"webmail": rng.choice(["expertise-2", "expertise-3"]), "meeting": "expertise-4", "medk": "expertise-5"}[base]
                else:
                    stp = rng.choice(st)
                if (s, stp) not in used:
                    break
            used.add((s, stp))
            dte = d_of(stp, rng)
            ctx = dict(seed=rng.randint(0, 10**9), school=s, about=PARTNER[s], step=stp, date=dte,
                       mtime=clock(rng, 9, 16), dark=rng.random() < 0.35, **extra)
            _h, _m = map(int, ctx["mtime"].split(":"))
            _t = _h * 60 + _m + rng.randint(50, 170)
            ctx["clock"] = f"{_t // 60}:{_t % 60:02d}"
            if rend == "photo":
                ctx["base"] = base
                ctx["dark"] = False
            img = RENDER[rend](ctx)
            if rend == "photo":
                ext = "jpg"; q = rng.randint(78, 90)
            elif fam == "pdf_viewer" and k < 2:
                ext = "pdf"; q = 90
            else:
                r = rng.random()
                ext = "png" if r < 0.62 else ("jpg" if r < 0.95 else "webp")
                q = rng.randint(80, 95)
            # Telegram-style compressed photo for some phone screenshots
            if ext == "jpg" and rend != "photo" and img.height > 1280 and rng.random() < 0.6:
                sc_ = 1280 / img.height
                img = img.resize((round(img.width * sc_), 1280), Image.LANCZOS)
            fam2 = fam if not (fam == "pdf_viewer" and ext == "pdf") else "pdf_file_raster"
            genuine.append(dict(school=s, step=stp, expected="ok", family=fam2, copy_of=None,
                                data=enc(img, ext, q), ext=ext, img=img, ctx=ctx, rend=rend))

    # negatives
    neg = []

    def addneg(fam, data, ext, mime=None):
        s = rng.randrange(30)
        neg.append(dict(school=s, step=rng.choice(steps), expected="suspicious", family=fam, copy_of=None,
                        data=data, ext=ext, mime=mime or MIME.get(ext, "image/png")))

    # blank / near-uniform
    addneg("blank_white", enc(Image.new("RGB", (1080, 2400), (255, 255, 255)), "png"), "png")
    addneg("blank_black", enc(Image.new("RGB", (1920, 1080), (0, 0, 0)), "jpg", 85), "jpg")
    g = np.random.default_rng(1)
    addneg("blank_noise", enc(Image.fromarray(np.clip(g.normal(128, 2.0, (768, 1366, 3)), 0, 255).astype(np.uint8)), "jpg", 88), "jpg")
    yy = np.linspace(0, 1, 1440)[:, None, None]
    grad = np.clip(240 + 6 * yy + np.zeros((1440, 2560, 3)), 0, 255).astype(np.uint8)
    addneg("blank_gradient", enc(Image.fromarray(grad), "png"), "png")
    bl = Image.new("RGB", (1366, 768), (32, 33, 36))
    ImageDraw.Draw(bl).rectangle([670, 370, 696, 396], fill=(50, 51, 54))
    addneg("blank_dark_theme", enc(bl, "png"), "png")
    addneg("blank_gray_phone", enc(Image.new("RGB", (720, 1600), (242, 242, 247)), "jpg", 80), "jpg")
    # tiny
    addneg("tiny_icon", enc(Image.new("RGB", (48, 48), (0, 136, 204)), "png"), "png")
    addneg("tiny_1px", enc(Image.new("RGB", (1, 1), (10, 10, 10)), "png"), "png")
    addneg("tiny_thumb", enc(genuine[3]["img"].resize((96, 54) if genuine[3]["img"].width > genuine[3]["img"].height else (54, 120)), "jpg", 85), "jpg")
    addneg("tiny_strip", enc(genuine[10]["img"].crop((0, 0, genuine[10]["img"].width, 40)).resize((320, 10)), "png"), "png")
    addneg("tiny_thumb", enc(genuine[20]["img"].resize((120, 90)), "png"), "png")
    # corrupt
    p = genuine[5]["data"] if genuine[5]["ext"] == "png" else enc(genuine[5]["img"], "png")
    addneg("corrupt_truncated_png", p[: len(p) // 3], "png")
    jp = enc(genuine[7]["img"], "jpg", 88)
    addneg("corrupt_truncated_jpeg", jp[: 600], "jpg")
    addneg("corrupt_random_bytes", bytes(random.Random(9).getrandbits(8) for _ in range(60000)), "png")
    addneg("corrupt_empty", b"", "jpg")
    jb = bytearray(enc(genuine[12]["img"], "jpg", 90))
    for k in range(300, len(jb), 7):
        jb[k] = (jb[k] * 31 + 7) % 256
    addneg("corrupt_garbled_jpeg", bytes(jb), "jpg")
    png_head = b"\x89PNG\r\n\x1a\n" + bytes(random.Random(10).getrandbits(8) for _ in range(20000))
    addneg("corrupt_png_header_garbage", png_head, "png")
    # mislabelled types
    addneg("mislabel_text_as_png", "Скриншот отправлю позже, сейчас нет доступа к почте.\n".encode("utf-8") * 20, "png", "image/png")
    addneg("mislabel_html_as_jpeg", ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Ошибка 404</title></head>"
                                     "<body><h1>Страница не найдена</h1></body></html>").encode("utf-8"), "jpg", "image/jpeg")
    zb = io.BytesIO()
    with zipfile.ZipFile(zb, "w") as z:
        z.writestr("word/document.xml", "<w:document>Рекомендации</w:document>")
        z.writestr("[Content_Types].xml", "<Types/>")
    addneg("mislabel_docx_as_pdf", zb.getvalue(), "pdf", "application/pdf")
    addneg("mislabel_png_as_pdf", enc(genuine[15]["img"], "png"), "pdf", "application/pdf")
    addneg("mislabel_pdfbytes_as_png", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "png", "image/png")
    # off-topic
    off_names = list(OFFTOPIC)
    for k, nm in enumerate(off_names + ["photo_landscape", "web_shop", "social_feed"]):
        im = OFFTOPIC[nm](rng.randint(0, 10**9))
        ext = "jpg" if nm.startswith("photo") or nm == "meme" or rng.random() < 0.3 else "png"
        addneg("offtopic_" + nm, enc(im, ext, rng.randint(80, 92)), ext)

    # copies (suspicious) and resends (ok)
    copies = []
    src_pool = [g_ for g_ in genuine if g_["ext"] in ("png", "jpg", "webp") and g_["family"] != "photo_of_screen"]
    rng.shuffle(src_pool)
    copy_ops = (["exact"] * 3 + ["resize"] * 3 + ["recompress"] * 3 + ["crop"] * 3 + ["corner"] * 3 + ["clock"] * 3 +
                ["gray"] * 3 + ["crop_resize_jpeg"] * 2 + ["png_to_jpeg"] * 2)
    for k, op in enumerate(copy_ops):
        if op == "clock":
            cand = [g_ for g_ in src_pool if g_["rend"] in ("chat", "mailphone") and g_["ctx"].get("phone", True)
                    or g_["rend"] in ("webmail", "meeting")]
            src = cand[k % len(cand)]
        else:
            src = src_pool[k % len(src_pool)]
        src_pool.remove(src) if src in src_pool else None
        im = src["img"]
        ext = src["ext"]
        data = None
        if op == "exact":
            data = src["data"]
        elif op == "resize":
            f_ = rng.choice([0.5, 0.67, 0.8, 1.25])
            im = im.resize((round(im.width * f_), round(im.height * f_)), Image.LANCZOS)
        elif op == "recompress":
            ext = "jpg"; data = enc(im, "jpg", rng.randint(55, 72))
        elif op == "crop":
            w, h = im.size
            l, t = int(w * rng.uniform(0.01, 0.04)), int(h * rng.uniform(0.01, 0.04))
            r_, b_ = int(w * rng.uniform(0.01, 0.04)), int(h * rng.uniform(0.01, 0.04))
            im = im.crop((l, t, w - r_, h - b_))
        elif op == "corner":
            im = im.copy()
            dd = ImageDraw.Draw(im)
            w, h = im.size
            cw_, ch_ = int(w * 0.14), int(h * 0.08)
            corner = rng.choice(["tl", "tr", "bl", "br"])
            x0 = 0 if corner[1] == "l" else w - cw_
            y0 = 0 if corner[0] == "t" else h - ch_
            dd.rectangle([x0, y0, x0 + cw_, y0 + ch_], fill=rng.choice([(255, 255, 255), (240, 240, 240), (30, 30, 30)]))
            dd.text((x0 + 8, y0 + 8), SCH[rng.randrange(30)][1][:18], font=F("dejavu", max(10, ch_ // 4)), fill=(120, 120, 120))
        elif op == "clock":
            ctx = dict(src["ctx"])
            h0, m0 = map(int, ctx["clock"].split(":"))
            ctx["clock"] = f"{(h0 + rng.randint(1, 3)) % 24}:{(m0 + rng.randint(5, 40)) % 60:02d}"
            im = RENDER[src["rend"]](ctx)
            if im.size != src["img"].size:
                im = im.resize(src["img"].size, Image.LANCZOS)
        elif op == "gray":
            im = ImageOps.grayscale(im).convert("RGB") if rng.random() < 0.5 else ImageOps.grayscale(im)
        elif op == "crop_resize_jpeg":
            w, h = im.size
            im = im.crop((int(w * 0.02), int(h * 0.015), w - int(w * 0.01), h - int(h * 0.03)))
            im = im.resize((round(im.width * 0.72), round(im.height * 0.72)), Image.LANCZOS)
            ext = "jpg"; data = enc(im, "jpg", 70)
        elif op == "png_to_jpeg":
            ext = "jpg"; data = enc(im, "jpg", 93)
        if data is None:
            data = enc(im, ext, rng.randint(80, 92))
        # who submits: another school (most) or same school another step
        if k % 4 == 3:
            s = src["school"]
            stp = rng.choice([x for x in steps if x != src["step"]])
            who = "same_school_other_step"
        else:
            s = rng.choice([x for x in range(30) if x not in (src["school"], PARTNER[src["school"]])])
            stp = src["step"] if rng.random() < 0.6 else rng.choice(steps)
            who = "other_school"
        copies.append(dict(school=s, step=stp, expected="suspicious", family=f"copy_{op}", copy_of=src, data=data,
                           ext=ext, who=who))
    resend_ops = ["exact", "recompress", "exact", "resize", "png_to_jpeg"]
    pool2 = [g_ for g_ in genuine if g_ not in [c_["copy_of"] for c_ in copies] and g_["ext"] != "pdf"]
    rng.shuffle(pool2)
    for k, op in enumerate(resend_ops):
        src = pool2[k]
        im = src["img"]
        if op == "exact":
            data, ext = src["data"], src["ext"]
        elif op == "recompress":
            data, ext = enc(im, "jpg", 75), "jpg"
        elif op == "resize":
            im = im.resize((round(im.width * 0.75), round(im.height * 0.75)), Image.LANCZOS)
            data, ext = enc(im, "png"), "png"
        else:
            data, ext = enc(im, "jpg", 92), "jpg"
        copies.append(dict(school=src["school"], step=src["step"], expected="ok", family=f"resend_{op}", copy_of=src,
                           data=data, ext=ext, who="resend"))

    # ---------------- order: shuffle originals + negatives, then insert derived after their original
    base = genuine + neg
    rng.shuffle(base)
    order = list(base)
    for cpy in copies:
        pos = order.index(cpy["copy_of"])
        ins = rng.randint(pos + 1, len(order))
        order.insert(ins, cpy)
    labels = []
    names = {}
    for n_, it in enumerate(order, 1):
        fn = f"out/s{n_:03d}.{it['ext']}"
        names[id(it)] = fn
        with open(os.path.join(HERE, fn), "wb") as fh:
            fh.write(it["data"])
    for it in order:
        mime = it.get("mime") or MIME[it["ext"]]
        labels.append({"file": names[id(it)], "mime": mime, "school": it["school"], "step": it["step"],
                       "expected": it["expected"], "family": it["family"],
                       "copy_of": names[id(it["copy_of"])] if it.get("copy_of") else None})
    with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8") as fh:
        json.dump(labels, fh, ensure_ascii=False, indent=1)
    schools = {str(i): {"name": SCH[i][0], "partner": PARTNER[i]} for i in range(30)}
    with open(os.path.join(HERE, "schools.json"), "w", encoding="utf-8") as fh:
        json.dump(schools, fh, ensure_ascii=False, indent=1)
    # summary
    from collections import Counter
    fc = Counter(l["family"] for l in labels)
    ec = Counter(l["expected"] for l in labels)
    print(len(labels), dict(ec))
    for k_, v in sorted(fc.items()):
        print(f"  {k_}: {v}")


if __name__ == "__main__":
    main()
