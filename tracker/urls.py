from django.urls import path

from tracker.views import (
    accounts,
    calendar,
    checkins,
    comedications,
    courses,
    dashboard,
    doses,
    tapers,
)

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("settings/", accounts.settings_view, name="settings"),
    path("courses/", courses.course_list, name="course_list"),
    path("courses/new/", courses.course_start, name="course_start"),
    path("courses/<int:pk>/", courses.course_detail, name="course_detail"),
    path("courses/<int:pk>/edit/", courses.course_edit, name="course_edit"),
    path("courses/<int:pk>/end/", courses.course_end, name="course_end"),
    path("courses/<int:course_pk>/doses/new/", doses.dose_create, name="dose_create"),
    path("courses/<int:pk>/taper/", tapers.taper_plan, name="taper_plan"),
    path("courses/<int:pk>/taper/delete/", tapers.taper_plan_delete, name="taper_plan_delete"),
    path("courses/<int:pk>/checkin/", checkins.checkin_create, name="checkin_create"),
    path("courses/<int:pk>/timeline/", checkins.course_timeline, name="course_timeline"),
    path("settings/calendar/new/", accounts.calendar_token_new, name="calendar_token_new"),
    path("settings/calendar/revoke/", accounts.calendar_token_revoke, name="calendar_token_revoke"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("doses/", doses.dose_history, name="dose_history"),
    path("doses/log/", doses.dose_quick_log, name="dose_quick_log"),
    path("doses/<int:pk>/edit/", doses.dose_edit, name="dose_edit"),
    path("doses/<int:pk>/delete/", doses.dose_delete, name="dose_delete"),
    path("comedications/", comedications.comedication_list, name="comedication_list"),
    path("comedications/add/", comedications.comedication_add, name="comedication_add"),
    path("comedications/<int:pk>/", comedications.comedication_edit, name="comedication_edit"),
    path("comedications/<int:pk>/stop/", comedications.comedication_stop, name="comedication_stop"),
    path(
        "comedications/<int:pk>/delete/",
        comedications.comedication_delete,
        name="comedication_delete",
    ),
]
