## Directory import and invites

command-import = upload the list of schools and curators (coordinators)
command-invite = create an invite link (coordinators)

import-coordinators-only = Municipal and regional coordinators can upload the directory.
import-instructions =
    Send an XLSX or CSV file with the schools and curators of your area, as in this template.
    Sheet "Школы": municipality, ИС МЭДК school code, name.
    Sheet "Кураторы": full name, Telegram @username or phone, school codes separated by commas.
    I check the whole file and write nothing while it has errors. A second upload updates schools by code, without duplicates.
import-too-big = The file is over 20 MB: Telegram will not let me download it. Please split it.
import-checking = ⏳ Checking the file…
import-send-file = I am waiting for an XLSX or CSV file (the template is in the message above).
import-refused = ❌ The file has { $count } { $count ->
        [one] error
       *[other] errors
    }. Nothing was written: fix them and send the file again:
import-error-line = • { $sheet }, row { $row }: { $reason } { $value }
import-more-errors = …and { $count } more.
import-done = ✅ Directory uploaded: new schools { $schools }, updated { $updated }, new municipalities { $municipalities }, curator links { $curators }. Curators get their role as soon as they write to me.
import-error-format = I need an XLSX or CSV file.
import-error-no-sheets = I found neither schools nor curators in the file. It needs the columns "Муниципалитет", "Код школы", "Название школы" (schools) or "ФИО куратора", "Telegram @username или телефон", "Коды школ через запятую" (curators). Please start from the template.
import-reason-no-municipality = no municipality
import-reason-bad-code = the school code does not look like an ИС МЭДК code (eduNNNNNN)
import-reason-no-name = no name
import-reason-duplicate = this school code already appeared above
import-reason-other-region = the school code belongs to another region
import-reason-other-municipality = the municipality is outside your area
import-reason-bad-contact = needs a Telegram @username or a +7… phone
import-reason-no-schools = no school codes
import-reason-unknown-school = no such school in the file or the directory
import-reason-outside-scope = the school is outside your area: its own municipality's or region's coordinator changes it
import-reason-too-long = the value is too long (over 300 characters)

invite-coordinators-only = Invites are made by coordinators and project admins.
invite-choose-role = Whom do you invite?
invite-find-school = Type the code or part of the school's name.
invite-no-school = No such school in your area. Try other words.
search-too-short = Too short to look for: "{ $query }". Type at least { $letters } { $letters ->
        [one] letter
       *[other] letters
    } of the school's name (words every school name has, such as "СШ", "МБОУ", "школа", do not count), its number or its code, e.g. СШ № 9 or edu670009.
invite-pick-school = Choose the school:
invite-schools-so-far = Schools: { $schools }. Type another one, or press "Done".
invite-schools-done = ✅ Done
invite-choose-municipality = Choose the municipality:
invite-type-region = Type the region code (e.g. 67 for Smolensk oblast).
invite-unknown-region = No region has that code. Type a two-digit code, e.g. 67.
invite-choose-uses = How many people may use the link?
invite-uses = { $count }
invite-refused = Such an invite is beyond your powers.
invite-ready =
    🔗 Invite: { $role }.
    It can be used { $count } time(s), until { $until }.
    Forward this link: { $link }

# Reading uploaded spreadsheets (imports and calendars)
sheet-error-unreadable = I could not read the file: it is damaged or not an XLSX. Save it again and send it once more.
sheet-error-too-slow = The file takes too long to read — it seems to hold a huge number of rows or cells. Keep only the sheets and rows you need and send it again.
sheet-error-too-big-unpacked = The file is too big once unpacked (a huge number of rows or cells). Keep only the sheets and rows you need and send it again.
sheet-error-no-delimiter = The CSV has no column separator: use «;» or «,». In Excel, save the table as "CSV (semicolon delimited)".
sheet-error-csv-broken = The CSV is damaged (for example, unclosed quotes). Save the table from Excel again and send it once more.
sheet-error-encoding = I could not tell the CSV's encoding: use UTF-8 or Windows-1251 (what Excel writes).
import-error-too-many-rows = The file has more than 20,000 rows — more than any area. Split it and upload it in parts.
import-error-school-headers = I could not find the columns I need. For schools: "Муниципалитет", "Код школы", "Название школы" (other wordings work too: "Район", "Код ОО", "Наименование"). Start from the template.
import-error-curator-headers = I could not find the columns I need. For curators: "ФИО куратора", "Telegram @username или телефон", "Коды школ через запятую" (shorter works too: "ФИО", "Телефон", "Школы"). Start from the template.
import-error-unexpected = I could not process the file — nothing was written. Try again, or send it in the template's format.
