"""Who pointed Sam to whom, and notes on people kept outside any conversation."""

from __future__ import annotations

from coffeechat.demo.data import (
    Intro,
)

INTRODUCTIONS = [
    Intro(
        "Noah Goldberg",
        "Elena Vasquez",
        "d-140",
        "Noah introduced me to Elena at a Civic Signal project night.",
    ),
    Intro(
        "Rachel Stein",
        "Destiny Howard",
        "d-80",
        "Rachel thought Destiny's data-volunteer program would be a good first project.",
    ),
    Intro(
        "Sofia Romano",
        "Andre Thompson",
        "d-50",
        "Sofia said to mention her name when I write to Andre.",
    ),
    Intro(
        "Alan Mercer",
        "Michael Grant",
        "d-40",
        "Prof. Mercer connected me with Michael (LSU IE '12) by email.",
    ),
    Intro(
        "Priya Natarajan",
        "Marcus Bell",
        "b-13",
        "After our catch-up Priya offered to introduce me to her director.",
    ),
    Intro(
        "Rosa Delgado",
        "Kevin O'Brien",
        "d-24",
        "Rosa suggested Kevin for the nuts and bolts of population-health reporting.",
    ),
    Intro(
        "Maria Esposito",
        "Beatriz Lima",
        "b-10",
        "Maria's evaluation partner at Keystone; email intro after our call.",
    ),
    Intro(
        "Ruth Abernathy",
        "Fatima Rahman",
        "b-9",
        "Ruth cc'd me to Fatima the evening after our coffee.",
    ),
    Intro(
        "Grace Liu", "Omar Haddad", "b-8", "Grace cc'd me to Omar the same afternoon we had lunch."
    ),
    Intro(
        "Maria Esposito",
        "Carlos Mendoza",
        "b-5",
        "Maria thought Carlos's two-person data team would be a realistic picture.",
    ),
    Intro(
        "Diego Alvarez",
        "Hana Yoshida",
        "d-5",
        "Diego introduced Hana for the analytics side of research questions.",
    ),
    Intro(
        "Caroline Brooks",
        "Luis Herrera",
        "d-4",
        "Caroline said Luis built the ridership dashboard she showed me.",
    ),
]

# Notes on people, outside any conversation --------------------------------------------------

PERSON_NOTES = [
    (
        "Ben Whitaker",
        "d-40@18:10",
        "Booth chat: analyst roles usually post in Q3, and the operations analytics team is "
        "Nadia Petrova's. He suggested writing to her directly.",
    ),
    (
        "Alan Mercer",
        "d-42@12:30",
        "Lunch on campus. He keeps a list of alumni in healthcare analytics and will send it. "
        "Reminded me my capstone on warehouse slotting is a good portfolio piece.",
    ),
    (
        "Jordan Blake",
        "d-21@20:00",
        "Mentoring night: cut my portfolio to three projects, each with a one-paragraph "
        "'so what' at the top. Offered to look at the next draft.",
    ),
    (
        "Terrence Vaughn",
        "d-30@17:45",
        "Told him I'm exploring analytics roles. He was supportive and offered to let me own the "
        "Q3 delivery-cost dashboard as a stretch project.",
    ),
]
