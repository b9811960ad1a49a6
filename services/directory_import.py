"""Directory import: a coordinator's XLSX (or CSV) of schools and curators for their own scope.

All or nothing: every bad row is reported with its sheet, row number and reason, and nothing is
written until the file is clean. Schools are matched by code, so a second import updates them.
Curators are named by Telegram @username or phone; their grants wait for them to start the bot.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from services.permissions import Action, Actor, ForbiddenError, Role, Scope, can
from services.sheets import Limits, SheetError, read_csv, read_xlsx, too_many
from storage.models import RoleGrant, School
from storage.repositories.directory import DirectoryRepository

SCHOOLS_SHEET = "Школы"
CURATORS_SHEET = "Кураторы"
SCHOOL_COLUMNS = ("Муниципалитет", "Код школы", "Название школы")
CURATOR_COLUMNS = ("ФИО куратора", "Telegram @username или телефон", "Коды школ через запятую")
CODE_RE = re.compile(r"^edu(\d{2})\d{4,}$")
USERNAME_RE = re.compile(r"^@[A-Za-z][A-Za-z0-9_]{3,31}$")
PHONE_DIGITS_RE = re.compile(r"^(?:\+7|8|7)(\d{10})$")
MAX_ROWS = 20_000
MAX_CELL = 300  # a school's or municipality's name, a person's name; longer is not a name
SHOWN_VALUE = 60  # a bad value is quoted back up to this many characters
Rows = Sequence[Sequence[object]]


@dataclass(frozen=True, slots=True)
class RowError:
    sheet: str
    row: int
    reason: str  # a locale key of the reason
    value: str = ""

    def __post_init__(self) -> None:
        if len(self.value) > SHOWN_VALUE:  # quoted back to the importer: enough to find it
            object.__setattr__(self, "value", self.value[: SHOWN_VALUE - 1] + "…")


@dataclass(frozen=True, slots=True)
class SchoolRow:
    row: int
    municipality: str
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class CuratorRow:
    row: int
    name: str
    contact: str
    school_codes: tuple[str, ...]


@dataclass
class Parsed:
    schools: list[SchoolRow] = field(default_factory=list)
    curators: list[CuratorRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Summary:
    schools_added: int
    schools_updated: int
    municipalities_added: int
    curator_links: int


class ImportFileError(Exception):
    """The file itself cannot be read (not XLSX/CSV, no known sheet); the reason is a key."""


class ImportRefusedError(Exception):
    """The file has rows the importer may not apply (see `errors`)."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__(f"{len(errors)} rows refused")
        self.errors = list(errors)


def importer_scope(actor: Actor) -> Scope | None:
    """The place a coordinator administers: their regional grant, else their municipal one."""
    for role in (Role.REGIONAL, Role.MUNICIPAL):
        for grant in actor.grants:
            if grant.role is role:
                return Scope(grant.scope.region, grant.scope.municipality_id)
    return None


def template_xlsx() -> bytes:
    from openpyxl import Workbook  # here: openpyxl is slow to load

    book = Workbook()
    schools = book.active
    assert schools is not None  # a new workbook always has one sheet
    schools.title = SCHOOLS_SHEET
    schools.append(SCHOOL_COLUMNS)
    schools.append(("город Смоленск", "edu670009", "МБОУ «СШ № 9»"))
    curators = book.create_sheet(CURATORS_SHEET)
    curators.append(CURATOR_COLUMNS)
    curators.append(("Жойкин Сергей Александрович", "@zhoykin_sh33", "edu670009"))
    for sheet, widths in ((schools, (28, 14, 48)), (curators, (36, 32, 36))):
        for letter, width in zip("ABC", widths, strict=True):
            sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def parse_upload(file_name: str, data: bytes) -> Parsed:
    """The rows of an uploaded XLSX or CSV, read without trusting the file (services.sheets)."""
    name = file_name.lower()
    limits = Limits(rows=MAX_ROWS + 1)  # the header and the rows
    sheets: list[tuple[str, Rows]]
    try:
        if name.endswith(".xlsx"):
            sheets = list(await read_xlsx(data, limits))
        elif name.endswith(".csv"):
            sheets = [_csv_sheet(await read_csv(data, limits))]
        else:
            raise ImportFileError("import-error-format")
    except SheetError as error:
        raise ImportFileError(str(error)) from None
    if any(too_many(rows, limits) for _, rows in sheets):
        raise ImportFileError("import-error-too-many-rows")
    return _parse_sheets(sheets)


