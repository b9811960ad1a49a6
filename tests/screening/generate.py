"""A labelled set of confirmation files, rendered with Pillow and DejaVu (Cyrillic): mock ИС МЭДК
pages, e-mails and chats naming a partner school, video meetings, recommendation forms, PDFs with
a text layer, off-topic pages and pictures, blank and tiny images, photos of screens, broken
files, and copies of earlier files (resized, recompressed, cropped, with a changed corner).

Every label comes from how the file was made, never from looking at it:
- `expected`: "ok" (a genuine confirmation of its step), "suspicious" (blank, tiny, broken,
  off-topic, a screenshot of another step, or a copy of someone else's file), and for photos of
  screens "ok" with `hard=True` (a reviewer's "unclear" is fine there, "suspicious" is not);
- `lineage`: the original a copy was made from (its own name for an original), so a flagged
  duplicate is right only when both files share a lineage.

`python -m tests.screening.generate OUT_DIR [COUNT]` writes the set to a folder to look at.
"""

from __future__ import annotations

import io
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGION = "23"
SEASON = 2022
EARLIER_SEASON = 2021


def font(size: int, bold: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSansMono" if mono else "DejaVuSans"
    return ImageFont.truetype(str(FONT_DIR / f"{name}{'-Bold' if bold else ''}.ttf"), size)


def fonts_available() -> bool:
    return (FONT_DIR / "DejaVuSans.ttf").exists()


# --- the directory the set is about ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SchoolInfo:
    code: str
    name: str
    municipality: str
    email: str


_PLACES = [
    ("Каневской район", "ст. Каневской", "kanev"),
    ("Ейский район", "г. Ейска", "eysk"),
    ("город Краснодар", "г. Краснодара", "krd"),
    ("Тбилисский район", "ст. Тбилисской", "tbil"),
]
_FORMS = ["МБОУ СОШ", "МАОУ СОШ", "МБОУ ООШ", "МБОУ «Гимназия", "МАОУ «Лицей"]


def schools(count: int = 24) -> list[SchoolInfo]:
    rng = random.Random(2319)
    found: list[SchoolInfo] = []
    used: set[tuple[str, int]] = set()
    while len(found) < count:
        municipality, locality, slug = rng.choice(_PLACES)
        number = rng.randint(1, 48)
        if (slug, number) in used:
            continue
        used.add((slug, number))
        form = rng.choice(_FORMS)
        name = f"{form} № {number}{'»' if '«' in form else ''} {locality}"
        code = f"edu23{len(found) + 10:02d}{number:02d}"
        found.append(SchoolInfo(code, name, municipality, f"school{number}@{slug}.kubannet.ru"))
    return found


SCHOOLS = schools()

# Steps the set confirms, with the region's (23) deadlines of the 2022 calendar.
STEPS = {
    "expertise-2": date(2022, 9, 23),
    "expertise-3": date(2022, 9, 29),
    "expertise-3-forms": date(2022, 10, 7),
    "expertise-4": date(2022, 10, 19),
    "expertise-5": date(2022, 10, 26),
}


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    data: bytes
    mime: str | None  # as Telegram declares it; None for a photo
    kind: str  # photo | document
    family: str
    step_key: str
    school: int  # index into SCHOOLS
    season: int = SEASON
    expected: str = "ok"  # ok | suspicious
    hard: bool = False  # a photo of a screen: "unclear" is an acceptable verdict
    lineage: str = ""
    duplicate_of: str | None = None
    note: str = ""

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of is not None


# --- drawing helpers ------------------------------------------------------------------------

Color = tuple[int, int, int]
SIZES = [(1366, 768), (1280, 800), (1440, 900), (1536, 864), (1280, 720), (1600, 900)]
THEMES: list[tuple[Color, Color, Color]] = [
    ((255, 255, 255), (33, 37, 41), (13, 110, 253)),
    ((248, 249, 250), (20, 20, 20), (25, 135, 84)),
    ((255, 255, 255), (50, 50, 60), (111, 66, 193)),
    ((250, 250, 245), (30, 30, 30), (220, 53, 69)),
]


@dataclass(slots=True)
class Canvas:
    image: Image.Image
    draw: ImageDraw.ImageDraw
    ink: Color
    accent: Color
    scale: float = 1.0
    y: int = 0
    x: int = 0
    right: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def text(
        self,
        text: str,
        size: int = 15,
        bold: bool = False,
        color: Color | None = None,
        x: int | None = None,
        gap: int = 10,
    ) -> None:
        face = font(round(size * self.scale), bold)
        self.draw.text(
            (self.x if x is None else x, self.y), text, font=face, fill=color or self.ink
        )
        self.y += round(size * self.scale * 1.25) + gap

    def para(self, text: str, size: int = 15, width: int | None = None) -> None:
        face = font(round(size * self.scale))
        limit = (width or (self.right - self.x)) - 10
        line = ""
        for word in text.split():
            probe = f"{line} {word}".strip()
            if face.getlength(probe) > limit and line:
                self.text(line, size, gap=4)
                line = word
            else:
                line = probe
        if line:
            self.text(line, size, gap=12)


def browser(rng: random.Random, url: str, size: tuple[int, int] | None = None) -> Canvas:
    width, height = size or rng.choice(SIZES)
    background, ink, accent = rng.choice(THEMES)
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    chrome = rng.choice([(222, 225, 230), (53, 54, 58), (240, 240, 244)])
    draw.rectangle((0, 0, width, 74), fill=chrome)
    tab_ink = (230, 230, 230) if chrome[0] < 100 else (40, 40, 40)
    draw.rounded_rectangle((8, 6, 260, 34), 6, fill=background)
    draw.text((20, 11), url.split("/")[2][:26], font=font(13), fill=(40, 40, 40))
    draw.rounded_rectangle((110, 40, width - 120, 68), 12, fill=(255, 255, 255))
    draw.text((130, 45), url, font=font(14), fill=(60, 60, 60))
    for i in range(3):
        draw.ellipse((20 + 28 * i, 46, 36 + 28 * i, 62), outline=tab_ink, width=2)
    # The task bar: the corner a copier would repaint shows the time and date.
    draw.rectangle((0, height - 40, width, height), fill=(32, 32, 40))
    canvas = Canvas(image, draw, ink, accent, rng.uniform(0.9, 1.15), 90, 40, width - 40)
    canvas.extra["bottom"] = height - 40
    return canvas


def taskbar_clock(canvas: Canvas, when: date, rng: random.Random) -> None:
    width, height = canvas.image.size
    stamp = f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}  {when:%d.%m.%Y}"
    canvas.draw.text((width - 190, height - 31), stamp, font=font(14), fill=(235, 235, 235))
    for i in range(rng.randint(4, 8)):
        canvas.draw.rounded_rectangle(
            (60 + 44 * i, height - 34, 90 + 44 * i, height - 6), 5, fill=(90, 95, 110)
        )


