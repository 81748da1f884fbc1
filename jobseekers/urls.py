"""Workspace URLs of the job-seeker screens (mounted under /admin/jobseekers/)."""

from django.urls import path

from jobseekers import views

app_name = "jobseekers"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("refer/", views.refer, name="refer"),
    path("record/<int:pk>/", views.record, name="record"),
    path("record/<int:pk>/enter/", views.enter, name="enter"),
    path("record/<int:pk>/stage/", views.move_stage, name="stage"),
    path("record/<int:pk>/close/", views.close, name="close"),
    path("record/<int:pk>/profile/", views.edit_profile, name="profile"),
    path("record/<int:pk>/work-history/", views.add_work_history, name="work_history"),
    path("record/<int:pk>/assessment/", views.assess, name="assessment"),
    path("record/<int:pk>/goal/", views.add_goal, name="goal"),
    path("record/<int:pk>/intervention/", views.add_intervention, name="intervention"),
    path("record/<int:pk>/culture/", views.cultural_preferences, name="culture"),
    path("record/<int:pk>/family-consent/", views.family_consent, name="family_consent"),
    path("record/<int:pk>/coordination/", views.log_coordination, name="coordination"),
    path("record/<int:pk>/benefits/", views.benefits_estimate, name="benefits"),
    path("record/<int:pk>/counselling/", views.log_counselling, name="counselling"),
    path("record/<int:pk>/wage-report/", views.wage_report, name="wage_report"),
    path("record/<int:pk>/job/", views.start_job, name="job_start"),
    path(
        "record/<int:pk>/interest/<int:outcome_id>/",
        views.interest_handled,
        name="interest_handled",
    ),
    path(
        "record/<int:pk>/match/<int:opening_id>/unsuitable/",
        views.match_unsuitable,
        name="match_unsuitable",
    ),
    path("record/<int:pk>/match/<int:opening_id>/told/", views.match_told, name="match_told"),
    path("assessment/<int:pk>/", views.continue_assessment, name="assessment_continue"),
    path("consent/<int:pk>/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("goal/<int:pk>/status/", views.goal_status, name="goal_status"),
    path("step/<int:pk>/done/", views.step_done, name="step_done"),
    path("job/<int:pk>/end/", views.end_job, name="job_end"),
]
