#!/usr/bin/env python3
"""Held-out screenshot set for the "500+" confirmation-screenshot checks.

Renders >=150 files into out/ and writes labels.json (submission order) and schools.json.
Pillow + numpy only. Deterministic (fixed seeds). Written without looking at the
project's own generator or checker.
"""
from __future__ import annotations

import io
import json
import math
import os
import random
import shutil
from datetime import datetime, timedelta

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
FD = "/usr/share/fonts/truetype/dejavu/"
R = random.Random(20221017)
NR = np.random.default_rng(20221017)

_fc: dict = {}


def F(size, bold=False, mono=False):
    key = (int(size), bold, mono)
    if key not in _fc:
        name = "DejaVuSansMono.ttf" if mono else ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
        _fc[key] = ImageFont.truetype(FD + name, int(size))
    return _fc[key]


def tw(d, s, f):
    return d.textlength(s, font=f)


def wrap(d, s, f, width):
    out = []
    for para in s.split("\n"):
        words, line = para.split(" "), ""
        for w in words:
            t = (line + " " + w).strip()
            if tw(d, t, f) <= width or not line:
                line = t
            else:
                out.append(line)
                line = w
        out.append(line)
    return out


def ell(d, s, f, width):
    if tw(d, s, f) <= width:
        return s
    while s and tw(d, s + "…", f) > width:
        s = s[:-1]
    return s + "…"


# ----------------------------------------------------------------------------- domain
SCHOOLS = [
    ("МБОУ «СОШ № 5» г. Вязьмы", "СОШ № 5 г. Вязьма", "Смоленская область", "vyazma-school5@mail.ru"),
    ("МБОУ «Тээлинская СОШ № 1»", "Тээлинская СОШ № 1", "Республика Тыва", "teeli_sosh1@mail.ru"),
    ("МБОУ СОШ № 12 ст. Старощербиновской", "СОШ № 12 ст. Старощербиновская", "Краснодарский край", "school12@sch.kubannet.ru"),
    ("МБОУ «Кромская СОШ»", "Кромская СОШ", "Орловская область", "kromy.sosh@yandex.ru"),
    ("МКОУ «Балахтинская СОШ № 2»", "Балахтинская СОШ № 2", "Красноярский край", "balakhta-sosh2@mail.ru"),
    ("МБОУ «Гимназия № 3» г. Людиново", "Гимназия № 3 г. Людиново", "Калужская область", "gimn3-lud@kaluga-edu.ru"),
    ("МОУ «Джанкойская СШ № 6»", "Джанкойская СШ № 6", "Республика Крым", "dzhankoy-sh6@crimea-school.ru"),
    ("МБОУ СОШ п. Солнечный", "СОШ п. Солнечный", "Хабаровский край", "sun-school@edu27.ru"),
    ("МБОУ «СШ № 14» г. Рославля", "СШ № 14 г. Рославль", "Смоленская область", "roslavl-sh14@yandex.ru"),
    ("МБОУ ООШ № 17 х. Красный", "ООШ № 17 х. Красный", "Краснодарский край", "oosh17@sch.kubannet.ru"),
    ("МКОУ «Приморская СОШ»", "Приморская СОШ", "Красноярский край", "primorsk-sosh@mail.ru"),
    ("МБОУ «Хову-Аксынская СОШ»", "Хову-Аксынская СОШ", "Республика Тыва", "hovu-aksy@rambler.ru"),
    ("МБОУ «Глазуновская СОШ»", "Глазуновская СОШ", "Орловская область", "glazunovka-sosh@yandex.ru"),
    ("МКОУ «СОШ № 4» г. Кирова", "СОШ № 4 г. Киров", "Калужская область", "kirov-sosh4@kaluga-edu.ru"),
    ("МБОУ «Нижнегорская СШ № 2»", "Нижнегорская СШ № 2", "Республика Крым", "nizhnegorsk-sh2@crimea-school.ru"),
    ("МБОУ СОШ с. Тополево", "СОШ с. Тополево", "Хабаровский край", "topolevo-school@edu27.ru"),
    ("МБОУ «СШ № 2» г. Сафоново", "СШ № 2 г. Сафоново", "Смоленская область", "safonovo-sh2@mail.ru"),
    ("МБОУ СОШ № 8 им. А.П. Маресьева ст. Ленинградской", "СОШ № 8 ст. Ленинградская", "Краснодарский край", "school8@len.kubannet.ru"),
    ("МКОУ «Тюльковская СОШ»", "Тюльковская СОШ", "Красноярский край", "tulkovo-sosh@mail.ru"),
    ("МБОУ «Мценская СОШ № 9»", "Мценская СОШ № 9", "Орловская область", "mtsensk9@orel-edu.ru"),
    ("МБОУ «Сукпакская СОШ»", "Сукпакская СОШ", "Республика Тыва", "sukpak-sosh@mail.ru"),
    ("МКОУ «Бетлицкая СОШ»", "Бетлицкая СОШ", "Калужская область", "betlitsa-sosh@kaluga-edu.ru"),
    ("МБОУ «Красногвардейская СШ № 1»", "Красногвардейская СШ № 1", "Республика Крым", "krgv-sh1@crimea-school.ru"),
    ("МБОУ СОШ № 3 г. Бикина", "СОШ № 3 г. Бикин", "Хабаровский край", "bikin-sosh3@edu27.ru"),
    ("МБОУ «Ельнинская СШ № 1 им. М.И. Глинки»", "Ельнинская СШ № 1", "Смоленская область", "elnya-sh1@yandex.ru"),
    ("МБОУ СОШ № 21 пос. Мостовского", "СОШ № 21 пос. Мостовской", "Краснодарский край", "school21@most.kubannet.ru"),
    ("МКОУ «Чистопольская СОШ»", "Чистопольская СОШ", "Красноярский край", "chistopol-sosh@mail.ru"),
    ("МБОУ «Новосильская СОШ»", "Новосильская СОШ", "Орловская область", "novosil-sosh@orel-edu.ru"),
    ("МБОУ «Кочетовская СОШ»", "Кочетовская СОШ", "Республика Тыва", "kochetovo@rambler.ru"),
    ("МБОУ «СОШ № 1» пгт Ванино", "СОШ № 1 пгт Ванино", "Хабаровский край", "vanino-sosh1@edu27.ru"),
]
# partner pairs: random-looking pairing across regions (as in the seed: pairs are random)
_perm = list(range(30))
random.Random(7).shuffle(_perm)
PARTNER = {}
for i in range(0, 30, 2):
    a, b = _perm[i], _perm[i + 1]
    PARTNER[a], PARTNER[b] = b, a

F_SUR = ["Иванова", "Петрова", "Смирнова", "Кузнецова", "Лобанова", "Новикова", "Соколова", "Морозова", "Волкова",
         "Фёдорова", "Ондар", "Монгуш", "Саая", "Ткаченко", "Бондаренко", "Шевченко", "Григорьева", "Павлова",
         "Семёнова", "Голубева", "Виноградова", "Богданова", "Воробьёва", "Захарова", "Калинина"]
F_NAM = ["Елена", "Ирина", "Ольга", "Наталья", "Татьяна", "Светлана", "Анжела", "Марина", "Людмила", "Галина",
         "Айлана", "Чечена", "Оксана", "Юлия", "Надежда", "Валентина"]
F_PAT = ["Николаевна", "Владимировна", "Александровна", "Сергеевна", "Викторовна", "Ивановна", "Петровна",
         "Анатольевна", "Михайловна", "Юрьевна"]
M_SUR = ["Жойкин", "Сидоров", "Орлов", "Ковалёв", "Лебедев", "Кара-оол", "Донгак", "Мельников", "Зайцев", "Степанов"]
M_NAM = ["Сергей", "Алексей", "Андрей", "Дмитрий", "Николай", "Аяс", "Чойган", "Владимир", "Игорь"]
M_PAT = ["Александрович", "Иванович", "Петрович", "Сергеевич", "Николаевич", "Викторович"]


def person(rng):
    if rng.random() < 0.75:
        return f"{rng.choice(F_SUR)} {rng.choice(F_NAM)} {rng.choice(F_PAT)}"
    return f"{rng.choice(M_SUR)} {rng.choice(M_NAM)} {rng.choice(M_PAT)}"


def short_fio(p):
    s, n, pt = p.split(" ")
    return f"{s} {n[0]}.{pt[0]}."


MON_G = {9: "сентября", 10: "октября", 11: "ноября"}
MON_S = {9: "сен", 10: "окт", 11: "ноя"}
WD = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]

STEP_WIN = {
    "expertise-2": (datetime(2022, 9, 15, 8), datetime(2022, 9, 23, 18)),
    "expertise-3": (datetime(2022, 9, 24, 8), datetime(2022, 10, 7, 18)),
    "expertise-4": (datetime(2022, 10, 8, 8), datetime(2022, 10, 21, 18)),
    "expertise-5": (datetime(2022, 10, 20, 8), datetime(2022, 11, 1, 18)),
}
STEP_TITLE = {
    "expertise-2": "Установление контакта со школой-партнёром",
    "expertise-3": "Обмен документацией проекта",
    "expertise-4": "Встреча со школой-партнёром",
    "expertise-5": "Обмен формами рекомендаций и загрузка итогового файла в ИС МЭДК",
}


def rand_dt(rng, a, b):
    t = a + timedelta(seconds=rng.uniform(0, (b - a).total_seconds()))
    h = rng.randint(8, 17)
    return t.replace(hour=h, minute=rng.randint(0, 59), second=0)


SIZES = [(1366, 768), (1920, 1080), (1536, 864), (1600, 900), (1440, 900), (1280, 1024), (1280, 800)]


# ----------------------------------------------------------------------------- chrome
def rrect(d, box, r, fill=None, outline=None, width=1):
    d.rounded_rectangle(box, radius=r, fill=fill, outline=outline, width=width)


def taskbar_win10(img, dt, rng):
    d = ImageDraw.Draw(img)
    W, H = img.size
    h = 40 if W < 1700 else 48
    y = H - h
    d.rectangle([0, y, W, H], fill=(32, 32, 38))
    # start button
    x0, cy = 14, y + h // 2
    for i in range(2):
        for j in range(2):
            d.rectangle([x0 + i * 9, cy - 9 + j * 9, x0 + i * 9 + 7, cy - 9 + j * 9 + 7], fill=(240, 240, 240))
    # search box
    d.rectangle([50, y + 4, 330, H - 4], fill=(62, 62, 70))
    d.text((62, cy), "Введите здесь текст для поиска", font=F(13), fill=(200, 200, 200), anchor="lm")
    x = 350
    for c in [(255, 196, 0), (0, 120, 215), (30, 160, 60), (230, 70, 40), (40, 170, 230), (80, 80, 220)][: rng.randint(3, 6)]:
        rrect(d, [x, y + 8, x + h - 16, H - 8], 4, fill=c)
        x += h + 4
    d.line([352, H - 2, 352 + h - 16, H - 2], fill=(120, 170, 255), width=2)
    d.text((W - 12, cy - 8), dt.strftime("%H:%M"), font=F(13), fill=(245, 245, 245), anchor="rm")
    d.text((W - 12, cy + 9), dt.strftime("%d.%m.%Y"), font=F(13), fill=(245, 245, 245), anchor="rm")
    d.text((W - 110, cy), "РУС", font=F(12), fill=(230, 230, 230), anchor="mm")
    d.text((W - 150, cy), "^", font=F(13), fill=(230, 230, 230), anchor="mm")
    return h


def taskbar_win7(img, dt, rng):
    d = ImageDraw.Draw(img)
    W, H = img.size
    h = 40
    y = H - h
    for i in range(h):
        c = (int(20 + i * 0.8), int(60 + i * 0.9), int(110 + i * 0.7))
        d.line([0, y + i, W, y + i], fill=c)
    d.ellipse([6, y + 2, 42, y + 38], fill=(40, 120, 200), outline=(160, 210, 255))
    d.text((24, y + 20), "⊞", font=F(18), fill="white", anchor="mm")
    x = 60
    for lab in ["Проводник", "Chrome", "Word"][: rng.randint(1, 3)]:
        rrect(d, [x, y + 3, x + 150, H - 3], 3, fill=(70, 110, 160), outline=(130, 170, 220))
        d.text((x + 10, y + 20), lab, font=F(12), fill="white", anchor="lm")
        x += 156
    d.text((W - 40, y + 12), dt.strftime("%H:%M"), font=F(12), fill="white", anchor="mm")
    d.text((W - 40, y + 28), dt.strftime("%d.%m.%Y"), font=F(12), fill="white", anchor="mm")
    d.text((W - 100, y + 20), "RU", font=F(12, True), fill="white", anchor="mm")
    return h