def _csv_sheet(rows: Rows) -> tuple[str, Rows]:
    """A CSV has one sheet, of a kind its header tells."""
    return "", rows


# What a header may say for each column, as Russian Excel files name them (words compared after
# lower-casing and dropping punctuation; a header matches when it holds all words of a variant).
SCHOOL_HEADERS = (
    ("муниципалитет", "муниципальное образование", "муниципальный район", "район", "мо",
     "городской округ", "municipality"),
    ("код школы", "код оо", "код", "код медк", "идентификатор", "code"),
    ("название школы", "наименование", "название", "школа", "оо", "name", "school"),
)  # fmt: skip
CURATOR_HEADERS = (
    ("фио куратора", "фио", "куратор", "name"),
    ("telegram", "username", "телеграм", "телефон", "контакт", "phone", "contact"),
    ("коды школ", "школы", "код школы", "коды", "schools", "codes"),
)  # fmt: skip


def _parse_sheets(sheets: Iterable[tuple[str, Rows]]) -> Parsed:
    """Each sheet read by its header, matched by meaning; its kind from its title, else from
    the header (a column of names of people: curators)."""
    parsed = Parsed()
    known = False
    for title, rows in sheets:
        if not rows:
            continue
        header = [str(cell or "") for cell in rows[0]]
        schools = _columns(header, SCHOOL_HEADERS)
        curators = _columns(header, CURATOR_HEADERS)
        if title == CURATORS_SHEET or (title != SCHOOLS_SHEET and curators and not schools):
            if curators is None:
                raise ImportFileError("import-error-curator-headers")
            known = True
            _parse_curators(rows, curators, parsed)
        elif title == SCHOOLS_SHEET or schools is not None:
            if schools is None:
                raise ImportFileError("import-error-school-headers")
            known = True
            _parse_schools(rows, schools, parsed)
    if not known:
        raise ImportFileError("import-error-no-sheets")
    return parsed


def _words(text: str) -> str:
    return " " + " ".join(re.sub(r"[^\w@]+", " ", text.lower().replace("ё", "е")).split()) + " "


def _columns(header: Sequence[str], wanted: tuple[tuple[str, ...], ...]) -> list[int] | None:
    """Where each wanted column is in the header (the first match of each), or None when one
    is missing. A variant matches when its words appear in the header cell in order."""
    cells = [_words(cell) for cell in header]
    found: list[int] = []
    for variants in wanted:
        index = next(
            (
                i
                for variant in variants
                for i, cell in enumerate(cells)
                if f" {variant} " in cell and i not in found
            ),
            None,
        )
        if index is None:
            return None
        found.append(index)
    return found


# Control characters (a NUL breaks the XLSX export), direction overrides and isolates (they
# reorder what readers see, "‮" can make a name read backwards) and zero-width spaces.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_cell(value: object) -> str:
    """A cell as the text a reader should see: invisible characters dropped, spaces collapsed."""
    return " ".join(_INVISIBLE.sub(" ", str(value)).split())


def _cells(row: Sequence[object], columns: Sequence[int]) -> list[str]:
    return ["" if i >= len(row) or row[i] is None else clean_cell(row[i]) for i in columns]


