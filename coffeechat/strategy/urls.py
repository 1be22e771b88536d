app_name = "strategy"
urlpatterns: list = []  # the routes come with the first view