def menubar_mac(img, dt, rng):
    d = ImageDraw.Draw(img)
    W, H = img.size
    d.rectangle([0, 0, W, 24], fill=(236, 236, 236))
    d.text((14, 12), "", font=F(13), fill="black", anchor="lm")
    d.text((34, 12), "Safari   Файл   Правка   Вид   История   Закладки   Окно   Справка", font=F(12), fill=(20, 20, 20), anchor="lm")
    s = f"{WD[dt.weekday()]} {dt.day} {MON_S[dt.month]}. {dt.strftime('%H:%M')}"
    d.text((W - 12, 12), s, font=F(12), fill=(20, 20, 20), anchor="rm")
    return 24


def browser(img, top, url, tab, rng, style=None):
    """Draws a browser chrome starting at y=top; returns y of content start."""
    d = ImageDraw.Draw(img)
    W = img.size[0]
    style = style or rng.choice(["chrome", "yabro", "firefox"])
    if style == "chrome":
        d.rectangle([0, top, W, top + 76], fill=(222, 225, 230))
        rrect(d, [8, top + 6, 250, top + 40], 8, fill=(255, 255, 255))
        d.text((20, top + 23), ell(d, tab, F(12), 200), font=F(12), fill=(40, 40, 40), anchor="lm")
        d.text((236, top + 23), "×", font=F(13), fill=(90, 90, 90), anchor="mm")
        x = 258
        for t in rng.sample(["Новая вкладка", "Сетевой город", "Дневник.ру", "ФИС ОКО", "Госуслуги", "Сферум"], 2):
            d.text((x + 10, top + 23), ell(d, t, F(12), 150), font=F(12), fill=(80, 80, 80), anchor="lm")
            x += 180
        d.rectangle([0, top + 40, W, top + 76], fill=(255, 255, 255))
        d.text((18, top + 58), "←   →   ⟳", font=F(15), fill=(100, 100, 100), anchor="lm")
        rrect(d, [110, top + 45, W - 120, top + 71], 13, fill=(241, 243, 244))
        d.text((132, top + 58), "🔒" if False else "⚿", font=F(12), fill=(90, 90, 90), anchor="lm")
        d.text((152, top + 58), url, font=F(13), fill=(32, 33, 36), anchor="lm")
        d.line([0, top + 76, W, top + 76], fill=(210, 210, 210))
        return top + 77
    if style == "yabro":
        d.rectangle([0, top, W, top + 70], fill=(246, 246, 248))
        rrect(d, [10, top + 6, 60, top + 30], 6, fill=(255, 219, 77))
        d.text((35, top + 18), "Я", font=F(14, True), fill=(0, 0, 0), anchor="mm")
        rrect(d, [70, top + 6, W - 200, top + 32], 6, fill=(255, 255, 255), outline=(220, 220, 225))
        host = url.split("/")[0]
        d.text((84, top + 19), host, font=F(13, True), fill=(20, 20, 20), anchor="lm")
        d.text((90 + tw(d, host, F(13, True)), top + 19), "  " + ell(d, tab, F(12), 400), font=F(12), fill=(120, 120, 120), anchor="lm")
        x = 10
        for t in [tab, "Яндекс", "Электронный журнал"]:
            rrect(d, [x, top + 38, x + 190, top + 66], 6, fill=(255, 255, 255) if x == 10 else (235, 235, 238))
            d.text((x + 10, top + 52), ell(d, t, F(12), 170), font=F(12), fill=(50, 50, 50), anchor="lm")
            x += 196
        d.line([0, top + 70, W, top + 70], fill=(215, 215, 220))
        return top + 71
    # firefox
    d.rectangle([0, top, W, top + 80], fill=(240, 240, 244))
    rrect(d, [6, top + 4, 260, top + 38], 4, fill=(255, 255, 255))
    d.text((18, top + 21), ell(d, tab, F(12), 220), font=F(12), fill=(20, 20, 20), anchor="lm")
    d.text((280, top + 21), "+", font=F(16), fill=(60, 60, 60), anchor="lm")
    d.rectangle([0, top + 40, W, top + 80], fill=(249, 249, 251))
    d.text((16, top + 60), "←  →  ↻", font=F(15), fill=(60, 60, 60), anchor="lm")
    rrect(d, [120, top + 46, W - 140, top + 74], 4, fill=(255, 255, 255), outline=(200, 200, 205))
    d.text((136, top + 60), "https://" + url, font=F(13), fill=(30, 30, 30), anchor="lm")
    d.text((W - 100, top + 60), "☰", font=F(16), fill=(60, 60, 60), anchor="lm")
    d.line([0, top + 80, W, top + 80], fill=(205, 205, 210))
    return top + 81


def frame(rng, dt, url, tab, size=None):
    """Desktop screenshot: OS bar + browser. Returns img, content box (x0,y0,x1,y1)."""
    W, H = size or rng.choice(SIZES)
    img = Image.new("RGB", (W, H), (255, 255, 255))
    os_kind = rng.choices(["win10", "win7", "mac"], [6, 2, 2])[0]
    top, bottom = 0, H
    if os_kind == "mac":
        top = menubar_mac(img, dt, rng)
    elif os_kind == "win10":
        bottom = H - taskbar_win10(img, dt, rng)
    else:
        bottom = H - taskbar_win7(img, dt, rng)
    y0 = browser(img, top, url, tab, rng)
    return img, (0, y0, W, bottom)


def avatar(d, cx, cy, r, name, rng=None, color=None):
    palette = [(229, 115, 115), (100, 181, 246), (129, 199, 132), (255, 183, 77), (186, 104, 200), (77, 182, 172),
               (240, 98, 146), (121, 134, 203)]
    color = color or palette[sum(map(ord, name)) % len(palette)]
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=color)
    parts = [p for p in name.replace("«", " ").replace("»", " ").split() if p[0].isalpha()]
    ini = "".join(p[0] for p in parts[:2]).upper() or "?"
    d.text((cx, cy), ini, font=F(max(9, int(r * 0.8)), True), fill="white", anchor="mm")


