from wagtail import hooks

from jobseekers.viewsets import JobSeekersGroup


@hooks.register("register_admin_viewset")
def register_jobseeker_viewsets():
    return JobSeekersGroup()


@hooks.register("register_admin_urls")
def register_check_in_urls():
    from django.urls import path

    from jobseekers.checkins import views

    return [
        path("seekers/<int:seeker_id>/check-in/", views.check_in, name="jobseekers_checkin"),
        path("seekers/<int:seeker_id>/life/", views.timeline, name="jobseekers_checkin_timeline"),
        path("life-outcomes/", views.program_outcomes, name="jobseekers_life_outcomes"),
    ]


@hooks.register("register_admin_menu_item")
def life_outcomes_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from ips.roles import LEADERSHIP, has_role

    class LeadershipMenuItem(MenuItem):
        def is_shown(self, request):
            return has_role(request.user, LEADERSHIP)

    return LeadershipMenuItem(
        "Life outcomes", reverse("jobseekers_life_outcomes"), icon_name="date", order=950
    )
