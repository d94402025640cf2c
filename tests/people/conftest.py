# SPDX-License-Identifier: MPL-2.0
import pytest

from .register_data import register


@pytest.fixture
def synthetic_register(settings, tmp_path):
    """The configured register is the synthetic one, made from a small generated demo."""
    from forebyg.people.synthetic import write_register

    path = write_register(tmp_path / "people-register.json", register())
    settings.FOREBYG_PEOPLE_REGISTER = "synthetic"
    settings.FOREBYG_PEOPLE_SYNTHETIC_FILE = path
    return register()