def ru_date(day: date) -> str:
    months = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def before(deadline: date, rng: random.Random, season: int = SEASON) -> date:
    return deadline.replace(year=season) - timedelta(days=rng.randint(1, 12))


def people(rng: random.Random) -> str:
    first = ["Ирина", "Ольга", "Наталья", "Елена", "Сергей", "Андрей", "Татьяна", "Марина"]
    last = ["Петрова", "Иванова", "Смирнова", "Кузнецова", "Сидоров", "Морозов", "Волкова"]
    middle = ["Викторовна", "Сергеевна", "Павловна", "Ивановна", "Андреевич", "Петрович"]
    return f"{rng.choice(last)} {rng.choice(first)} {rng.choice(middle)}"


# --- genuine confirmations ------------------------------------------------------------------


def medk_page(
    rng: random.Random,
    school: SchoolInfo,
    partner: SchoolInfo,
    day: date,
    size: tuple[int, int] | None = None,
) -> Canvas:
    url = rng.choice(["https://medk.fioco.ru/lk/documents", "https://lk.medk.ru/files"])
    c = browser(rng, url, size)
    c.draw.rectangle((0, 74, c.image.width, 130), fill=c.accent)
    c.y = 86
    c.text("ИС МЭДК · Личный кабинет образовательной организации", 20, True, (255, 255, 255))
    c.y = 150
    c.text(f"{school.name} ({school.code})", 17, True)
    c.text(f"Муниципалитет: {school.municipality}", 14)
    c.text("Взаимоэкспертиза документов · Загрузка итоговых материалов", 16, True, c.accent)
    files = [
        f"Рекомендации_от_школы-партнёра_{partner.code}.pdf",
        f"Рекомендации_школе-партнёру_{partner.code}.pdf",
        "Ссылка_на_видеозапись_встречи.docx",
        "Итоговый_файл_взаимоэкспертизы.pdf",
        "Форма_рекомендаций_критерии.xlsx",
    ]
    rng.shuffle(files)
    c.y += 10
    head = c.y
    c.draw.rectangle((c.x, head - 6, c.right, head + 24), fill=(233, 236, 239))
    c.text("Файл", 14, True, gap=8)
    c.draw.text((c.x + 620, head), "Дата загрузки", font=font(14, True), fill=c.ink)
    c.draw.text((c.x + 820, head), "Статус", font=font(14, True), fill=c.ink)
    for i, name in enumerate(files[: rng.randint(3, 5)]):
        row = c.y
        c.text(name, 14, gap=14)
        when = day - timedelta(days=i)
        c.draw.text((c.x + 620, row), f"{when:%d.%m.%Y}", font=font(14), fill=c.ink)
        status = rng.choice(["Загружено", "Загружено", "Подтверждено куратором"])
        c.draw.text((c.x + 820, row), status, font=font(14), fill=(25, 135, 84))
    c.y += 16
    c.text(f"Школа-партнёр: {partner.name}", 15)
    c.text(f"Ответственный: {people(rng)}", 14)
    taskbar_clock(c, day, rng)
    return c