def file_icon(d, x, y, ext, s=36):
    col = {"PDF": (219, 68, 55), "DOCX": (43, 87, 154), "DOC": (43, 87, 154), "XLSX": (33, 115, 70),
           "ZIP": (120, 120, 120), "PPTX": (210, 71, 38)}.get(ext, (90, 90, 90))
    rrect(d, [x, y, x + s * 0.8, y + s], 3, fill=col)
    d.text((x + s * 0.4, y + s * 0.55), ext[:4], font=F(max(8, s // 4), True), fill="white", anchor="mm")


DOCS_3 = [("Рисковый_профиль_{s}.pdf", "PDF"), ("Концепция_развития_{s}.docx", "DOCX"),
          ("Среднесрочная_программа_развития_2022-2024.pdf", "PDF"), ("Антирисковые_программы.zip", "ZIP"),
          ("Программа_Низкий_уровень_оснащения.docx", "DOCX"), ("Программа_Дефицит_педкадров.pdf", "PDF")]
DOCS_5 = [("Форма_рекомендаций_школе-партнеру.docx", "DOCX"), ("Рекомендации_от_школы-партнера.pdf", "PDF"),
          ("Экспертиза_концепции_развития.docx", "DOCX"), ("Итоговый_файл_взаимоэкспертизы.pdf", "PDF")]


def slug(s):
    t = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
         "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
         "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "sh", "ы": "y", "э": "e", "ю": "yu",
         "я": "ya"}
    w = s.split()[0].lower()
    return "".join(t.get(c, c) for c in w if c.isalnum())[:12]


def letter_content(ctx, rng):
    s, p, step = ctx["s"], ctx["p"], ctx["step"]
    S, P = SCHOOLS[s], SCHOOLS[p]
    me = ctx["me"]
    if step == "expertise-2":
        subj = rng.choice(["Взаимоэкспертиза документов 500+: знакомство", "Школа-партнёр по взаимоэкспертизе (проект 500+)",
                           "Установление контакта — взаимоэкспертиза"])
        body = (f"Добрый день, уважаемые коллеги!\n\nМы — {S[0]} ({S[2]}). По распределению ФИОКО наша школа является "
                f"вашей школой-партнёром по взаимоэкспертизе документов в рамках проекта «500+».\n\n"
                f"Предлагаем обменяться пакетами документов (рисковый профиль, концепция развития, среднесрочная программа, "
                f"антирисковые программы) до 29 сентября, а онлайн-встречу провести в октябре. Контактное лицо: {me}, "
                f"тел. 8 (9{rng.randint(10, 99)}) {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}.\n\n"
                f"С уважением,\n{me}\n{S[0]}")
        att = []
    elif step == "expertise-3":
        subj = rng.choice(["Документы для взаимоэкспертизы (500+)", "Обмен документацией проекта 500+",
                           f"Пакет документов {S[1]}"])
        body = (f"Здравствуйте, коллеги из {P[1]}!\n\nНаправляем обновлённый пакет документов нашей школы для "
                f"взаимоэкспертизы: рисковый профиль, концепцию развития, среднесрочную программу развития и "
                f"антирисковые программы. Просим подтвердить получение и прислать ваши документы.\n\n"
                f"Формы рекомендаций предзаполним до 7 октября.\n\nС уважением,\n{me}")
        att = rng.sample(DOCS_3, rng.randint(3, 5))
    else:
        subj = rng.choice(["Формы рекомендаций по итогам взаимоэкспертизы", "Рекомендации школе-партнёру (500+)",
                           "Итоги взаимоэкспертизы: формы рекомендаций"])
        body = (f"Уважаемые коллеги!\n\nБлагодарим за встречу и конструктивное обсуждение. Направляем заполненные формы "
                f"рекомендаций по итогам экспертизы ваших документов. Итоговый файл и ссылку на видеозапись встречи "
                f"мы разместили в ЛК ИС МЭДК.\n\nС уважением,\n{me}\n{S[0]}")
        att = rng.sample(DOCS_5, rng.randint(1, 3))
    att = [(a.format(s=slug(S[1])), e, f"{rng.uniform(0.1, 4.5):.1f} МБ".replace(".", ",")) for a, e in att]
    return subj, body, att


def g_email_yandex(ctx, rng):
    dt = ctx["dt"]
    S, P = SCHOOLS[ctx["s"]], SCHOOLS[ctx["p"]]
    subj, body, att = letter_content(ctx, rng)
    outgoing = rng.random() < 0.6
    img, (x0, y0, x1, y1) = frame(rng, dt + timedelta(minutes=rng.randint(1, 90)),
                                  f"mail.yandex.ru/?uid={rng.randint(10**8, 10**9)}#message/{rng.randint(10**15, 10**16)}",
                                  f"{subj} — Яндекс Почта", ctx.get("size") and None)
    d = ImageDraw.Draw(img)
    W = x1
    d.rectangle([x0, y0, x1, y0 + 56], fill=(255, 255, 255))
    d.ellipse([x0 + 16, y0 + 14, x0 + 44, y0 + 42], fill=(252, 63, 29))
    d.text((x0 + 30, y0 + 28), "Я", font=F(16, True), fill="white", anchor="mm")
    d.text((x0 + 54, y0 + 28), "Почта", font=F(20, True), fill=(30, 30, 30), anchor="lm")
    rrect(d, [x0 + 260, y0 + 10, min(W - 260, x0 + 900), y0 + 46], 10, fill=(242, 243, 245))
    d.text((x0 + 280, y0 + 28), "Поиск", font=F(14), fill=(150, 150, 150), anchor="lm")
    avatar(d, W - 40, y0 + 28, 16, S[1])
    d.text((W - 64, y0 + 28), S[3], font=F(12), fill=(80, 80, 80), anchor="rm")
    d.line([x0, y0 + 56, x1, y0 + 56], fill=(230, 230, 230))
    # left
    ly = y0 + 70
    rrect(d, [x0 + 16, ly, x0 + 196, ly + 40], 8, fill=(255, 221, 0))
    d.text((x0 + 106, ly + 20), "Написать", font=F(15, True), fill=(20, 20, 20), anchor="mm")
    ly += 60
    for name, cnt in [("Входящие", rng.randint(1, 40)), ("Отправленные", None), ("Удалённые", None), ("Спам", rng.randint(0, 9)),
                      ("Черновики", None), ("Архив", None)]:
        sel = (name == "Отправленные") == outgoing and name in ("Входящие", "Отправленные")
        if sel:
            rrect(d, [x0 + 8, ly - 4, x0 + 206, ly + 26], 6, fill=(236, 240, 250))
        d.text((x0 + 24, ly + 11), name, font=F(14, sel), fill=(30, 30, 30), anchor="lm")
        if cnt:
            d.text((x0 + 196, ly + 11), str(cnt), font=F(12), fill=(120, 120, 120), anchor="rm")
        ly += 34
    # letter
    cx = x0 + 240
    cy = y0 + 76
    d.text((cx, cy), "← Назад     Переслать     Удалить     Это спам!     Не прочитано     ⋯", font=F(13), fill=(90, 90, 90))
    cy += 40
    for ln in wrap(d, subj, F(22, True), W - cx - 40)[:2]:
        d.text((cx, cy), ln, font=F(22, True), fill=(20, 20, 20))
        cy += 32
    cy += 10
    snd, rcp = (S, P) if outgoing else (P, S)
    snd_person = ctx["me"] if outgoing else ctx["them"]
    avatar(d, cx + 20, cy + 20, 20, snd_person)
    d.text((cx + 52, cy + 2), f"{snd_person}", font=F(14, True), fill=(20, 20, 20))
    d.text((cx + 52 + tw(d, snd_person, F(14, True)) + 10, cy + 3), snd[3], font=F(13), fill=(110, 110, 110))
    d.text((cx + 52, cy + 24), f"Кому: {rcp[3]}", font=F(13), fill=(110, 110, 110))
    d.text((W - 30, cy + 4), f"{dt.day} {MON_S[dt.month]} 2022 в {dt.strftime('%H:%M')}", font=F(13), fill=(110, 110, 110), anchor="ra")
    cy += 64
    maxw = min(W - cx - 60, 820)
    for ln in wrap(d, body, F(15), maxw):
        if cy > y1 - 130:
            break
        d.text((cx, cy), ln, font=F(15), fill=(25, 25, 25))
        cy += 23
    cy += 12
    ax = cx
    for name, ext, sz in att:
        if ax + 230 > W - 20:
            ax = cx
            cy += 70
        if cy + 60 > y1:
            break
        rrect(d, [ax, cy, ax + 220, cy + 58], 8, outline=(220, 220, 225), fill=(250, 250, 252))
        file_icon(d, ax + 10, cy + 10, ext, 38)
        d.text((ax + 50, cy + 12), ell(d, name, F(12), 160), font=F(12), fill=(30, 30, 30))
        d.text((ax + 50, cy + 32), sz, font=F(11), fill=(130, 130, 130))
        ax += 232
    return img


def g_email_mailru(ctx, rng):
    dt = ctx["dt"]
    S, P = SCHOOLS[ctx["s"]], SCHOOLS[ctx["p"]]
    subj, body, att = letter_content(ctx, rng)
    img, (x0, y0, x1, y1) = frame(rng, dt + timedelta(minutes=rng.randint(1, 200)),
                                  f"e.mail.ru/inbox/0:{rng.randint(10**15, 10**16)}:0/", f"{subj} - Почта Mail.ru")
    d = ImageDraw.Draw(img)
    W = x1
    d.rectangle([x0, y0, x1, y0 + 32], fill=(0, 95, 249))
    x = x0 + 16
    for t in ["Mail.ru", "Почта", "Облако", "Календарь", "Заметки", "Одноклассники", "ВКонтакте", "Все проекты"]:
        d.text((x, y0 + 16), t, font=F(13, t == "Mail.ru"), fill="white", anchor="lm")
        x += tw(d, t, F(13)) + 22
    d.text((W - 16, y0 + 16), S[3], font=F(13), fill="white", anchor="rm")
    y = y0 + 32
    d.rectangle([x0, y, x1, y + 60], fill=(255, 255, 255))
    d.text((x0 + 24, y + 30), "@mail", font=F(24, True), fill=(0, 95, 249), anchor="lm")
    rrect(d, [x0 + 200, y + 12, x0 + 360, y + 48], 18, fill=(0, 95, 249))
    d.text((x0 + 280, y + 30), "Написать письмо", font=F(13, True), fill="white", anchor="mm")
    rrect(d, [x0 + 380, y + 12, W - 300, y + 48], 6, fill=(240, 241, 243))
    d.text((x0 + 396, y + 30), "Поиск по почте", font=F(13), fill=(140, 140, 140), anchor="lm")
    y += 60
    d.line([x0, y, x1, y], fill=(225, 225, 230))
    ly = y + 16
    folders = ["Входящие", "Отправленные", "Черновики", "Социальные сети", "Рассылки", "Спам", "Корзина"]
    list_view = rng.random() < 0.45
    for f_ in folders:
        sel = f_ == "Входящие"
        if sel:
            rrect(d, [x0 + 8, ly - 6, x0 + 220, ly + 22], 6, fill=(232, 240, 254))
        d.text((x0 + 24, ly + 8), f_, font=F(14, sel), fill=(30, 30, 30), anchor="lm")
        ly += 36
    cx = x0 + 250
    if list_view:
        rows = []
        for k in range(rng.randint(7, 11)):
            rows.append((rng.choice(["Дневник.ру", "Госуслуги", "Сетевой город. Образование", "ВКонтакте", "ИРО: вебинар",
                                     "Управление образования", "Учи.ру", "Минпросвещения"]),
                         rng.choice(["Уведомление о новом сообщении", "Вебинар проекта «500+» в четверг в 10:00 (мск)",
                                     "О предоставлении информации", "Напоминание о сроках мониторинга", "Новости недели",
                                     "Приглашение на семинар"]), False))
        k = rng.randint(0, 3)
        rows.insert(k, (P[1], subj, True))
        if rng.random() < 0.6:
            rows.insert(k, (P[1], "Re: " + subj, True))
        ry = y + 14
        d.text((cx, ry), "Входящие", font=F(18, True), fill=(20, 20, 20))
        ry += 40
        t = dt
        for snd, sub, hot in rows:
            if ry > y1 - 40:
                break
            if hot:
                d.rectangle([cx - 10, ry - 6, W - 10, ry + 30], fill=(255, 250, 225))
            d.rectangle([cx, ry + 4, cx + 14, ry + 18], outline=(170, 170, 170))
            avatar(d, cx + 40, ry + 12, 13, snd)
            d.text((cx + 64, ry + 12), ell(d, snd, F(14, hot), 220), font=F(14, hot), fill=(20, 20, 20), anchor="lm")
            d.text((cx + 300, ry + 12), ell(d, sub, F(14, hot), W - cx - 460), font=F(14, hot), fill=(20, 20, 20), anchor="lm")
            ts = t.strftime("%H:%M") if t.date() == dt.date() else f"{t.day} {MON_S[t.month]}"
            d.text((W - 20, ry + 12), ts, font=F(13), fill=(120, 120, 120), anchor="rm")
            t -= timedelta(hours=rng.randint(1, 20))
            ry += 42
            d.line([cx, ry - 6, W - 10, ry - 6], fill=(238, 238, 240))
        return img
    cy = y + 20
    d.text((cx, cy), "← Вернуться     Ответить     Переслать     В архив     Удалить", font=F(13), fill=(0, 95, 249))
    cy += 40
    d.text((cx, cy), ell(d, subj, F(21, True), W - cx - 40), font=F(21, True), fill=(20, 20, 20))
    cy += 44
    avatar(d, cx + 20, cy + 20, 20, ctx["them"])
    d.text((cx + 52, cy), ctx["them"], font=F(14, True), fill=(20, 20, 20))
    d.text((cx + 52, cy + 22), f"{P[3]}   →   кому: {S[3]}", font=F(13), fill=(120, 120, 120))
    d.text((W - 30, cy), f"{dt.day} {MON_G[dt.month]} 2022, {dt.strftime('%H:%M')}", font=F(13), fill=(120, 120, 120), anchor="ra")
    cy += 66
    body = body.replace(ctx["me"], ctx["them"]).replace(S[0], P[0]).replace(f"коллеги из {P[1]}", f"коллеги из {S[1]}")
    for ln in wrap(d, body, F(15), min(W - cx - 60, 860)):
        if cy > y1 - 100:
            break
        d.text((cx, cy), ln, font=F(15), fill=(30, 30, 30))
        cy += 23
    if att:
        cy += 10
        d.text((cx, cy), f"{len(att)} файла · Скачать все", font=F(13, True), fill=(60, 60, 60))
        cy += 26
        ax = cx
        for name, ext, sz in att:
            if ax + 190 > W or cy + 70 > y1:
                break
            rrect(d, [ax, cy, ax + 180, cy + 64], 6, outline=(215, 215, 220))
            file_icon(d, ax + 8, cy + 12, ext, 40)
            d.text((ax + 48, cy + 14), ell(d, name, F(11), 126), font=F(11), fill=(30, 30, 30))
            d.text((ax + 48, cy + 36), sz, font=F(11), fill=(140, 140, 140))
            ax += 192
    return img


def chat_messages(ctx, rng):
    """List of (outgoing, kind, text, minute offset). kind in text|file."""
    S, P, step = SCHOOLS[ctx["s"]], SCHOOLS[ctx["p"]], ctx["step"]
    me_first = short_fio(ctx["me"]).split()[0]
    m = []
    if step == "expertise-2":
        m += [(True, "text", f"Здравствуйте! Это {S[0]}, {S[2]}. Мы ваша школа-партнёр по взаимоэкспертизе документов (проект 500+)."),
              (False, "text", f"Добрый день! Очень рады, {P[1]} на связи. Наш контакт по проекту — {short_fio(ctx['them'])}."),
              (True, "text", "Предлагаем до 29.09 обменяться документами по почте, а встречу провести онлайн в Сферуме."),
              (False, "text", "Согласны 👍 Пришлите, пожалуйста, адрес почты для документов." if False else "Согласны. Пришлите, пожалуйста, адрес почты для документов."),
              (True, "text", f"{S[3]} — пишите сюда. Ответственный: {me_first}.")]
    elif step == "expertise-3":
        m += [(True, "text", "Коллеги, направляем наш пакет документов для взаимоэкспертизы:")]
        for a, e in rng.sample(DOCS_3, 3):
            m.append((True, "file", a.format(s=slug(S[1])) + f"|{rng.uniform(0.2, 3.9):.1f} МБ"))
        m += [(False, "text", "Получили, спасибо! Наши документы отправляем ниже."),
              (False, "file", "Концепция_развития_" + slug(P[1]) + f".pdf|{rng.uniform(0.2, 3.9):.1f} МБ"),
              (False, "file", f"Рисковый_профиль_{slug(P[1])}.pdf|{rng.uniform(0.2, 3.9):.1f} МБ"),
              (True, "text", "Всё открылось. Начинаем изучать и предзаполнять формы рекомендаций до 7 октября.")]
    elif step == "expertise-4":
        code = "".join(rng.choice("0123456789") for _ in range(14))
        m += [(True, "text", f"Напоминаем: встреча по итогам взаимоэкспертизы сегодня в {rng.randint(10, 15)}:00 (мск)."),
              (True, "text", f"Ссылка: https://telemost.yandex.ru/j/{code}"),
              (False, "text", "Спасибо, подключимся всей рабочей группой."),
              (False, "text", "Коллеги, спасибо за встречу! Очень полезное обсуждение вызовов и рекомендаций."),
              (True, "text", "И вам спасибо! Запись встречи выложим и пришлём ссылку.")]
    else:
        m += [(True, "text", "Направляем заполненные формы рекомендаций по вашим документам."),
              (True, "file", f"Форма_рекомендаций_{slug(P[1])}.docx|{rng.uniform(0.1, 1.2):.1f} МБ"),
              (False, "text", "Получили! Наши рекомендации для вас:"),
              (False, "file", f"Рекомендации_для_{slug(S[1])}.docx|{rng.uniform(0.1, 1.2):.1f} МБ"),
              (True, "text", "Спасибо! Загружаем итоговый файл в ЛК ИС МЭДК.")]
    out, t = [], 0
    for o, k, tx in m:
        t += rng.randint(1, 40)
        out.append((o, k, tx, t))
    return out


def g_chat_desktop(ctx, rng):
    dt = ctx["dt"]
    S, P = SCHOOLS[ctx["s"]], SCHOOLS[ctx["p"]]
    msgs = chat_messages(ctx, rng)
    title = rng.choice([P[1], f"Взаимоэкспертиза {S[1].split()[0]} – {P[1].split()[0]}", short_fio(ctx["them"])])
    end_dt = dt + timedelta(minutes=msgs[-1][3] + 2)
    img, (x0, y0, x1, y1) = frame(rng, end_dt, "web.telegram.org/k/#-" + str(rng.randint(10**9, 10**10)), "Telegram Web")
    d = ImageDraw.Draw(img)
    W = x1
    lw = 320
    d.rectangle([x0, y0, x0 + lw, y1], fill=(255, 255, 255))
    d.line([x0 + lw, y0, x0 + lw, y1], fill=(220, 220, 220))
    d.text((x0 + 18, y0 + 28), "☰", font=F(18), fill=(110, 110, 110), anchor="lm")
    rrect(d, [x0 + 50, y0 + 12, x0 + lw - 14, y0 + 44], 16, fill=(241, 241, 244))
    d.text((x0 + 66, y0 + 28), "Поиск", font=F(13), fill=(150, 150, 150), anchor="lm")
    cy = y0 + 56
    chats = [(title, msgs[-1][2] if msgs[-1][1] == "text" else "Файл", True)]
    for n in rng.sample(["Учительская 2022", "Родители 9А", "Проект 500+ — кураторы", "Методобъединение", "Завучи района",
                         "Канал проекта 500+", "Совещание директоров", "Вебинары ФИОКО"], 6):
        chats.append((n, rng.choice(["Коллеги, напоминаю о сроках", "Спасибо!", "Вебинар в четверг в 10:00 мск", "Фото",
                                     "Документ", "Хорошо, принято"]), False))
    rng.shuffle(chats)
    for n, last, sel in chats:
        if cy + 68 > y1:
            break
        if sel:
            d.rectangle([x0 + 6, cy, x0 + lw - 6, cy + 66], fill=(51, 144, 236))
        fc = (255, 255, 255) if sel else (20, 20, 20)
        avatar(d, x0 + 40, cy + 33, 26, n)
        d.text((x0 + 76, cy + 20), ell(d, n, F(14, True), lw - 140), font=F(14, True), fill=fc, anchor="lm")
        d.text((x0 + 76, cy + 44), ell(d, last, F(13), lw - 100), font=F(13), fill=(230, 240, 255) if sel else (120, 120, 120), anchor="lm")
        d.text((x0 + lw - 14, cy + 20), f"{rng.randint(8, 18)}:{rng.randint(0, 59):02d}", font=F(11), fill=fc, anchor="rm")
        cy += 68
    # chat pane
    bg = rng.choice([(205, 224, 190), (190, 214, 232), (222, 214, 200)])
    d.rectangle([x0 + lw + 1, y0 + 56, x1, y1], fill=bg)
    arr = np.array(img)
    sub = arr[y0 + 56:y1, x0 + lw + 1:x1].astype(np.int16)
    yy, xx = np.mgrid[0:sub.shape[0], 0:sub.shape[1]]
    pat = ((np.sin(xx / 23.0) * np.cos(yy / 17.0)) * 6).astype(np.int16)
    sub += pat[..., None]
    arr[y0 + 56:y1, x0 + lw + 1:x1] = np.clip(sub, 0, 255).astype(np.uint8)
    img = Image.fromarray(arr)
    d = ImageDraw.Draw(img)
    d.rectangle([x0 + lw + 1, y0, x1, y0 + 56], fill=(255, 255, 255))
    avatar(d, x0 + lw + 34, y0 + 28, 20, title)
    d.text((x0 + lw + 64, y0 + 18), title, font=F(15, True), fill=(20, 20, 20), anchor="lm")
    d.text((x0 + lw + 64, y0 + 40), rng.choice(["в сети", "был(а) недавно", f"{rng.randint(3, 9)} участников"]), font=F(12),
           fill=(120, 120, 120), anchor="lm")
    # input
    rrect(d, [x0 + lw + 60, y1 - 56, x1 - 60, y1 - 12], 12, fill=(255, 255, 255))
    d.text((x0 + lw + 80, y1 - 34), "Сообщение", font=F(14), fill=(160, 160, 160), anchor="lm")
    # bubbles bottom-up layout
    maxw = min(460, (x1 - x0 - lw) * 0.6)
    blocks = []
    for o, k, tx, mins in msgs:
        t = dt + timedelta(minutes=mins)
        if k == "text":
            lines = wrap(d, tx, F(14), maxw - 70)
            h = 16 + 20 * len(lines) + 8
            w = max(tw(d, ln, F(14)) for ln in lines) + 76
        else:
            lines = tx.split("|")
            h, w = 64, 300
        blocks.append((o, k, lines, t, h, w))
    total = sum(b[4] + 8 for b in blocks) + 40
    by = y1 - 70 - total
    by = max(by, y0 + 100)
    pill = f"{dt.day} {MON_G[dt.month]}"
    pw = tw(d, pill, F(13)) + 24
    pcx = (x0 + lw + x1) // 2
    rrect(d, [pcx - pw / 2, by, pcx + pw / 2, by + 26], 13, fill=(0, 0, 0, 0) if False else tuple(int(c * 0.75) for c in bg))
    d.text((pcx, by + 13), pill, font=F(13), fill="white", anchor="mm")
    by += 40
    for o, k, lines, t, h, w in blocks:
        if by + h > y1 - 64:
            break
        if o:
            bx1 = x1 - 80
            bx0 = bx1 - w
            col = (238, 255, 222)
        else:
            bx0 = x0 + lw + 24
            bx1 = bx0 + w
            col = (255, 255, 255)
        rrect(d, [bx0, by, bx1, by + h], 12, fill=col)
        if k == "text":
            ly = by + 10
            for ln in lines:
                d.text((bx0 + 12, ly), ln, font=F(14), fill=(20, 20, 20))
                ly += 20
        else:
            d.ellipse([bx0 + 10, by + 10, bx0 + 54, by + 54], fill=(79, 174, 78) if o else (51, 144, 236))
            d.text((bx0 + 32, by + 32), "↓", font=F(20, True), fill="white", anchor="mm")
            d.text((bx0 + 64, by + 14), ell(d, lines[0], F(13, True), w - 80), font=F(13, True), fill=(20, 20, 20))
            d.text((bx0 + 64, by + 36), lines[1], font=F(12), fill=(120, 120, 120))
        ts = t.strftime("%H:%M") + (" ✓✓" if o else "")
        d.text((bx1 - 10, by + h - 6), ts, font=F(11), fill=(90, 160, 90) if o else (150, 150, 150), anchor="rs")
        by += h + 8
    return img


def g_chat_vk(ctx, rng):
    dt = ctx["dt"]
    S, P = SCHOOLS[ctx["s"]], SCHOOLS[ctx["p"]]
    sferum = rng.random() < 0.5
    msgs = chat_messages(ctx, rng)
    end_dt = dt + timedelta(minutes=msgs[-1][3] + 3)
    url = ("web.vk.me/convo/" if sferum else "vk.com/im?sel=c") + str(rng.randint(100, 99999))
    img, (x0, y0, x1, y1) = frame(rng, end_dt, url, "Сферум — Мессенджер" if sferum else "Сообщения")
    d = ImageDraw.Draw(img)
    W = x1
    accent = (120, 80, 220) if sferum else (0, 119, 255)
    d.rectangle([x0, y0, x1, y0 + 48], fill=accent if sferum else (255, 255, 255))
    d.text((x0 + 20, y0 + 24), "Сферум" if sferum else "ВКонтакте", font=F(18, True),
           fill="white" if sferum else accent, anchor="lm")
    rrect(d, [x0 + 200, y0 + 10, x0 + 520, y0 + 38], 8, fill=(255, 255, 255, 0) if False else ((150, 115, 235) if sferum else (237, 238, 240)))
    d.text((x0 + 214, y0 + 24), "Поиск", font=F(13), fill=(230, 230, 255) if sferum else (130, 130, 130), anchor="lm")
    d.text((W - 20, y0 + 24), short_fio(ctx["me"]), font=F(13), fill="white" if sferum else (40, 40, 40), anchor="rm")
    d.rectangle([x0, y0 + 48, x1, y1], fill=(237, 238, 240))
    px0, px1 = x0 + max(20, (W - 1000) // 2), x0 + max(20, (W - 1000) // 2) + min(1000, W - 40)
    d.rectangle([px0, y0 + 60, px1, y1 - 6], fill=(255, 255, 255))
    title = f"Взаимоэкспертиза: {S[1]} и {P[1]}" if rng.random() < 0.6 else P[0]
    d.text((px0 + 20, y0 + 84), ell(d, title, F(15, True), px1 - px0 - 60), font=F(15, True), fill=(20, 20, 20), anchor="lm")
    d.text((px0 + 20, y0 + 104), f"{rng.randint(3, 8)} участников", font=F(12), fill=(130, 130, 130), anchor="lm")
    d.line([px0, y0 + 120, px1, y0 + 120], fill=(230, 230, 230))
    cy = y0 + 134
    pill = f"{dt.day} {MON_G[dt.month]} 2022"
    d.text(((px0 + px1) / 2, cy + 8), pill, font=F(12), fill=(130, 130, 130), anchor="mm")
    cy += 30
    prev = None
    for o, k, tx, mins in msgs:
        t = dt + timedelta(minutes=mins)
        who = ctx["me"] if o else ctx["them"]
        if cy > y1 - 110:
            break
        if who != prev:
            avatar(d, px0 + 40, cy + 18, 18, who)
            d.text((px0 + 70, cy + 2), " ".join(who.split()[:2]), font=F(13, True), fill=accent)
            d.text((px0 + 80 + tw(d, " ".join(who.split()[:2]), F(13, True)), cy + 3), t.strftime("%H:%M"), font=F(12),
                   fill=(150, 150, 150))
            cy += 22
        if k == "text":
            for ln in wrap(d, tx, F(14), px1 - px0 - 120):
                d.text((px0 + 70, cy), ln, font=F(14), fill=(20, 20, 20))
                cy += 20
        else:
            n, sz = tx.split("|")
            rrect(d, [px0 + 70, cy, px0 + 110, cy + 40], 8, fill=(237, 238, 240))
            d.text((px0 + 90, cy + 20), "📄" if False else "≡", font=F(18), fill=accent, anchor="mm")
            d.text((px0 + 120, cy + 2), n, font=F(13), fill=accent)
            d.text((px0 + 120, cy + 22), sz, font=F(12), fill=(140, 140, 140))
            cy += 46
        cy += 10
        prev = who
    rrect(d, [px0 + 16, y1 - 60, px1 - 16, y1 - 18], 10, fill=(243, 244, 246), outline=(225, 225, 228))
    d.text((px0 + 36, y1 - 39), "Напишите сообщение...", font=F(13), fill=(150, 150, 150), anchor="lm")
    return img


def g_chat_mobile(ctx, rng):
    dt = ctx["dt"]
    W, H = rng.choice([(1080, 2340), (1080, 2400), (720, 1600), (828, 1792)])
    k = W / 1080
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    msgs = chat_messages(ctx, rng)
    end_dt = dt + timedelta(minutes=msgs[-1][3] + 1)
    tg = rng.random() < 0.6
    bg = (172, 201, 150) if tg else (235, 237, 240)
    d.rectangle([0, 0, W, H], fill=bg)
    hdr = (82, 136, 193) if tg else (255, 255, 255)
    fg = "white" if tg else (20, 20, 20)
    d.rectangle([0, 0, W, int(250 * k)], fill=hdr)
    d.text((int(40 * k), int(45 * k)), end_dt.strftime("%H:%M"), font=F(40 * k, True), fill=fg, anchor="lm")
    d.text((W - int(40 * k), int(45 * k)), f"{rng.randint(23, 97)}% ▮", font=F(34 * k), fill=fg, anchor="rm")
    for i in range(4):
        d.rectangle([W - int((250 - i * 22) * k), int((60 - i * 8) * k), W - int((236 - i * 22) * k), int(62 * k)], fill=fg)
    them_title = SCHOOLS[ctx["p"]][1] if rng.random() < 0.5 else " ".join(ctx["them"].split()[:2])
    d.text((int(40 * k), int(165 * k)), "←", font=F(56 * k), fill=fg, anchor="lm")
    avatar(d, int(170 * k), int(165 * k), int(50 * k), them_title)
    d.text((int(240 * k), int(145 * k)), ell(d, them_title, F(44 * k, True), W - int(300 * k)), font=F(44 * k, True), fill=fg, anchor="lm")
    d.text((int(240 * k), int(198 * k)), "был(а) недавно" if tg else "online", font=F(34 * k),
           fill=(220, 230, 245) if tg else (130, 130, 130), anchor="lm")
    # input
    d.rectangle([0, H - int(150 * k), W, H], fill=(255, 255, 255))
    d.text((int(60 * k), H - int(75 * k)), "Сообщение", font=F(40 * k), fill=(150, 150, 150), anchor="lm")
    y = int(300 * k)
    pill = f"{dt.day} {MON_G[dt.month]}"
    pw = tw(d, pill, F(34 * k)) + 50 * k
    rrect(d, [W / 2 - pw / 2, y, W / 2 + pw / 2, y + 56 * k], int(28 * k), fill=tuple(int(c * 0.8) for c in bg))
    d.text((W / 2, y + 28 * k), pill, font=F(34 * k), fill="white", anchor="mm")
    y += int(100 * k)
    fnt = F(40 * k)
    maxw = W * 0.72
    for o, kk, tx, mins in msgs:
        t = dt + timedelta(minutes=mins)
        if kk == "text":
            lines = wrap(d, tx, fnt, maxw - 60 * k)
            h = int((30 + 52 * len(lines) + 40) * k)
            w = max(tw(d, ln, fnt) for ln in lines) + 70 * k
            w = max(w, 230 * k)
        else:
            lines = tx.split("|")
            h, w = int(170 * k), maxw
        if y + h > H - 170 * k:
            break
        col = ((225, 255, 199) if tg else (204, 228, 255)) if o else (255, 255, 255)
        bx0 = W - 30 * k - w if o else 30 * k
        rrect(d, [bx0, y, bx0 + w, y + h], int(30 * k), fill=col)
        if kk == "text":
            ly = y + 24 * k
            for ln in lines:
                d.text((bx0 + 30 * k, ly), ln, font=fnt, fill=(20, 20, 20))
                ly += 52 * k
        else:
            d.ellipse([bx0 + 24 * k, y + 24 * k, bx0 + 130 * k, y + 130 * k], fill=(79, 174, 78) if o else (82, 136, 193))
            d.text((bx0 + 77 * k, y + 77 * k), "↓", font=F(54 * k, True), fill="white", anchor="mm")
            d.text((bx0 + 150 * k, y + 34 * k), ell(d, lines[0], F(36 * k, True), w - 180 * k), font=F(36 * k, True), fill=(20, 20, 20))
            d.text((bx0 + 150 * k, y + 90 * k), lines[1], font=F(32 * k), fill=(120, 120, 120))
        d.text((bx0 + w - 24 * k, y + h - 14 * k), t.strftime("%H:%M") + (" ✓✓" if o else ""), font=F(30 * k),
               fill=(80, 160, 80) if o else (150, 150, 150), anchor="rs")
        y += h + int(18 * k)
    return img


def person_tile(img, box, rng, name):
    x0, y0, x1, y1 = map(int, box)
    w, h = x1 - x0, y1 - y0
    wall = np.array(rng.choice([(200, 190, 170), (170, 180, 190), (215, 205, 190), (150, 160, 150), (190, 170, 160)]), float)
    yy = np.linspace(0, 1, h)[:, None, None]
    xx = np.linspace(0, 1, w)[None, :, None]
    arr = wall * (0.75 + 0.35 * (1 - yy) * (0.8 + 0.4 * xx)) + NR.normal(0, 4, (h, w, 3))
    tile = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(tile)
    # shelf / window
    if rng.random() < 0.5:
        d.rectangle([int(w * 0.65), int(h * 0.1), int(w * 0.95), int(h * 0.5)], fill=(220, 235, 250), outline=(240, 240, 240), width=4)
    else:
        d.rectangle([int(w * 0.05), int(h * 0.25), int(w * 0.3), int(h * 0.3)], fill=(120, 90, 60))
        for i in range(5):
            d.rectangle([int(w * 0.06 + i * w * 0.045), int(h * 0.15), int(w * 0.09 + i * w * 0.045), int(h * 0.25)],
                        fill=rng.choice([(160, 40, 40), (40, 80, 140), (60, 120, 60), (200, 170, 60)]))
    n = rng.choice([1, 1, 1, 2, 3])
    for i in range(n):
        cx = w * (i + 1) / (n + 1) + rng.uniform(-0.05, 0.05) * w
        hr = h * (0.16 if n == 1 else 0.11)
        cy = h * 0.5
        shirt = rng.choice([(40, 50, 80), (120, 30, 40), (200, 200, 210), (60, 90, 60), (90, 60, 110)])
        d.ellipse([cx - hr * 2.2, cy + hr * 0.8, cx + hr * 2.2, cy + hr * 5], fill=shirt)
        skin = rng.choice([(235, 200, 170), (220, 180, 150), (200, 160, 120)])
        d.ellipse([cx - hr, cy - hr * 1.2, cx + hr, cy + hr * 1.2], fill=skin)
        hair = rng.choice([(60, 40, 30), (30, 25, 20), (150, 110, 60), (120, 120, 120)])
        d.chord([cx - hr * 1.08, cy - hr * 1.35, cx + hr * 1.08, cy + hr * 0.6], 180, 360, fill=hair)
    tile = tile.filter(ImageFilter.GaussianBlur(1.2))
    img.paste(tile, (x0, y0))


def g_video(ctx, rng, members=None, layout_seed=None):
    dt = ctx["dt"]
    S, P = SCHOOLS[ctx["s"]], SCHOOLS[ctx["p"]]
    tm = rng.random() < 0.55
    url = (f"telemost.yandex.ru/j/{rng.randint(10**13, 10**14)}" if tm else f"web.sferum.ru/call/{rng.randint(10**6, 10**7)}")
    img, (x0, y0, x1, y1) = frame(rng, dt + timedelta(minutes=rng.randint(10, 70)), url,
                                  "Яндекс Телемост" if tm else "Звонок — Сферум")
    d = ImageDraw.Draw(img)
    bg = (28, 28, 30) if tm else (25, 30, 48)
    d.rectangle([x0, y0, x1, y1], fill=bg)
    title = rng.choice([f"Взаимоэкспертиза: {S[1]} — {P[1]}", "Встреча со школой-партнёром (500+)",
                        f"Обсуждение рекомендаций {S[1].split()[0]} / {P[1].split()[0]}"])
    d.text((x0 + 20, y0 + 22), ell(d, title, F(15, True), x1 - x0 - 300), font=F(15, True), fill=(235, 235, 235), anchor="lm")
    el = f"{rng.randint(0, 1):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    d.text((x1 - 20, y0 + 22), "● REC " + el if rng.random() < 0.5 else el, font=F(14), fill=(240, 90, 90), anchor="rm")
    if members is None:
        members = [f"{S[1]} ({short_fio(ctx['me'])})", f"{P[1]} ({short_fio(ctx['them'])})"]
        for _ in range(rng.randint(1, 7)):
            members.append(rng.choice([f"{short_fio(person(rng))}", f"Куратор {short_fio(person(rng))}",
                                       f"{rng.choice([S[1], P[1]])} — {short_fio(person(rng))}"]))
    members = list(members)
    rng.shuffle(members)
    share = rng.random() < 0.25
    area = [x0 + 12, y0 + 44, x1 - 12, y1 - 76]
    if share:
        sw = (area[2] - area[0]) * 0.76
        sx0, sy0, sx1, sy1 = area[0], area[1], area[0] + sw, area[3]
        d.rectangle([sx0, sy0, sx1, sy1], fill=(255, 255, 255))
        d.text((sx0 + 24, sy0 + 20), "Форма рекомендаций школе-партнёру", font=F(18, True), fill=(20, 20, 20))
        d.text((sx0 + 24, sy0 + 48), f"Экспертиза документов: {P[0]}", font=F(13), fill=(60, 60, 60))
        cols = ["Документ", "Выявленные вызовы", "Рекомендации"]
        rows = ["Рисковый профиль", "Концепция развития", "Среднесрочная программа", "Антирисковая программа"]
        ty = sy0 + 84
        cw = (sx1 - sx0 - 48) / 3
        for r_i, row in enumerate(["#"] + rows):
            for c_i in range(3):
                bx = sx0 + 24 + c_i * cw
                d.rectangle([bx, ty, bx + cw, ty + 56], outline=(150, 150, 150),
                            fill=(230, 236, 245) if r_i == 0 else None)
                txt = cols[c_i] if r_i == 0 else (row if c_i == 0 else rng.choice(
                    ["Низкая учебная мотивация", "Уточнить показатели", "Дефицит кадров", "Согласовать сроки мероприятий",
                     "Добавить индикаторы", "Сформулировать задачи по SMART"]))
                for li, ln in enumerate(wrap(d, txt, F(12, r_i == 0), cw - 12)[:3]):
                    d.text((bx + 6, ty + 6 + li * 15), ln, font=F(12, r_i == 0), fill=(20, 20, 20))
            ty += 56
            if ty > sy1 - 60:
                break
        tiles_area = [sx1 + 10, area[1], area[2], area[3]]
        n = min(len(members), 5)
        th = (tiles_area[3] - tiles_area[1]) / n
        boxes = [(tiles_area[0], tiles_area[1] + i * th, tiles_area[2], tiles_area[1] + (i + 1) * th - 8) for i in range(n)]
    else:
        n = len(members)
        cols = math.ceil(math.sqrt(n))
        rows_ = math.ceil(n / cols)
        tw_ = (area[2] - area[0]) / cols
        th = (area[3] - area[1]) / rows_
        boxes = []
        for i in range(n):
            r_, c_ = divmod(i, cols)
            boxes.append((area[0] + c_ * tw_ + 4, area[1] + r_ * th + 4, area[0] + (c_ + 1) * tw_ - 4, area[1] + (r_ + 1) * th - 4))
    speaker = rng.randrange(len(boxes))
    for i, (b, name) in enumerate(zip(boxes, members)):
        if rng.random() < 0.6:
            person_tile(img, b, rng, name)
            d = ImageDraw.Draw(img)
        else:
            d.rectangle(b, fill=(48, 48, 52) if tm else (42, 50, 75))
            r = min(b[2] - b[0], b[3] - b[1]) * 0.2
            avatar(d, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2, r, name)
        lab = ell(d, name, F(12), b[2] - b[0] - 40)
        lw_ = tw(d, lab, F(12)) + 30
        rrect(d, [b[0] + 6, b[3] - 26, b[0] + 6 + lw_, b[3] - 6], 5, fill=(0, 0, 0))
        d.text((b[0] + 12, b[3] - 16), ("🎤 " if False else "") + lab, font=F(12), fill="white", anchor="lm")
        d.text((b[0] + lw_ - 2, b[3] - 16), "✕" if rng.random() < 0.4 else "", font=F(11), fill=(240, 80, 80), anchor="rm")
        if i == speaker:
            d.rectangle(b, outline=(255, 204, 0) if tm else (120, 200, 120), width=3)
    # controls
    cy = y1 - 38
    cx = (x0 + x1) / 2
    for j, (lab, col) in enumerate([("Микрофон", (70, 70, 75)), ("Камера", (70, 70, 75)), ("Экран", (70, 70, 75)),
                                    ("Чат", (70, 70, 75)), (f"Участники {len(members)}", (70, 70, 75)), ("Выйти", (220, 50, 50))]):
        bx = cx + (j - 2.5) * 120
        rrect(d, [bx - 54, cy - 24, bx + 54, cy + 24], 12, fill=col)
        d.text((bx, cy), lab, font=F(11), fill="white", anchor="mm")
    return img, members


def g_medk(ctx, rng):
    dt = ctx["dt"]
    S, P = SCHOOLS[ctx["s"]], SCHOOLS[ctx["p"]]
    img, (x0, y0, x1, y1) = frame(rng, dt + timedelta(minutes=rng.randint(1, 30)),
                                  f"lk-fisoko.obrnadzor.gov.ru/medk/roadmap/{rng.randint(1000, 9999)}/expertise",
                                  "ИС МЭДК — Личный кабинет")
    d = ImageDraw.Draw(img)
    W = x1
    d.rectangle([x0, y0, x1, y0 + 58], fill=(22, 52, 104))
    d.text((x0 + 20, y0 + 29), "ФИС ОКО", font=F(20, True), fill="white", anchor="lm")
    d.text((x0 + 140, y0 + 29), "Личный кабинет  |  500+  |  Дорожные карты (ИС МЭДК)", font=F(13), fill=(200, 215, 240), anchor="lm")
    d.text((W - 20, y0 + 29), f"ОО: {ell(d, S[0], F(13), 360)}   Выход", font=F(13), fill="white", anchor="rm")
    y = y0 + 58
    d.rectangle([x0, y, x1, y1], fill=(244, 246, 250))
    cx0, cx1 = x0 + 30, x1 - 30
    y += 18
    d.text((cx0, y), "Главная › Дорожная карта › Взаимоэкспертиза документов", font=F(12), fill=(100, 110, 130))
    y += 26
    d.text((cx0, y), "ИС МЭДК — Мониторинг электронных дорожных карт", font=F(22, True), fill=(22, 52, 104))
    y += 40
    x = cx0
    for t in ["Самодиагностика", "Рисковый профиль", "Концептуальные документы", "Подтверждающие документы", "Взаимоэкспертиза"]:
        sel = t == "Взаимоэкспертиза"
        wdt = tw(d, t, F(13, sel)) + 30
        if sel:
            d.rectangle([x, y, x + wdt, y + 32], fill=(255, 255, 255))
            d.line([x, y + 31, x + wdt, y + 31], fill=(22, 100, 200), width=3)
        d.text((x + 15, y + 16), t, font=F(13, sel), fill=(20, 20, 20) if sel else (90, 100, 120), anchor="lm")
        x += wdt + 4
    y += 44
    d.rectangle([cx0, y, cx1, y1 - 20], fill=(255, 255, 255), outline=(220, 225, 235))
    y += 16
    d.text((cx0 + 20, y), f"Школа-партнёр: {P[0]} ({P[2]})", font=F(15, True), fill=(30, 30, 30))
    y += 28
    d.text((cx0 + 20, y), "Срок размещения материалов: до 01.11.2022", font=F(13), fill=(110, 110, 110))
    y += 32
    heads = [("№", 0.05), ("Материал", 0.34), ("Файл / ссылка", 0.27), ("Дата загрузки", 0.14), ("Статус", 0.2)]
    tw_total = cx1 - cx0 - 40
    rows = [("Рекомендации, полученные от школы-партнёра", f"Рекомендации_от_{slug(P[1])}.pdf"),
            ("Рекомендации, направленные школе-партнёру", f"Рекомендации_для_{slug(P[1])}.docx"),
            ("Ссылка на файл с видеозаписью встречи", f"https://disk.yandex.ru/i/{''.join(rng.choice('abcdefghXYZ0123456789') for _ in range(12))}"),
            ("Итоговый файл взаимоэкспертизы", f"Итог_взаимоэкспертизы_{slug(S[1])}.pdf")]
    nrow = rng.randint(3, 4)
    x = cx0 + 20
    d.rectangle([cx0 + 20, y, cx1 - 20, y + 34], fill=(234, 239, 247))
    for h_, fr in heads:
        d.text((x + 8, y + 17), h_, font=F(13, True), fill=(40, 50, 70), anchor="lm")
        x += fr * tw_total
    y += 34
    for i in range(nrow):
        x = cx0 + 20
        ud = dt - timedelta(minutes=rng.randint(0, 60 * 24 * 3)) if i < nrow - 1 else dt
        pending = (i == nrow - 1 and rng.random() < 0.2)
        vals = [str(i + 1), rows[i][0], rows[i][1], ud.strftime("%d.%m.%Y %H:%M"), "На проверке" if pending else "Загружено"]
        for (h_, fr), v in zip(heads, vals):
            cw = fr * tw_total
            if h_ == "Статус":
                col = (255, 236, 179) if pending else (214, 242, 220)
                fc = (150, 100, 0) if pending else (20, 120, 50)
                rrect(d, [x + 8, y + 14, x + 16 + tw(d, v, F(12, True)) + 22, y + 40], 12, fill=col)
                d.text((x + 18, y + 27), ("✓ " if not pending else "") + v, font=F(12, True), fill=fc, anchor="lm")
            else:
                lines = wrap(d, v, F(13), cw - 16)[:2] if h_ != "Файл / ссылка" else [ell(d, v, F(13), cw - 16)]
                for li, ln in enumerate(lines):
                    d.text((x + 8, y + 12 + li * 18), ln, font=F(13), fill=(22, 90, 190) if h_ == "Файл / ссылка" else (30, 30, 30))
            x += cw
        y += 54
        d.line([cx0 + 20, y, cx1 - 20, y], fill=(230, 232, 238))
    y += 20
    rrect(d, [cx0 + 20, y, cx0 + 220, y + 38], 6, fill=(22, 100, 200))
    d.text((cx0 + 120, y + 19), "+ Загрузить файл", font=F(14, True), fill="white", anchor="mm")
    if rng.random() < 0.6:
        tx, ty = cx1 - 380, y0 + 76
        rrect(d, [tx, ty, tx + 360, ty + 56], 8, fill=(46, 160, 80))
        d.text((tx + 18, ty + 28), "✓  Файл успешно загружен", font=F(15, True), fill="white", anchor="lm")
    d.text((cx0, y1 - 12), "© ФГБУ «ФИОКО», 2022", font=F(11), fill=(140, 140, 150), anchor="ls")
    return img


def g_form(ctx, rng):
    dt = ctx["dt"]
    S, P = SCHOOLS[ctx["s"]], SCHOOLS[ctx["p"]]
    step = ctx["step"]
    title = {"expertise-3": rng.choice(["Предзаполнение формы рекомендаций (взаимоэкспертиза 500+)",
                                        "Экспертиза концепции развития школы-партнёра"]),
             "expertise-5": rng.choice(["Форма рекомендаций школе-партнёру", "Мониторинг взаимоэкспертизы документов 500+"])}.get(step, "Взаимоэкспертиза 500+")
    google = rng.random() < 0.55
    if google:
        img, (x0, y0, x1, y1) = frame(rng, dt, f"docs.google.com/forms/d/e/1FAIpQL{rng.randint(10**9, 10**10)}/formResponse", title)
        d = ImageDraw.Draw(img)
        d.rectangle([x0, y0, x1, y1], fill=rng.choice([(240, 235, 248), (232, 240, 254), (230, 244, 234)]))
        acc = rng.choice([(103, 58, 183), (26, 115, 232), (15, 157, 88)])
        cw = min(770, x1 - x0 - 40)
        cx0 = (x0 + x1 - cw) / 2
        y = y0 + 24
        rrect(d, [cx0, y, cx0 + cw, y + 220], 8, fill=(255, 255, 255))
        d.rectangle([cx0, y, cx0 + cw, y + 10], fill=acc)
        yy = y + 34
        for ln in wrap(d, title, F(26), cw - 48)[:2]:
            d.text((cx0 + 24, yy), ln, font=F(26), fill=(32, 33, 36))
            yy += 36
        yy += 14
        d.text((cx0 + 24, yy), "Ответ записан.", font=F(14), fill=(32, 33, 36))
        yy += 34
        d.text((cx0 + 24, yy), "Изменить ответ", font=F(14), fill=(26, 115, 232))
        yy += 28
        d.text((cx0 + 24, yy), "Отправить ещё один ответ", font=F(14), fill=(26, 115, 232))
        y += 240
        if rng.random() < 0.7:
            rrect(d, [cx0, y, cx0 + cw, y + 86], 8, fill=(255, 255, 255))
            d.text((cx0 + 24, y + 22), f"Копия ваших ответов отправлена на адрес {S[3]}", font=F(13), fill=(60, 60, 60))
            d.text((cx0 + 24, y + 50), f"Образовательная организация: {ell(d, S[0], F(13), cw - 260)}", font=F(13), fill=(60, 60, 60))
            y += 100
        d.text(((x0 + x1) / 2, y + 20), "Создано в Google Формах", font=F(12), fill=(110, 110, 110), anchor="mm")
        return img
    img, (x0, y0, x1, y1) = frame(rng, dt, f"forms.yandex.ru/u/{rng.randint(10**11, 10**12):x}/success/{rng.randint(10**6, 10**7)}", title)
    d = ImageDraw.Draw(img)
    d.rectangle([x0, y0, x1, y1], fill=(255, 255, 255))
    d.text((x0 + 24, y0 + 30), "Яндекс Формы", font=F(17, True), fill=(20, 20, 20), anchor="lm")
    d.line([x0, y0 + 60, x1, y0 + 60], fill=(235, 235, 235))
    cx = (x0 + x1) / 2
    y = y0 + 120
    for ln in wrap(d, title, F(22, True), 700):
        d.text((cx, y), ln, font=F(22, True), fill=(20, 20, 20), anchor="mm")
        y += 32
    y += 60
    d.ellipse([cx - 40, y - 40, cx + 40, y + 40], fill=(52, 199, 89))
    d.line([cx - 18, y, cx - 4, y + 15, cx + 20, y - 14], fill="white", width=7)
    y += 80
    d.text((cx, y), "Спасибо! Ответ отправлен", font=F(24, True), fill=(20, 20, 20), anchor="mm")
    y += 40
    d.text((cx, y), f"{S[1]} · {dt.strftime('%d.%m.%Y %H:%M')}", font=F(15), fill=(120, 120, 120), anchor="mm")
    y += 50
    rrect(d, [cx - 150, y, cx + 150, y + 44], 8, fill=(255, 219, 77))
    d.text((cx, y + 22), "Заполнить ещё раз", font=F(15), fill=(20, 20, 20), anchor="mm")
    return img


# ----------------------------------------------------------------------------- photos of screens
def solve_persp(dst, src):
    A, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); B.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); B.append(v)
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def phone_photo(screen, rng):
    sw, sh = screen.size
    # moire source: fine RGB stripe (subpixel) pattern
    arr = np.asarray(screen).astype(np.float32)
    xx = np.arange(sw)[None, :]
    stripe = 1 - 0.18 * (0.5 + 0.5 * np.cos(2 * np.pi * xx / rng.uniform(2.6, 3.4)))
    arr = arr * stripe[..., None]
    # screen glow: lighter/less contrast
    arr = arr * rng.uniform(0.75, 0.92) + rng.uniform(15, 35)
    scr = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    PW, PH = rng.choice([(1600, 1200), (2000, 1500), (1440, 1080)])
    # room background
    yy = np.linspace(0, 1, PH)[:, None, None]
    wall = np.array(rng.choice([(120, 110, 100), (90, 95, 105), (140, 130, 120)]), float)
    bg = wall * (0.6 + 0.5 * yy) + NR.normal(0, 6, (PH, 1, 1))
    bg = np.repeat(bg, PW, axis=1)
    photo = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(photo)
    d.rectangle([0, int(PH * 0.82), PW, PH], fill=(110, 80, 55))  # desk
    # monitor quad
    mx, my = PW * rng.uniform(0.08, 0.14), PH * rng.uniform(0.06, 0.12)
    mw, mh = PW * rng.uniform(0.72, 0.84), PH * rng.uniform(0.68, 0.74)
    sk = [rng.uniform(-0.05, 0.05) * PW for _ in range(4)]
    skv = [rng.uniform(-0.04, 0.04) * PH for _ in range(4)]
    quad = [(mx + sk[0], my + skv[0]), (mx + mw + sk[1], my + skv[1]), (mx + mw + sk[2], my + mh + skv[2]), (mx + sk[3], my + mh + skv[3])]
    bez = 18
    cxq = sum(p[0] for p in quad) / 4
    cyq = sum(p[1] for p in quad) / 4
    outer = [(p[0] + (bez if p[0] > cxq else -bez), p[1] + (bez if p[1] > cyq else -bez)) for p in quad]
    d.polygon(outer, fill=(22, 22, 24))
    d.polygon([(cxq - 40, outer[2][1]), (cxq + 40, outer[2][1]), (cxq + 60, PH * 0.86), (cxq - 60, PH * 0.86)], fill=(30, 30, 32))
    coeffs = solve_persp(quad, [(0, 0), (sw, 0), (sw, sh), (0, sh)])
    warped = scr.transform((PW, PH), Image.PERSPECTIVE, coeffs, Image.BILINEAR)
    mask = Image.new("L", (PW, PH), 0)
    ImageDraw.Draw(mask).polygon(quad, fill=255)
    photo.paste(warped, (0, 0), mask)
    a = np.asarray(photo).astype(np.float32)
    # low-frequency moire bands
    Y, X = np.mgrid[0:PH, 0:PW]
    ang = rng.uniform(0, math.pi)
    fr = rng.uniform(0.03, 0.07)
    band = 1 + 0.07 * np.sin(fr * (X * math.cos(ang) + Y * math.sin(ang)) + 0.002 * X * Y / PW)
    m = np.asarray(mask, np.float32)[..., None] / 255
    a = a * (1 + (band[..., None] - 1) * m)
    # vignette + color cast + noise
    r2 = ((X - PW / 2) / PW) ** 2 + ((Y - PH / 2) / PH) ** 2
    a = a * (1 - 0.6 * r2)[..., None]
    a = a * np.array([rng.uniform(0.95, 1.08), 1.0, rng.uniform(0.88, 1.05)])
    a = a + NR.normal(0, rng.uniform(3, 8), a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.6)))
    if rng.random() < 0.5:
        out = out.rotate(rng.uniform(-3, 3), resample=Image.BILINEAR, fillcolor=(60, 50, 40))
    return out