def _parse_schools(rows: Rows, columns: Sequence[int], parsed: Parsed) -> None:
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        municipality, code, name = _cells(raw, columns)
        if not (municipality or code or name):
            continue  # blank lines are fine
        code = code.lower()
        problem = None
        if max(len(municipality), len(code), len(name)) > MAX_CELL:
            longest = max((municipality, code, name), key=len)
            problem = RowError(SCHOOLS_SHEET, number, "import-reason-too-long", longest)
        elif not municipality:
            problem = RowError(SCHOOLS_SHEET, number, "import-reason-no-municipality")
        elif not CODE_RE.match(code):
            problem = RowError(SCHOOLS_SHEET, number, "import-reason-bad-code", code)
        elif not name:
            problem = RowError(SCHOOLS_SHEET, number, "import-reason-no-name", code)
        elif code in seen:
            problem = RowError(SCHOOLS_SHEET, number, "import-reason-duplicate", code)
        if problem:
            parsed.errors.append(problem)
            continue
        seen[code] = number
        parsed.schools.append(SchoolRow(number, municipality, code, name))


def _parse_curators(rows: Rows, columns: Sequence[int], parsed: Parsed) -> None:
    for number, raw in enumerate(rows[1:], start=2):
        name, contact, codes = _cells(raw, columns)
        if not (name or contact or codes):
            continue
        normal = normalise_contact(contact)
        school_codes = tuple(c.strip().lower() for c in re.split(r"[,;\s]+", codes) if c.strip())
        if max(len(name), len(contact)) > MAX_CELL or len(school_codes) > MAX_CELL:
            longest = max((name, contact, codes), key=len)
            parsed.errors.append(
                RowError(CURATORS_SHEET, number, "import-reason-too-long", longest)
            )
        elif not name:
            parsed.errors.append(RowError(CURATORS_SHEET, number, "import-reason-no-name"))
        elif normal is None:
            parsed.errors.append(
                RowError(CURATORS_SHEET, number, "import-reason-bad-contact", contact)
            )
        elif not school_codes:
            parsed.errors.append(RowError(CURATORS_SHEET, number, "import-reason-no-schools"))
        else:
            parsed.curators.append(CuratorRow(number, name, normal, school_codes))


def normalise_contact(contact: str) -> str | None:
    """ "@Name" stays as is; phones become +7XXXXXXXXXX; anything else is refused."""
    contact = contact.strip()
    if USERNAME_RE.match(contact):
        return contact
    digits = re.sub(r"[\s()\-]", "", contact)
    match = PHONE_DIGITS_RE.match(digits)
    return f"+7{match.group(1)}" if match else None


