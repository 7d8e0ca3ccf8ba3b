"""URLs of the meetings app (Danish paths)."""

from __future__ import annotations

from django.urls import path

from jobtal.web.meetings.views import outputs, public, secretariat

app_name = "meetings"

urlpatterns = [
    path("", public.meeting_list, name="meeting_list"),
    path("moeder/<int:pk>/", public.meeting_detail, name="meeting_detail"),
    path("moeder/<int:meeting_pk>/punkter/<int:pk>/", public.item_detail, name="item_detail"),
    path("moeder/<int:pk>/dagsorden.pdf", outputs.agenda_pdf, name="agenda_pdf"),
    path("moeder/<int:pk>/referat.pdf", outputs.minutes_pdf, name="minutes_pdf"),
    path(
        "moeder/<int:pk>/dagsorden-lukket.pdf",
        outputs.members_agenda_pdf,
        name="members_agenda_pdf",
    ),
    path(
        "moeder/<int:pk>/referat-lukket.pdf",
        outputs.members_minutes_pdf,
        name="members_minutes_pdf",
    ),
    path("bilag/<int:pk>/", outputs.attachment_file, name="attachment_file"),
    path("aarsplan/", public.annual_plan_page, name="annual_plan"),
    path("soeg/", public.search_page, name="search"),
    path("moeder.ics", outputs.ical_feed, name="ical"),
    path("rss/", outputs.rss_feed, name="rss"),
    path("sekretariat/", secretariat.dashboard, name="sec_dashboard"),
    path("sekretariat/moeder/nyt/", secretariat.meeting_create, name="sec_meeting_create"),
    path("sekretariat/moeder/<int:pk>/", secretariat.meeting_edit, name="sec_meeting"),
    path(
        "sekretariat/moeder/<int:pk>/offentliggoer/",
        secretariat.meeting_publish,
        name="sec_meeting_publish",
    ),
    path(
        "sekretariat/moeder/<int:pk>/godkend-referat/",
        secretariat.meeting_approve,
        name="sec_meeting_approve",
    ),
    path(
        "sekretariat/moeder/<int:pk>/aflys/", secretariat.meeting_cancel, name="sec_meeting_cancel"
    ),
    path(
        "sekretariat/moeder/<int:meeting_pk>/punkter/nyt/",
        secretariat.item_create,
        name="sec_item_create",
    ),
    path("sekretariat/punkter/<int:pk>/", secretariat.item_edit, name="sec_item"),
    path(
        "sekretariat/punkter/<int:pk>/beslutning/",
        secretariat.item_decision,
        name="sec_item_decision",
    ),
    path("sekretariat/punkter/<int:pk>/flyt/", secretariat.item_move, name="sec_item_move"),
    path("sekretariat/punkter/<int:pk>/slet/", secretariat.item_delete, name="sec_item_delete"),
    path(
        "sekretariat/punkter/<int:item_pk>/bilag/nyt/",
        secretariat.attachment_create,
        name="sec_attachment_create",
    ),
    path("sekretariat/bilag/<int:pk>/", secretariat.attachment_edit, name="sec_attachment"),
    path(
        "sekretariat/bilag/<int:pk>/slet/",
        secretariat.attachment_delete,
        name="sec_attachment_delete",
    ),
    path("sekretariat/aarsplan/", secretariat.plan_list, name="sec_plan"),
    path("sekretariat/aarsplan/nyt/", secretariat.plan_create, name="sec_plan_create"),
    path("sekretariat/aarsplan/<int:pk>/", secretariat.plan_edit, name="sec_plan_edit"),
    path("sekretariat/aarsplan/<int:pk>/slet/", secretariat.plan_delete, name="sec_plan_delete"),
]