# ----------------------------------------------------------------------------- negatives
def neg_blank(rng, i):
    W, H = rng.choice(SIZES + [(1080, 2340)])
    base = [(255, 255, 255), (250, 250, 250), (128, 128, 128), (200, 200, 200), (0, 0, 0), (12, 12, 14), (240, 244, 248), (255, 255, 255)][i % 8]
    a = np.ones((H, W, 3), np.float32) * np.array(base, np.float32)
    if i % 8 in (6, 7):
        a += np.linspace(-4, 4, H)[:, None, None]
    a += NR.normal(0, rng.uniform(0.8, 2.5), a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def landscape(rng, W, H):
    a = np.zeros((H, W, 3), np.float32)
    t = np.linspace(0, 1, H)[:, None]
    top, hor = np.array(rng.choice([(70, 130, 210), (250, 140, 80), (40, 60, 120)]), float), np.array(rng.choice([(200, 225, 250), (255, 210, 150)]), float)
    a[:] = (top * (1 - t) + hor * t)[:, None, :].reshape(H, 1, 3)
    img = Image.fromarray(a.astype(np.uint8))
    d = ImageDraw.Draw(img)
    sx, sy = rng.uniform(0.2, 0.8) * W, rng.uniform(0.15, 0.4) * H
    d.ellipse([sx - 50, sy - 50, sx + 50, sy + 50], fill=(255, 240, 190))
    for layer, col in enumerate([(110, 120, 150), (80, 100, 90), (50, 80, 50)]):
        pts = [(0, H)]
        base = H * (0.45 + layer * 0.12)
        for x in range(0, W + 40, 40):
            pts.append((x, base - abs(math.sin(x / (120 + layer * 60) + layer)) * H * 0.18 + rng.uniform(-8, 8)))
        pts.append((W, H))
        d.polygon(pts, fill=col)
    if rng.random() < 0.6:
        d.rectangle([0, int(H * 0.78), W, H], fill=(60, 110, 160))
        for _ in range(40):
            x, y = rng.uniform(0, W), rng.uniform(H * 0.78, H)
            d.line([x, y, x + rng.uniform(10, 60), y], fill=(150, 190, 220))
    for _ in range(rng.randint(5, 15)):
        x, y = rng.uniform(0, W), rng.uniform(H * 0.6, H * 0.8)
        d.rectangle([x - 3, y, x + 3, y + 30], fill=(70, 50, 30))
        d.polygon([(x - 20, y + 5), (x + 20, y + 5), (x, y - 50)], fill=(30, 90, 40))
    return img


def cat(rng, W, H):
    img = Image.new("RGB", (W, H), rng.choice([(230, 220, 200), (180, 200, 170), (210, 190, 180)]))
    d = ImageDraw.Draw(img)
    d.rectangle([0, H * 0.7, W, H], fill=(150, 110, 80))
    fur = rng.choice([(230, 140, 60), (90, 90, 90), (240, 240, 235), (40, 35, 35)])
    cx, cy = W / 2 + rng.uniform(-100, 100), H * 0.55
    d.ellipse([cx - 220, cy - 60, cx + 220, cy + 200], fill=fur)
    d.ellipse([cx - 130, cy - 260, cx + 130, cy - 20], fill=fur)
    d.polygon([(cx - 120, cy - 190), (cx - 110, cy - 320), (cx - 40, cy - 240)], fill=fur)
    d.polygon([(cx + 120, cy - 190), (cx + 110, cy - 320), (cx + 40, cy - 240)], fill=fur)
    for ex in (-50, 50):
        d.ellipse([cx + ex - 22, cy - 170, cx + ex + 22, cy - 130], fill=(120, 200, 90))
        d.ellipse([cx + ex - 6, cy - 168, cx + ex + 6, cy - 132], fill=(10, 10, 10))
    d.polygon([(cx - 12, cy - 110), (cx + 12, cy - 110), (cx, cy - 95)], fill=(230, 120, 140))
    for s in (-1, 1):
        for k in range(3):
            d.line([cx + s * 20, cy - 95 + k * 8, cx + s * 140, cy - 110 + k * 16], fill=(250, 250, 250), width=2)
    d.arc([cx + 150, cy, cx + 360, cy + 200], 180, 330, fill=fur, width=30)
    return img


def shapes(rng, W, H):
    img = Image.new("RGB", (W, H), tuple(rng.randint(0, 255) for _ in range(3)))
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(8, 25)):
        x, y, r = rng.uniform(0, W), rng.uniform(0, H), rng.uniform(20, 200)
        c = tuple(rng.randint(0, 255) for _ in range(3))
        if rng.random() < 0.5:
            d.ellipse([x - r, y - r, x + r, y + r], fill=c)
        else:
            d.polygon([(x, y - r), (x + r, y + r), (x - r, y + r)], fill=c)
    return img