class DirectoryImport:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._repository = DirectoryRepository(session)

    async def check(self, actor: Actor, parsed: Parsed) -> list[RowError]:
        """Every reason the file cannot be applied by this person (empty: it can). A row may
        create or change only a school that lies in the importer's place before and after it."""
        scope = importer_scope(actor)
        if scope is None or not can(actor, Action.IMPORT_DIRECTORY, scope):
            raise ForbiddenError(Action.IMPORT_DIRECTORY)
        errors = list(parsed.errors)
        existing = await self._repository.schools_by_codes(
            {code for c in parsed.curators for code in c.school_codes}
            | {s.code for s in parsed.schools}
        )
        allowed_municipality = await self._municipality_name(scope)
        for school in parsed.schools:
            refusal = await self._school_refusal(
                actor, scope, allowed_municipality, school, existing
            )
            if refusal is not None:
                errors.append(refusal)
        in_file = {s.code for s in parsed.schools}
        for curator in parsed.curators:
            for code in curator.school_codes:
                if code not in in_file and code not in existing:
                    errors.append(
                        RowError(CURATORS_SHEET, curator.row, "import-reason-unknown-school", code)
                    )
                elif code in existing and not await self._inside(actor, existing[code]):
                    errors.append(
                        RowError(CURATORS_SHEET, curator.row, "import-reason-outside-scope", code)
                    )
        return sorted(errors, key=lambda e: (e.sheet != SCHOOLS_SHEET, e.row))

    async def _school_refusal(
        self,
        actor: Actor,
        scope: Scope,
        allowed_municipality: str | None,
        school: SchoolRow,
        existing: dict[str, School],
    ) -> RowError | None:
        match = CODE_RE.match(school.code)
        if match and match.group(1) != scope.region:
            return RowError(SCHOOLS_SHEET, school.row, "import-reason-other-region", school.code)
        if allowed_municipality is not None and school.municipality != allowed_municipality:
            return RowError(
                SCHOOLS_SHEET, school.row, "import-reason-other-municipality", school.municipality
            )
        current = existing.get(school.code)
        if current is not None and not await self._inside(actor, current):
            # Someone else's school: renaming it or moving it here would be a takeover.
            return RowError(SCHOOLS_SHEET, school.row, "import-reason-outside-scope", school.code)
        return None

    async def apply(self, actor: Actor, parsed: Parsed) -> Summary:
        """Writes and commits a file the actor may apply; ImportRefusedError with the reasons
        otherwise. Committed at once: the import stands even if telling about it fails."""
        errors = await self.check(actor, parsed)
        if errors:
            raise ImportRefusedError(errors)
        scope = importer_scope(actor)
        assert scope is not None  # check() refused otherwise
        summary = await self.seed(scope, parsed, actor.user_id)
        await self._session.commit()
        return summary

    async def seed(self, scope: Scope, parsed: Parsed, importer_id: int) -> Summary:
        """Writes a file without asking who may: for the demo's and the tests' own data."""
        municipalities = {m.name: m for m in await self._repository.municipalities(scope.region)}
        added_municipalities = 0
        for name in dict.fromkeys(s.municipality for s in parsed.schools):
            if name not in municipalities:
                municipalities[name] = await self._repository.add_municipality(scope.region, name)
                added_municipalities += 1
        existing = await self._repository.schools_by_codes(s.code for s in parsed.schools)
        added = updated = 0
        for row in parsed.schools:
            municipality_id = municipalities[row.municipality].id
            school = existing.get(row.code)
            if school is None:
                existing[row.code] = await self._repository.add_school(
                    row.code, row.name, municipality_id
                )
                added += 1
            elif (school.name, school.municipality_id) != (row.name, municipality_id):
                school.name, school.municipality_id = row.name, municipality_id
                updated += 1
        await self._repository.flush()
        links = await self._link_curators(parsed.curators, importer_id)
        return Summary(added, updated, added_municipalities, links)

    async def _link_curators(self, curators: Sequence[CuratorRow], importer_id: int) -> int:
        codes = {code for c in curators for code in c.school_codes}
        schools = await self._repository.schools_by_codes(codes)
        places = {s.id: await self._repository.school_place(s.id) for s in schools.values()}
        pending = await self._repository.pending_curators([s.id for s in schools.values()])
        already = {(g.pending_contact, g.school_id) for g in pending}
        links = 0
        for curator in curators:
            for code in curator.school_codes:
                school = schools[code]
                if (curator.contact, school.id) in already:
                    continue
                place = places[school.id]
                assert place is not None  # the school was just found by code
                await self._repository.add_grant(
                    RoleGrant(
                        user_id=None,
                        pending_contact=curator.contact,
                        pending_name=curator.name,
                        role=Role.CURATOR.value,
                        region_code=place[2].code,
                        municipality_id=place[1].id,
                        school_id=school.id,
                        granted_by=importer_id,
                    )
                )
                already.add((curator.contact, school.id))
                links += 1
        return links

    async def _municipality_name(self, scope: Scope) -> str | None:
        if scope.municipality_id is None:
            return None
        municipality = await self._repository.municipality(scope.municipality_id)
        return municipality.name if municipality else None

    async def _inside(self, actor: Actor, school: School) -> bool:
        place = await self._repository.school_place(school.id)
        if place is None:
            return False
        return can(actor, Action.IMPORT_DIRECTORY, Scope(place[2].code, place[1].id, school.id))


def may_import(actor: Actor) -> bool:
    """Whether the actor administers a place they may import the directory of."""
    scope = importer_scope(actor)
    return scope is not None and can(actor, Action.IMPORT_DIRECTORY, scope)
