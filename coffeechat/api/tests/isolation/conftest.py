"""alice's world of canaries, shared by the module like coffeechat/lib/tests (see there)."""

from coffeechat.lib.tests.conftest import alice, mallory, shared_world, world  # noqa: F401
