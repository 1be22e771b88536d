"""Business-card images drawn with Pillow, with the fields printed on them (the ground truth).

The set varies what a phone photo at a job fair varies: fonts (DejaVu Sans/Serif/Mono,
Liberation), sizes, layouts (left-aligned, centered, two columns), a slight rotation, a slight
blur, JPEG at quality 70, dark-on-light and light-on-dark.

LAYOUT_CARDS vary what the parser has to untangle: labels before the details ("W", "Web",
"E:"), an email and a phone printed on one line, a logo word in big letters, and a "grid"
layout whose details sit in two columns under the name.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = "/usr/share/fonts/truetype"


@dataclass(frozen=True)
class CardSpec:
    full_name: str
    title: str
    organization: str
    email: str
    phone: str  # as printed
    website: str  # as printed
    address: list[str]  # printed lines
    phone_e164: str
    layout: str = "left"  # left | center | columns | grid
    font: str = "dejavu/DejaVuSans"
    bold: str = "dejavu/DejaVuSans-Bold"
    size: int = 30
    dark: bool = False
    rotate: float = 0.0
    blur: float = 0.0
    jpeg_quality: int | None = None
    labels: dict[str, str] = field(default_factory=dict)  # field -> printed label ("W")
    logo: str = ""  # a word in big letters in the top right corner
    email_and_phone_one_line: bool = False

    def expected(self) -> dict[str, str]:
        return {
            "full_name": self.full_name,
            "title": self.title,
            "organization": self.organization,
            "email": self.email,
            "phone": self.phone_e164,
            "website": self.website,
            "address": ", ".join(self.address),
        }


CARDS = [
    CardSpec(
        "Maria Okafor",
        "Senior Data Engineer",
        "Northwind Traders Inc.",
        "maria.okafor@northwind.io",
        "Tel: (415) 555-0142",
        "www.northwind.io",
        ["500 Market St, Suite 200", "San Francisco, CA 94105"],
        "+14155550142",
    ),
    CardSpec(
        "Daniel Fischer",
        "Product Manager",
        "Brightline Health",
        "d.fischer@brightlinehealth.com",
        "+1 646 555 0123",
        "brightlinehealth.com",
        ["77 Hudson Street", "New York, NY 10013"],
        "+16465550123",
        layout="center",
        font="dejavu/DejaVuSerif",
        bold="dejavu/DejaVuSerif-Bold",
        rotate=2.0,
        jpeg_quality=70,
    ),
    CardSpec(
        "Aiko Tanaka",
        "UX Research Lead",
        "Lumen Labs",
        "aiko@lumenlabs.dev",
        "M: 415.555.0199",
        "www.lumenlabs.dev",
        ["1 Ferry Building", "San Francisco, CA 94111"],
        "+14155550199",
        layout="columns",
        dark=True,
    ),
    CardSpec(
        "Samuel Mensah",
        "Talent Acquisition Partner",
        "Harbor Logistics LLC",
        "samuel.mensah@harborlogistics.com",
        "(312) 555-0177",
        "www.harborlogistics.com",
        ["233 S Wacker Dr", "Chicago, IL 60606"],
        "+13125550177",
        font="dejavu/DejaVuSansMono",
        bold="dejavu/DejaVuSansMono-Bold",
        size=26,
        blur=0.8,
    ),
    CardSpec(
        "Priya Raman",
        "Director of Engineering",
        "Cobalt Robotics",
        "priya.raman@cobaltrobotics.com",
        "T +1 650 555 0110",
        "cobaltrobotics.com",
        ["150 Forest Ave", "Palo Alto, CA 94301"],
        "+16505550110",
        layout="center",
        dark=True,
        rotate=-2.5,
        jpeg_quality=70,
    ),
    CardSpec(
        "Tom Whitaker",
        "Software Developer",
        "Greenfield Analytics Ltd",
        "tom@greenfield-analytics.co.uk",
        "+44 20 7946 0958",
        "www.greenfield-analytics.co.uk",
        ["12 Curtain Road", "London EC2A 3LT"],
        "+442079460958",
        font="liberation/LiberationSans-Regular",
        bold="liberation/LiberationSans-Bold",
    ),
    CardSpec(
        "Elena Petrova",
        "Marketing Specialist",
        "Vantage Media Group",
        "elena.petrova@vantagemedia.com",
        "Phone: 212-555-0100",
        "www.vantagemedia.com",
        ["350 Fifth Avenue, Floor 21", "New York, NY 10118"],
        "+12125550100",
        layout="columns",
        font="dejavu/DejaVuSerif",
        bold="dejavu/DejaVuSerif-Bold",
        rotate=1.5,
        blur=0.6,
    ),
    CardSpec(
        "Jonas Becker",
        "Data Scientist",
        "Kraftwerk Energy GmbH",
        "jonas.becker@kraftwerk-energy.de",
        "+49 30 901820",
        "www.kraftwerk-energy.de",
        ["Friedrichstraße 68", "10117 Berlin"],
        "+4930901820",
        layout="center",
        font="liberation/LiberationSerif-Regular",
        bold="liberation/LiberationSerif-Bold",
        size=28,
        jpeg_quality=70,
    ),
    CardSpec(
        "Grace Liu",
        "Engineering Manager",
        "Tidewater Bank",
        "grace.liu@tidewaterbank.com",
        "Mobile: (206) 555-0188",
        "tidewaterbank.com",
        ["1201 Third Ave", "Seattle, WA 98101"],
        "+12065550188",
        layout="left",
        dark=True,
        size=32,
        rotate=3.0,
    ),
    CardSpec(
        "Carlos Mendoza",
        "Solutions Architect",
        "Summit Cloud Systems",
        "carlos.mendoza@summitcloud.io",
        "(737) 555-0134",
        "www.summitcloud.io",
        ["600 Congress Ave", "Austin, TX 78701"],
        "+17375550134",
        layout="columns",
        font="dejavu/DejaVuSansCondensed",
        bold="dejavu/DejaVuSansCondensed-Bold",
        jpeg_quality=70,
        blur=0.5,
    ),
    CardSpec(
        "Hannah Cohen",
        "Associate Professor",
        "Riverside University",
        "hcohen@riverside.edu",
        "+1 951 555 0161",
        "www.riverside.edu",
        ["900 University Ave", "Riverside, CA 92521"],
        "+19515550161",
        layout="center",
        font="liberation/LiberationSans-Regular",
        bold="liberation/LiberationSans-Bold",
        size=26,
        rotate=-1.5,
    ),
    CardSpec(
        "Kwame Asante",
        "Operations Coordinator",
        "Meridian Foundation",
        "kwame.asante@meridianfoundation.org",
        "Tel. 617-555-0145",
        "meridianfoundation.org",
        ["45 Milk Street", "Boston, MA 02109"],
        "+16175550145",
        font="dejavu/DejaVuSerif",
        bold="dejavu/DejaVuSerif-Bold",
        dark=True,
        blur=0.7,
        jpeg_quality=70,
        rotate=-3.0,
    ),
]


LAYOUT_CARDS = [
    CardSpec(
        "Nadia Brooks",
        "Staff Software Engineer",
        "Quarry Point Systems",
        "nadia.brooks@quarrypoint.com",
        "T +1 503 555 0126",
        "www.quarrypoint.com",
        ["820 SW Main St", "Portland, OR 97205"],
        "+15035550126",
        labels={"website": "W", "email": "E"},
        logo="QUARRY",
        font="liberation/LiberationSansNarrow-Regular",
        bold="liberation/LiberationSansNarrow-Bold",
    ),
    CardSpec(
        "Omar Haddad",
        "Recruiting Manager",
        "Bluepeak Ventures",
        "omar@bluepeak.vc",
        "(720) 555-0163",
        "bluepeak.vc",
        ["1600 Wynkoop St", "Denver, CO 80202"],
        "+17205550163",
        layout="grid",
        labels={"website": "Web"},
        email_and_phone_one_line=True,
        logo="BP",
        font="liberation/LiberationMono-Regular",
        bold="liberation/LiberationMono-Bold",
        size=26,
    ),
    CardSpec(
        "Lucia Romero",
        "Research Scientist",
        "Helix Biotherapeutics",
        "lucia.romero@helixbio.com",
        "+1 858 555 0107",
        "helixbio.com",
        ["3030 Bunker Hill St", "San Diego, CA 92109"],
        "+18585550107",
        layout="center",
        labels={"website": "www", "email": "E:"},
        email_and_phone_one_line=True,
        logo="HELIX",
        dark=True,
        font="dejavu/DejaVuSerifCondensed",
        bold="dejavu/DejaVuSerifCondensed-Bold",
        rotate=1.0,
        jpeg_quality=70,
    ),
    CardSpec(
        "Ben Carter",
        "Account Executive",
        "Lakeshore Freight Inc.",
        "ben.carter@lakeshorefreight.com",
        "M 312-555-0190",
        "lakeshorefreight.com",
        ["401 N Michigan Ave", "Chicago, IL 60611"],
        "+13125550190",
        layout="grid",
        labels={"website": "W:"},
        logo="LAKESHORE",
        font="dejavu/DejaVuSans-Oblique",
        bold="dejavu/DejaVuSans-BoldOblique",
        blur=0.5,
    ),
]


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(f"{FONTS}/{name}.ttf", size)


def render(spec: CardSpec) -> Image.Image:
    """The card as a 1050×600 image (3.5×2 in at 300 dpi), distorted as the spec says."""
    background, ink = ("#1d2b3a", "#f4efe6") if spec.dark else ("#fdfcf8", "#202020")
    image = Image.new("RGB", (1050, 600), background)
    draw = ImageDraw.Draw(image)
    name_font, body = _font(spec.bold, spec.size * 2), _font(spec.font, spec.size)
    head = [(spec.full_name, name_font), (spec.title, body), (spec.organization, body)]
    labelled = {
        key: f"{spec.labels[key]} {value}" if key in spec.labels else value
        for key, value in (("email", spec.email), ("phone", spec.phone), ("website", spec.website))
    }
    details = [labelled["email"], labelled["phone"]]
    if spec.email_and_phone_one_line:
        details = [f"{labelled['email']}   {labelled['phone']}"]
    contact = [*details, labelled["website"], *spec.address]
    step = int(spec.size * 1.55)
    top = 55
    if spec.logo:  # top right; above the lines on a centered card
        logo_font = _font(spec.bold, int(spec.size * 2.4))
        width = draw.textlength(spec.logo, font=logo_font)
        centered = spec.layout == "center"
        draw.text(
            ((1050 - width) / 2 if centered else 1000 - width, 25),
            spec.logo,
            font=logo_font,
            fill=ink,
        )
        top += int(spec.size * 2.4) if centered else 0
    if spec.layout == "grid":
        # Name block at the top left, the details in two columns along the bottom.
        _lines(draw, head, x=60, y=50, step=step, ink=ink)
        small = _font(spec.font, int(spec.size * 0.85))
        half = (len(contact) + 1) // 2
        _lines(draw, [(t, small) for t in contact[:half]], x=60, y=380, step=step, ink=ink)
        _lines(draw, [(t, small) for t in contact[half:]], x=560, y=380, step=step, ink=ink)
    elif spec.layout == "columns":
        # Name on the left, details on the right, each column clear of the other.
        head[0] = (spec.full_name, _font(spec.bold, int(spec.size * 1.6)))
        small = _font(spec.font, int(spec.size * 0.9))
        right = max(560, int(1010 - max(draw.textlength(t, font=small) for t in contact)))
        _lines(draw, head, x=60, y=150, step=int(spec.size * 1.9), ink=ink)
        _lines(draw, [(t, small) for t in contact], x=right, y=150, step=step, ink=ink)
    else:
        lines = [*head, ("", body), *((t, body) for t in contact)]
        _lines(draw, lines, x=60, y=top, step=step, ink=ink, center=spec.layout == "center")
    if spec.rotate:
        image = image.rotate(
            spec.rotate, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=background
        )
    if spec.blur:
        image = image.filter(ImageFilter.GaussianBlur(spec.blur))
    return image


def _lines(
    draw: ImageDraw.ImageDraw,
    lines: list[tuple[str, ImageFont.FreeTypeFont]],
    *,
    x: int,
    y: int,
    step: int,
    ink: str,
    center: bool = False,
) -> None:
    for text, font in lines:
        if text:
            left = (1050 - draw.textlength(text, font=font)) / 2 if center else x
            draw.text((left, y), text, font=font, fill=ink)
        y += int(font.size * 1.35) if font.size > step else step


def card_bytes(spec: CardSpec) -> bytes:
    """The card encoded as a phone would send it: JPEG (at the spec's quality) or PNG."""
    buffer = io.BytesIO()
    image = render(spec)
    if spec.jpeg_quality:
        image.save(buffer, "JPEG", quality=spec.jpeg_quality)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


def png_bytes(size: tuple[int, int] = (120, 80), color: str = "white") -> bytes:
    """A small plain PNG, for upload tests that don't need text."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()
