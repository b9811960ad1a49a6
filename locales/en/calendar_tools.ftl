## The region's calendar as a spreadsheet or YAML: versions, restoring, telling those concerned.

caltools-screen = 📅 <b>The region's calendar</b> — version { $version } is in force.
    Download it as a spreadsheet (XLSX) or a YAML file, enter the region's dates and send the file here. I check every line, show the changes and apply them only once you confirm. Everyone a changed date concerns gets one message.
caltools-get-xlsx = 📥 Spreadsheet (XLSX)
caltools-get-yaml = 📥 YAML file
caltools-versions = 🕘 Earlier versions
caltools-instructions-xlsx = Your region's calendar (version { $version }). Change only column D, the region's date (YYYY-MM-DD or DD.MM.YYYY; an empty cell means the federal deadline holds) and send the spreadsheet back. Leave the version number in the first row as it is.
caltools-too-big = The file is too big for a calendar (512 KB at most). Send the downloaded spreadsheet or YAML file.
caltools-send-file = I am waiting for the calendar file — the XLSX or YAML downloaded above, edited.
caltools-stale = ⚠️ The file was downloaded at version { $based }, and version { $current } is in force now. Changes made since will be replaced by the file's dates — check the list below.
caltools-version-button = Version { $version } · { $when }
caltools-versions-title = 🕘 Earlier versions of the calendar (version { $current } is in force). Pick one: I show what would change and bring it back only once you confirm.
caltools-no-versions = There are no earlier versions yet.
caltools-told = Told about the change: { $count }.
caltools-notice = 📅 <b>Dates have changed</b> in the calendar of { $region }:
caltools-too-deep = ❌ The file was not accepted: at line { $line } it nests deeper than a calendar ever does. The calendar in force is unchanged.
calupload-reason-too-deep = nested deeper than a calendar ever is — start from the downloaded file
calupload-reason-xlsx-broken = the spreadsheet is damaged or not an XLSX file
calupload-reason-xlsx-bomb = the spreadsheet unpacks to far too much — it is not the downloaded calendar
calupload-reason-not-text = neither an XLSX spreadsheet nor a YAML text file
