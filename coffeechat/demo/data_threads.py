"""The demo's conversations, one `Thread` per person, as steps the builder replays through
the services (the step language is in data.py). Those that reached a meeting are in
data_threads_met.py.
"""

from __future__ import annotations

from coffeechat.demo.data import (
    Thread,
    booked,
    dismiss,
    done,
    follow_up,
    move,
    note,
    remind,
    start,
    unanswered,
)
from coffeechat.demo.data_threads_met import MET_THREADS

WAITING_THREADS = [
    # Identified: the target list, not yet contacted ------------------------------------------
    Thread(
        "Tomás Reyes",
        "How customer insights analysts and UX researchers split the work at Fieldnote",
        [start("d-1@21:30")],
    ),
    Thread(
        "Yasmin Farouk",
        "What health informatics work looks like in a pediatrics network",
        [start("d-12@19:05")],
    ),
    Thread(
        "Monique Price",
        "How program evaluation is done in behavioral health, and which skills it takes",
        [start("d-8@20:40")],
    ),
    Thread(
        "Julia Weiss",
        "Whether healthcare analytics consulting is a good bridge from operations",
        [start("d-3@12:15")],
    ),
    Thread(
        "Henry Adeyemi",
        "How a community development bank uses data to decide where to lend",
        [start("d-15@18:30")],
    ),
    Thread(
        "Darnell Hughes",
        "What an institutional research office does with student data",
        [start("d-20@21:00")],
    ),
    Thread(
        "Jorge Castillo", "How data reporters find and clean public datasets", [start("d-6@22:10")]
    ),
    Thread(
        "Anna Kovacs",
        "How a seed-stage climate startup builds its first data team",
        [start("d-4@20:00")],
    ),
    Thread(
        "Isaac Turner",
        "Which operations problems a circular-packaging startup is trying to solve",
        [start("d-10@19:45")],
    ),
    Thread(
        "Simone Adler",
        "What a data strategy engagement looks like day to day",
        [start("d-2@18:20")],
    ),
    Thread(
        "Luis Herrera",
        "How transit agencies use ridership data to plan service changes",
        [start("d-4@16:30")],
    ),
    Thread(
        "Hana Yoshida",
        "How UX research and product analytics answer one question together",
        [start("d-5@10:00")],
    ),
    # Contacted: waiting on a reply (the 3B7 timers are running) -------------------------------
    Thread(
        "Lena Kowalski",
        "How product managers at a small SaaS company decide what to build next",
        [start("b-6@20:30"), move("contacted", "b-4@20:15", on="b-5")],
    ),
    Thread(
        "Arjun Mehta",
        "What a revenue cycle analyst does and how the role connects to operations",
        [start("b-5@19:00"), move("contacted", "b-3@07:50")],
    ),
    Thread(
        "Owen Fitzgerald",
        "How market research firms are starting to use product analytics data",
        [start("b-3@21:00"), move("contacted", "b-1@09:40")],
    ),
    Thread(
        "Alicia Moreno",
        "How claims analytics teams measure and shorten turnaround time",
        [start("d-3@20:00"), move("contacted", "now-3h")],
    ),
    Thread(
        "Aisha Coleman",
        "What analytics looks like at a fully remote shipping startup",
        [start("b-9@20:00"), move("contacted", "b-7@08:30"), done("try_another", "b-4@10:00")],
    ),
    Thread(
        "Ryan Park",
        "How analytics engineers and analysts divide the work on a small data team",
        [start("b-4@09:50"), move("contacted", "b-4@10:05"), dismiss("try_another", "b-1@12:00")],
    ),
    Thread(
        "Victor Nguyen",
        "How a state health department is modernizing its data systems",
        [start("b-11@20:00"), move("contacted", "b-9@09:15"), done("try_another")],
    ),
    Thread(
        "Daniel Osei",
        "How product analytics works at a patient-messaging health tech company",
        [
            start("d-20@21:00"),
            move("contacted", "b-9@08:45"),
            done("try_another"),
            follow_up("b-2@08:40"),
        ],
    ),
    Thread(
        "Zoe Fischer",
        "How learning-analytics PMs decide which metrics matter",
        [start("d-25@19:30"), move("contacted", "b-12@09:00"), follow_up("b-5@08:30")],
    ),
    Thread(
        "Carlos Mendoza",
        "How a housing nonprofit measures impact with a two-person data team",
        [start("b-5@14:00"), move("contacted", "b-2@08:45")],
    ),
    Thread(
        "Tanya Ellison",
        "How a credit union turns member feedback into product changes",
        [start("b-4@21:00"), move("contacted", "b-2@16:20")],
    ),
    Thread(
        "Fatima Rahman",
        "What an energy programs analyst does at a community-solar co-op",
        [start("b-8@20:00"), move("contacted", "b-6@08:55"), done("try_another", "b-3@08:40")],
    ),
    # Replied: they said yes; answer within 24 hours and offer times -----------------------------
    Thread(
        "Nadia Petrova",
        "How operations analytics supports a robotics hardware team",
        [
            start("d-12@20:00"),
            move("contacted", "b-4@09:00"),
            move("replied", "d-1@17:40", on="d-1"),
        ],
    ),
    Thread(
        "Andre Thompson",
        "What a city data office does day to day, and how analysts get hired there",
        [
            start("b-8@19:00"),
            move("contacted", "b-6@08:30"),
            done("try_another"),
            move("replied", "now-2h"),
        ],
    ),
    Thread(
        "Lucas Meyer",
        "How emissions-accounting software teams talk to customers about data quality",
        [
            start("d-18@21:00"),
            move("contacted", "b-8@08:40"),
            done("try_another"),
            move("replied", "d-3@16:00"),
        ],
    ),
    Thread(
        "Dominic Ferreira",
        "How a water utility uses asset data to plan repairs",
        [start("b-4@20:30"), move("contacted", "b-2@10:00"), move("replied", "d0@08:15")],
    ),
    # Scheduled: a time is agreed -----------------------------------------------------------
    Thread(
        "Kai Nakamura",
        "How a climate nonprofit uses data to push for greener corridors",
        booked(
            start_at="b-9@20:00",
            contacted="b-7@09:00",
            replied="b-6@14:00",
            booked_at="b-6@14:30",
            starts="today-soon",
            mode="video",
            place="Video link in the invite",
        ),
    ),
    Thread(
        "Omar Haddad",
        "How a logistics software company's data science team picks its problems",
        booked(
            start_at="b-8@16:00",
            contacted="b-7@08:30",
            replied="b-6@11:00",
            booked_at="b-5@09:00",
            starts="b+1@10:00",
            mode="video",
            place="Video link from Omar",
            confirmed=False,
        ),
    ),
    Thread(
        "Marcus Bell",
        "What Brightwater's analytics director looks for when growing the team",
        [
            *booked(
                start_at="b-12@20:00",
                contacted="b-10@09:00",
                replied="b-9@13:00",
                booked_at="b-2@10:00",
                starts="w+1/1@11:30",
                mode="in_person",
                place="Brightwater office, 4th-floor lobby",
                minutes=30,
                confirmed=False,
            ),
            remind("Print the one-page routing-cost case study to bring to Marcus", "w+1/0@18:00"),
        ],
    ),
    Thread(
        "Chloe Martin",
        "How PMs at CareLoop use patient-experience data to prioritize",
        booked(
            start_at="b-8@19:00",
            contacted="b-6@09:00",
            replied="b-5@13:00",
            booked_at="b-4@16:00",
            starts="w+1/2@08:30",
            mode="in_person",
            place="Coffee near her office (Kinzie & Wells)",
            confirmed=False,
        ),
    ),
    Thread(
        "Caroline Brooks",
        "How service planners balance ridership data with equity goals",
        booked(
            start_at="b-10@20:00",
            contacted="b-8@09:30",
            replied="b-5@12:00",
            booked_at="b-3@12:00",
            starts="w+1/3@12:15",
            mode="phone",
            place="She'll call my cell",
            confirmed=False,
        ),
    ),
    Thread(
        "Eli Brennan",
        "How a community-solar co-op forecasts demand and sizes projects",
        booked(
            start_at="b-4@19:00",
            contacted="b-3@09:00",
            replied="b-2@10:30",
            booked_at="b-2@11:00",
            starts="b+2@15:00",
            mode="video",
            confirmed=False,
        ),
    ),
    Thread(
        "Beatriz Lima",
        "What evaluation consulting for nonprofits involves, and how people break in",
        booked(
            start_at="b-9@20:00",
            contacted="b-8@09:00",
            replied="b-6@15:00",
            booked_at="b-1@15:00",
            starts="w+2/1@10:00",
            mode="video",
            minutes=30,
            confirmed=False,
        ),
    ),
]

