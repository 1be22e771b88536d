"""Synthetic contact files (formats.md 1.6, security.md T10 seed corpus). All made up."""

from __future__ import annotations

import base64
import io
import zipfile

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    "allowed their connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
ROWS_2024 = (
    'Dana,Whitfield,https://www.linkedin.com/in/dana-whitfield-example,,"Northwind Analytics, '
    'Inc.",Staff Data Engineer,08 Feb 2026\n'
    "Marisol,Ibarra-Chen,https://www.linkedin.com/in/marisol-ibarra-chen-3f9a1b/,"
    'm.ibarra@example.net,Fabrikam Health,"Director, Product Analytics",14 Nov 2019\n'
    "Zoë,Ångström-Ndiaye,https://www.linkedin.com/in/zoe-angstrom-ndiaye,,Contoso Labs,"
    '"Researcher ""Applied ML""",03 Jan 2023\n'
    ",,,,,,07 Jun 2026\n"
    ",,,,,,"
)

# (a) 2020: no preamble, no URL column.
LINKEDIN_2020 = (
    b"First Name,Last Name,Email Address,Company,Position,Connected On\n"
    b"Dana,Whitfield,,Northwind Analytics,Staff Data Engineer,08 Feb 2020\n"
    b",,,,,07 Jun 2020\n"
)
# (b) 2022: preamble, no URL column.
LINKEDIN_2022 = (
    PREAMBLE + "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    "Dana,Whitfield,,Northwind Analytics,Staff Data Engineer,08 Feb 2022\n"
).encode()
# (c) 2024: preamble and URL column, quoted comma, doubled quote, hidden rows, no final newline.
LINKEDIN_2024 = (
    PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + ROWS_2024
).encode()
# (e) An Excel re-save: BOM, CRLF, 7-Feb-22.
LINKEDIN_EXCEL = (
    "\ufeffFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Dana,Whitfield,https://www.linkedin.com/in/dana-whitfield-example,,Northwind,"
    "Engineer,7-Feb-22\r\n"
).encode()

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
    "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    "Priya,Okonkwo-Laurent,,,,Data analyst exploring health tech,,,,,,,\n"
)
POSITIONS = (
    "Company Name,Title,Description,Location,Started On,Finished On\n"
    'Cascadia Health Data,Senior Data Analyst,"Owned claims analytics.",'
    '"Portland, Oregon, United States",Mar 2022,\n'
    "Old Corp,Analyst,,,Jan 2019,Feb 2022\n"
)
EDUCATION = (
    "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
    "Oregon State University,2015,2019,,Bachelor of Science - BS,Statistics Club\n"
)
SKILLS = "Name\nSQL\nPython\nsql\n"


def linkedin_zip(connections: bytes = LINKEDIN_2024) -> bytes:
    """(f) The export zip, files at the root, odd names included."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", connections)
        archive.writestr("Profile.csv", PROFILE)
        archive.writestr("Positions.csv", POSITIONS)
        archive.writestr("Education.csv", EDUCATION)
        archive.writestr("Skills.csv", SKILLS)
        archive.writestr("Company_Follows.csv", "Organization,Followed On\nAcme,2020\n")
        archive.writestr("Articles/Articles/readme.html", "<p>hi</p>")
    return buffer.getvalue()


GOOGLE = (
    b"First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last "
    b"Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
    b"Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    b"Phone 1 - Label,Phone 1 - Value,Website 1 - Label,Website 1 - Value\n"
    b'Dana,,Whitfield,,,,,,,,Northwind Analytics,Staff Data Engineer,,,"Met at PyCascades 2026, '
    b'intro via Priya",,* myContacts ::: Mentors,Work,dana.whitfield@example.com ::: '
    b"dana@whitfield.example.net,Work,+1 206 555 0144,Profile,"
    b"https://www.linkedin.com/in/dana-whitfield-example\n"
)

OUTLOOK_HEADER = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail "
    "Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business "
    "Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,Home Fax,Other "
    "Fax,Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,Job Title,"
    "Department,Company,Office Location,Manager's Name,Assistant's Name,Assistant's Phone,"
    "Company Yomi,Business Street,Business City,Business State,Business Postal Code,Business "
    "Country/Region,Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Other "
    "Street,Other City,Other State,Other Postal Code,Other Country/Region,Personal Web Page,"
    "Spouse,Schools,Hobby,Location,Web Page,Birthday,Anniversary,Notes"
)


def outlook_row(first: str, last: str, email: str, job: str, company: str, notes: str) -> str:
    cells = [""] * 61
    cells[0], cells[2], cells[8], cells[29], cells[31] = first, last, email, job, company
    cells[13] = "+1 555 010 4477"
    cells[57] = "https://www.linkedin.com/in/renee-example"
    cells[60] = f'"{notes}"'
    return ",".join(cells)


# Outlook in Windows-1252: é and the curly apostrophe are single bytes.
OUTLOOK_CP1252 = (
    OUTLOOK_HEADER
    + "\r\n"
    + outlook_row(
        "Renée",
        "O’Brien",
        "renee@example.com",
        "Staff Data Engineer",
        "Café Analytics",
        "Met at PyCascades, intro via Priya",
    )
    + "\r\n"
).encode("cp1252")

PHOTO = base64.b64encode(b"\xff\xd8\xff\xe0fake-jpeg" * 20).decode()
VCARD_30 = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Whitfield;Dana;;;\r\nFN:Dana Whitfield\r\n"
    "ORG:Northwind Analytics;Data\r\nTITLE:Staff Data Engineer\r\n"
    "EMAIL;TYPE=INTERNET,WORK:dana.whitfield@example.com\r\nTEL;TYPE=WORK:+1-206-555-0144\r\n"
    "NOTE:Met at PyCascades 2026\\; intro via Priya.\r\n"
    f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO[:60]}\r\n {PHOTO[60:]}\r\n"
    "item1.URL:https://www.linkedin.com/in/dana-whitfield-example\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Reyes;Tomás;;;\r\nFN:Tomás Reyes\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:!!!not base64 at all\r\n"
    "PHOTO;VALUE=uri:http://169.254.169.254/latest/meta-data\r\nEND:VCARD\r\n"
).encode()
VCARD_21_QP = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;"
    b"J=C3=B6rg;;;\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=\r\n=C3=BCller\r\n"
    b"TEL;CELL;PREF:+49 30 1234567\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Erste Zeile=0D=0AZweite\r\n"
    b"END:VCARD\r\n"
)
VCARD_40 = (
    b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\nBDAY:--0415\r\n"
    b"EMAIL;TYPE=work;PREF=1:ana@example.org\r\n"
    b'TEL;VALUE=uri;TYPE="work,voice":tel:+1-555-010-4477\r\n'
    b"PHOTO:data:image/png;base64,iVBORw0KGgo=\r\nCATEGORIES:mentors,alumni\\, 2019\r\n"
    b"X-SOCIALPROFILE;type=linkedin:https://linkedin.com/in/Ana-Lima\r\nEND:VCARD\r\n"
)
UTF16_CSV = "Name,Email\r\nZoë Ångström,zoe@example.org\r\n".encode("utf-16")  # BOM + LE
SEMICOLON_CSV = (
    "\ufeffName;Company;Email\r\nJürgen Bauer;Müller GmbH;jb@example.de\r\n"
    "Ana Lima;;ana@example.org\r\n"
).encode()


# Issue 11 "Imports that keep everything and count right" -----------------------------------


def jpeg(size: tuple[int, int] = (40, 30)) -> bytes:
    """A real (tiny) JPEG, as phones embed in vCards."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


