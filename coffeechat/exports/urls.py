from django.urls import path

from coffeechat.exports import views

app_name = "exports"
urlpatterns = [
    # /settings/data/: the full account, in and out
    path("settings/data/", views.your_data, name="your-data"),
    path("settings/data/export/", views.start_export, name="start-export"),
    path("settings/data/exports/<int:export_id>/", views.export, name="export"),
    path("settings/data/exports/<int:export_id>/download/", views.download_export, name="download"),
    path("settings/data/import/", views.import_account, name="import"),
    path("settings/data/imports/<int:import_id>/", views.account_import, name="account-import"),
    path("settings/data/delete/", views.delete_account, name="delete-account"),
    # /export/: single files for spreadsheets, address books and calendars
    path("export/people.csv", views.people_csv, name="people-csv"),
    path("export/people.vcf", views.people_vcf, name="people-vcf"),
    path("export/meetings.ics", views.meetings_ics, name="meetings-ics"),
    # /people/<id>/: one person
    path("people/<int:person_id>/vcard/", views.person_vcf, name="person-vcf"),
    path("people/<int:person_id>/forget/", views.forget_person, name="forget-person"),
]
