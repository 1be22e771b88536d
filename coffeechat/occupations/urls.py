app_name = "occupations"
urlpatterns: list = []  # the routes come with the first view