CLOSED_THREADS = [
    # Closed: no reply after the single follow-up ----------------------------------------------
    Thread(
        "Samantha Greene",
        "How clinical data managers keep EHR data clean enough for reporting",
        [
            *unanswered(
                start_at="d-45@20:00",
                contacted="b-25@09:00",
                nudged="b-18@08:30",
                closed="b-15@09:40",
            ),
            note("b-15@09:45", "No answer after the follow-up. Try Arjun at Northbridge instead."),
        ],
    ),
    Thread(
        "Tom Lindqvist",
        "How a water utility plans pipe replacement with patchy data",
        unanswered(
            start_at="d-50@20:00", contacted="b-30@09:00", nudged="b-23@08:30", closed="b-20@10:00"
        ),
    ),
    Thread(
        "Robert Kim",
        "How data teams at a mid-size insurer are structured",
        unanswered(
            start_at="d-28@20:00", contacted="b-14@09:00", nudged="b-7@08:30", closed="b-4@09:35"
        ),
    ),
    Thread(
        "Jenna Morales",
        "How a logistics software company's analytics team supports sales",
        unanswered(
            start_at="d-60@20:00", contacted="b-35@09:00", nudged="b-28@08:30", closed="b-24@09:30"
        ),
    ),
    # Closed: declined ------------------------------------------------------------------------
    Thread(
        "Gabriel Santos",
        "How a BI team at a multi-specialty practice supports clinic managers",
        [
            start("d-30@20:00"),
            move("contacted", "b-16@09:00"),
            move("replied", "b-14@11:00"),
            move("declined", "b-14@11:05"),
            note(
                "b-14@11:10",
                "Kind reply: the team is mid-migration to a new EHR and has no "
                "time until summer. He offered to reconnect in June.",
            ),
        ],
    ),
    Thread(
        "Sanjay Rao",
        "What strategy consultants look for in people with operations backgrounds",
        [
            start("b-12@20:00"),
            move("contacted", "b-10@09:00"),
            move("declined", "b-8@14:00"),
            note(
                "b-8@14:05",
                "Northpoint routes all such requests through recruiting; he "
                "pointed me to their campus events page. Simone might be a warmer route.",
            ),
        ],
    ),
    Thread(
        "Sophie Laurent",
        "How climate investors judge operations at early-stage companies",
        [
            start("b-20@20:00"),
            move("contacted", "b-18@09:00"),
            move("replied", "b-16@10:00"),
            move("declined", "b-15@09:00"),
            note(
                "b-15@09:05",
                "Travelling for fundraising through next month. She suggested "
                "their annual impact report instead.",
            ),
        ],
    ),
]

THREADS = [*WAITING_THREADS, *MET_THREADS, *CLOSED_THREADS]
