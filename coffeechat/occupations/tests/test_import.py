from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from coffeechat.lib.testing.onet import (
    DATA_SCIENTISTS,
    PASTRY,
    SAMPLE,
    SOFTWARE,
    load_sample,
    sample_copy,
    zipped,
)
from coffeechat.occupations import onet, services
from coffeechat.occupations.models import (
    AlternateTitle,
    Occupation,
    Rating,
    RelatedOccupation,
    Release,
    Task,
)
from coffeechat.occupations.onet import OnetProblem

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, int | str]:
    release = Release.objects.get()
    return {
        "release": f"{release.version} {release.imported_at}",
        **{
            model.__name__: model.objects.count()
            for model in (Occupation, AlternateTitle, Task, Rating, RelatedOccupation)
        },
    }


def rewrite(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# What a good release gives ------------------------------------------------------------------------


def test_it_loads_the_release_folder_and_reports_each_file() -> None:
    out = io.StringIO()

    call_command("import_onet", str(SAMPLE), stdout=out)

    report = out.getvalue()
    assert "Occupation Data.txt: 6 occupations" in report
    assert (
        "Skills.txt: 21 skill ratings; 2 left out (Recommend Suppress = Y); 1 left out "
        "(Not Relevant = Y)" in report
    )
    assert (
        "Task Statements.txt: 15 tasks; 1 left out (occupation not in Occupation Data.txt)"
        in report
    )
    assert "Loaded O*NET 30.1 from db_30_1_text." in report
    release = Release.objects.get()
    assert release.version == "30.1"
    assert release.counts["Occupation Data.txt"] == 6


def test_it_keeps_each_occupations_zone_interests_tasks_and_ratings() -> None:
    load_sample()

    scientists = Occupation.objects.get(code=DATA_SCIENTISTS)
    assert scientists.title == "Data Scientists"
    assert scientists.job_zone == 5
    assert scientists.interest_code == "ICE"
    assert scientists.interests["I"] == 7.0
    assert Occupation.objects.get(code=PASTRY).job_zone is None
    assert Occupation.objects.get(code=SOFTWARE).interest_code == "IC"  # third high point 0
    kinds = dict(Task.objects.filter(occupation=scientists).values_list("task_id", "kind"))
    assert kinds == {90001: "core", 90002: "core", 90003: "core", 90004: "supplemental", 90005: ""}
    assert not Rating.objects.filter(name="Social Perceptiveness").exists()  # suppressed
    assert not Rating.objects.filter(
        occupation_id=PASTRY, name="Programming", scale="LV"
    ).exists()  # not relevant
    assert (
        AlternateTitle.objects.get(title="Machine Learning Engineer").short_title == "ML Engineer"
    )
    assert AlternateTitle.objects.get(title="Data Scientist").short_title == ""  # "n/a"


def test_it_loads_the_published_zip(tmp_path: Path) -> None:
    archive = zipped(sample_copy(tmp_path), tmp_path / "db_30_1_text.zip")

    release, lines = services.import_release(path=archive)

    assert release.version == "30.1"
    assert release.source == "db_30_1_text.zip"
    assert Occupation.objects.count() == 6
    assert lines[0] == "Occupation Data.txt: 6 occupations"


def test_it_replaces_the_data_on_a_second_import(tmp_path: Path) -> None:
    load_sample()
    folder = sample_copy(tmp_path, "db_30_2_text")
    rewrite(folder, "Occupation Data.txt", "Pastry Chefs", "Pastry Cooks")

    services.import_release(path=folder)
    services.import_release(path=folder)

    assert Release.objects.get().version == "30.2"
    assert Occupation.objects.get(code=PASTRY).title == "Pastry Cooks"
    assert Occupation.objects.count() == 6
    assert Task.objects.count() == 15


def test_it_reads_the_version_from_read_me_or_the_option(tmp_path: Path) -> None:
    folder = sample_copy(tmp_path, "onet")

    release, _ = services.import_release(path=folder)
    assert release.version == "30.1"  # "O*NET 30.1 Database" in Read Me.txt

    (folder / "Read Me.txt").unlink()
    with pytest.raises(OnetProblem, match="pass --release 30.1"):
        services.import_release(path=folder)
    release, _ = services.import_release(path=folder, version="30.3")
    assert release.version == "30.3"


def test_it_takes_quotes_a_spreadsheet_added_and_a_byte_order_mark(tmp_path: Path) -> None:
    folder = sample_copy(tmp_path)
    rewrite(folder, "Occupation Data.txt", "\tPastry Chefs\t", '\t"Chefs, Pastry"\t')
    jobs = folder / "Job Zones.txt"
    jobs.write_bytes(b"\xef\xbb\xbf" + jobs.read_bytes())

    services.import_release(path=folder)

    assert Occupation.objects.get(code=PASTRY).title == "Chefs, Pastry"
    assert Occupation.objects.get(code=DATA_SCIENTISTS).job_zone == 5


# What a bad release gives: a clear error, and the data from before untouched --------------------

BROKEN = [
    ("missing file", lambda f: (f / "Job Zones.txt").unlink(), "The release has no Job Zones.txt"),
    (
        "missing column",
        lambda f: rewrite(f, "Skills.txt", "\tScale ID\t", "\tScale\t"),
        "Skills.txt has no column Scale ID",
    ),
    (
        "bad number",
        lambda f: rewrite(f, "Knowledge.txt", "\t4.60\t", "\tfour\t"),
        "Knowledge.txt, line 2: Data Value should be a number",
    ),
    (
        "bad code",
        lambda f: rewrite(f, "Task Statements.txt", "99-0002.00", "99-2"),
        "Task Statements.txt, line 7: “99-2” in O\\*NET-SOC Code isn't an O\\*NET-SOC code",
    ),
    (
        "bad job zone",
        lambda f: rewrite(f, "Job Zones.txt", "\t3\t", "\t9\t"),
        "Job Zones.txt, line 6: Job Zone should be 1 to 5",
    ),
    (
        "missing tab",
        lambda f: rewrite(f, "Related Occupations.txt", "\tPrimary-Long\t3", "\tPrimary-Long 3"),
        "Related Occupations.txt, line 4: 3 fields where the header has 4",
    ),
    (
        "duplicate",
        lambda f: rewrite(f, "Occupation Data.txt", "99-0006.00", "99-0005.00"),
        "Occupation Data.txt, line 7: 99-0005.00 appears twice",
    ),
    (
        "bad encoding",
        lambda f: (f / "Alternate Titles.txt").write_bytes(
            (f / "Alternate Titles.txt")
            .read_text()
            .replace("Pâtissier", "P\x00")
            .encode()
            .replace(b"\x00", b"\xe2\x74")
        ),
        "Alternate Titles.txt, line 16: this isn't UTF-8",
    ),
    (
        "utf-16",
        lambda f: (f / "Interests.txt").write_bytes(
            (f / "Interests.txt").read_text().encode("utf-16")
        ),
        "Interests.txt, line 1: this isn't UTF-8",
    ),
]


@pytest.mark.parametrize(("case", "damage", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_it_refuses_a_broken_release_and_keeps_the_data_it_had(
    case, damage, message, tmp_path: Path
) -> None:
    load_sample()
    before = snapshot()
    folder = sample_copy(tmp_path, "db_30_2_text")
    damage(folder)

    with pytest.raises(OnetProblem, match=message):
        services.import_release(path=folder)

    assert snapshot() == before


def test_the_command_says_nothing_was_imported(tmp_path: Path) -> None:
    folder = sample_copy(tmp_path)
    (folder / "Interests.txt").unlink()

    with pytest.raises(
        CommandError, match="Nothing was imported: The release has no Interests.txt"
    ):
        call_command("import_onet", str(folder), stdout=io.StringIO())

    assert not Occupation.objects.exists()


def test_it_refuses_a_zip_with_a_name_that_climbs_out(tmp_path: Path) -> None:
    load_sample()
    before = snapshot()
    archive = zipped(
        sample_copy(tmp_path), tmp_path / "db_30_2_text.zip", extra={"../../etc/cron.d/evil": b"x"}
    )

    with pytest.raises(OnetProblem, match="points outside its folder"):
        services.import_release(path=archive)

    assert snapshot() == before


def test_it_refuses_a_zip_bomb_before_inflating_it(tmp_path: Path) -> None:
    folder = sample_copy(tmp_path)
    (folder / "Skills.txt").unlink()
    archive = zipped(
        folder,
        tmp_path / "db_30_2_text.zip",
        extra={"db_30_1_text/Skills.txt": b"\0" * (5 * 2**20)},
    )

    with pytest.raises(OnetProblem, match="zip bomb"):
        services.import_release(path=archive)

    assert not Occupation.objects.exists()


def test_it_stops_reading_a_file_past_the_size_limit(tmp_path: Path, monkeypatch) -> None:
    # The limit is 64 MB; a smaller one here keeps the test fast. Folders are checked up front,
    # zips also while inflating (their headers may lie): the second check is tested on a zip
    # whose declared size we can't fake, so the stream limit is exercised directly.
    monkeypatch.setattr(onet, "MAX_FILE_BYTES", 600)
    folder = sample_copy(tmp_path)

    with pytest.raises(OnetProblem, match=r"\.txt is larger than 600 bytes"):
        services.import_release(path=folder)

    stream = onet._Capped(io.BytesIO(b"x" * 1000), "Knowledge.txt")
    with pytest.raises(OnetProblem, match="Knowledge.txt is larger than"):
        stream.read()


def test_it_refuses_something_that_isnt_a_zip(tmp_path: Path) -> None:
    fake = tmp_path / "db_30_1_text.zip"
    fake.write_bytes(b"this is not a zip")

    with pytest.raises(OnetProblem, match="damaged or not a zip file"):
        services.import_release(path=fake)
    with pytest.raises(OnetProblem, match="neither a zip file nor a folder"):
        services.import_release(path=tmp_path / "missing.zip")


def test_it_finds_the_files_at_the_top_of_a_zip_too(tmp_path: Path) -> None:
    archive = tmp_path / "db_30_1_text.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in SAMPLE.iterdir():
            out.write(file, file.name)

    services.import_release(path=archive)

    assert Occupation.objects.count() == 6