def gradient(rng, W, H):
    Y, X = np.mgrid[0:H, 0:W]
    c1, c2 = np.array([rng.randint(0, 255) for _ in range(3)], float), np.array([rng.randint(0, 255) for _ in range(3)], float)
    t = ((X / W) * math.cos(rng.uniform(0, 3)) + (Y / H) * math.sin(rng.uniform(0, 3)))
    t = (t - t.min()) / (t.max() - t.min())
    a = c1 * (1 - t[..., None]) + c2 * t[..., None] + NR.normal(0, 2, (H, W, 3))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def meme(rng, W, H):
    img = cat(rng, W, H) if rng.random() < 0.5 else landscape(rng, W, H)
    d = ImageDraw.Draw(img)
    top, bot = rng.choice([("КОГДА ДОДЕЛАЛ ОТЧЁТ", "А ЕГО УЖЕ ОТМЕНИЛИ"), ("ПЯТНИЦА", "НАКОНЕЦ-ТО"),
                           ("КОГДА СКАЗАЛИ «ЕЩЁ ОДНА ТАБЛИЦА»", "В 17:55")])
    for txt, y in ((top, 60), (bot, H - 70)):
        f = F(54, True)
        for dx in (-3, 0, 3):
            for dy in (-3, 0, 3):
                d.text((W / 2 + dx, y + dy), txt, font=f, fill="black", anchor="mm")
        d.text((W / 2, y), txt, font=f, fill="white", anchor="mm")
    return img


