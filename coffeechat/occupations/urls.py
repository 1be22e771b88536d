from django.urls import path, register_converter

from coffeechat.occupations import views


class OnetCode:
    regex = r"\d{2}-\d{4}\.\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(OnetCode, "onet")

app_name = "occupations"
urlpatterns = [
    # /occupations/?q=...: search by job title (?conversation=<id> to choose one for it)
    path("occupations/", views.search, name="search"),
    # /occupations/15-2051.00/: one occupation (shared O*NET data, the same for everyone)
    # /occupations/<code>/ is drawn with strategy's options: pages/urls.py
    # /conversations/<id>/occupation/...: the occupation a conversation is about
    path("conversations/<int:conversation_id>/occupation/", views.choose, name="choose"),
    path(
        "conversations/<int:conversation_id>/occupation/questions/",
        views.add_question,
        name="add-question",
    ),
]
