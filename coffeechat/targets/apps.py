from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "coffeechat.targets"
    label = "targets"
    verbose_name = "Target employers"

    def ready(self) -> None:
        from coffeechat.accounts import firstrun
        from coffeechat.targets.models import TARGET_LIST_SIZE, Target

        def progress(user) -> tuple[int, int]:
            return Target.objects.filter(owner=user).count(), TARGET_LIST_SIZE

        firstrun.register(
            firstrun.Step(
                key="targets",
                order=40,
                title="List 40 target employers",
                url_name="targets:targets",
                progress=progress,
                why="Choose whom to ask by where you'd like to work, then work the top five.",
            )
        )
