app_name = "insights"
urlpatterns: list = []  # the routes come with the first view