def email_page(
    rng: random.Random, school: SchoolInfo, partner: SchoolInfo, day: date, step: str
) -> Canvas:
    c = browser(rng, rng.choice(["https://e.mail.ru/sent/", "https://mail.yandex.ru/#sent"]))
    c.draw.rectangle((0, 74, 230, c.extra["bottom"]), fill=(242, 243, 245))
    for i, folder in enumerate(["Входящие", "Отправленные", "Черновики", "Спам", "Корзина"]):
        c.draw.text((24, 100 + 34 * i), folder, font=font(15, i == 1), fill=(40, 40, 40))
    c.x, c.y = 260, 100
    if step == "expertise-3":
        subject = "Взаимоэкспертиза: обмен документацией проекта"
        body = (
            f"Уважаемые коллеги из {partner.name}! Направляем обновлённые документы нашей "
            "школы для взаимоэкспертизы: рисковый профиль, концепцию развития, среднесрочную "
            "программу развития и антирисковые программы. Просим подтвердить получение."
        )
        attachments = [
            "Рисковый_профиль.pdf",
            "Концепция_развития.docx",
            "Среднесрочная_программа.pdf",
            "Антирисковые_программы.zip",
        ]
    else:
        subject = rng.choice(
            ["Установление контакта: взаимоэкспертиза", "Взаимоэкспертиза — знакомство и связь"]
        )
        body = (
            f"Добрый день, коллеги из {partner.name}! Мы — ваша школа-партнёр по "
            "взаимоэкспертизе документов в проекте «500+». Предлагаем связаться и договориться "
            "о схеме взаимодействия: созвониться на этой неделе или обменяться письмами."
        )
        attachments = []
    c.text(subject, 20, True)
    c.text(f"От: {school.name} <{school.email}>", 14)
    c.text(f"Кому: {partner.email}", 14)
    c.text(f"Дата: {ru_date(day)}, {rng.randint(8, 17)}:{rng.randint(10, 59)}", 14)
    c.y += 10
    c.para(body, 15)
    c.para(f"С уважением, {people(rng)}, заместитель директора, {school.name}", 15)
    for name in attachments:
        c.draw.rounded_rectangle((c.x, c.y - 4, c.x + 330, c.y + 24), 6, outline=(180, 180, 180))
        c.text(name, 14, x=c.x + 10, gap=14)
    c.text("Письмо отправлено", 14, color=(25, 135, 84))
    taskbar_clock(c, day, rng)
    return c


