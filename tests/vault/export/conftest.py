from __future__ import annotations

import pytest

from tests.vault.export.builders import Practice, build_practice
from vault import Vault


@pytest.fixture
def practice(vault: Vault) -> Practice:
    return build_practice(vault)
