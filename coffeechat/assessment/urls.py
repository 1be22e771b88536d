app_name = "assessment"
urlpatterns: list = []  # the routes come with the first view
