"""The made-up O*NET release in onet_sample/ (see its README), loaded or copied for a test."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from coffeechat.occupations import services
from coffeechat.occupations.models import Release

SAMPLE = Path(__file__).parents[2] / "occupations" / "tests" / "onet_sample" / "db_30_1_text"
DATA_SCIENTISTS, SOFTWARE, MARKET, UX, NURSES, PASTRY = (f"99-000{n}.00" for n in range(1, 7))


def load_sample() -> Release:
    release, _ = services.import_release(path=SAMPLE)
    return release


def sample_copy(tmp_path: Path, name: str = "db_30_1_text") -> Path:
    folder = tmp_path / name
    shutil.copytree(SAMPLE, folder)
    return folder


def zipped(folder: Path, target: Path, *, extra: dict[str, bytes] | None = None) -> Path:
    """The folder as O*NET publishes it: a zip with one db_XX_X_text/ folder inside."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, f"{folder.name}/{file.name}")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target
