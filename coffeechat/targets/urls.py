app_name = "targets"
urlpatterns: list = []  # the routes come with the first view
