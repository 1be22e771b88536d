"""The demo's conversations from the meeting on: thank-you due, thanked, keeping in touch.

The rest, and THREADS in the order the builder replays them, are in data_threads.py.
"""

from __future__ import annotations

from coffeechat.demo.data import (
    Thread,
    booked,
    done,
    move,
    note,
    nurturing,
    remind,
    thanked,
)

MET_THREADS = [
    # Met: thank-you due --------------------------------------------------------------------
    Thread(
        "Kevin O'Brien",
        "How population health analysts turn claims and EHR data into outreach lists",
        [
            *booked(
                start_at="d-23@20:00",
                contacted="b-12@09:00",
                replied="b-10@15:00",
                booked_at="b-10@15:30",
                starts="b-1@15:00",
                mode="video",
            ),
            move("met", "b-1@15:35"),
            note(
                "b-1@16:05",
                "Video, 20 min. Trends: payers are pushing the clinics toward value-based "
                "contracts, so care-gap lists matter more than visit counts. Insight: about "
                "70% of his week is reconciling claims against EHR data; the dashboards are "
                "the easy part. Advice: get fluent with SQL window functions and practise "
                "explaining a measure definition to a nurse manager. Promised: send him my "
                "care-gap mock-up by Friday.",
            ),
            remind("Send Kevin the care-gap mock-up I promised", "d0@17:00"),
        ],
    ),
    Thread(
        "Helen Cho",
        "What epidemiologists and data analysts do differently at a state health department",
        [
            *booked(
                start_at="b-10@20:00",
                contacted="b-8@10:00",
                replied="b-7@08:00",
                booked_at="b-7@08:30",
                starts="b-2@12:00",
                mode="phone",
                minutes=30,
                place="Her desk line",
            ),
            move("met", "b-2@12:40"),
            note(
                "b-2@13:30",
                "Phone, 30 min. Analysts and epidemiologists are hired into different job "
                "series; an MPH helps but analysts don't need one. Surveillance data "
                "arrives late and messy: she spends Mondays chasing lab feeds. Advice: watch "
                "for 'Research Analyst' postings, which ask for a writing sample. She said "
                "I can mention her name to Victor Nguyen.",
            ),
        ],
    ),
    Thread(
        "Mei Tanaka",
        "How a mapping company decides which data visualizations to build for customers",
        [
            *booked(
                start_at="b-12@21:00",
                contacted="b-10@09:00",
                replied="b-9@17:00",
                booked_at="b-8@09:00",
                starts="b-1@10:00",
                mode="in_person",
                place="Openfield office, 12th floor",
            ),
            move("met", "b-1@10:45"),
            note(
                "b-1@11:30",
                "In person, 20 min plus a short office tour. Customers want 'less map, more "
                "answer': she turns maps into ranked lists more often than not. Designers and "
                "viz engineers pair on every feature; analysts who can prototype in a "
                "notebook are valued. Assignment: one small public project with real "
                "transit data, with a write-up of the trade-offs.",
            ),
            remind("Send Mei the bus-delay heat map I mentioned", "d+2@09:00"),
        ],
    ),
    # Thanked: report back on what you did with their advice ---------------------------------
    Thread(
        "Grace Liu",
        "How a PM at a routing software company works with data science",
        [
            *booked(
                start_at="b-16@20:00",
                contacted="b-14@09:00",
                replied="b-14@12:00",
                booked_at="b-13@09:00",
                starts="b-8@12:00",
                mode="in_person",
                place="Lunch at the deli on Wells St",
                minutes=45,
            ),
            *thanked(
                met="b-8@13:10",
                thanked_at="b-8@19:30",
                learned="Lunch. Routing PMs live in the trade-off between driver hours "
                "and on-time percentage; every feature gets a cost-per-stop estimate. "
                "Data science sits inside product, not in a separate org. She thinks my "
                "dispatch background is an asset for a PM/analytics hybrid role. "
                "Assignment: write a one-page case study of my routing-cost analysis. "
                "She offered to introduce me to Omar.",
            ),
        ],
    ),
    Thread(
        "Diego Alvarez",
        "How UX research findings make it into product decisions at Fieldnote",
        [
            *booked(
                start_at="d-24@20:00",
                contacted="b-12@09:00",
                replied="b-11@10:00",
                booked_at="b-11@10:30",
                starts="b-6@16:00",
                mode="video",
                minutes=25,
            ),
            *thanked(
                met="b-6@16:35",
                thanked_at="b-6@20:00",
                learned="Findings survive when they come with a decision the PM can "
                "make this sprint. He pairs every study with a product analytics query "
                "so both kinds of evidence show up together. Advice: practise one-page "
                "research readouts (he shared their template). Offered to introduce me "
                "to Hana for the analytics side.",
            ),
        ],
    ),
    Thread(
        "Laura Chen",
        "How data scientists at a health tech company work with clinicians",
        [
            *booked(
                start_at="b-20@20:00",
                contacted="b-18@09:00",
                replied="b-17@09:30",
                booked_at="b-17@10:00",
                starts="b-12@08:00",
                mode="in_person",
                place="Coffee by CareLoop's office",
                minutes=30,
            ),
            *thanked(
                met="b-12@08:40",
                thanked_at="b-11@08:30",
                learned="Clinicians trust a model when they helped choose the outcome "
                "it predicts. Most of her time goes to feature definitions with nurses, "
                "not modelling. Advice: learn basic survival analysis, and be able to "
                "explain a confusion matrix to a non-technical audience. She'll keep me "
                "in mind if an analyst role opens.",
            ),
        ],
    ),
    Thread(
        "Michael Grant",
        "Whether consulting is a good path into healthcare analytics, and "
        "what the first two years are like",
        [
            *booked(
                start_at="d-38@20:00",
                contacted="b-15@09:00",
                replied="b-14@09:00",
                booked_at="b-14@09:30",
                starts="b-9@17:30",
                mode="video",
            ),
            *thanked(
                met="b-9@17:55",
                thanked_at="b-9@21:00",
                learned="First two years: about 60% data wrangling, light travel. "
                "Staffing is project by project, so breadth comes fast and depth is "
                "harder. Advice: take one claims-data course before applying. Their "
                "case interview hands you a messy dataset and 45 minutes.",
            ),
        ],
    ),
    Thread(
        "Patrick Nolan",
        "How a home care agency schedules nurses, and where analytics helps",
        [
            *booked(
                start_at="b-8@19:00",
                contacted="b-6@19:00",
                replied="b-6@20:00",
                booked_at="b-6@20:10",
                starts="b-3@18:00",
                mode="in_person",
                place="His porch, coffee",
                minutes=30,
                confirmed=False,
            ),
            *thanked(
                met="b-3@18:40",
                thanked_at="b-2@08:00",
                learned="Nurse scheduling is their biggest operations headache: "
                "spreadsheets plus a paging system. Visits per nurse per day is the "
                "number everyone watches. He'd welcome a volunteer look at anonymised "
                "visit-routing data; this could be my portfolio project.",
            ),
        ],
    ),
    Thread(
        "Maria Esposito",
        "How a food-security nonprofit measures whether its programs work",
        [
            *booked(
                start_at="d-28@20:00",
                contacted="b-15@09:00",
                replied="b-14@09:00",
                booked_at="b-14@09:15",
                starts="b-10@11:00",
                mode="video",
            ),
            *thanked(
                met="b-10@11:30",
                thanked_at="b-10@17:00",
                learned="Outcomes come from a yearly household survey plus pantry visit "
                "data. Funders ask for outcomes but most reports are still outputs; she's "
                "changing that. Advice: the gap in nonprofits is data storytelling for "
                "boards. She offered intros to Beatriz (Keystone) and Carlos (Northside).",
            ),
        ],
    ),
    Thread(
        "Ruth Abernathy",
        "How climate policy nonprofits use data in their advocacy",
        [
            *booked(
                start_at="d-26@20:00",
                contacted="b-14@09:00",
                replied="b-13@12:00",
                booked_at="b-13@12:30",
                starts="b-9@08:30",
                mode="in_person",
                place="Coffee near her office",
            ),
            *thanked(
                met="b-9@09:00",
                thanked_at="b-9@18:00",
                learned="Their advocacy data is tree canopy and heat complaints by ward, "
                "analysed mostly by volunteers. Trend: city climate plans now require "
                "equity metrics, so nonprofits need analysts who can explain them. She "
                "introduced me to Fatima at Sunrise Grid.",
            ),
        ],
    ),
    # Keeping in touch -----------------------------------------------------------------------
    Thread(
        "Priya Natarajan",
        "How product analysts at a B2B analytics company spend their week",
        [
            *booked(
                start_at="b-78@20:00",
                contacted="b-74@19:00",
                contacted_on="b-75",
                replied="b-74@21:00",
                booked_at="b-73@09:00",
                starts="b-70@12:00",
                mode="video",
            ),
            *thanked(
                met="b-70@12:30",
                thanked_at="b-70@19:00",
                learned="Product analysts own one product area end to end, with a weekly "
                "metric review alongside the PM. Surprise: most of the job is writing, "
                "defining metrics and explaining why they moved. Advice: build a "
                "portfolio project on a public dataset and write the memo, not only "
                "the dashboard.",
            ),
            *nurturing(reported="b-63@20:00", since="b-61@09:00"),
            done("keep_in_touch", "d-27@19:00"),
            note(
                "d-27@19:10",
                "Sent Priya an article on metric trees she'd like. She said "
                "Marcus is growing the team later this year and offered to introduce me.",
            ),
        ],
    ),
    Thread(
        "Rosa Delgado",
        "How quality improvement teams at a community health center use data",
        [
            *booked(
                start_at="b-64@20:00",
                contacted="b-60@09:00",
                replied="b-59@12:00",
                booked_at="b-59@12:30",
                starts="b-53@10:00",
                mode="in_person",
                place="Lakeview clinic, 2nd floor",
                minutes=30,
            ),
            *thanked(
                met="b-53@10:40",
                thanked_at="b-52@09:00",
                learned="QI runs improvement cycles on screening rates; a three-person "
                "data team supports six clinics. Advice: volunteer on a health-center "
                "data project. She offered to ask about an unpaid project.",
            ),
            *nurturing(reported="d-61@19:00", since="d-59@09:00"),
        ],
    ),
    Thread(
        "Sofia Romano",
        "What it's like to be an analyst in city government",
        [
            *booked(
                start_at="b-57@20:00",
                contacted="b-54@09:00",
                replied="b-53@09:00",
                booked_at="b-53@09:30",
                starts="b-48@12:00",
                mode="video",
            ),
            *thanked(
                met="b-48@12:25",
                thanked_at="b-48@18:00",
                learned="Analyst II week: 40% ad hoc requests from council offices, 30% "
                "dashboards, 30% cleaning. Hiring: apply to the posting, then a scored "
                "skills test. She suggested writing to Andre and mentioning her.",
            ),
            *nurturing(reported="d-56@19:00", since="d-54@09:00"),
        ],
    ),
    Thread(
        "Imani Jackson",
        "How a library system measures whether its digital services help",
        [
            *booked(
                start_at="b-37@20:00",
                contacted="b-36@09:00",
                replied="b-36@12:00",
                booked_at="b-36@12:10",
                starts="b-32@17:30",
                mode="in_person",
                place="Central library café",
            ),
            *thanked(
                met="b-32@18:00",
                thanked_at="b-32@21:00",
                learned="They count e-book loans and wifi sessions but can't say whether "
                "the tech-help desk changes anything for patrons. She asked if I'd help "
                "design a simple evaluation as a volunteer.",
            ),
            *nurturing(reported="d-32@19:00", since="d-30@09:00"),
        ],
    ),
    Thread(
        "Elena Vasquez",
        "How civic-tech nonprofits run volunteer data projects",
        [
            *booked(
                start_at="b-91@20:00",
                contacted="b-90@09:00",
                replied="b-89@10:00",
                booked_at="b-89@10:30",
                starts="b-85@18:00",
                mode="video",
            ),
            *thanked(
                met="b-85@18:25",
                thanked_at="b-85@21:00",
                learned="Eight-week projects with a city partner; the volunteer 'data "
                "lead' role is a strong portfolio builder. Applications for the spring "
                "cohort open next month.",
            ),
            *nurturing(reported="d-112@19:00", since="d-110@09:00"),
            done("keep_in_touch", "d-52@20:00"),
            note(
                "d-52@20:05",
                "Shared the write-up from my Civic Signal project; she asked to "
                "feature it in their newsletter.",
            ),
        ],
    ),
    Thread(
        "Rachel Stein",
        "How other career changers from operations moved into analytics",
        [
            *booked(
                start_at="b-72@20:00",
                contacted="b-71@09:00",
                replied="b-71@11:00",
                booked_at="b-71@11:10",
                starts="b-68@14:00",
                mode="in_person",
                place="LSU career center",
                minutes=30,
            ),
            *thanked(
                met="b-68@14:35",
                thanked_at="b-68@19:00",
                learned="Career changers who landed analytics roles mostly did one "
                "visible project and one short course. Advice: build the target list "
                "around employers where operations knowledge counts: healthcare, "
                "logistics, public sector.",
            ),
            *nurturing(reported="d-82@19:00", since="d-80@09:00"),
            done("keep_in_touch", "d-23@19:00"),
        ],
    ),
    Thread(
        "Destiny Howard",
        "What a college-access nonprofit needs from data volunteers",
        [
            *booked(
                start_at="b-52@20:00",
                contacted="b-50@09:00",
                replied="b-48@09:00",
                booked_at="b-48@09:30",
                starts="b-43@16:00",
                mode="video",
            ),
            *thanked(
                met="b-43@16:25",
                thanked_at="b-43@20:00",
                learned="They track student persistence in spreadsheets and want a simple "
                "cohort dashboard. She offered me a volunteer role for the fall cohort.",
            ),
            *nurturing(reported="d-47@19:00", since="d-45@09:00"),
        ],
    ),
]
