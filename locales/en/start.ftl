## /start

start-greeting =
    Hello, <b>{ $name }</b>!

    I am the assistant of the <b>500+</b> project — targeted methodical support for schools with low educational results.

    I tell you the project's stage deadlines (federal and regional, in your local time), collect confirmation screenshots for each reporting step, remind you of the Thursday webinars at 10:00 Moscow time and pass on the coordinators' announcements.
