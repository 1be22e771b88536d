"""The one home of the helpers tests share: loopback servers, waiting, people and conversations,
the browser, the isolation world. Tests import from here, never from a conftest or another
test module; helpers that only one app's tests use stay in that app's tests/ package."""
