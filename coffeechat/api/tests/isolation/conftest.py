"""alice's world of canaries, shared by the module as in coffeechat/lib/tests."""

from coffeechat.lib.testing.world import alice, mallory, shared_world, world  # noqa: F401
