from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "coffeechat.assessment"
    label = "assessment"
    verbose_name = "Self-assessment"

    def ready(self) -> None:
        from coffeechat.accounts import firstrun
        from coffeechat.assessment import queries

        # method.md RULE-A1: knowing your interests comes before choosing whom to ask.
        firstrun.register(
            firstrun.Step(
                key="interests",
                order=30,
                title="Know your interests: take the inventory",
                url_name="assessment:interests",
                progress=lambda user: (int(queries.has_completed_inventory(user)), 1),
                why="36 quick likes and dislikes give you three letters to start exploring from: "
                "a seed, not a verdict.",
            )
        )
