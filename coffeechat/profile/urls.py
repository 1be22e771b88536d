from django.urls import path

from coffeechat.profile import views

app_name = "profile"
urlpatterns = [
    # /you/ and adding or editing a row there are drawn with the self-assessment: pages/urls.py
    # /you/found/...: what a LinkedIn export proposed
    path("you/found/accept/", views.accept_proposals, name="accept-proposals"),
    path("you/found/<int:proposal_id>/accept/", views.accept_proposal, name="accept-proposal"),
    path("you/found/<int:proposal_id>/ignore/", views.ignore_proposal, name="ignore-proposal"),
]
# /you/positions/, /you/positions/<id>/, .../move/, .../delete/ and the same for education
# and skills.
for kind, plural in (("position", "positions"), ("education", "education"), ("skill", "skills")):
    urlpatterns += [
        path(
            f"you/{plural}/<int:row_id>/move/", views.move_row, {"kind": kind}, name=f"move-{kind}"
        ),
        path(
            f"you/{plural}/<int:row_id>/delete/",
            views.delete_row,
            {"kind": kind},
            name=f"delete-{kind}",
        ),
    ]