def food(rng, W, H):
    img = Image.new("RGB", (W, H), (200, 170, 140))
    d = ImageDraw.Draw(img)
    cx, cy = W / 2, H / 2
    d.ellipse([cx - 380, cy - 300, cx + 380, cy + 300], fill=(245, 245, 245))
    d.ellipse([cx - 300, cy - 230, cx + 300, cy + 230], fill=(235, 235, 235))
    for _ in range(12):
        x, y = cx + rng.uniform(-200, 200), cy + rng.uniform(-150, 150)
        d.ellipse([x - 50, y - 35, x + 50, y + 35], fill=rng.choice([(200, 50, 40), (240, 200, 60), (60, 150, 60), (180, 120, 60)]))
    return img


def offtopic_photo(rng, i):
    W, H = rng.choice([(1600, 1200), (1280, 960), (1200, 1600), (1920, 1080)])
    kind = ["landscape", "cat", "shapes", "gradient", "meme", "food"][i % 6]
    img = {"landscape": landscape, "cat": cat, "shapes": shapes, "gradient": gradient, "meme": meme, "food": food}[kind](rng, W, H)
    a = np.asarray(img).astype(np.float32) + NR.normal(0, 4, (H, W, 3))
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    return img, kind


def offtopic_web(rng, i, dt):
    kind = ["news", "shop", "weather", "recipe"][i % 4]
    city = rng.choice(["Смоленске", "Краснодаре", "Красноярске", "Хабаровске", "Орле", "Калуге"])
    url, tab = {"news": ("novosti-dnya.ru/", "Новости дня — главное"), "shop": ("market-plus.ru/catalog/kuhnya", "Каталог — МаркетПлюс"),
                "weather": (f"pogoda-prognoz.ru/{rng.randint(100, 999)}", f"Погода в {city} на 10 дней"),
                "recipe": ("vkusno-doma.ru/sharlotka", "Шарлотка с яблоками — рецепт")}[kind]
    img, (x0, y0, x1, y1) = frame(rng, dt, url, tab)
    d = ImageDraw.Draw(img)
    W = x1
    if kind == "news":
        d.rectangle([x0, y0, x1, y0 + 60], fill=(180, 20, 30))
        d.text((x0 + 24, y0 + 30), "НОВОСТИ ДНЯ", font=F(24, True), fill="white", anchor="lm")
        d.text((x0 + 260, y0 + 30), "Политика   Экономика   Спорт   Культура   Происшествия   Погода", font=F(14), fill="white", anchor="lm")
        y = y0 + 84
        heads = ["Синоптики пообещали тёплую погоду до конца недели", "Хоккейный клуб одержал третью победу подряд",
                 "В городе открылась новая набережная", "Цены на овощи снизились к концу сезона",
                 "Фестиваль уличной еды пройдёт в субботу", "Как выбрать зимние шины: советы экспертов",
                 "На трассе ведётся ремонт моста", "Театр представил премьеру сезона"]
        rng.shuffle(heads)
        for h_ in heads:
            if y > y1 - 110:
                break
            pic = gradient(rng, 160, 96)
            img.paste(pic, (x0 + 24, y))
            d.text((x0 + 200, y + 8), h_, font=F(17, True), fill=(20, 20, 20))
            d.text((x0 + 200, y + 40), f"{dt.day} {MON_G[dt.month]}, {rng.randint(8, 20)}:{rng.randint(0, 59):02d} · {rng.randint(100, 9000)} просмотров",
                   font=F(12), fill=(130, 130, 130))
            y += 112
    elif kind == "shop":
        d.rectangle([x0, y0, x1, y0 + 64], fill=(255, 255, 255))
        d.text((x0 + 24, y0 + 32), "МаркетПлюс", font=F(24, True), fill=(120, 40, 200), anchor="lm")
        rrect(d, [x0 + 240, y0 + 14, W - 300, y0 + 50], 8, outline=(120, 40, 200), width=2)
        d.text((x0 + 256, y0 + 32), "Искать на МаркетПлюс", font=F(14), fill=(150, 150, 150), anchor="lm")
        d.text((W - 40, y0 + 32), "Корзина (2)", font=F(14, True), fill=(20, 20, 20), anchor="rm")
        items = [("Чайник электрический 1,7 л", "1 990 ₽"), ("Сковорода антипригарная 28 см", "1 249 ₽"), ("Набор ножей, 5 шт.", "2 390 ₽"),
                 ("Тостер с двумя отделениями", "2 799 ₽"), ("Кружка керамическая 350 мл", "349 ₽"), ("Блендер погружной", "3 490 ₽"),
                 ("Контейнеры для еды, 3 шт.", "599 ₽"), ("Весы кухонные", "890 ₽")]
        cols = 4
        cw = (W - x0 - 48) / cols
        y = y0 + 90
        for k, (n, pr) in enumerate(items):
            r_, c_ = divmod(k, cols)
            bx, by = x0 + 24 + c_ * cw, y + r_ * 300
            if by + 280 > y1:
                break
            img.paste(shapes(rng, int(cw - 20), 170), (int(bx), int(by)))
            d.text((bx, by + 182), pr, font=F(20, True), fill=(20, 20, 20))
            d.text((bx, by + 214), ell(d, n, F(14), cw - 24), font=F(14), fill=(40, 40, 40))
            d.text((bx, by + 238), f"★ {rng.uniform(4.1, 4.9):.1f} · {rng.randint(10, 900)} отзывов", font=F(12), fill=(150, 120, 0))
    elif kind == "weather":
        d.rectangle([x0, y0, x1, y1], fill=(225, 238, 252))
        d.text((x0 + 30, y0 + 40), f"Погода в {city}", font=F(28, True), fill=(20, 40, 80))
        d.text((x0 + 30, y0 + 90), f"Сейчас +{rng.randint(2, 14)}°, облачно, ветер {rng.randint(1, 8)} м/с", font=F(18), fill=(40, 60, 100))
        cw = (W - x0 - 60) / 10
        for k in range(10):
            day = dt + timedelta(days=k)
            bx = x0 + 30 + k * cw
            rrect(d, [bx, y0 + 150, bx + cw - 10, y0 + 350], 10, fill=(255, 255, 255))
            d.text((bx + 10, y0 + 165), f"{WD[day.weekday()]}, {day.day}", font=F(14, True), fill=(20, 20, 20))
            d.ellipse([bx + 20, y0 + 200, bx + 70, y0 + 250], fill=(255, 200, 50) if rng.random() < 0.4 else (170, 180, 195))
            d.text((bx + 10, y0 + 280), f"+{rng.randint(1, 15)}°", font=F(20, True), fill=(20, 20, 20))
            d.text((bx + 10, y0 + 312), f"+{rng.randint(-3, 6)}°", font=F(14), fill=(120, 120, 120))
    else:
        d.text((x0 + 40, y0 + 40), "Шарлотка с яблоками: простой рецепт", font=F(28, True), fill=(60, 30, 10))
        img.paste(food(rng, 640, 420).resize((480, 315)), (x0 + 40, y0 + 100))
        y = y0 + 100
        for ln in ["Ингредиенты:", "• яйца — 4 шт.", "• сахар — 1 стакан", "• мука — 1 стакан", "• яблоки — 4–5 шт.", "",
                   "1. Взбейте яйца с сахаром до пышной массы.", "2. Аккуратно вмешайте муку.", "3. Выложите яблоки в форму и залейте тестом.",
                   "4. Выпекайте 40 минут при 180 °C."]:
            d.text((x0 + 560, y), ln, font=F(16, ln.endswith(":")), fill=(40, 40, 40))
            y += 30
    return img, kind