# Google's 2023+ export with the fields people fill in beyond name, email and phone, a contact
# that is only a company, and a blank row in the middle (CRLF, as Google writes it).
GOOGLE_FULL = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last "
    "Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
    "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,"
    "Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,"
    "Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value,"
    "Custom Field 1 - Label,Custom Field 1 - Value\r\n"
    "Keiko,,Tanaka,ケイコ,,タナカ,Dr.,,Kei,,Fabrikam Health,Chief Medical Officer,Cardiology,"
    "1979-03-14,Met at HIMSS,https://lh3.googleusercontent.com/contacts/photo-example,"
    "* myContacts,Work,keiko.tanaka@example.org,Mobile,+81 90 1234 5678,Work,"
    '"1-2-3 Marunouchi\nChiyoda-ku, Tokyo 100-0005\nJapan",1-2-3 Marunouchi,Chiyoda-ku,,Tokyo,'
    "100-0005,Japan,,Blog,https://keiko.example.org,Assistant,Yumi\r\n"
    ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\r\n"
    ",,,,,,,,,,Contoso Front Desk,,,,,,* myContacts,Work,desk@contoso.example,Work,"
    "+1 425 555 0100,,,,,,,,,,,,,\r\n"
).encode()

OUTLOOK_FULL = (
    OUTLOOK_HEADER
    + "\r\n"
    + ",".join(
        [
            "Bram",
            "",
            "de Vries",
            "Mr.",
            "",
            "Bramster",
            "",
            "",
            "bram@example.nl",
            "",
            "",
            "",
            "",
            "+31 20 555 0199",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Architect",
            "Platform",
            "Tailspin Toys",
            "",
            "",
            "",
            "",
            "",
            "Keizersgracht 1",
            "Amsterdam",
            "NH",
            "1015 CJ",
            "Netherlands",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "4/15/1982",
            "0/0/00",
            "",
        ]
    )
    + "\r\n"
).encode("cp1252")

# vCard 3.0 from an iPhone: folded lines, a real embedded photo, ADR, NICKNAME, X-PHONETIC-*,
# an honorific in N, a department in ORG; then a card without FN, one with a broken photo
# and a line without a colon, and a Latin-1 2.1 card in QUOTED-PRINTABLE.
VCARD_IPHONE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:Okafor;Chidi;;Prof.;\r\nFN:Chidi Okafor\r\nNICKNAME:Chid\r\n"
    "X-PHONETIC-FIRST-NAME:Chee-dee\r\nX-PHONETIC-LAST-NAME:Oh-kah-for\r\n"
    "ORG:Woodgrove Bank;Risk Analytics\r\nTITLE:Head of Model Risk\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:chidi.okafor@example.com\r\n"
    "item1.ADR;type=WORK;type=pref:;;12 Harbour Street;Lagos;;101241;Nigeria\r\n"
    "BDAY:1985-11-02\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(jpeg()).decode() + "\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Haddad;Layla;;;\r\nEMAIL:layla@example.org\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sven Lund\r\nthis line has no colon\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:!!!not base64 at all\r\nEND:VCARD\r\n"
).encode()
VCARD_21_LATIN1 = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Garc=EDa;"
    b"In=E9s;;;\r\nFN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:In=E9s Garc=EDa\r\n"
    b"ADR;HOME;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:;;Calle Mayor 5;M=E1laga;;29001;"
    b"Espa=F1a\r\nTEL;CELL:+34 600 000 111\r\nEND:VCARD\r\n"
)

# LinkedIn's 2020 layout (no URL column): people without an organization, and a row repeated.
LINKEDIN_2020_NO_ORG = (
    b"First Name,Last Name,Email Address,Company,Position,Connected On\n"
    b"Sam,Rivera,,,,12 Mar 2020\n"
    b"Ana,Lima,,,Freelance designer,03 Apr 2019\n"
    b"Ana,Lima,,,Freelance designer,03 Apr 2019\n"
)
