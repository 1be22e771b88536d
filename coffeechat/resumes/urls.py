app_name = "resumes"
urlpatterns: list = []  # the routes come with the first view