def messenger(rng: random.Random, school: SchoolInfo, partner: SchoolInfo, day: date) -> Canvas:
    width, height = rng.choice([(720, 1280), (750, 1334), (1080, 1920)])
    scale = width / 720
    image = Image.new("RGB", (width, height), rng.choice([(231, 235, 240), (214, 230, 218)]))
    draw = ImageDraw.Draw(image)
    head = rng.choice([(0, 136, 204), (74, 118, 168), (40, 40, 48)])
    draw.rectangle((0, 0, width, round(120 * scale)), fill=head)
    c = Canvas(image, draw, (20, 20, 20), head, scale, round(30 * scale), round(90 * scale))
    c.right = width - round(30 * scale)
    c.text(partner.name[:34], 22, True, (255, 255, 255))
    c.text(f"{partner.email} · был(а) недавно", 15, color=(220, 230, 240))
    c.y = round(160 * scale)
    c.text(ru_date(day), 15, color=(90, 90, 90), x=width // 2 - round(80 * scale))
    lines = [
        (True, f"Здравствуйте! Это {school.name}, мы ваша пара по взаимоэкспертизе."),
        (False, "Добрый день! Рады знакомству, давайте договоримся о связи."),
        (True, "Предлагаем созвониться в четверг в 15:00 и обсудить схему взаимодействия."),
        (False, "Договорились, в четверг на связи. Документы направим письмом."),
        (True, f"Наша почта {school.email}, пишите!"),
    ]
    for mine, message in lines[: rng.randint(3, 5)]:
        top = c.y
        face = font(round(17 * scale))
        words, rows, row = message.split(), [], ""
        limit = width * 0.62
        for word in words:
            probe = f"{row} {word}".strip()
            if face.getlength(probe) > limit and row:
                rows.append(row)
                row = word
            else:
                row = probe
        rows.append(row)
        box_w = max(face.getlength(r) for r in rows) + 30 * scale
        box_h = len(rows) * 24 * scale + 34 * scale
        left = width - box_w - 30 * scale if mine else 30 * scale
        fill = (220, 248, 198) if mine else (255, 255, 255)
        draw.rounded_rectangle((left, top, left + box_w, top + box_h), 14, fill=fill)
        for i, text in enumerate(rows):
            draw.text(
                (left + 15 * scale, top + 10 * scale + i * 24 * scale), text, font=face, fill=c.ink
            )
        stamp = f"{rng.randint(9, 17)}:{rng.randint(10, 59)}"
        draw.text(
            (left + box_w - 60 * scale, top + box_h - 22 * scale),
            stamp,
            font=font(round(12 * scale)),
            fill=(120, 120, 120),
        )
        c.y = round(top + box_h + 22 * scale)
    return c


def meeting(rng: random.Random, school: SchoolInfo, partner: SchoolInfo, day: date) -> Canvas:
    c = browser(rng, rng.choice(["https://sferum.ru/call/", "https://telemost.yandex.ru/j/"]))
    width = c.image.width
    c.draw.rectangle((0, 74, width, c.extra["bottom"]), fill=(28, 30, 36))
    c.y, c.x = 90, 30
    title = rng.choice(["Сферум · Видеовстреча", "Телемост · Встреча"])
    c.text(f"{title}: взаимоэкспертиза, {ru_date(day)}", 18, True, (240, 240, 240))
    participants = [school.name, partner.name, people(rng), people(rng), people(rng)]
    columns = 3
    tile_w = (width - 80) // columns
    tile_h = (c.extra["bottom"] - 220) // 2
    for i, who in enumerate(participants[: rng.randint(4, 5)]):
        left = 30 + (i % columns) * tile_w
        top = 140 + (i // columns) * tile_h
        shade = rng.randint(50, 90)
        c.draw.rounded_rectangle(
            (left, top, left + tile_w - 12, top + tile_h - 12),
            10,
            fill=(shade, shade + 5, shade + 12),
        )
        cx, cy = left + tile_w // 2, top + tile_h // 2 - 20
        c.draw.ellipse((cx - 40, cy - 40, cx + 40, cy + 40), fill=(120, 130, 150))
        c.draw.text((left + 14, top + tile_h - 44), who[:40], font=font(14), fill=(250, 250, 250))
    c.y = c.extra["bottom"] - 70
    c.text(
        f"Участники ({len(participants)}) · Идёт запись встречи · Чат", 15, color=(230, 230, 230)
    )
    taskbar_clock(c, day, rng)
    return c


def forms_page(rng: random.Random, school: SchoolInfo, partner: SchoolInfo, day: date) -> Canvas:
    c = browser(
        rng, "https://docs.google.com/document/d/" + "".join(rng.choices("abcdef0123", k=14))
    )
    c.y = 100
    c.text("Форма рекомендаций школе-партнёру (предзаполнение)", 20, True)
    c.text(f"Школа-партнёр: {partner.name}, {partner.code}", 15)
    c.text(f"Эксперт: {school.name}", 15)
    criteria = [
        "Критерий 1. Соответствие концепции развития рисковому профилю",
        "Критерий 2. Обоснованность мер антирисковых программ",
        "Критерий 3. Измеримость показателей среднесрочной программы",
        "Критерий 4. Реалистичность сроков и ресурсов",
    ]
    for criterion in criteria[: rng.randint(3, 4)]:
        c.text(criterion, 15, True, gap=6)
        c.para(
            rng.choice(
                [
                    "Рекомендация: уточнить целевые показатели и связать их с рисками.",
                    "Рекомендация: добавить сроки и ответственных за мероприятия.",
                    "Рекомендация: согласовать программу с результатами анализа.",
                ]
            ),
            14,
        )
    c.text(f"Изменено {day:%d.%m.%Y}", 13, color=(100, 100, 100))
    taskbar_clock(c, day, rng)
    return c


# --- off-topic and broken -------------------------------------------------------------------

OFF_TOPIC = [
    (
        "Рецепт борща",
        "Нарежьте свёклу, морковь и лук соломкой. Обжарьте овощи на сковороде, добавьте "
        "томатную пасту. В кипящий бульон положите картофель и капусту, через десять минут "
        "добавьте зажарку. Варите ещё пять минут, посолите и подавайте со сметаной.",
    ),
    (
        "Прогноз погоды на неделю",
        "В понедельник облачно с прояснениями, без осадков, ветер северный. Во вторник "
        "небольшой дождь, температура днём плюс четырнадцать. К выходным потепление, солнечно, "
        "ветер слабый. Атмосферное давление в норме, влажность около семидесяти процентов.",
    ),
    (
        "Расписание автобусов",
        "Маршрут номер семь отправляется от автовокзала каждые двадцать минут. Первый рейс "
        "в шесть тридцать, последний в двадцать два часа. По выходным интервал увеличен до "
        "сорока минут. Остановки: рынок, больница, парк культуры, вокзал.",
    ),
    (
        "Футбол: итоги тура",
        "Хозяева поля открыли счёт уже на десятой минуте после углового. Гости сравняли "
        "перед перерывом, а во втором тайме команды обменялись голами. Ничья позволила "
        "клубу сохранить третье место в турнирной таблице чемпионата.",
    ),
    (
        "Список покупок",
        "Молоко две бутылки, хлеб белый и чёрный, яйца десяток, сыр, яблоки, гречка, "
        "стиральный порошок, батарейки для пульта, лампочки, губки для посуды, чай чёрный, "
        "печенье к чаю, бумажные полотенца.",
    ),
]


def off_topic_page(rng: random.Random) -> Canvas:
    title, text = rng.choice(OFF_TOPIC)
    c = browser(rng, rng.choice(["https://news.example.ru/", "https://recipes.example.ru/"]))
    c.y = 110
    c.text(title, 24, True)
    c.para(text, 16)
    c.para("Поделиться · Комментарии · Подписаться на рассылку", 14)
    taskbar_clock(c, date(2022, rng.randint(9, 10), rng.randint(1, 28)), rng)
    return c


def off_topic_picture(rng: random.Random) -> Image.Image:
    width, height = rng.choice([(1280, 960), (1024, 768), (1600, 1200), (960, 1280)])
    kind = rng.choice(["landscape", "shapes", "blobs"])
    y = np.linspace(0, 1, height)[:, None]
    if kind == "landscape":
        top = np.array(rng.choice([(90, 150, 230), (250, 170, 120), (120, 180, 240)]))
        bottom = np.array([230, 235, 245])
        sky = top[None, None, :] * (1 - y[..., None]) + bottom[None, None, :] * y[..., None]
        array = np.broadcast_to(sky, (height, width, 3)).astype(np.uint8)
        image = Image.fromarray(np.ascontiguousarray(array))
        draw = ImageDraw.Draw(image)
        sun = rng.randint(100, width - 100)
        draw.ellipse((sun - 60, 80, sun + 60, 200), fill=(255, 220, 90))
        for _ in range(rng.randint(2, 4)):
            peak = rng.randint(0, width)
            base = rng.randint(height // 2, height * 3 // 4)
            shade = rng.randint(60, 120)
            draw.polygon(
                [(peak - 500, height), (peak, base - 250), (peak + 500, height)],
                fill=(shade, shade + 20, shade),
            )
        draw.rectangle((0, height * 5 // 6, width, height), fill=(70, 130, 60))
    elif kind == "shapes":
        image = Image.new("RGB", (width, height), tuple(rng.randint(150, 255) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        for _ in range(rng.randint(8, 20)):
            x, y0 = rng.randint(0, width), rng.randint(0, height)
            r = rng.randint(30, 220)
            fill = tuple(rng.randint(0, 255) for _ in range(3))
            if rng.random() < 0.5:
                draw.ellipse((x - r, y0 - r, x + r, y0 + r), fill=fill)
            else:
                draw.rectangle((x - r, y0 - r // 2, x + r, y0 + r // 2), fill=fill)
    else:
        noise = np.random.default_rng(rng.randint(0, 2**31)).random((height // 16, width // 16, 3))
        image = Image.fromarray((noise * 255).astype(np.uint8)).resize(
            (width, height), Image.Resampling.BICUBIC
        )
        image = image.filter(ImageFilter.GaussianBlur(6))
    return image


def blank_image(rng: random.Random) -> Image.Image:
    width, height = rng.choice(SIZES)
    level = rng.choice([255, 250, 0, 30, 128, 200])
    tint = np.array([level, level, level]) + np.array([rng.randint(-5, 5) for _ in range(3)])
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(
        0, rng.uniform(0, 2.5), (height, width, 1)
    )
    array = np.clip(tint[None, None, :] + noise, 0, 255).astype(np.uint8)
    image = Image.fromarray(array)
    if rng.random() < 0.3:  # a lone cursor or a speck
        ImageDraw.Draw(image).rectangle(
            (width // 2, height // 2, width // 2 + 3, height // 2 + 14),
            fill=(0, 0, 0) if level > 100 else (255, 255, 255),
        )
    return image


def screen_photo(rng: random.Random, screen: Image.Image) -> Image.Image:
    """A phone's photo of a monitor: perspective, a bezel, a desk, uneven light, noise, blur."""
    width, height = 1600, 1200
    shot = screen.resize((1200, round(1200 * screen.height / screen.width)))
    framed = Image.new("RGB", (shot.width + 40, shot.height + 40), (20, 20, 22))
    framed.paste(shot, (20, 20))
    desk = Image.new("RGB", (width, height), tuple(rng.randint(90, 160) for _ in range(3)))
    # Where the screen's corners land: up to ~8 % skew.
    left, top = rng.randint(80, 200), rng.randint(120, 240)
    right, bottom = width - rng.randint(80, 200), height - rng.randint(120, 240)
    jitter = lambda: rng.randint(-70, 70)  # noqa: E731
    corners = [
        (left + jitter(), top + jitter()),
        (right + jitter(), top + jitter()),
        (right + jitter(), bottom + jitter()),
        (left + jitter(), bottom + jitter()),
    ]
    coefficients = _perspective(corners, framed.size)
    warped = framed.transform(
        (width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", framed.size, 255).transform(
        (width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR
    )
    desk.paste(warped, (0, 0), mask)
    array = np.asarray(desk).astype(np.float32)
    generator = np.random.default_rng(rng.randint(0, 2**31))
    light = np.linspace(rng.uniform(0.75, 0.95), rng.uniform(1.0, 1.1), width)[None, :, None]
    array = array * light + generator.normal(0, rng.uniform(3, 7), array.shape)
    photo = Image.fromarray(np.clip(array, 0, 255).astype(np.uint8))
    return photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0)))


def _perspective(
    corners: list[tuple[int, int]], size: tuple[int, int]
) -> tuple[float, float, float, float, float, float, float, float]:
    """Coefficients mapping output pixels (the photo) back to the source (the screen)."""
    w, h = size
    source = [(0, 0), (w, 0), (w, h), (0, h)]
    rows = []
    for (x, y), (u, v) in zip(corners, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.array(rows, float), np.array(source, float).reshape(8))
    a, b, c, d, e, f, g, k = (float(value) for value in solution)
    return a, b, c, d, e, f, g, k


# --- copies ---------------------------------------------------------------------------------


def resized(image: Image.Image, rng: random.Random) -> Image.Image:
    factor = rng.uniform(0.5, 0.9)
    return image.resize(
        (round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS
    )


def cropped(image: Image.Image, rng: random.Random) -> Image.Image:
    """A little off one to four sides (up to 8 % each)."""
    w, h = image.size
    sides = [rng.uniform(0, 0.08) if rng.random() < 0.6 else 0.0 for _ in range(4)]
    if not any(sides):
        sides[rng.randrange(4)] = rng.uniform(0.03, 0.08)
    box = (
        round(w * sides[0]),
        round(h * sides[1]),
        round(w * (1 - sides[2])),
        round(h * (1 - sides[3])),
    )
    return image.crop(box)


def corner_changed(image: Image.Image, rng: random.Random) -> Image.Image:
    """A corner repainted: the clock and date blotted out and rewritten, or a sticker over it."""
    copy = image.copy()
    draw = ImageDraw.Draw(copy)
    w, h = copy.size
    box_w, box_h = round(w * rng.uniform(0.12, 0.22)), round(h * rng.uniform(0.06, 0.12))
    corner = rng.choice(["br", "bl", "tr", "tl"])
    x0 = w - box_w if corner[1] == "r" else 0
    y0 = h - box_h if corner[0] == "b" else 0
    draw.rectangle(
        (x0, y0, x0 + box_w, y0 + box_h), fill=tuple(rng.randint(0, 255) for _ in range(3))
    )
    draw.text(
        (x0 + 8, y0 + 6),
        f"{rng.randint(9, 18)}:{rng.randint(10, 59)} {rng.randint(1, 28):02d}.10.2022",
        font=font(14),
        fill=(255, 255, 255),
    )
    return copy


COPY_WAYS: list[tuple[str, Callable[[Image.Image, random.Random], Image.Image]]] = [
    ("resized", resized),
    ("recompressed", lambda image, rng: image),  # the JPEG quality does it
    ("cropped", cropped),
    ("corner", corner_changed),
    ("cropped+resized", lambda image, rng: resized(cropped(image, rng), rng)),
    ("corner+resized", lambda image, rng: resized(corner_changed(image, rng), rng)),
]


def jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=1)
    return out.getvalue()


def text_pdf(school: SchoolInfo, partner: SchoolInfo, day: date) -> bytes:
    """A recommendation form as a PDF with a text layer (matplotlib embeds DejaVu)."""
    lines = [
        "Форма рекомендаций школе-партнёру",
        f"Школа-партнёр: {partner.name} ({partner.code})",
        f"Эксперт: {school.name}",
        "Критерий 1. Соответствие концепции развития рисковому профилю",
        "Рекомендация: уточнить целевые показатели.",
        "Критерий 2. Обоснованность мер антирисковых программ",
        "Рекомендация: добавить сроки и ответственных.",
        f"Дата: {day:%d.%m.%Y}",
    ]
    return lines_pdf(lines)


def lines_pdf(lines: list[str]) -> bytes:
    """A page of these lines as a PDF with a text layer."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8.27, 11.69))
    for i, line in enumerate(lines):
        figure.text(0.08, 0.92 - i * 0.04, line, family="DejaVu Sans", fontsize=11)
    out = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        figure.savefig(out, format="pdf")
    return out.getvalue()


def image_pdf(image: Image.Image) -> bytes:
    """A scanned page: an image in a PDF, no text layer."""
    out = io.BytesIO()
    image.convert("RGB").save(out, "PDF", resolution=100)
    return out.getvalue()


# --- the set --------------------------------------------------------------------------------


def genuine(
    rng: random.Random, step: str, school: SchoolInfo, partner: SchoolInfo, season: int
) -> tuple[str, Image.Image]:
    day = before(STEPS[step], rng, season)
    if step == "expertise-2":
        if rng.random() < 0.5:
            return "email", email_page(rng, school, partner, day, step).image
        return "messenger", messenger(rng, school, partner, day).image
    if step == "expertise-3":
        return "email", email_page(rng, school, partner, day, step).image
    if step == "expertise-3-forms":
        return "forms", forms_page(rng, school, partner, day).image
    if step == "expertise-4":
        return "meeting", meeting(rng, school, partner, day).image
    return "medk", medk_page(rng, school, partner, day).image


def _encode(image: Image.Image, rng: random.Random) -> tuple[bytes, str | None, str]:
    """As Telegram delivers it: a photo (JPEG, mime unknown) or a document (PNG or JPEG)."""
    if rng.random() < 0.6:
        return jpeg(image, rng.choice([80, 87, 92])), None, "photo"
    if rng.random() < 0.5:
        return png(image), "image/png", "document"
    return jpeg(image, 90), "image/jpeg", "document"


def generate(count: int = 320, seed: int = 19) -> list[Sample]:
    """`count` files in the order they arrive: originals before their copies, an earlier season's
    files first. About 55 % genuine, 15 % copies, the rest the kinds a reviewer must look at."""
    rng = random.Random(seed)
    steps = list(STEPS)
    out: list[Sample] = []
    originals: list[tuple[Sample, Image.Image]] = []

    def pair() -> tuple[int, int]:
        school = rng.randrange(len(SCHOOLS))
        partner = rng.choice([i for i in range(len(SCHOOLS)) if i != school])
        return school, partner

    def add_genuine(season: int, name: str) -> None:
        school, partner = pair()
        step = rng.choice(steps)
        family, image = genuine(rng, step, SCHOOLS[school], SCHOOLS[partner], season)
        data, mime, kind = _encode(image, rng)
        sample = Sample(name, data, mime, kind, family, step, school, season, lineage=name)
        out.append(sample)
        originals.append((sample, image))

    # An earlier season's confirmations, then this season's genuine ones.
    n = 0
    for _ in range(max(12, count // 16)):
        add_genuine(EARLIER_SEASON, f"s{n:03d}-earlier")
        n += 1
    genuine_count = round(count * 0.47)
    while n < genuine_count:
        add_genuine(SEASON, f"s{n:03d}-genuine")
        n += 1
    # PDFs: with a text layer, and scans without one.
    for _ in range(max(4, count // 40)):
        school, partner = pair()
        day = before(STEPS["expertise-3-forms"], rng)
        name = f"s{n:03d}-pdf-text"
        data = text_pdf(SCHOOLS[school], SCHOOLS[partner], day)
        out.append(
            Sample(
                name,
                data,
                "application/pdf",
                "document",
                "pdf-text",
                "expertise-3-forms",
                school,
                lineage=name,
            )
        )
        n += 1
    for _ in range(max(3, count // 60)):
        school, partner = pair()
        image = forms_page(
            rng, SCHOOLS[school], SCHOOLS[partner], before(STEPS["expertise-3-forms"], rng)
        ).image
        name = f"s{n:03d}-pdf-scan"
        out.append(
            Sample(
                name,
                image_pdf(image),
                "application/pdf",
                "document",
                "pdf-scan",
                "expertise-3-forms",
                school,
                lineage=name,
            )
        )
        n += 1
    # Photos of screens: genuine, harder to read.
    for _ in range(max(8, count // 16)):
        school, partner = pair()
        step = rng.choice(steps)
        _, screen = genuine(rng, step, SCHOOLS[school], SCHOOLS[partner], SEASON)
        name = f"s{n:03d}-screen-photo"
        data = jpeg(screen_photo(rng, screen), rng.choice([70, 80, 88]))
        out.append(
            Sample(name, data, None, "photo", "screen-photo", step, school, hard=True, lineage=name)
        )
        n += 1
    # What a reviewer must look at.
    suspicious: list[tuple[str, Callable[[], tuple[Image.Image | bytes, str | None, str]]]] = [
        ("blank", lambda: (blank_image(rng), None, "photo")),
        ("tiny", lambda: (_tiny(rng), None, "photo")),
        ("off-topic-page", lambda: (off_topic_page(rng).image, None, "photo")),
        ("off-topic-picture", lambda: (off_topic_picture(rng), None, "photo")),
        ("wrong-step", lambda: (_wrong_step(rng), None, "photo")),
        ("broken", lambda: (_broken(rng), "image/jpeg", "document")),
    ]
    per_kind = max(4, round(count * 0.22 / len(suspicious)))
    for family, make in suspicious:
        for _ in range(per_kind):
            school = rng.randrange(len(SCHOOLS))
            made, mime, kind = make()
            data = made if isinstance(made, bytes) else jpeg(made, 85)
            step = rng.choice(steps)
            if family == "wrong-step":
                step = "expertise-2"  # an ИС МЭДК page instead of the letter or the chat
            name = f"s{n:03d}-{family}"
            out.append(
                Sample(
                    name,
                    data,
                    mime,
                    kind,
                    family,
                    step,
                    school,
                    expected="suspicious",
                    lineage=name,
                )
            )
            n += 1
    # Copies: another school, another step or this season again; made from any original.
    while len(out) < count:
        original, image = rng.choice(originals)
        way, change = rng.choice(COPY_WAYS)
        copy = change(image, rng)
        quality = rng.choice([35, 50, 65]) if way == "recompressed" else rng.choice([70, 85])
        school = rng.choice([i for i in range(len(SCHOOLS)) if i != original.school])
        step = original.step_key
        if original.season == SEASON and rng.random() < 0.3:  # the same school, another step
            school = original.school
            step = rng.choice([s for s in steps if s != original.step_key])
        name = f"s{n:03d}-copy-{way}"
        out.append(
            Sample(
                name,
                jpeg(copy, quality),
                None,
                "photo",
                f"copy-{way}",
                step,
                school,
                expected="suspicious",
                lineage=original.lineage,
                duplicate_of=original.name,
            )
        )
        n += 1
    # Arrival order: the earlier season first, then the rest shuffled, a copy after its original.
    earlier = [s for s in out if s.season == EARLIER_SEASON]
    rest = [s for s in out if s.season != EARLIER_SEASON]
    rng.shuffle(rest)
    return earlier + _after_originals(rest)


def _after_originals(samples: list[Sample]) -> list[Sample]:
    """Moves each copy right after its original when it came first."""
    seen: set[str] = set()
    waiting: dict[str, list[Sample]] = {}
    ordered: list[Sample] = []
    for sample in samples:
        if (
            sample.duplicate_of
            and sample.duplicate_of not in seen
            and not sample.duplicate_of.endswith("earlier")
        ):
            waiting.setdefault(sample.duplicate_of, []).append(sample)
            continue
        ordered.append(sample)
        seen.add(sample.name)
        ordered.extend(waiting.pop(sample.name, []))
    return ordered


def _tiny(rng: random.Random) -> Image.Image:
    school, partner = rng.sample(SCHOOLS, 2)
    image = medk_page(rng, school, partner, date(2022, 10, 3)).image
    width = rng.randint(40, 110)
    return image.resize((width, max(8, round(width * image.height / image.width))))


def _wrong_step(rng: random.Random) -> Image.Image:
    """An ИС МЭДК upload page sent as the contact with the partner (step 2)."""
    school, partner = rng.sample(SCHOOLS, 2)
    page = medk_page(rng, school, partner, date(2022, 9, 14))
    return page.image


def _broken(rng: random.Random) -> bytes:
    school, partner = rng.sample(SCHOOLS, 2)
    if rng.random() < 0.5:  # cut off in transfer
        data = jpeg(medk_page(rng, school, partner, date(2022, 10, 3)).image, 85)
        return data[: len(data) // 12]
    return rng.choice(
        [b"PK\x03\x04" + bytes(rng.randbytes(4000)), b"<html><body>404</body></html>" * 30]
    )


def main(argv: list[str]) -> None:
    folder = Path(argv[1] if len(argv) > 1 else "screening-set")
    folder.mkdir(parents=True, exist_ok=True)
    for sample in generate(int(argv[2]) if len(argv) > 2 else 320):
        suffix = (
            ".pdf"
            if sample.mime == "application/pdf"
            else ".png"
            if sample.mime == "image/png"
            else ".jpg"
        )
        (folder / f"{sample.name}{suffix}").write_bytes(sample.data)
    print(f"written to {folder}")


if __name__ == "__main__":
    main(sys.argv)