# ----------------------------------------------------------------------------- main
def save(img, path, fmt, q=90):
    if fmt == "JPEG":
        img.convert("RGB").save(path, "JPEG", quality=q)
    else:
        img.save(path, "PNG", optimize=False)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    tmp = os.path.join(HERE, "_tmp")
    if os.path.isdir(tmp):
        shutil.rmtree(tmp)
    os.makedirs(tmp)
    items = []  # dicts: tmp, ext, mime, school, step, expected, family, copy_of(tmp id), t (submission time)
    people = {i: (person(random.Random(i * 31)), person(random.Random(i * 31 + 7))) for i in range(30)}

    def ctx_for(s, step, dt):
        p = PARTNER[s]
        return {"s": s, "p": p, "step": step, "dt": dt, "me": people[s][0], "them": people[p][0]}

    def add(img_or_bytes, ext, mime, school, step, expected, family, t, copy_of=None, resend_of=None, fmt=None, q=90):
        tid = f"t{len(items):04d}"
        path = os.path.join(tmp, tid + "." + ext)
        if isinstance(img_or_bytes, (bytes, bytearray)):
            with open(path, "wb") as fh:
                fh.write(img_or_bytes)
        else:
            save(img_or_bytes, path, fmt or ("JPEG" if ext == "jpg" else "PNG"), q)
        it = dict(tid=tid, path=path, ext=ext, mime=mime, school=school, step=step, expected=expected, family=family,
                  t=t, copy_of=copy_of, resend_of=resend_of)
        items.append(it)
        return it

    KINDS = {
        "expertise-2": [("email_yandex", 3), ("email_mailru", 3), ("chat_telegram_web", 2), ("chat_vk_sferum", 2), ("chat_mobile", 2)],
        "expertise-3": [("email_yandex", 3), ("email_mailru", 2), ("chat_telegram_web", 2), ("chat_mobile", 2), ("form_confirm", 2), ("chat_vk_sferum", 1)],
        "expertise-4": [("video_meeting", 6), ("chat_telegram_web", 1), ("chat_mobile", 1), ("chat_vk_sferum", 1)],
        "expertise-5": [("medk_upload", 6), ("form_confirm", 2), ("email_yandex", 1), ("email_mailru", 1)],
    }
    GEN = {"email_yandex": g_email_yandex, "email_mailru": g_email_mailru, "chat_telegram_web": g_chat_desktop,
           "chat_vk_sferum": g_chat_vk, "chat_mobile": g_chat_mobile, "form_confirm": g_form, "medk_upload": g_medk,
           "video_meeting": lambda c, r: g_video(c, r)[0]}

    genuine = []
    steps = list(STEP_WIN)
    # which (school, step) slots get a genuine submission: ~ 88 slots
    slots = [(s, st) for s in range(30) for st in steps]
    R.shuffle(slots)
    slots = sorted(slots[:86], key=lambda x: (x[1], x[0]))
    photo_slots = set(R.sample(range(len(slots)), 12))
    meeting_pairs_done = set()
    for k, (s, st) in enumerate(slots):
        a, b = STEP_WIN[st]
        dt = rand_dt(R, a, b - timedelta(days=1))
        ctx = ctx_for(s, st, dt)
        names, w = zip(*KINDS[st])
        kind = R.choices(names, w)[0]
        fam = kind
        if kind == "video_meeting" and frozenset((s, PARTNER[s])) not in meeting_pairs_done and (PARTNER[s], st) in slots and R.random() < 0.7:
            # both partners screenshot the SAME meeting (same participants) -> similar, but not copies
            img, members = g_video(ctx, R)
            meeting_pairs_done.add(frozenset((s, PARTNER[s])))
            ctx2 = ctx_for(PARTNER[s], st, dt + timedelta(minutes=R.randint(2, 25)))
            img2, _ = g_video(ctx2, R, members=members)
            t1 = dt + timedelta(hours=R.uniform(0.5, 30))
            it = add(img, "png", "image/png", s, st, "ok", "video_meeting", t1)
            genuine.append(it)
            it2 = add(img2, "png", "image/png", PARTNER[s], st, "ok", "video_meeting_partner_view", ctx2["dt"] + timedelta(hours=R.uniform(0.5, 30)))
            genuine.append(it2)
            continue
        if kind == "video_meeting" and frozenset((s, PARTNER[s])) in meeting_pairs_done:
            continue  # already covered by the pair
        img = GEN[kind](ctx, R)
        t = dt + timedelta(hours=R.uniform(0.3, 48))
        if k in photo_slots and kind != "chat_mobile":
            img = phone_photo(img, R)
            it = add(img, "jpg", "image/jpeg", s, st, "ok", "phone_photo_of_" + kind, t, q=R.randint(72, 88))
        elif R.random() < 0.15:
            it = add(img, "jpg", "image/jpeg", s, st, "ok", kind + "_jpeg", t, q=R.randint(80, 92))
        else:
            it = add(img, "png", "image/png", s, st, "ok", kind, t)
        genuine.append(it)

    # ---- copies from another school (same step): ~25
    originals = R.sample(genuine, 25)
    ops_pool = [["resize"], ["jpeg"], ["crop"], ["corner"], ["resize", "jpeg"], ["crop", "jpeg"], ["crop", "resize"],
                ["corner", "jpeg"], ["corner", "resize"], ["exact"], ["crop", "corner"], ["resize", "crop", "jpeg"]]
    for n_, o in enumerate(originals):
        ops = ops_pool[n_ % len(ops_pool)]
        other_step = n_ >= 22  # last three: re-used for another step
        if other_step and n_ == 22:
            school = o["school"]  # same school, another step
            fam_pre = "copy_own_other_step"
        else:
            school = R.choice([x for x in range(30) if x != o["school"]])
            fam_pre = "copy_other_school_other_step" if other_step else "copy_other_school"
        step = o["step"]
        if other_step:
            step = R.choice([x for x in steps if x != o["step"]])
        src = Image.open(o["path"]).convert("RGB")
        W, H = src.size
        img = src
        ext, mime, q = o["ext"], o["mime"], 90
        raw = None
        for op in ops:
            if op == "resize":
                f = R.uniform(0.5, 0.8)
                img = img.resize((int(img.size[0] * f), int(img.size[1] * f)), Image.LANCZOS)
            elif op == "crop":
                w, h = img.size
                l, t_, r_, b_ = (R.uniform(0.03, 0.08) for _ in range(4))
                img = img.crop((int(w * l), int(h * t_), int(w * (1 - r_)), int(h * (1 - b_))))
            elif op == "corner":
                w, h = img.size
                pw, ph = int(w * R.uniform(0.08, 0.14)), int(h * R.uniform(0.05, 0.09))
                corner = R.choice(["tl", "tr", "bl", "br"])
                x = 0 if corner[1] == "l" else w - pw
                y = 0 if corner[0] == "t" else h - ph
                img = img.copy()
                dd = ImageDraw.Draw(img)
                dd.rectangle([x, y, x + pw, y + ph], fill=R.choice([(255, 255, 255), (240, 240, 240), (30, 30, 30), (0, 95, 249)]))
                dd.text((x + 6, y + ph / 2), ell(dd, SCHOOLS[school][1], F(max(9, ph // 4)), pw - 10), font=F(max(9, ph // 4)),
                        fill=(120, 120, 120), anchor="lm")
            elif op == "jpeg":
                ext, mime, q = "jpg", "image/jpeg", R.randint(30, 60)
            elif op == "exact":
                raw = open(o["path"], "rb").read()
        t = o["t"] + timedelta(hours=R.uniform(2, 24 * 8))
        fam = fam_pre + "_" + "+".join(ops)
        add(raw if raw is not None else img, ext, mime, school, step, "suspicious", fam, t, copy_of=o["tid"], q=q)

    # ---- same-school re-sends for the same step (resubmissions, not copies): 5
    for n_, o in enumerate(R.sample([g for g in genuine if g not in originals], 5)):
        t = o["t"] + timedelta(hours=R.uniform(1, 72))
        if n_ < 3:
            add(open(o["path"], "rb").read(), o["ext"], o["mime"], o["school"], o["step"], "ok", "resend_same_school_exact", t,
                resend_of=o["tid"])
        else:
            img = Image.open(o["path"]).convert("RGB")
            add(img, "jpg", "image/jpeg", o["school"], o["step"], "ok", "resend_same_school_recompressed", t, resend_of=o["tid"], q=85)

    def rnd_slot():
        s = R.randrange(30)
        st = R.choice(steps)
        a, b = STEP_WIN[st]
        return s, st, rand_dt(R, a, b)

    # ---- blank / near-uniform: 8
    for i in range(8):
        s, st, t = rnd_slot()
        img = neg_blank(R, i)
        if i % 3 == 2:
            add(img, "jpg", "image/jpeg", s, st, "suspicious", "blank", t, q=80)
        else:
            add(img, "png", "image/png", s, st, "suspicious", "blank", t)
    # ---- tiny: 5
    for i, (w, h) in enumerate([(40, 30), (32, 32), (64, 20), (16, 16), (48, 36)]):
        s, st, t = rnd_slot()
        if i % 2 == 0:
            src = Image.open(R.choice(genuine)["path"]).convert("RGB")
            img = src.resize((w, h), Image.LANCZOS)
            fam = "tiny_thumbnail"
        else:
            img = Image.new("RGB", (w, h), tuple(R.randint(0, 255) for _ in range(3)))
            fam = "tiny_solid"
        add(img, "png", "image/png", s, st, "suspicious", fam, t)
    # ---- corrupt: 5
    for i in range(5):
        s, st, t = rnd_slot()
        src = Image.open(R.choice(genuine)["path"]).convert("RGB")
        bio = io.BytesIO()
        if i < 3:
            src.save(bio, "PNG")
            b = bio.getvalue()
            if i == 0:
                b = b[: int(len(b) * 0.35)]
                fam = "corrupt_png_truncated"
            elif i == 1:
                b = b[: int(len(b) * 0.7)]
                fam = "corrupt_png_truncated"
            else:
                b = b[:64] + bytes(R.randrange(256) for _ in range(4096)) + b[-64:]
                fam = "corrupt_png_garbage_body"
            add(b, "png", "image/png", s, st, "suspicious", fam, t)
        elif i == 3:
            src.save(bio, "JPEG", quality=85)
            b = bio.getvalue()[:900]
            add(b, "jpg", "image/jpeg", s, st, "suspicious", "corrupt_jpeg_truncated", t)
        else:
            add(b"", "png", "image/png", s, st, "suspicious", "corrupt_empty_file", t)
    # ---- mislabelled type: 5
    texts = [
        "Отчёт о взаимоэкспертизе\nШкола-партнёр: см. письмо\nСкриншот пришлю позже.\n".encode("utf-8"),
        "Добрый день! Скриншот не сохраняется, высылаю текстом: контакт установлен 20.09.2022.\n".encode("cp1251"),
        b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>\xd0\x98\xd0\xa1 \xd0\x9c\xd0\xad\xd0\x94\xd0\x9a</title></head><body><p>Session expired</p></body></html>\n",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    ]
    fams = ["text_named_png", "text_named_png", "html_named_png", "pdf_named_jpg"]
    for i in range(4):
        s, st, t = rnd_slot()
        ext = "jpg" if fams[i].endswith("jpg") else "png"
        add(texts[i], ext, "image/jpeg" if ext == "jpg" else "image/png", s, st, "suspicious", fams[i], t)
    s, st, t = rnd_slot()
    ctx = ctx_for(s, st, t - timedelta(hours=3))
    bio = io.BytesIO()
    g_medk(ctx, R).save(bio, "JPEG", quality=88)
    add(bio.getvalue(), "png", "image/png", s, st, "suspicious", "jpeg_bytes_claimed_png", t)
    # ---- off-topic photos: 12
    for i in range(12):
        s, st, t = rnd_slot()
        img, kind = offtopic_photo(R, i)
        add(img, "jpg", "image/jpeg", s, st, "suspicious", "offtopic_photo_" + kind, t, q=R.randint(75, 90))
    # ---- off-topic web pages: 8
    for i in range(8):
        s, st, t = rnd_slot()
        img, kind = offtopic_web(R, i, t - timedelta(minutes=R.randint(5, 300)))
        add(img, "png", "image/png", s, st, "suspicious", "offtopic_web_" + kind, t)

    # ---- order & names
    items.sort(key=lambda it: it["t"])
    pos = {it["tid"]: i for i, it in enumerate(items)}
    for it in items:
        for key in ("copy_of", "resend_of"):
            if it[key]:
                assert pos[it[key]] < pos[it["tid"]], (it, key)
    names = {}
    for i, it in enumerate(items):
        names[it["tid"]] = f"out/s{i + 1:03d}.{it['ext']}"
        shutil.move(it["path"], os.path.join(HERE, names[it["tid"]]))
    labels = []
    for it in items:
        labels.append({"file": names[it["tid"]], "mime": it["mime"], "school": it["school"], "step": it["step"],
                       "expected": it["expected"], "family": it["family"],
                       "copy_of": names[it["copy_of"]] if it["copy_of"] else None,
                       "resend_of": names[it["resend_of"]] if it["resend_of"] else None,
                       "sent_at": it["t"].strftime("%Y-%m-%dT%H:%M")})
    shutil.rmtree(tmp)
    with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8") as fh:
        json.dump(labels, fh, ensure_ascii=False, indent=1)
    with open(os.path.join(HERE, "schools.json"), "w", encoding="utf-8") as fh:
        json.dump({str(i): {"name": S[0], "short": S[1], "region": S[2], "email": S[3], "partner": PARTNER[i]}
                   for i, S in enumerate(SCHOOLS)}, fh, ensure_ascii=False, indent=1)
    from collections import Counter
    c = Counter(l["family"] for l in labels)
    for k, v in sorted(c.items()):
        print(f"{v:4d}  {k}")
    e = Counter(l["expected"] for l in labels)
    print("total", len(labels), dict(e))


if __name__ == "__main__":
    main()
