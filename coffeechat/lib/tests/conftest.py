"""alice's world of canaries, built once per test module for the route-by-route tests.

test_isolation.py and test_csrf.py run one short request per route and method (two thousand
tests); building the world for each cost two thirds of their time. This is Django's
setUpTestData pattern: one transaction around the module, rolled back at its end, and each
test's own writes rolled back to a savepoint inside it, so every test still starts from the
same rows. In this folder `alice`, `mallory` and `world` are that module's copies.
"""

from coffeechat.lib.testing.world import alice, mallory, shared_world, world  # noqa: F401
