from django.urls import path

from coffeechat.strategy import obstacle_views, option_views, views

app_name = "strategy"
urlpatterns = [
    # /strategy/: the document, its versions and exports
    path("strategy/", views.strategy, name="strategy"),
    path("strategy/versions/", views.versions, name="versions"),
    path("strategy/versions/<int:version_id>/", views.version, name="version"),
    path("strategy/versions/<int:version_id>/restore/", views.restore, name="restore"),
    path("strategy/versions/<int:version_id>/strategy.pdf", views.strategy_pdf, name="pdf"),
    path(
        "strategy/versions/<int:version_id>/strategy.md", views.strategy_markdown, name="markdown"
    ),
    # /strategy/evidence/ and tagging captured items
    path("strategy/evidence/", views.evidence_list, name="evidence-list"),
    path("strategy/evidence/<int:evidence_id>/", views.evidence, name="evidence"),
    path("captures/<int:capture_id>/tag/", views.tag_capture, name="tag-capture"),
    path("questions/<int:question_id>/tag/", views.tag_question, name="tag-question"),
    path("notes/<int:note_id>/tag/", views.tag_note, name="tag-note"),
    # /strategy/themes/
    path("strategy/themes/", views.theme_list, name="themes"),
    path("strategy/themes/<int:theme_id>/", views.theme, name="theme"),
    path("strategy/themes/<int:theme_id>/dismiss/", views.dismiss_theme, name="dismiss-theme"),
    path("strategy/themes/<int:theme_id>/merge/", views.merge_theme, name="merge-theme"),
    # /strategy/options/
    path("strategy/options/", option_views.options, name="options"),
    path("strategy/options/explore/", option_views.explore_occupation, name="explore-occupation"),
    path("strategy/options/<int:option_id>/", option_views.option, name="option"),
    path(
        "strategy/options/<int:option_id>/status/", option_views.option_status, name="option-status"
    ),
    path(
        "strategy/options/<int:option_id>/delete/", option_views.delete_option, name="delete-option"
    ),
    path(
        "strategy/options/<int:option_id>/employers/",
        option_views.option_employer,
        name="option-employer",
    ),
    path("strategy/options/<int:option_id>/synthesis/", option_views.synthesis, name="synthesis"),
    path(
        "strategy/options/<int:option_id>/occupation/",
        option_views.option_occupation,
        name="option-occupation",
    ),
    # /strategy/obstacles/ and their actions
    path("strategy/obstacles/", obstacle_views.obstacle_list, name="obstacles"),
    path("strategy/obstacles/<int:obstacle_id>/", obstacle_views.obstacle, name="obstacle"),
    path(
        "strategy/obstacles/<int:obstacle_id>/status/",
        obstacle_views.obstacle_status,
        name="obstacle-status",
    ),
    path(
        "strategy/obstacles/<int:obstacle_id>/delete/",
        obstacle_views.delete_obstacle,
        name="delete-obstacle",
    ),
    path(
        "strategy/obstacles/<int:obstacle_id>/actions/",
        obstacle_views.add_action,
        name="add-action",
    ),
    path(
        "strategy/obstacles/<int:obstacle_id>/advice/<int:capture_id>/",
        obstacle_views.link_advice,
        name="link-advice",
    ),
    path("strategy/actions/<int:action_id>/", obstacle_views.action, name="action"),
    path(
        "strategy/actions/<int:action_id>/delete/",
        obstacle_views.delete_action,
        name="delete-action",
    ),
    # /conversations/<id>/obstacles/: the brief's panel
    path(
        "conversations/<int:conversation_id>/obstacles/", obstacle_views.raise_new, name="raise-new"
    ),
    path(
        "conversations/<int:conversation_id>/obstacles/<int:obstacle_id>/raise/",
        obstacle_views.raise_here,
        name="raise-here",
    ),
    path(
        "conversations/<int:conversation_id>/obstacles/<int:obstacle_id>/ask/",
        obstacle_views.ask_about,
        name="ask-about",
    ),
]
