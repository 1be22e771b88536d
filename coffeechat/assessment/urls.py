from django.urls import path

from coffeechat.assessment import views

app_name = "assessment"
urlpatterns = [
    # /you/assessment/: interests, values and talents (the /you/ page shows the same panel)
    path("you/assessment/", views.overview, name="overview"),
    # /you/assessment/interests/...: the inventory, its results
    path("you/assessment/interests/", views.interests, name="interests"),
    path("you/assessment/interests/discard/", views.discard, name="discard"),
    path("you/assessment/interests/<int:attempt_id>/", views.result, name="result"),
    # /you/assessment/values/...: choose and rank
    path("you/assessment/values/", views.values_page, name="values"),
    path("you/assessment/values/own/", views.add_own_value, name="add-own-value"),
    path("you/assessment/values/<int:value_id>/move/", views.move_value, name="move-value"),
    path("you/assessment/values/<int:value_id>/remove/", views.remove_value, name="remove-value"),
    # /you/assessment/talents/...
    path("you/assessment/talents/", views.talents, name="talents"),
    path("you/assessment/talents/<int:talent_id>/", views.talent, name="talent"),
    path("you/assessment/talents/<int:talent_id>/move/", views.move_talent, name="move-talent"),
    path(
        "you/assessment/talents/<int:talent_id>/delete/", views.delete_talent, name="delete-talent"
    ),
]
